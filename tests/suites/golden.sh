#!/bin/sh
# Golden tests: an input tree and its expected output, compared with diff.
#  - tests/golden/mini/dump.json: what the loader understood of the mini
#    fixture (inheritance, numbering, references, derived 已截止 state).
#    Regenerate after an intended change with:
#    SOURCE_DATE_EPOCH=1596240000 ./qingdan dump --quiet --content tests/fixtures/mini > tests/golden/mini/dump.json
. tests/lib.sh
SOURCE_DATE_EPOCH=1596240000 qd dump --quiet --content tests/fixtures/mini >"$scratch/dump.json" 2>"$scratch/err"
if [ $? -ne 0 ]; then
	fail dump-mini "qingdan dump failed"
	cat "$scratch/err"
elif ! diff -u tests/golden/mini/dump.json "$scratch/dump.json"; then
	fail dump-mini "dump differs from tests/golden/mini/dump.json"
else
	ok dump-mini
fi
finish golden

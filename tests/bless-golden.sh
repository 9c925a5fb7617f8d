#!/bin/sh
# Regenerate the golden outputs after an intended change; review the diff
# (git diff tests/golden) before committing it.
set -eu
cd "$(dirname "$0")/.."
make -s qingdan
SOURCE_DATE_EPOCH=1596240000 ./qingdan dump --quiet --content tests/fixtures/mini >tests/golden/mini/dump.json
rm -rf tests/golden/mini-site
SOURCE_DATE_EPOCH=1767225600 ./qingdan build --quiet --content tests/fixtures/mini --output tests/golden/mini-site

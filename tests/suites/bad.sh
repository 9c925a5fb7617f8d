#!/bin/sh
# The bad-input suite: each tests/bad/<case>/ is the mini fixture with some
# files replaced (files/), removed (remove), or made by setup.sh; `expect`
# holds the exit status on its first line ("status N") and then exactly
# the diagnostics `qingdan check` must print, in order. `qingdan build`
# must agree with check on every case: the same status, the same
# diagnostics, and no output folder when the status is not 0.
. tests/lib.sh
fixture=tests/fixtures/mini
for dir in tests/bad/*/; do
	name=$(basename "$dir")
	work="$scratch/$name"
	mkdir -p "$work"
	cp -R "$fixture" "$work/content"
	[ -d "$dir/files" ] && cp -R "$dir/files/." "$work/content/"
	if [ -f "$dir/remove" ]; then
		while read -r f; do [ -n "$f" ] && rm -rf "$work/content/$f"; done <"$dir/remove"
	fi
	[ -f "$dir/setup.sh" ] && (cd "$work" && sh "$OLDPWD/$dir/setup.sh")
	want_status=$(head -n 1 "$dir/expect" | sed 's/^status //')
	tail -n +2 "$dir/expect" >"$work/want"
	# bounded: a case that hangs (a FIFO read as content) fails, never blocks
	(cd "$work" && SOURCE_DATE_EPOCH=1596240000 timeout 120 $QD_WRAP "$QD" check --quiet --content content) \
		>"$work/out" 2>"$work/err"
	status=$?
	grep -E ': (error|warning): ' "$work/err" >"$work/got"
	if [ "$status" != "$want_status" ]; then
		fail "$name" "exit status $status, want $want_status"
		cat "$work/err"
	elif ! diff -u "$work/want" "$work/got" >"$work/diff"; then
		fail "$name" "diagnostics differ"
		cat "$work/diff"
	else
		ok "$name"
	fi
	(cd "$work" && SOURCE_DATE_EPOCH=1596240000 timeout 120 $QD_WRAP "$QD" build --quiet --content content \
		--output site) >"$work/bout" 2>"$work/berr"
	bstatus=$?
	grep -E ': (error|warning): ' "$work/berr" >"$work/bgot"
	if [ "$bstatus" != "$status" ]; then
		fail "build-agrees $name" "build exit status $bstatus, check $status"
		head -5 "$work/berr"
	elif ! diff -u "$work/got" "$work/bgot" >"$work/bdiff"; then
		fail "build-agrees $name" "build's diagnostics differ from check's"
		head -20 "$work/bdiff"
	elif [ "$status" != 0 ] && [ -e "$work/site" ]; then
		fail "build-agrees $name" "an output folder was written after errors"
	else
		ok "build-agrees $name"
	fi
done
finish bad

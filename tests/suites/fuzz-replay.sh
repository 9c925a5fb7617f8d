#!/bin/sh
# fuzz-replay: every fuzz target (tests/fuzz/fuzz_*.c) over its saved
# corpus (tests/fuzz/corpus/<target>/) under the sanitizers; the content
# target also over every content file of the fixtures and the demo. A
# crash or a broken property aborts the target's run (counted as failed).
cd "$(dirname "$0")/../.." || exit 1
passed=0 failed=0
for src in tests/fuzz/fuzz_*.c; do
	t=${src#tests/fuzz/fuzz_}
	t=${t%.c}
	bin=build/san/fuzz-$t
	[ -n "${QD_WRAP:-}" ] && bin=build/rel/fuzz-$t
	extra=
	[ "$t" = content ] && extra=$(find tests/fixtures tests/bad content -type f \( -name '*.yaml' -o -name '*.md' \) | sort)
	[ "$t" = markdown ] && extra=$(find tests/fixtures content -type f -name '*.md' | sort)
	[ "$t" = sheet ] && extra=$(find tests/fixtures/import -type f \( -name '*.csv' -o -name '*.xls' -o -name '*.xlsx' \) | sort)
	out=$(${QD_WRAP:-} $bin $(find tests/fuzz/corpus/$t -type f | sort) $extra 2>&1)
	if printf '%s\n' "$out" | grep -q "^fuzz-replay: [0-9]* passed, 0 failed$"; then
		passed=$((passed + 1))
		echo "ok fuzz-replay-$t ($(printf '%s\n' "$out" | grep -o '[0-9]* passed' | head -1))"
	else
		failed=$((failed + 1))
		echo "FAIL fuzz-replay-$t"
		printf '%s\n' "$out" | tail -30
	fi
done
echo "fuzz-replay: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

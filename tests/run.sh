#!/bin/sh
# Run every test suite and print one closing line: "N passed, N failed".
# Suites use the sanitized binary (build/san/qingdan) unless --valgrind is
# given, in which case the release binary runs under valgrind.
set -u
cd "$(dirname "$0")/.."
export QD_BIN="${QD_BIN:-build/san/qingdan}"
if [ "${1:-}" = "--valgrind" ]; then
	export QD_BIN="./qingdan"
	export QD_WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite"
fi
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

tally() { # a suite's output ends with "<name>: N passed, N failed"
	line=$(grep -E '^[a-z-]+: [0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		echo "suite $1 did not report a result"
		failed=$((failed + 1))
		return
	fi
	p=$(echo "$line" | sed -E 's/.*: ([0-9]+) passed.*/\1/')
	f=$(echo "$line" | sed -E 's/.* ([0-9]+) failed$/\1/')
	passed=$((passed + p))
	failed=$((failed + f))
}

run_suite() {
	name=$1
	shift
	"$@" >"$log" 2>&1
	rc=$?
	cat "$log"
	tally "$name"
	if [ $rc -ne 0 ] && ! grep -qE ' [1-9][0-9]* failed$' "$log"; then
		echo "suite $name exited with status $rc"
		failed=$((failed + 1))
	fi
}

if [ -z "${QD_WRAP:-}" ]; then
	run_suite unit build/san/unit
else
	run_suite unit $QD_WRAP build/rel/unit
fi
for suite in tests/suites/*.sh; do
	run_suite "$(basename "$suite" .sh)" sh "$suite"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

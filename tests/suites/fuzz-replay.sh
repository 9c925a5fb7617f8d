#!/bin/sh
# Replay every content file of the fixtures and the bad-input suite, and the
# saved fuzz corpus, through the fuzz target under the sanitizers.
# (under valgrind, the plain build: valgrind and ASan do not mix)
bin=build/san/fuzz-replay
[ -n "${QD_WRAP:-}" ] && bin=build/rel/fuzz-replay
exec ${QD_WRAP:-} $bin $(find tests/fixtures tests/bad tests/fuzz/corpus content -type f \( -name '*.yaml' -o -name '*.md' -o -path '*corpus*' \) | sort)

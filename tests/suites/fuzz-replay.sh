#!/bin/sh
# Replay every content file of the fixtures and the bad-input suite, and the
# saved fuzz corpus, through the fuzz target under the sanitizers.
exec ${QD_WRAP:-} build/san/fuzz-replay $(find tests/fixtures tests/bad tests/fuzz/corpus content -type f \( -name '*.yaml' -o -name '*.md' -o -path '*corpus*' \) | sort)

#!/bin/sh
# Regenerate tests/bad/<case>/expect from what qingdan prints now.
# Only for new cases: read every changed expect file before committing it.
set -eu
cd "$(dirname "$0")/.."
for dir in tests/bad/${1:-*}/; do
	name=$(basename "$dir")
	work=$(mktemp -d)
	cp -R tests/fixtures/mini "$work/content"
	[ -d "$dir/files" ] && cp -R "$dir/files/." "$work/content/"
	if [ -f "$dir/remove" ]; then
		while read -r f; do [ -n "$f" ] && rm -rf "$work/content/$f"; done <"$dir/remove"
	fi
	[ -f "$dir/setup.sh" ] && (cd "$work" && sh "$OLDPWD/$dir/setup.sh")
	set +e
	(cd "$work" && SOURCE_DATE_EPOCH=1596240000 "$OLDPWD/build/san/qingdan" check --quiet --content content) >/dev/null 2>"$work/err"
	status=$?
	set -e
	{ echo "status $status"; grep -E ': (error|warning): ' "$work/err" || true; } >"$dir/expect"
	rm -rf "$work"
done

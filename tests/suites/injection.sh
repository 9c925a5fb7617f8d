#!/bin/sh
# injection: a site whose every text field of every record type carries
# hostile strings (tests/injection/gen.py: script tags, attribute breaks,
# script addresses and their disguises, CDATA ends, Mustache tags,
# spreadsheet formulas, an iCalendar event in a line break, U+2028, bidi
# overrides) builds, and every output is inert: HTML text and attributes,
# URLs, JSON-LD, JSON, Atom, the sitemap, iCalendar (one VEVENT per event),
# CSV and XLSX (no formula), the search index and its page
# (tests/injection/check.py, which first proves it catches a tampered
# copy); then in headless Chromium, on every index page and every fifth
# record's page, every element is hovered and clicked and every control
# focused, and the search page is given every string, and no dialog opens
# (tests/browser/injection.mjs).
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/jihui/"

python3 tests/injection/gen.py "$scratch/hostile"
expect_status injection-builds 0 qd build --quiet --content "$scratch/hostile/content" --output "$scratch/root/jihui" \
	--base-url "$base"
expect_status injection-demo-builds 0 qd build --quiet --content content --output "$scratch/demo" --base-url "$base"

# the checker catches what it looks for: a copy with one fault of each kind
cp -R "$scratch/root/jihui" "$scratch/tampered"
(
	cd "$scratch/tampered" || exit 1
	sed -i 's|<main|<img src=x onerror=alert(1)><main|' cases/k1.html
	sed -i '0,/<\/h1>/s|</h1>|</h1><a href="  JaVa\tscript:alert(2)">x</a>|' orgs/o1.html
	printf '=1+1,x\r\n' >>data/needs.csv
	sed -i 's|END:VCALENDAR|BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR|' calendar/all.ics
	sed -i 's|</feed>|<x/></feed>|' feeds/site.xml
)
/usr/bin/python3 tests/injection/check.py "$scratch/tampered" "$scratch/demo" "$scratch/hostile/expect.json" "$base" \
	>"$scratch/tamper" 2>&1
for what in "html-inert cases/k1.html" "html-inert orgs/o1.html" "csv data/needs.csv" "ics calendar/all.ics" \
	"xml feeds/site.xml"; do
	grep -q "^FAIL $what" "$scratch/tamper" && ok "checker-catches $what" || fail "checker-catches $what" "not reported"
done

/usr/bin/python3 tests/injection/check.py "$scratch/root/jihui" "$scratch/demo" "$scratch/hostile/expect.json" "$base" \
	>"$scratch/static" 2>&1
grep -v '^ok ' "$scratch/static" | head -40
line=$(tail -n 1 "$scratch/static")
p=$(echo "$line" | sed -nE 's/^injection-static: ([0-9]+) passed, ([0-9]+) failed$/\1/p')
f=$(echo "$line" | sed -nE 's/^injection-static: ([0-9]+) passed, ([0-9]+) failed$/\2/p')
if [ -n "$p" ] && [ "$f" = 0 ] && [ "$p" -gt 200 ]; then ok injection-static; else fail injection-static "$line"; fi

# in a browser: every index page, and the pages of every fifth record of
# each kind (record i carries string (i + k) mod 20 in its k-th field, so
# these show every string, in different fields; check.py above has read
# every page)
serve_dir "$scratch/root" "$port" "$base"
(cd "$scratch/root/jihui" && find . -name '*.html' ! -path './posters/*' | sed 's|^\./||; s|index\.html$||' | sort) |
	python3 -c '
import re, sys
for l in sys.stdin:
    m = re.match(r"(lists/l\d+/|events/e|orgs/o|cases/k|pages/p)(\d+)\.html$", l.strip())
    if not m or int(m.group(2)) % 5 == (1 if m.group(1).startswith("lists") else 0):
        print(l.strip())' >"$scratch/pages"
echo "posters/lists/l0.html" >>"$scratch/pages"
node tests/browser/injection.mjs "$base" "$scratch/pages" "$scratch/hostile/expect.json" >"$scratch/br" 2>&1
tail -n 12 "$scratch/br"
grep -q 'injection-browser: [0-9]* passed, 0 failed$' "$scratch/br" && ok injection-browser \
	|| fail injection-browser "$(tail -n 1 "$scratch/br")"

finish injection

#!/bin/sh
# The rendered site: a golden output tree, every record's page and every
# index's exact contents on the demo site, matching (recomputed, and known
# answers on a fixture), the statistics recounted from the content files,
# every row, card and record page
# showing its own record's values (demo and rows fixture), the Nu HTML
# Checker, linkchecker over a local server, browser checks (360 px, no
# JavaScript, no foreign hosts, axe-core WCAG 2.1 AA), the follow-and-reuse
# files (feeds, calendars, open data, JSON-LD, QR codes: check_follow.py),
# and the home page's weight. The demo is built under a sub-path (/jihui/) so that base-path
# handling is checked everywhere.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600 # 2026-01-01: some demo deadlines past, some not

# 1. golden: the mini fixture's whole output tree
qd build --quiet --content tests/fixtures/mini --output "$scratch/mini" 2>"$scratch/err"
if [ $? -ne 0 ]; then
	fail golden-build "$(cat "$scratch/err")"
elif diff -ru tests/golden/mini-site "$scratch/mini" >"$scratch/diff"; then
	ok golden-site
else
	fail golden-site "output differs from tests/golden/mini-site (see diff below)"
	head -60 "$scratch/diff"
fi

# 2. the demo site, under a sub-path, served locally
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port/jihui/"
mkdir -p "$scratch/root"
qd build --quiet --content content --output "$scratch/root/jihui" --base-url "$base" 2>"$scratch/err" \
	&& ok demo-build || { fail demo-build "$(cat "$scratch/err")"; finish site; exit 1; }
qd dump --quiet --content content --base-url "$base" >"$scratch/dump.json"
python3 tests/site/check_records.py "$scratch/dump.json" "$scratch/root/jihui" >"$scratch/rec" 2>&1
tail -n +1 "$scratch/rec" | grep -v ' passed, ' || true
grep -q ' 0 failed$' "$scratch/rec" && ok records || fail records "$(tail -n 1 "$scratch/rec")"

# the statistics (/stats/, every district, street and category page)
# against a recount made from the content files themselves
stats() { # NAME CONTENT SITE
	python3 tests/site/check_stats.py "$2" "$3" >"$scratch/stats" 2>&1
	grep -v ' passed, ' "$scratch/stats" || true
	tail -n 1 "$scratch/stats"
	grep -q ' 0 failed$' "$scratch/stats" && ok "$1" || fail "$1" "$(tail -n 1 "$scratch/stats")"
}
stats stats-demo content "$scratch/root/jihui"

# every row, card and record page shows its own record's values (nothing
# leaked from an enclosing group or list): on the demo, and on the rows
# fixture, made for it (groups with and without budgets, every status...)
rows() { # NAME DUMP SITE
	python3 tests/site/check_rows.py "$2" "$3" >"$scratch/rows" 2>&1
	grep -v ' passed, ' "$scratch/rows" || true
	grep -q ' 0 failed$' "$scratch/rows" && ok "$1" || fail "$1" "$(tail -n 1 "$scratch/rows")"
}
rows rows-demo "$scratch/dump.json" "$scratch/root/jihui"
if qd build --quiet --content tests/fixtures/rows --output "$scratch/rows-site" 2>"$scratch/err" &&
	qd dump --quiet --content tests/fixtures/rows >"$scratch/rows.json" 2>"$scratch/err"; then
	rows rows-fixture "$scratch/rows.json" "$scratch/rows-site"
	# and every index's contents and counts (claims both ways, open first)
	python3 tests/site/check_records.py "$scratch/rows.json" "$scratch/rows-site" >"$scratch/rec2" 2>&1
	grep -v ' passed, ' "$scratch/rec2" || true
	grep -q ' 0 failed$' "$scratch/rec2" && ok records-fixture || fail records-fixture "$(tail -n 1 "$scratch/rec2")"
	stats stats-fixture tests/fixtures/rows "$scratch/rows-site"
else
	fail rows-fixture "$(cat "$scratch/err")"
fi

# matching (docs/content.md): the rules recomputed independently over the
# demo and the match fixture, and the fixture's answers written by hand
matches() { # NAME DUMP SITE [EXPECT]
	python3 tests/site/check_match.py "$2" "$3" $4 >"$scratch/match" 2>&1
	grep -v ' passed, ' "$scratch/match" || true
	grep -q ' 0 failed$' "$scratch/match" && ok "$1" || fail "$1" "$(tail -n 1 "$scratch/match")"
}
matches match-demo "$scratch/dump.json" "$scratch/root/jihui"
if qd build --quiet --content tests/fixtures/match --output "$scratch/match-site" 2>"$scratch/err" &&
	qd dump --quiet --content tests/fixtures/match >"$scratch/match.json" 2>"$scratch/err"; then
	matches match-fixture "$scratch/match.json" "$scratch/match-site" tests/fixtures/match/expect.json
else
	fail match-fixture "$(cat "$scratch/err")"
fi

# two builds are byte-identical
qd build --quiet --content content --output "$scratch/again" --base-url "$base" 2>/dev/null
diff -r "$scratch/root/jihui" "$scratch/again" >"$scratch/rdiff" 2>&1 && ok demo-reproducible \
	|| { fail demo-reproducible "two builds differ:"; diff -rq "$scratch/root/jihui" "$scratch/again" | head -5; head -c 2000 "$scratch/rdiff"; }

# every <img> has width and height (from the image file), and the
# favicon is at the site's root
imgs=$(grep -rhoE '<img [^>]*>' "$scratch/root/jihui" | sort -u)
nosize=$(printf '%s\n' "$imgs" | grep -v '^$' | grep -vE ' width="[0-9]+" height="[0-9]+"' || true)
if [ -z "$imgs" ]; then
	fail img-sizes "the demo has no <img>"
elif [ -n "$nosize" ]; then
	fail img-sizes "$nosize"
else
	ok img-sizes
fi
[ -s "$scratch/root/jihui/favicon.ico" ] && grep -q '<link rel="icon" href="/jihui/favicon.ico">' "$scratch/root/jihui/index.html" &&
	ok favicon || fail favicon "no favicon.ico at the root, or no link to it"

# follow and reuse: feeds, calendars, open data (CSV, Excel, JSON), JSON-LD
# and QR codes, read back by real parsers (xml.etree, icalendar, csv,
# openpyxl, zbarimg) and checked against the dump; with Debian's python
# (python3-icalendar, python3-openpyxl), not whatever python3 is first on PATH
/usr/bin/python3 tests/site/check_follow.py "$scratch/dump.json" "$scratch/root/jihui" "$base" >"$scratch/follow" 2>&1
grep -v ' passed, ' "$scratch/follow" | head -40 || true
tail -n 1 "$scratch/follow"
grep -q ' 0 failed$' "$scratch/follow" && ok follow || fail follow "$(tail -n 1 "$scratch/follow")"

# 3. valid HTML (Nu HTML Checker), at the root and under the sub-path
vnu="java -jar node_modules/vnu-jar/build/dist/vnu.jar"
qd build --quiet --content content --output "$scratch/rootsite" --base-url "https://example.org/" 2>/dev/null
for dir in "$scratch/root/jihui" "$scratch/rootsite"; do
	if $vnu --errors-only --skip-non-html "$dir" >"$scratch/vnu" 2>&1; then
		ok "vnu $(basename "$dir")"
	else
		fail "vnu $(basename "$dir")" "$(grep -c 'error' "$scratch/vnu") errors"
		head -20 "$scratch/vnu"
	fi
done

# 4. no broken links, over HTTP (and no page links outside the sub-path)
serve_dir "$scratch/root" "$port" "$base"
if linkchecker -f tests/site/linkcheckerrc --no-status --no-warnings -o text "$base" >"$scratch/lc" 2>&1; then
	ok linkchecker
else
	fail linkchecker "broken links or linkchecker failed"
	grep -E -A8 '^URL|linkchecker: error' "$scratch/lc" | head -40
fi
grep -E '^That.s it' "$scratch/lc" || true

# 5. in a browser: one page of every kind
cat >"$scratch/pages" <<PAGES
./
lists/
lists/2020-bailianchi-needs/
lists/2020-bailianchi-needs/1.html
lists/2025-chenghua-supply/1.html
needs/
needs/page/all.html
supply/
status/
status/open/
districts/
districts/chenghua/
streets/bailianchi/
streets/bailianchi/bailian.html
streets/bailianchi/open/
categories/
categories/party-building/
stats/
events/
events/2020-bailianchi-forum.html
events/2024-tianma-eco-study.html
cases/
cases/bailian-hardware-space-ops.html
orgs/
orgs/demo-service-centre.html
pages/about.html
pages/how-to-claim.html
feeds/
data/
posters/lists/2020-bailianchi-needs.html
posters/events/2025-chenghua-partners-fair.html
404.html
search/
search/?q=%E7%A4%BE%E5%8C%BA
needs/?status=open
streets/bailianchi/?status=open
PAGES
# every open need and offer: its deadline and call button on the first screen
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
for l in d["lists"]:
    for it in l["items"]:
        if l["kind"] != "pain-points" and it["status"] == "open" and not it["expired"]:
            print("lists/%s/%s.html" % (l["id"], it["no"]))
' "$scratch/dump.json" >"$scratch/open-items"
OPEN_ITEMS="$scratch/open-items" node tests/browser/check.mjs "$base" "$scratch/pages" "${SHOTS:-}" >"$scratch/br" 2>&1
cat "$scratch/br"
grep -q ' 0 failed$' "$scratch/br" && ok browser || fail browser "$(tail -n 1 "$scratch/br")"

# 5b. search: every query's results against a recount from the dump
python3 tests/site/search_texts.py "$scratch/dump.json" >"$scratch/texts.json"
node tests/browser/search.mjs "$base" "$scratch/texts.json" >"$scratch/search" 2>&1
tail -n 3 "$scratch/search"
grep -q ' 0 failed$' "$scratch/search" && ok search || fail search "$(tail -n 1 "$scratch/search")"

# 5c. filters: every option's count against a recount from the dump
node tests/browser/filters.mjs "$base" "$scratch/dump.json" >"$scratch/filters" 2>&1
tail -n 12 "$scratch/filters"
grep -q ' 0 failed$' "$scratch/filters" && ok filters || fail filters "$(tail -n 1 "$scratch/filters")"

# 6. the home page and its CSS weigh under 60 KB
css=$(ls "$scratch/root/jihui/assets/"style.*.css)
weight=$(cat "$scratch/root/jihui/index.html" "$css" | wc -c)
[ "$weight" -lt 61440 ] && ok home-weight || fail home-weight "$weight bytes"
echo "home page + CSS: $weight bytes"
finish site

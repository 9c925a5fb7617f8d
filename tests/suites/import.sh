#!/bin/sh
# qingdan import: the same 76-row needs list as .xlsx, .xls and a GBK CSV
# (tests/fixtures/import, made by make.py there) becomes the same list file
# (expect.yaml), which builds, and whose every item, budget and date
# equals the spreadsheet's (recounted with openpyxl); bad cells are each
# reported at their row and column (bad.expect) and nothing is written;
# an existing list is replaced only with --force, and kept as .bak.
. tests/lib.sh
export SOURCE_DATE_EPOCH=1767225600 # 2026-01-01
fx=tests/fixtures/import

c="$scratch/content"
cp -R content "$c"
for f in needs-76.xlsx needs-76.xls needs-76-gbk.csv; do
	rm -f "$c/lists/2026-bailianchi-import.yaml"
	expect_status "import $f" 0 qd import "$fx/$f" --list 2026-bailianchi-import --street bailianchi \
		--published 2026-06-01 --content "$c"
	cp "$scratch/err" "$scratch/notes-$f"
	# the file, but for its first line (which names the file it came from)
	tail -n +2 "$c/lists/2026-bailianchi-import.yaml" >"$scratch/got.yaml"
	diff -u "$fx/expect.yaml" "$scratch/got.yaml" >"$scratch/diff" && ok "import-same $f" \
		|| { fail "import-same $f" "differs from $fx/expect.yaml"; head -20 "$scratch/diff"; }
	grep -q 'a total row (合计), not an item: left out' "$scratch/notes-$f" && ok "import-total $f" \
		|| fail "import-total $f" "the total row not noted"
	grep -q "76 items" "$scratch/out" && ok "import-count $f" || fail "import-count $f" "$(cat "$scratch/out")"
done
grep -q 'read as GBK (GB18030), converted to UTF-8' "$scratch/notes-needs-76-gbk.csv" && ok import-gbk-noted \
	|| fail import-gbk-noted "the conversion is not reported"
grep -q ":5:E (预算（万元）): note: '3.1万元' read as 3.1 (万元)" "$scratch/notes-needs-76.xlsx" && ok import-money-noted \
	|| fail import-money-noted "$(grep 万元 "$scratch/notes-needs-76.xlsx" | head -2)"
grep -q ":2:H (审核意见): note: column '审核意见' is not a field" "$scratch/notes-needs-76.xlsx" && ok import-unknown-noted \
	|| fail import-unknown-noted "unknown column not listed"

# it builds, and every item is the spreadsheet's (recounted from the .xlsx)
expect_status import-builds 0 qd build --quiet --content "$c" --output "$scratch/site"
[ -f "$scratch/site/lists/2026-bailianchi-import/76.html" ] && ok import-pages || fail import-pages "no page of item 76"
qd dump --quiet --content "$c" >"$scratch/dump.json" 2>/dev/null
/usr/bin/python3 - "$fx/needs-76.xlsx" "$scratch/dump.json" >"$scratch/recount" 2>&1 <<'PY'
import datetime, json, re, sys
import openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
lst = next(l for l in json.load(open(sys.argv[2]))["lists"] if l["id"] == "2026-bailianchi-import")
items = {it["no"]: it for it in lst["items"]}
bad = []
rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if r and isinstance(r[0], int)]
def money(v):
    if isinstance(v, (int, float)):
        return float(v)
    m = re.fullmatch(r"([0-9.]+)万元", v)
    return float(m.group(1)) if m else float(v[:-1]) / 10000
def day(v):
    if isinstance(v, datetime.datetime):
        return v.date().isoformat()
    m = re.fullmatch(r"(\d+)[/年](\d+)[/月](\d+)日?", v)
    return "%04d-%02d-%02d" % tuple(int(x) for x in m.groups())
for r in rows:
    it = items.get(r[0])
    if not it:
        bad.append(f"row {r[0]} missing"); continue
    for what, got, want in (("title", it["title"], r[1]), ("budget", it["budget"], round(money(r[4]), 4)),
                            ("deadline", it["deadline"], day(r[10])), ("category", it["category"] and True, True)):
        if got != want:
            bad.append(f"item {r[0]} {what}: {got!r}, want {want!r}")
if len(rows) != 76 or len(items) != 76:
    bad.append(f"{len(rows)} rows, {len(items)} items")
total = round(sum(money(r[4]) for r in rows), 4)
if abs(lst["budget_sum"] - total) > 1e-6:
    bad.append(f"budget sum {lst['budget_sum']}, the sheet's {total}")
print("\n".join(bad) or "ok")
PY
[ "$(cat "$scratch/recount")" = ok ] && ok import-recount || fail import-recount "$(head -5 "$scratch/recount")"

# an existing list: refused, then replaced with --force and kept as .bak
expect_status import-exists 1 qd import "$fx/needs-76.xlsx" --list 2026-bailianchi-import --street bailianchi --content "$c"
grep -q 'the list exists; give --force' "$scratch/err" && ok import-exists-says || fail import-exists-says "$(cat "$scratch/err")"
cp "$c/lists/2026-bailianchi-import.yaml" "$scratch/before.yaml"
expect_status import-force 0 qd import "$fx/needs-76.xlsx" --list 2026-bailianchi-import --street bailianchi \
	--published 2026-06-01 --unknown-as-notes --force --content "$c"
cmp -s "$scratch/before.yaml" "$c/lists/2026-bailianchi-import.yaml.bak" && ok import-bak || fail import-bak "no .bak of the old file"
grep -q '审核意见：同意' "$c/lists/2026-bailianchi-import.yaml" && ok import-unknown-as-notes \
	|| fail import-unknown-as-notes "the unknown column is not in the notes"
# the .bak beside it does not stop a build, nor is it warned about
expect_status import-bak-builds 0 qd build --quiet --content "$c" --output "$scratch/site2"
grep -q '2026-bailianchi-import.yaml.bak' "$scratch/err" && fail import-bak-quiet "$(cat "$scratch/err")" || ok import-bak-quiet

# bad cells: each at its row and column, all at once; nothing written
expect_status import-bad 1 qd import "$fx/bad.xlsx" --list 2026-bad --street bailianchi --published 2026-06-01 --content "$c"
sed "s|$c|CONTENT|g" "$scratch/err" >"$scratch/bad.err"
diff -u "$fx/bad.expect" "$scratch/bad.err" >"$scratch/diff" && ok import-bad-messages \
	|| { fail import-bad-messages "differs from $fx/bad.expect"; cat "$scratch/diff"; }
[ ! -e "$c/lists/2026-bad.yaml" ] && ok import-bad-writes-nothing || fail import-bad-writes-nothing "written"

# usage
expect_status import-bad-id 1 qd import "$fx/needs-76.xlsx" --list Bad_Id --street bailianchi --content "$c"
grep -q "file name 'Bad_Id' is not a valid id" "$scratch/err" && ok import-bad-id-says || fail import-bad-id-says "$(cat "$scratch/err")"
expect_status import-no-place 2 qd import "$fx/needs-76.xlsx" --list 2026-x --content "$c"
expect_status import-no-sheet 1 qd import "$fx/needs-76.xlsx" --list 2026-x --street bailianchi --sheet 没有 --content "$c"
expect_status import-not-a-sheet 1 qd import content/site.yaml --list 2026-x --street bailianchi --content "$c"

# a hostile sheet (a cell at XFD1048576): refused, in bounded time and memory
/usr/bin/python3 -c "
import openpyxl, sys
wb = openpyxl.Workbook(); ws = wb.active
ws['A1'] = '序号'; ws['B1'] = '项目名称'; ws['XFD1048576'] = 'x'
wb.save(sys.argv[1])" "$scratch/huge.xlsx"
expect_status import-huge-sheet 1 qd import "$scratch/huge.xlsx" --list 2026-x --street bailianchi --content "$c"
grep -q 'the sheet goes past row' "$scratch/err" && ok import-huge-says || fail import-huge-says "$(cat "$scratch/err")"

# a damaged .xls on which libfreexl 1.0.6 writes past a stack buffer
# (found by the sheet fuzz target): read in a child process, refused with
# a message, nothing written; the good .xls still reads (above)
tail -c +2 tests/fuzz/corpus/sheet/xls-freexl-overflow >"$scratch/damaged.xls"
expect_status import-damaged-xls 1 qd import "$scratch/damaged.xls" --list 2026-x --street bailianchi --content "$c"
grep -q "damaged.xls: error: .*save it as .xlsx" "$scratch/err" && ok import-damaged-xls-says \
	|| fail import-damaged-xls-says "$(tail -3 "$scratch/err")"
[ ! -e "$c/lists/2026-x.yaml" ] && ok import-damaged-xls-nothing || fail import-damaged-xls-nothing "a list was written"

finish import

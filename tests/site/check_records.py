#!/usr/bin/env python3
"""Check a built site against what qingdan loaded (qingdan dump JSON):
every record has its page, and every index lists exactly the right items
(across all its pages). Prints "records: N passed, N failed".

usage: check_records.py DUMP.json SITE_DIR
"""
import datetime
import json
import os
import re
import sys
from urllib.parse import urlparse

dump = json.load(open(sys.argv[1]))
site = sys.argv[2]
base = dump["base_path"]
passed = failed = 0


def fail(what, why):
    global failed
    failed += 1
    print(f"FAIL {what}: {why}")


def page_file(url_path):
    assert url_path.startswith(base), url_path
    rel = url_path[len(base):]
    # an index is a folder (its index.html); a record's page is a file
    return os.path.join(site, rel, "index.html") if rel == "" or rel.endswith("/") else os.path.join(site, rel)


def exists(what, url_path):
    global passed
    if os.path.isfile(page_file(url_path)):
        passed += 1
    else:
        fail(what, f"no page at {url_path}")


HREF = re.compile(r'href="([^"]+)"')


def links_of_index(url_path):
    """Item links on an index and all its further pages (page/N.html)."""
    found, n = set(), 1
    while True:
        # further pages: in the index's folder, or in a folder named like
        # an index that is a file (a community)
        folder = url_path[:-len(".html")] + "/" if url_path.endswith(".html") else url_path
        p = url_path if n == 1 else f"{folder}page/{n}.html"
        f = page_file(p)
        if not os.path.isfile(f):
            break
        html = open(f, encoding="utf-8").read()
        main = html[html.index("<main"):html.index("</main>")]
        for h in HREF.findall(main):
            h = urlparse(h).path
            if re.fullmatch(re.escape(base) + r"lists/[a-z0-9-]+/[0-9]+\.html", h):
                found.add(h)
        n += 1
    return found


def same(what, url_path, want):
    global passed
    got = links_of_index(url_path)
    if got == want:
        passed += 1
    else:
        fail(what, f"{len(got - want)} extra, {len(want - got)} missing, e.g. "
             f"{sorted(got - want)[:2]} {sorted(want - got)[:2]}")


items = []
for l in dump["lists"]:
    exists(f"list {l['id']}", f"{base}lists/{l['id']}/")
    for it in l["items"]:
        it = dict(it, list=l["id"], kind=l["kind"], url=f"{base}lists/{l['id']}/{it['no']}.html")
        items.append(it)
        exists(f"item {l['id']}/{it['no']}", it["url"])

needs = [i for i in items if i["kind"] == "needs"]
supply = [i for i in items if i["kind"] == "supply"]
urls = lambda sel: {i["url"] for i in sel}

same("needs index", f"{base}needs/", urls(needs))
same("supply index", f"{base}supply/", urls(supply))
for st in ["open", "negotiating", "claimed", "in-progress", "completed", "closed", "expired"]:
    shown = lambda i: "expired" if i["expired"] else i["status"]
    exists(f"status {st}", f"{base}status/{st}/")
    # needs and offers (项目双向认领: an offer has the same statuses)
    same(f"status {st}", f"{base}status/{st}/", urls(i for i in needs + supply if shown(i) == st))

for d in dump["districts"]:
    exists(f"district {d['id']}", f"{base}districts/{d['id']}/")
    same(f"district {d['id']} needs", f"{base}districts/{d['id']}/",
         urls(i for i in needs if i["district"] == d["id"]))
    for s in d["streets"]:
        exists(f"street {s['id']}", f"{base}streets/{s['id']}/")
        want = urls(i for i in needs if i["street"] == s["id"])
        # the street page also lists its pain points and the offers it
        # claimed (first page)
        want |= urls(i for i in items if i["kind"] == "pain-points" and i["street"] == s["id"])
        want |= urls(i for i in supply if s["id"] in i["claimed_by"])
        same(f"street {s['id']}", f"{base}streets/{s['id']}/", want)
        for c in s["communities"]:
            exists(f"community {s['id']}/{c['id']}", f"{base}streets/{s['id']}/{c['id']}.html")
            want = urls(i for i in items if i["kind"] in ("needs", "pain-points")
                        and i["street"] == s["id"] and i["community"] == c["id"])
            want |= urls(i for i in supply if f"{s['id']}/{c['id']}" in i["claimed_by"])
            same(f"community {s['id']}/{c['id']}", f"{base}streets/{s['id']}/{c['id']}.html", want)

groups = {c["id"]: c["group"] for c in dump["categories"]}
for c in dump["categories"]:
    exists(f"category {c['id']}", f"{base}categories/{c['id']}/")
    same(f"category {c['id']}", f"{base}categories/{c['id']}/",
         urls(i for i in items if i["category"] == c["id"] or groups.get(i["category"]) == c["id"]))

# ---- open needs first: each place's page opens with its count of open
# needs (recounted here from the dump), and its tiles show open/all ----

def is_open(i):
    return i["kind"] == "needs" and i["status"] == "open" and not i["expired"]


def count_text(what, url_path, want):
    global passed
    html = open(page_file(url_path), encoding="utf-8").read()
    m = re.search(r'<p class="lead open-first">(.*?)</p>', html)
    got = re.sub(r"<[^>]+>", "", m.group(1)) if m else None
    if got == want:
        passed += 1
    else:
        fail(what, f"shows {got!r}, want {want!r}")


def days_to(iso):
    return (datetime.date.fromisoformat(iso) - datetime.date.fromisoformat(dump["today"])).days


def lead(sel):
    """The place's first line: its open needs, the nearest deadline among
    them (open needs with a deadline come before those without), and all
    its needs."""
    opened = [i for i in sel if is_open(i)]
    n_open, n = len(opened), len(sel)
    text = f"{n_open} 项需求待认领" if n_open else "暂无待认领的需求"
    dated = sorted(i["deadline"] for i in opened if i["deadline"])
    if dated:
        d = days_to(dated[0])
        text += "，最近的今天截止" if d == 0 else f"，最近的还剩 {d} 天截止"
    return text + f"，共 {n} 项需求"


def open_section(what, url_path, sel):
    """The open needs right after the lead: soonest deadline first, at
    most a page of them, all of them open needs of the place."""
    global passed
    html = open(page_file(url_path), encoding="utf-8").read()
    m = re.search(r'<section class="open-needs">(.*?)</section>', html, re.S)
    opened = [i for i in sel if is_open(i)]
    if not opened:
        if m:
            fail(what, "an open-needs section on a place with none open")
        else:
            passed += 1
        return
    if not m:
        fail(what, "no open-needs section")
        return
    got = re.findall(r'<th scope="row"><a href="([^"]*)">', m.group(1))
    by_url = {i["url"]: i for i in opened}
    per_page = dump.get("per_page") or 20
    keys = [(by_url[u]["deadline"] is None, by_url[u]["deadline"] or "") for u in got if u in by_url]
    if len(got) != min(len(opened), per_page) or len(keys) != len(got) or keys != sorted(keys):
        fail(what, f"shows {len(got)} rows ({len(keys)} open), want the {min(len(opened), per_page)} soonest")
    elif len(opened) <= per_page and set(got) != set(by_url):
        fail(what, "not the place's open needs")
    else:
        passed += 1


def tile(what, url_path, link, sel):
    global passed
    html = open(page_file(url_path), encoding="utf-8").read()
    m = re.search(r'<a href="' + re.escape(link) + r'">[^<]*(?:</a>)?\s*<span class="count">([^<]*)</span>', html)
    want = f"{sum(1 for i in sel if is_open(i))} 项待认领 · {len(sel)} 项需求"
    if m and m.group(1) == want:
        passed += 1
    else:
        fail(what, f"tile shows {m and m.group(1)!r}, want {want!r}")


for d in dump["districts"]:
    d_url = f"{base}districts/{d['id']}/"
    d_needs = [i for i in needs if i["district"] == d["id"]]
    count_text(f"district {d['id']} open count", d_url, lead(d_needs))
    open_section(f"district {d['id']} open needs", d_url, d_needs)
    tile(f"districts index: {d['id']}", f"{base}districts/", d_url, d_needs)
    for st in d["streets"]:
        s_url = f"{base}streets/{st['id']}/"
        s_needs = [i for i in needs if i["street"] == st["id"]]
        count_text(f"street {st['id']} open count", s_url, lead(s_needs))
        open_section(f"street {st['id']} open needs", s_url, s_needs)
        tile(f"district {d['id']}: street {st['id']}", d_url, s_url, s_needs)
        for c in st["communities"]:
            c_url = f"{base}streets/{st['id']}/{c['id']}.html"
            c_needs = [i for i in s_needs if i["community"] == c["id"]]
            count_text(f"community {st['id']}/{c['id']} open count", c_url, lead(c_needs))
            open_section(f"community {st['id']}/{c['id']} open needs", c_url, c_needs)
            tile(f"street {st['id']}: community {c['id']}", s_url, c_url, c_needs)

# ---- each street's one page of open needs (/streets/<id>/open/): every
# open need of the street and nothing else, soonest deadline first (no
# deadline last), and the same lead count ----

def street_open(what, url_path, sel):
    global passed
    f = page_file(url_path)
    if not os.path.isfile(f):
        fail(what, f"no page at {url_path}")
        return
    html = open(f, encoding="utf-8").read()
    main = html[html.index("<main"):html.index("</main>")]
    got = re.findall(r'<th scope="row"><a href="([^"]*)">', main)
    opened = {i["url"]: i for i in sel if is_open(i)}
    keys = [(opened[u]["deadline"] is None, opened[u]["deadline"] or "") for u in got if u in opened]
    if set(got) != set(opened) or len(got) != len(opened):
        fail(what, f"{len(got)} rows, want the street's {len(opened)} open needs")
    elif keys != sorted(keys):
        fail(what, "rows not in deadline order")
    else:
        passed += 1
    m = re.search(r'<p class="lead open-first">(.*?)</p>', html)
    got_lead = re.sub(r"<[^>]+>", "", m.group(1)) if m else None
    want = lead(sel).rsplit("，共", 1)[0]
    want = want + "，按截止日期排列。" if opened else None
    if opened and got_lead != want:
        fail(what + " lead", f"shows {got_lead!r}, want {want!r}")
    elif not opened and (not got_lead or "没有待认领的需求" not in got_lead):
        fail(what + " lead", f"shows {got_lead!r} for a street with none open")
    else:
        passed += 1


for d in dump["districts"]:
    for st in d["streets"]:
        street_open(f"street {st['id']} open page", f"{base}streets/{st['id']}/open/",
                    [i for i in needs if i["street"] == st["id"]])

# ---- a list on paper: one table (print-only) of every item in 序号 order,
# its category in the 类别 column ----

cat_names = {c["id"]: c["name"] for c in dump["categories"]}
CELL = re.compile(r"<td>(.*?)</td>")
for l in dump["lists"]:
    html = open(page_file(f"{base}lists/{l['id']}/"), encoding="utf-8").read()
    m = re.search(r'<div class="print-only">(.*?)</div>', html, re.S)
    if not m:
        fail(f"list {l['id']} print table", "none")
        continue
    rows = [CELL.findall(r) for r in re.findall(r"<tr>(<td>.*?)</tr>", m.group(1))]
    want = [[str(it["no"]), it["title"], cat_names.get(it["category"], "")]
            for it in sorted(l["items"], key=lambda it: it["no"])]
    got = [[r[0], r[1], r[3]] for r in rows if len(r) == 7]
    unesc = lambda t: t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'")
    got = [[unesc(c) for c in r] for r in got]
    if got == want:
        passed += 1
    else:
        fail(f"list {l['id']} print table", f"{len(got)} rows; first difference "
             f"{next(((g, w) for g, w in zip(got, want) if g != w), None)}")
    if '<style media="print">@page{@bottom-left{content:"' + dump["base_url"].rstrip("/") in html:
        passed += 1
    else:
        fail(f"list {l['id']} print footer", "no print footer with the page's address")

# ---- an index of more than one page, of at most 1,000 items, also lists
# them all on one page (…/page/all.html), in the index's order, each with
# its list, number and category; every page of the index links to it. A
# longer index has none, and says so ----

PRINT_MAX = 1000
per_page = dump.get("per_page") or 20
# the site's order: lists newest first (then by id), items by number; open
# needs soonest deadline first (none last), ties in the site's order
published = {l["id"]: l["published"] or "" for l in dump["lists"]}
site_order = sorted(sorted(items, key=lambda i: (i["list"], i["no"])), key=lambda i: published[i["list"]],
                    reverse=True)
rank = {i["url"]: k for k, i in enumerate(site_order)}
in_order = lambda sel: sorted(sel, key=lambda i: rank[i["url"]])
by_deadline = lambda sel: sorted(in_order(sel), key=lambda i: (i["deadline"] is None, i["deadline"] or ""))
shown = lambda i: "expired" if i["expired"] else i["status"]
in_cat = lambda i, c: i["category"] == c or groups.get(i["category"]) == c
printable = [("needs", f"{base}needs/", in_order(needs)), ("supply", f"{base}supply/", in_order(supply))]
for st in ["open", "negotiating", "claimed", "in-progress", "completed", "closed", "expired"]:
    of = [i for i in needs if shown(i) == st]
    printable.append((f"status {st}", f"{base}status/{st}/",
                      (by_deadline(of) if st == "open" else in_order(of))
                      + in_order(i for i in supply if shown(i) == st)))
for d in dump["districts"]:
    printable.append((f"district {d['id']}", f"{base}districts/{d['id']}/",
                      in_order(i for i in needs if i["district"] == d["id"])))
    for s_ in d["streets"]:
        printable.append((f"street {s_['id']}", f"{base}streets/{s_['id']}/",
                          in_order(i for i in needs if i["street"] == s_["id"])))
        for c in s_["communities"]:
            printable.append((f"community {s_['id']}/{c['id']}", f"{base}streets/{s_['id']}/{c['id']}.html",
                              in_order(i for i in needs if i["street"] == s_["id"] and i["community"] == c["id"])))
for c in dump["categories"]:
    printable.append((f"category {c['id']}", f"{base}categories/{c['id']}/",
                      in_order(i for i in items if in_cat(i, c["id"]))))

ROW = re.compile(r"<tr><td>(\d+)</td><td><a href=\"([^\"]*)\">[^<]*</a></td><td>([^<]*) 第 (\d+) 项</td>"
                 r"<td>[^<]*</td><td>([^<]*)</td>")
lists_by_id = {l["id"]: l for l in dump["lists"]}
for what, url_path, sel in printable:
    folder = url_path[:-len(".html")] + "/" if url_path.endswith(".html") else url_path
    all_url = f"{folder}page/all.html"
    f = page_file(all_url)
    if len(sel) <= per_page or len(sel) > PRINT_MAX:
        if os.path.isfile(f):
            fail(f"{what} one-page version", f"{all_url} exists for {len(sel)} items")
        else:
            passed += 1
        if len(sel) > PRINT_MAX:
            first = open(page_file(url_path), encoding="utf-8").read()
            if "多于一页能列出的" in first:
                passed += 1
            else:
                fail(f"{what} one-page version", "no word that the index is too long for one page")
        continue
    if not os.path.isfile(f):
        fail(f"{what} one-page version", f"no page at {all_url}")
        continue
    rows = ROW.findall(open(f, encoding="utf-8").read())
    want = [(str(k + 1), i["url"], lists_by_id[i["list"]]["title"], str(i["no"]), cat_names.get(i["category"], ""))
            for k, i in enumerate(sel)]
    unesc = lambda t: t.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#39;", "'")
    got = [tuple(unesc(c) for c in r) for r in rows]
    if got == want:
        passed += 1
    else:
        fail(f"{what} one-page version", f"{len(got)} rows, want {len(want)}; first difference "
             f"{next(((g, w) for g, w in zip(got, want) if g != w), None)}")
    npages = (len(sel) + per_page - 1) // per_page
    for n in range(1, npages + 1):
        page = url_path if n == 1 else f"{folder}page/{n}.html"
        if f'href="{all_url}"' in open(page_file(page), encoding="utf-8").read():
            passed += 1
        else:
            fail(f"{what} page {n}", f"no link to {all_url}")

# ---- every image on every page has its width and height; an SVG from
# static/ has those of the file's root element ----

IMG = re.compile(r"<img\b[^>]*>")
ATTR = lambda tag, a: (re.search(r'\b' + a + r'="([^"]*)"', tag) or [None, None])[1]
for root, _, files in os.walk(site):
    for fn in files:
        if not fn.endswith(".html"):
            continue
        for tag in IMG.findall(open(os.path.join(root, fn), encoding="utf-8").read()):
            w, h, src = ATTR(tag, "width"), ATTR(tag, "height"), ATTR(tag, "src")
            where = f"{os.path.relpath(os.path.join(root, fn), site)}: {src}"
            if not (w and h and w.isdigit() and h.isdigit() and int(w) > 0 and int(h) > 0):
                fail(where, f"<img> without width and height: {tag}")
                continue
            local = src.startswith(base) and os.path.join(site, src[len(base):])
            if local and local.endswith(".svg") and os.path.isfile(local):
                svg = open(local, encoding="utf-8").read()
                root_tag = re.search(r"<svg\b[^>]*>", svg).group(0)
                if (ATTR(root_tag, "width"), ATTR(root_tag, "height")) != (w, h):
                    fail(where, f"{w}x{h}, the file says {ATTR(root_tag, 'width')}x{ATTR(root_tag, 'height')}")
                    continue
            passed += 1

for e in dump["events"]:
    exists(f"event {e['id']}", f"{base}events/{e['id']}.html")
for c in dump["cases"]:
    exists(f"case {c['id']}", f"{base}cases/{c['id']}.html")
for o in dump["orgs"]:
    exists(f"org {o['id']}", f"{base}orgs/{o['id']}.html")
for p in dump["pages"]:
    exists(f"page {p['id']}", f"{base}pages/{p['id']}.html")
for p in ["", "lists/", "needs/", "supply/", "districts/", "categories/", "status/",
          "events/", "cases/", "orgs/"]:
    exists(f"index /{p}", base + p)
for f in ["404.html", "robots.txt", "sitemap.xml"]:
    if os.path.isfile(os.path.join(site, f)):
        passed += 1
    else:
        fail(f, "missing")

print(f"records: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

#!/usr/bin/env python3
"""Check matching on a built site: an independent implementation of the
rules in docs/content.md ("How matching works"), run over what qingdan
loaded (qingdan dump JSON), compared with every page that shows matches:
each open need's and pain point's page (the best five organisations and
offers, with their reasons, and the link to the full set), each
organisation's and open offer's page (the best five open needs, their
total, the cells with their counts), and each cell's page (everything
that fits, in order). With EXPECT.json, also the answers written by hand
for tests/fixtures/match. Prints "match: N passed, N failed".

usage: check_match.py DUMP.json SITE_DIR [EXPECT.json]
"""
import html as htmllib
import json
import os
import re
import sys

dump = json.load(open(sys.argv[1]))
site = sys.argv[2]
expect = json.load(open(sys.argv[3])) if len(sys.argv) > 3 else None
base = dump["base_path"]
passed = failed = 0
TOP = 5


def fail(what, why):
    global failed
    failed += 1
    print(f"FAIL {what}: {why}")


def check(what, got, want):
    global passed
    if got == want:
        passed += 1
    else:
        fail(what, f"got {got!r}, want {want!r}")


def page(url_path):
    rel = url_path[len(base):]
    f = os.path.join(site, rel, "index.html") if rel.endswith("/") or rel == "" else os.path.join(site, rel)
    return open(f, encoding="utf-8").read()


# ---- the records ----

cats = {c["id"]: c for c in dump["categories"]}
districts, streets = {}, {}
for d in dump["districts"]:
    districts[d["id"]] = d
    for s in d["streets"]:
        streets[s["id"]] = dict(s, district=d["id"])
orgs = {o["id"]: o for o in dump["orgs"]}


def group(c):
    return cats[c]["group"] or c


lists = sorted(dump["lists"], key=lambda l: l["id"])
lists.sort(key=lambda l: l["published"] or "", reverse=True)  # newest first, then id
items = []
for l in lists:
    for it in sorted(l["items"], key=lambda i: i["no"]):
        items.append(dict(it, list=l["id"], kind=l["kind"], url=f"{base}lists/{l['id']}/{it['no']}.html"))
for k, it in enumerate(items):
    it["order"] = k


def is_open(it):
    return it.get("status") == "open" and not it.get("expired")


def area_rank(areas, d, st):
    """0 street, 1 district, 2 part of the district, 3 anywhere, None: no fit"""
    if not areas:
        return 3
    best = None
    for a in areas:
        if a in districts:
            if a == d:
                best = 1 if best is None else min(best, 1)
        else:
            if st is not None and a == st:
                return 0
            if st is None and streets[a]["district"] == d:
                best = 2 if best is None else min(best, 2)
    return best


def cat_rank(services, c):
    """0 same category, 1 same group, None: no fit"""
    if c in services:
        return 0
    if any(group(s) == group(c) for s in services):
        return 1
    return None


def in_category(x, c):
    return x is not None and (x == c or cats[x]["group"] == c)


def completed(org_id, c):
    return sum(1 for it in items if org_id in (it.get("claimed_by") or []) and it.get("status") == "completed"
               and in_category(it["category"], c))


class Supplier:
    def __init__(self, org, offer, c, d, st):
        self.org, self.offer = org, offer
        services = [offer["category"]] if offer else org["services"]
        self.cat = cat_rank(services, c)
        self.area = area_rank(offer["areas"] if offer else org["areas"], d, st)
        self.completed = completed(org["id"], c) if org else 0
        self.c, self.d, self.st = c, d, st

    def fits(self):
        return self.cat is not None and self.area is not None

    def key(self):
        k = (self.cat, self.area, 0 if self.org and self.org["pool"] else 1, -self.completed,
             self.org["id"] if self.org else "")
        if self.offer:
            k += (self.offer["list"], self.offer["no"])
        return k

    def title(self):
        return self.offer["title"] if self.offer else self.org["name"]

    def reason(self):
        r = reason_cat(self.cat, self.c)
        r += reason_area(self.area, self.offer["areas"] if self.offer else self.org["areas"], self.d, self.st)
        if self.org and self.org["pool"]:
            r += " · " + "、".join(str(y) for y in self.org["pool"]) + "年资源库成员"
        if self.completed:
            r += f" · 曾完成同类项目{self.completed}个"
        return r


def reason_cat(rank, c):
    if rank == 0:
        return "服务领域相同：" + cats[c]["name"]
    return "服务领域相近：同属" + cats[group(c)]["name"]


def reason_area(rank, areas, d, st):
    r = " · 服务范围："
    if rank == 0:
        return r + streets[st]["name"]
    if rank == 1:
        return r + districts[d]["name"]
    if rank == 2:
        return r + districts[d]["name"] + "的" + "、".join(
            streets[a]["name"] for a in areas if a not in districts and streets[a]["district"] == d)
    return r + "不限"


open_offers = [it for it in items if it["kind"] == "supply" and is_open(it) and it["category"]]


def suppliers(c, d, st):
    out = [Supplier(o, None, c, d, st) for o in orgs.values()]
    out += [Supplier(orgs.get(f["org"]), f, c, d, st) for f in open_offers]
    out = [x for x in out if x.fits()]
    return (sorted([x for x in out if not x.offer], key=Supplier.key),
            sorted([x for x in out if x.offer], key=Supplier.key))


def matchable(it):
    if not it["category"] or not it["district"]:
        return False
    return it["kind"] == "pain-points" or (it["kind"] == "needs" and is_open(it))


cells = {}
for it in items:
    if matchable(it):
        cells.setdefault((it["district"], it["category"]), []).append(it)


def cell_url(d, c):
    return f"{base}districts/{d}/match/{c}.html"


def cell_title(d, c):
    return f"{districts[d]['name']} · {cats[c]['name']}"


# ---- reading the pages ----

def section(html, start, end="</section>"):
    i = html.find(start)
    if i < 0:
        return None
    return html[i:html.find(end, i)]


def cards(fragment):
    """(title, reason) of each ranked card, in order"""
    out = []
    for li in re.findall(r'<li class="card match">(.*?)</li>', fragment, re.S):
        t = re.search(r'class="card-title" href="[^"]*">([^<]*)</a>', li)
        r = re.search(r'class="meta reason">([^<]*)</p>', li)
        out.append((htmllib.unescape(t.group(1)) if t else None, htmllib.unescape(r.group(1)) if r else None))
    return out


def split_h3(fragment):
    parts = {}
    for m in re.finditer(r"<h3>([^<]*)</h3>(.*?)(?=<h3>|$)", fragment, re.S):
        parts[m.group(1)] = cards(m.group(2))
    return parts


def pairs(xs):
    return [(x.title(), x.reason()) for x in xs]


# ---- an open need's or pain point's page ----

for it in items:
    html = page(it["url"])
    got = section(html, 'id="matches-h"')
    what = f"matches of {it['list']}/{it['no']}"
    if not matchable(it):
        check(what + " (none)", got, None)
        continue
    o, f = suppliers(it["category"], it["district"], it["street"])
    if it["kind"] == "pain-points":
        f = []
    if not o and not f:
        check(what + " (none)", got, None)
        continue
    if got is None:
        fail(what, "no matches section")
        continue
    parts = split_h3(got)
    check(what + " orgs", parts.get("服务相符的组织", []), pairs(o[:TOP]))
    check(what + " offers", parts.get("可对接的服务供给", []), pairs(f[:TOP]))
    co, cf = suppliers(it["category"], it["district"], None)
    if it["kind"] == "pain-points":
        cf = []
    link = re.search(r'<a class="more" href="([^"]*)">([^<]*)</a>', got)
    want = f"{cell_title(it['district'], it['category'])}：全部 {len(co)} 个组织" + (f"、{len(cf)} 项服务供给" if cf else "")
    check(what + " link", (link.group(1), htmllib.unescape(link.group(2))) if link else None,
          (cell_url(it["district"], it["category"]), want))

# ---- the cells' pages ----

for (d, c), members in cells.items():
    html = page(cell_url(d, c))
    what = f"cell {d}/{c}"
    co, cf = suppliers(c, d, None)
    orgs_sec = section(html, "<h2>服务相符的组织")
    offers_sec = section(html, "<h2>可对接的服务供给")
    check(what + " orgs", cards(orgs_sec or ""), pairs(co))
    check(what + " offers", cards(offers_sec or ""), pairs(cf))
    needs_sec = section(html, "<h2>待认领的需求")
    got = re.findall(r'<th scope="row"><a href="([^"]*)">', needs_sec or "")
    check(what + " needs", got, [i["url"] for i in members if i["kind"] == "needs"])

# ---- each district's tiles of its cells ----

for d in districts:
    sec = section(page(f"{base}districts/{d}/"), "<h2>谁能承接：按类别") or ""
    got = [(u, int(n), int(p or 0), int(o), int(f)) for u, n, p, o, f in re.findall(
        r'<li><a href="([^"]*)">[^<]*<span class="count">(\d+) 项待认领(?: · (\d+) 项治理痛点)? · (\d+) 个相符的组织 · '
        r'(\d+) 项服务供给</span></a></li>', sec)]
    want = []
    for c in cats:
        if (d, c) in cells:
            co, cf = suppliers(c, d, None)
            m = cells[(d, c)]
            want.append((cell_url(d, c), sum(i["kind"] == "needs" for i in m), sum(i["kind"] == "pain-points" for i in m),
                         len(co), len(cf)))
    check(f"district {d} cells", got, want)

# ---- an organisation's or open offer's page ----

open_needs = [it for it in items if it["kind"] == "needs" and matchable(it)]


def fits_of(services, areas):
    fit = []
    for n in open_needs:
        cr = cat_rank(services, n["category"])
        ar = area_rank(areas, n["district"], n["street"])
        if cr is not None and ar is not None:
            fit.append((cr, ar, n["order"], n))
    fit.sort(key=lambda x: x[:3])
    return fit


def check_fits(what, url, services, areas):
    html = page(url)
    got = section(html, 'id="fits-h"')
    fit = fits_of(services, areas)
    if not fit:
        check(what + " (none)", got, None)
        return
    if got is None:
        fail(what, "no fits section")
        return
    want = [(n["title"], reason_cat(cr, n["category"]) + reason_area(ar, areas, n["district"], n["street"]))
            for cr, ar, _, n in fit[:TOP]]
    check(what + " needs", cards(got), want)
    total = re.search(r'<span class="count">(\d+) 项</span>', got)
    check(what + " total", int(total.group(1)) if total else None, len(fit))
    counts = {}
    for _, _, _, n in fit:
        k = (n["district"], n["category"])
        counts[k] = counts.get(k, 0) + 1
    want_cells = sorted(counts.items(), key=lambda kv: (list(districts).index(kv[0][0]), list(cats).index(kv[0][1])))
    got_cells = re.findall(r'<li><a href="([^"]*)">[^<]*<span class="count">(\d+) 项</span></a></li>', got)
    check(what + " cells", [(u, int(n)) for u, n in got_cells], [(cell_url(*k), v) for k, v in want_cells])


for o in orgs.values():
    check_fits(f"fits of org {o['id']}", f"{base}orgs/{o['id']}.html", o["services"], o["areas"])
for f in items:
    if f["kind"] == "supply":
        if f in open_offers:
            check_fits(f"fits of offer {f['list']}/{f['no']}", f["url"], [f["category"]], f["areas"])
        else:
            check(f"fits of offer {f['list']}/{f['no']} (none)", section(page(f["url"]), 'id="fits-h"'), None)

# ---- the answers written by hand ----

if expect:
    for url, want in expect.items():
        html = page(base + url)
        if "matches" in want:
            parts = split_h3(section(html, 'id="matches-h"') or "")
            for h3, key in (("服务相符的组织", "orgs"), ("可对接的服务供给", "offers")):
                check(f"expected {url} {key}", [list(p) for p in parts.get(h3, [])], want["matches"].get(key, []))
        if "fits" in want:
            check(f"expected {url} fits", [list(p) for p in cards(section(html, 'id="fits-h"') or "")], want["fits"])
        if "cell_orgs" in want:
            check(f"expected {url} orgs", [list(p) for p in cards(section(html, "<h2>服务相符的组织") or "")],
                  want["cell_orgs"])
        if "none" in want:
            check(f"expected {url} none", section(html, 'id="matches-h"'), None)

print(f"match: {passed} passed, {failed} failed")

#!/usr/bin/env python3
"""Recount the statistics from the content files and compare them with
what the built site shows: the figures, the status and year tables and
every chart's bars on /stats/ and on every district, street and category
page, and the tables of districts and categories on /stats/.

The recount reads content/ itself (places.yaml, categories.yaml, lists/,
orgs/, English or Chinese keys), never qingdan's model or `qingdan dump`,
so a mistake in qingdan's loading or counting shows up as a difference.
The rules it applies are the ones docs/content.md ("Statistics") gives
authors. "Today" (for 已截止) is the date of SOURCE_DATE_EPOCH in UTC+8,
as qingdan takes it. Prints "stats: N passed, N failed".

usage: check_stats.py CONTENT_DIR SITE_DIR
"""
import datetime
import glob
import os
import re
import sys
import time

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htmltree import parse  # noqa: E402

content, site = sys.argv[1], sys.argv[2]
passed = failed = 0


def ok():
    global passed
    passed += 1


def fail(what, why):
    global failed
    failed += 1
    print(f"FAIL {what}: {why}")


def check(what, got, want):
    if got == want:
        ok()
    else:
        fail(what, f"page shows {got!r}, recount gives {want!r}")


# ---- reading content files ----

def load_yaml(path):
    with open(path, encoding="utf-8-sig") as f:
        return yaml.safe_load(f.read().replace("\r\n", "\n"))


def front_matter(path):
    with open(path, encoding="utf-8-sig") as f:
        text = f.read().replace("\r\n", "\n")
    m = re.match(r"---\n(.*?\n)---(\n|$)", text, re.S)
    return yaml.safe_load(m.group(1)) if m else {}


def get(m, en, zh):
    """A field by its English key or its Chinese alias."""
    if not isinstance(m, dict):
        return None
    return m[en] if en in m else m.get(zh)


def as_list(v):
    return [] if v is None else v if isinstance(v, list) else [v]


def as_date(v):
    if v is None:
        return None
    if isinstance(v, datetime.datetime):
        return v.date()
    if isinstance(v, datetime.date):
        return v
    return datetime.date.fromisoformat(str(v))


epoch = os.environ.get("SOURCE_DATE_EPOCH")
now = int(epoch) if epoch else int(time.time())
today = datetime.datetime.fromtimestamp(now + 8 * 3600, datetime.timezone.utc).date()

# places: ids and exact names
districts, streets = {}, {}  # id -> {...}
district_of_ref, street_of_ref = {}, {}
for d in get(load_yaml(os.path.join(content, "places.yaml")), "districts", "区县") or []:
    did, dname = str(get(d, "id", "编号")), get(d, "name", "名称")
    districts[did] = {"id": did, "name": dname, "streets": []}
    district_of_ref[did] = district_of_ref[dname] = did
    for s in get(d, "streets", "街道") or []:
        sid, sname = str(get(s, "id", "编号")), get(s, "name", "名称")
        comms = {}
        for c in get(s, "communities", "社区") or []:
            comms[str(get(c, "id", "编号"))] = sid
            comms[get(c, "name", "名称")] = sid
        streets[sid] = {"id": sid, "name": sname, "district": did, "communities": comms}
        districts[did]["streets"].append(sid)
        street_of_ref[sid] = street_of_ref[sname] = sid

# categories: id -> {name, group}; in file order
categories, category_of_ref = {}, {}
raw = load_yaml(os.path.join(content, "categories.yaml")) or []
for c in raw:
    cid, cname = str(get(c, "id", "编号")), get(c, "name", "名称")
    categories[cid] = {"id": cid, "name": cname, "group_ref": get(c, "group", "上级")}
    category_of_ref[cid] = category_of_ref[cname] = cid
for c in categories.values():
    c["group"] = category_of_ref[c["group_ref"]] if c["group_ref"] is not None else None


def cat_and_group(ref):
    """The category an item or service names, and its group."""
    if ref is None:
        return []
    cid = category_of_ref[str(ref)]
    return [cid] + ([categories[cid]["group"]] if categories[cid]["group"] else [])


def community_street(ref, street, district):
    """The street of a community reference (street/community, or a
    community of the given street, or of any street of the district)."""
    ref = str(ref)
    if "/" in ref:
        return street_of_ref[ref.split("/", 1)[0]]
    if street:
        return street
    found = [sid for sid, s in streets.items()
             if (district is None or s["district"] == district) and ref in s["communities"]]
    assert len(found) == 1, ref
    return found[0]


STATUS = ["open", "negotiating", "claimed", "in-progress", "completed", "closed", "expired"]
STATUS_ZH = {"待认领": "open", "可对接": "open", "洽谈中": "negotiating", "已认领": "claimed",
             "实施中": "in-progress", "已完成": "completed", "已关闭": "closed"}
KIND = {"needs": "needs", "需求清单": "needs", "supply": "supply", "供给清单": "supply",
        "pain-points": "pain", "痛点清单": "pain"}

# every need and offer, with what the statistics need of it
records = []
for path in sorted(glob.glob(os.path.join(content, "lists", "*.yaml")) +
                   glob.glob(os.path.join(content, "lists", "*.md"))):
    l = load_yaml(path) if path.endswith(".yaml") else front_matter(path)
    kind = KIND[get(l, "kind", "类型")]
    if kind == "pain":
        continue
    l_street = street_of_ref[get(l, "street", "街道")] if get(l, "street", "街道") is not None else None
    l_district = (streets[l_street]["district"] if l_street else
                  district_of_ref[get(l, "district", "区县")])
    published = as_date(get(l, "published", "发布日期"))
    l_deadline = as_date(get(l, "deadline", "截止日期"))
    for it in get(l, "items", "条目") or []:
        status = get(it, "status", "状态") or "open"
        status = STATUS_ZH.get(status, status)
        deadline = as_date(get(it, "deadline", "截止日期")) or l_deadline
        if status == "open" and deadline is not None and deadline < today:
            status = "expired"
        if kind == "needs":
            street = l_street
            if get(it, "street", "街道") is not None:
                street = street_of_ref[get(it, "street", "街道")]
            if get(it, "community", "社区") is not None:
                street = community_street(get(it, "community", "社区"), street, l_district)
            district = streets[street]["district"] if street else l_district
        else:  # an offer counts where its list was published
            street, district = l_street, l_district
        budget = get(it, "budget", "预算") if kind == "needs" else None
        records.append({
            "kind": kind, "status": status, "year": published.year if published else None,
            "budget": float(budget) if budget is not None else None,
            "district": district, "street": street,
            "categories": cat_and_group(get(it, "category", "类别")),
        })

# organisations of the supplier pool
pool_orgs = []
for path in sorted(glob.glob(os.path.join(content, "orgs", "*.md"))):
    o = front_matter(path)
    years = sorted(set(int(y) for y in as_list(get(o, "pool", "资源库"))))
    if not years:
        continue
    street = street_of_ref[get(o, "street", "街道")] if get(o, "street", "街道") is not None else None
    district = (streets[street]["district"] if street else
                district_of_ref.get(get(o, "district", "区县")) if get(o, "district", "区县") else None)
    cats = set()
    for ref in as_list(get(o, "services", "服务领域")):
        cats.update(cat_and_group(ref))
    pool_orgs.append({"years": years, "district": district, "street": street, "categories": cats})


# ---- the recount, per scope ----

def recount(item_in, org_in):
    s = {"needs": {st: 0 for st in STATUS}, "offers": {st: 0 for st in STATUS},
         "budget": {st: 0.0 for st in STATUS}, "budget_items_by": {st: 0 for st in STATUS},
         "budget_items": 0, "budget_total": 0.0,
         "years": {}, "pool": 0}

    def year(y):
        return s["years"].setdefault(y, {"needs": 0, "offers": 0, "budget": 0.0, "budget_items": 0, "pool": 0})
    for r in records:
        if not item_in(r):
            continue
        y = year(r["year"]) if r["year"] else None
        if r["kind"] == "supply":
            s["offers"][r["status"]] += 1
            if y:
                y["offers"] += 1
            continue
        s["needs"][r["status"]] += 1
        if y:
            y["needs"] += 1
        if r["budget"] is not None:
            s["budget"][r["status"]] += r["budget"]
            s["budget_items_by"][r["status"]] += 1
            s["budget_items"] += 1
            s["budget_total"] += r["budget"]
            if y:
                y["budget"] += r["budget"]
                y["budget_items"] += 1
    for o in pool_orgs:
        if org_in(o):
            s["pool"] += 1
            for yr in o["years"]:
                year(yr)["pool"] += 1
    s["nneeds"] = sum(s["needs"].values())
    s["noffers"] = sum(s["offers"].values())
    return s


# ---- reading the page ----

def num(text):
    return text.strip()


def money_ok(text, want, items=1):
    """A sum of budgets as the page writes it: "—" when no need counted
    has a budget (items == 0)."""
    if not items:
        return text.strip() == "—"
    try:
        return abs(float(text) - want) < 0.0051
    except ValueError:
        return False


def change(prev, cur):
    """None for "—", else the change in percent."""
    if prev is None or prev == 0:
        return None
    return (cur - prev) / prev * 100


def change_ok(text, want):
    text = text.replace("增幅", "").strip()
    if want is None:
        return text == "—"
    if not text.endswith("%"):
        return False
    return abs(float(text[:-1]) - want) < 0.051


def cols(tr):
    return {td.attrs["data-col"]: td for td in tr.kids("td") if "data-col" in td.attrs}


def need_label(st):
    return "已截止" if st == "expired" else [k for k, v in STATUS_ZH.items() if v == st][0]


def offer_label(st):
    return "可对接" if st == "open" else need_label(st)


def check_charts(what, section, table, rows, labels):
    """Each chart of `table`: one bar per table row, in order, labelled
    as `labels[col]` says, its value text the row's value in that column."""
    charts = [f for f in section.all("figure", "chart") if f.attrs.get("data-table") == table]
    for fig in charts:
        col = fig.attrs["data-col"]
        svg = fig.first("svg")
        if svg is None or svg.attrs.get("role") != "img" or not svg.first("title"):
            fail(f"{what} chart {table}/{col}", "no accessible <svg role=img> with a <title>")
            continue
        bars = svg.all("g", "bar")
        got = [(b.first("text", "label").text(), b.first("text", "value").text()) for b in bars]
        want = [(labels[col](tr), cols(tr)[col].text_without("span").strip()) for tr in rows]
        check(f"{what} chart {table}/{col}", got, want)
    return sorted(f.attrs["data-col"] for f in charts)


def check_summary(what, path, s):
    root = parse(path)
    sec = root.first("section", "stats-summary")
    if sec is None:
        fail(what, "no statistics section")
        return
    ok()
    empty = not s["nneeds"] and not s["noffers"] and not s["pool"]
    figs = {li.attrs["data-stat"]: li for li in sec.all("li") if "data-stat" in li.attrs}
    if empty:
        check(f"{what} empty", bool(figs), False)
        return
    check(f"{what} needs", num(figs["needs"].first("strong").text()), str(s["nneeds"]))
    check(f"{what} offers", num(figs["offers"].first("strong").text()), str(s["noffers"]))
    check(f"{what} pool", num(figs["pool"].first("strong").text()), str(s["pool"]))
    if money_ok(figs["budget"].first("strong").text(), s["budget_total"], s["budget_items"]):
        ok()
    else:
        fail(f"{what} budget", f"{figs['budget'].first('strong').text()} != {s['budget_total']}")
    if money_ok(figs["open_budget"].first("strong").text(), s["budget"]["open"], s["budget_items_by"]["open"]):
        ok()
    else:
        fail(f"{what} open budget", f"{figs['open_budget'].first('strong').text()} != {s['budget']['open']}")
    partial = 0 < s["budget_items"] < s["nneeds"]
    items = sec.all("span")
    items = [x for x in items if x.attrs.get("data-stat") == "budget_items"]
    check(f"{what} budget items", [x.text() for x in items], [str(s["budget_items"])] if partial else [])

    # statuses: a row for each status with needs or offers, in order
    shown = [st for st in STATUS if s["needs"][st] or s["offers"][st]]
    table = sec.first("table")
    st_table = [t for t in sec.all("table") if t.attrs.get("id") == "stats-status"]
    rows = st_table[0].first("tbody").kids("tr") if st_table else []
    check(f"{what} status rows", [tr.attrs.get("data-status") for tr in rows], shown)
    for tr in rows:
        st = tr.attrs.get("data-status")
        if st not in STATUS:
            continue
        c = cols(tr)
        lab = need_label(st) if need_label(st) == offer_label(st) else f"{need_label(st)} / {offer_label(st)}"
        check(f"{what} {st} label", tr.first("th").text(), lab)
        check(f"{what} {st} needs", c["needs"].text(), str(s["needs"][st]))
        check(f"{what} {st} offers", c["offers"].text(), str(s["offers"][st]))
        if money_ok(c["budget"].text(), s["budget"][st], s["budget_items_by"][st]):
            ok()
        else:
            fail(f"{what} {st} budget", f"{c['budget'].text()} != {s['budget'][st]}")
    by = lambda f: lambda tr: f(tr.attrs["data-status"])  # noqa: E731
    charts = check_charts(what, sec, "stats-status", rows,
                          {"needs": by(need_label), "offers": by(offer_label), "budget": by(need_label)})
    want = sorted((["needs"] if s["nneeds"] else []) + (["offers"] if s["noffers"] else []) +
                  (["budget"] if s["budget_items"] else []))
    check(f"{what} status charts", charts, want)

    # years: a row for each year with needs, offers or pool organisations
    years = sorted(y for y, v in s["years"].items() if v["needs"] or v["offers"] or v["pool"])
    yt = [t for t in sec.all("table") if t.attrs.get("id") == "stats-years"]
    rows = yt[0].first("tbody").kids("tr") if yt else []
    check(f"{what} year rows", [tr.attrs.get("data-year") for tr in rows], [str(y) for y in years])
    prev = None
    for tr, y in zip(rows, years):
        v, c = s["years"][y], cols(tr)
        check(f"{what} {y} label", tr.first("th").text(), str(y))
        for k in ("needs", "offers", "pool"):
            check(f"{what} {y} {k}", c[k].text_without("span").strip(), str(v[k]))
        if money_ok(c["budget"].text_without("span"), v["budget"], v["budget_items"]):
            ok()
        else:
            fail(f"{what} {y} budget", f"{c['budget'].text_without('span')} != {v['budget']}")
        for k in ("needs", "offers", "budget", "pool"):
            yoy = c[k].first("span", "yoy")
            want_c = change(prev[k] if prev else None, v[k])
            if yoy is not None and change_ok(yoy.text(), want_c):
                ok()
            else:
                fail(f"{what} {y} {k} change", f"{yoy.text() if yoy else None!r}, recount {want_c}")
        prev = v
    charts = check_charts(what, sec, "stats-years", rows,
                          {"needs": lambda tr: tr.attrs["data-year"], "offers": lambda tr: tr.attrs["data-year"]})
    want = sorted((["needs"] if s["nneeds"] else []) + (["offers"] if s["noffers"] else []))
    check(f"{what} year charts", charts, want)


def index(rel):
    return os.path.join(site, rel, "index.html")


def no_summary_after_page_1(what, rel):
    n = 2
    while os.path.isfile(os.path.join(site, rel, "page", f"{n}.html")):
        if parse(os.path.join(site, rel, "page", f"{n}.html")).first("section", "stats-summary"):
            fail(what, f"page {n} repeats the statistics")
        else:
            ok()
        n += 1


everything = recount(lambda r: True, lambda o: True)
check_summary("stats", index("stats"), everything)
scopes = {}
for did, d in districts.items():
    scopes[("d", did)] = recount(lambda r, did=did: r["district"] == did, lambda o, did=did: o["district"] == did)
    check_summary(f"district {did}", index(f"districts/{did}"), scopes[("d", did)])
    no_summary_after_page_1(f"district {did}", f"districts/{did}")
for sid in streets:
    sc = recount(lambda r, sid=sid: r["street"] == sid, lambda o, sid=sid: o["street"] == sid)
    check_summary(f"street {sid}", index(f"streets/{sid}"), sc)
    no_summary_after_page_1(f"street {sid}", f"streets/{sid}")
for cid in categories:
    scopes[("c", cid)] = recount(lambda r, cid=cid: cid in r["categories"], lambda o, cid=cid: cid in o["categories"])
    check_summary(f"category {cid}", index(f"categories/{cid}"), scopes[("c", cid)])
    no_summary_after_page_1(f"category {cid}", f"categories/{cid}")

# /stats/: a row per district and per top-level category
page = parse(index("stats"))
for table, keys, names in (("stats-districts", [("d", d) for d in districts], [d["name"] for d in districts.values()]),
                           ("stats-categories", [("c", c) for c, v in categories.items() if not v["group"]],
                            [v["name"] for v in categories.values() if not v["group"]])):
    t = [x for x in page.all("table") if x.attrs.get("id") == table]
    rows = t[0].first("tbody").kids("tr") if t else []
    check(f"stats {table} rows", [tr.first("th").text() for tr in rows], names)
    for tr, key in zip(rows, keys):
        s, c = scopes[key], cols(tr)
        for k, want in (("needs", s["nneeds"]), ("offers", s["noffers"]), ("pool", s["pool"])):
            check(f"stats {table} {key[1]} {k}", c[k].text(), str(want))
        if money_ok(c["budget"].text(), s["budget_total"], s["budget_items"]):
            ok()
        else:
            fail(f"stats {table} {key[1]} budget", f"{c['budget'].text()} != {s['budget_total']}")

print(f"stats: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

#!/usr/bin/env python3
"""Check that every row, card and fact of a built site shows its own
record's values, computed here from the dump (qingdan dump JSON), and
never a value from around it.

Mustache looks a name the row lacks up in the enclosing contexts, so a
need without a budget inside a category group can show the group's
subtotal. This checks the whole class: on every HTML page, every item
row (partials/items), every card (home, org offers and claims, pain
points, list, event, case and org cards), and the facts of every item,
list, event, case and org page. Each cell is compared with the value its
own record has: a cell the record has no value for must be empty or
absent. Prints one line per wrong cell,

    FAIL lists/x/index.html item x/3 budget: shows '21', item has none

and ends with "rows: N passed, N failed", counting each record checked
(a row, a card, a record page, a list's group) once.

usage: check_rows.py DUMP.json SITE_DIR [-v]   (-v: how many of each kind were checked)
"""
import json
import os
import re
import sys
from decimal import ROUND_HALF_UP, Decimal
import datetime
from urllib.parse import unquote, urlparse

from htmltree import parse

dump = json.load(open(sys.argv[1], encoding="utf-8"))
site = sys.argv[2]
base = dump["base_path"]
passed = failed = 0

# ---- labels, as docs/content.md gives them ----

STATUS_LABEL = {"open": "待认领", "negotiating": "洽谈中", "claimed": "已认领",
                "in-progress": "实施中", "completed": "已完成", "closed": "已关闭",
                "expired": "已截止"}
LIST_KIND_LABEL = {"needs": "需求清单", "supply": "供给清单", "pain-points": "痛点清单"}
ROW_KIND_LABEL = {"needs": "需求", "supply": "供给", "pain-points": "痛点"}
ORG_KIND_LABEL = {"social-organization": "社会组织", "social-enterprise": "社会企业",
                  "enterprise": "企业", "association": "行业协会商会",
                  "volunteer-organization": "志愿服务组织", "think-tank": "专家智库",
                  "other": "其他"}
CLAIM_HINT = {
    "expired": "申报已截止。如仍有意参与，可联系发布单位了解后续安排。",
    "open-needs": "本项目待认领{}：请与发布单位联系，说明机构情况和项目方案。",
    "open-supply": "本服务可对接{}：请直接联系，说明社区的需求和时间安排。",
    "negotiating": "本项目正在洽谈中，仍可联系发布单位了解情况。",
}


def money(v):
    """万元 as pages show them: at most two decimals, no trailing zeros."""
    if v is None:
        return None
    # C's round(): half away from zero, on the exact value of v * 100
    cents = int(Decimal(v * 100).to_integral_value(ROUND_HALF_UP))
    u = abs(cents)
    s = ("-" if cents < 0 else "") + str(u // 100)
    if u % 100:
        s += "." + str(u % 100 // 10) + (str(u % 10) if u % 10 else "")
    return s


def date_zh(iso):
    if not iso:
        return None
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{y}年{m}月{d}日"


# ---- the records, from the dump ----

category = {c["id"]: c for c in dump["categories"]}
district_name, street_name, community_name = {}, {}, {}
for d in dump["districts"]:
    district_name[d["id"]] = d["name"]
    for s in d["streets"]:
        street_name[s["id"]] = s["name"]
        for c in s["communities"]:
            community_name[(s["id"], c["id"])] = c["name"]
orgs = {o["id"]: o for o in dump["orgs"]}
events = {e["id"]: e for e in dump["events"]}
cases = {c["id"]: c for c in dump["cases"]}
lists = {l["id"]: l for l in dump["lists"]}


def u_list(i): return f"{base}lists/{i}/"
def u_item(l, no): return f"{base}lists/{l}/{no}.html"
def u_category(i): return f"{base}categories/{i}/"
def u_district(i): return f"{base}districts/{i}/"
def u_street(i): return f"{base}streets/{i}/"
def u_community(s, c): return f"{base}streets/{s}/{c}.html"
def u_org(i): return f"{base}orgs/{i}.html"
def u_event(i): return f"{base}events/{i}.html"
def u_case(i): return f"{base}cases/{i}.html"


def claimant_link(cid):
    """Who claimed an item, as the dump writes it: an organisation's or a
    street's id, or "street/community"."""
    if "/" in cid:
        st, cm = cid.split("/", 1)
        return (community_name[(st, cm)], u_community(st, cm))
    if cid in orgs:
        return (orgs[cid]["name"], u_org(cid))
    return (street_name[cid], u_street(cid))


def area_link(i):
    # an area is a street or a district; street ids are unique site-wide
    if i in street_name:
        return (street_name[i], u_street(i))
    return (district_name[i], u_district(i))


def contact_lines(c):
    if not c:
        return None
    out = []
    for key, label in (("name", "联系人"), ("phone", "电话"), ("email", "邮箱"), ("address", "地址")):
        if c.get(key):
            out.append(f"{label}：{c[key]}")
    return out


def expect_item(l, it):
    """What an item's row, cards and page must show."""
    kind = l["kind"]
    e = {"list": l["id"], "no": str(it["no"]), "title": it["title"], "kind": kind,
         "url": u_item(l["id"], it["no"]), "list_title": l["title"], "list_url": u_list(l["id"]),
         "kind_label": ROW_KIND_LABEL[kind], "list_kind_label": LIST_KIND_LABEL[kind]}
    cat = it["category"]
    e["category"] = category[cat]["name"] if cat else None
    e["category_url"] = u_category(cat) if cat else None
    e["district"] = district_name.get(it["district"])
    e["district_url"] = u_district(it["district"]) if it["district"] else None
    e["street"] = street_name.get(it["street"])
    e["street_url"] = u_street(it["street"]) if it["street"] else None
    if it["community"]:
        e["community"] = community_name[(it["street"], it["community"])]
        e["community_url"] = u_community(it["street"], it["community"])
    else:
        e["community"] = e["community_url"] = None
    o = it.get("org")
    e["org"] = orgs[o]["name"] if o else None
    e["org_url"] = u_org(o) if o else None
    e["budget"] = money(it["budget"])
    p = it.get("price")
    if p is None:
        e["price"] = None
    elif isinstance(p, (int, float)) and not isinstance(p, bool):
        e["price"] = money(p) + "万元"
    else:
        e["price"] = p
    if kind == "pain-points":
        e["status"] = e["status_id"] = None
    else:
        e["status_id"] = "expired" if it["expired"] else it["status"]
        e["status"] = ("可对接" if kind == "supply" and e["status_id"] == "open"
                       else STATUS_LABEL[e["status_id"]])
    e["deadline"] = date_zh(it["deadline"])
    # 还剩 N 天 / 今天截止 beside the deadline of what is still open
    e["days_left"] = None
    if it["deadline"] and kind != "pain-points" and e["status_id"] == "open":
        left = (datetime.date.fromisoformat(it["deadline"]) - datetime.date.fromisoformat(dump["today"])).days
        e["days_left"] = "今天截止" if left == 0 else f"还剩 {left} 天"
    e["deadline_full"] = (e["deadline"] or "") + (e["days_left"] or "")
    # the row's third column and the home card's place
    e["at"] = e["org"] or e["community"] or e["street"] or ""
    e["num"] = (e["price"] if e["org"] else e["budget"]) or ""
    e["raw"] = it
    return e


items = {}  # url -> expectation
for l in dump["lists"]:
    for it in l["items"]:
        e = expect_item(l, it)
        items[e["url"]] = e


def list_total(l):
    if l["kind"] == "needs" and (l["total_given"] or l["budget_sum"] > 0):
        return money(l["total_budget"])
    return None


def place_of_list(l):
    return street_name.get(l["street"]) or district_name.get(l["district"])


def href(a):
    """A link's target: the path of a link inside the site, else the whole address."""
    if a is None:
        return None
    h = a.attrs.get("href", "")
    return urlparse(h).path if h.startswith("/") else h


def links(n):
    return [(a.text(), href(a)) for a in n.all("a")] if n is not None else []


# ---- results ----

checked = {}  # kind of check (item row, card, ... page) -> records checked, for -v
counting = "item row"


class Rec:
    """One record as one page shows it: counted once, however many cells fail."""

    def __init__(self, page, name, noun):
        self.page, self.name, self.noun, self.bad = page, name, noun, 0
        self.what = counting

    def fail(self, cell, why):
        self.bad += 1
        print(f"FAIL {self.page} {self.name} {cell}: {why}")

    def eq(self, cell, shown, want):
        shown = "" if shown is None else shown
        want_s = "" if want is None else want
        if shown == want_s:
            return
        if not want_s:
            self.fail(cell, f"shows {shown!r}, {self.noun} has none")
        elif not shown:
            self.fail(cell, f"shows nothing, {self.noun} has {want_s!r}")
        else:
            self.fail(cell, f"shows {shown!r}, {self.noun} has {want_s!r}")

    def done(self):
        global passed, failed
        checked[self.what] = checked.get(self.what, 0) + 1
        if self.bad:
            failed += 1
        else:
            passed += 1


def lone_fail(page, what, why):
    global failed
    failed += 1
    print(f"FAIL {page} {what}: {why}")


def guarded(page, what, fn, *args):
    """Run one check; a page of a shape the check cannot read fails it."""
    try:
        fn(*args)
    except (AttributeError, IndexError, KeyError, TypeError, ValueError, OSError) as ex:
        lone_fail(page, what, f"cannot be read ({type(ex).__name__}: {ex})")


def article(r, url, cls):
    """The record page's <article class=cls>, or None (and a failure)."""
    path = page_file(url)
    art = parse(path).first("article", cls) if os.path.isfile(path) else None
    if art is None:
        r.fail("page", f"has no article.{cls}" if os.path.isfile(path) else "is missing")
        r.done()
    return art


def badge_of(n):
    """(label, status id) of the badge in n, or (None, None)."""
    b = n.first("span", "badge") if n is not None else None
    if b is None:
        return None, None
    sid = [c[2:] for c in b.cls() if c.startswith("s-")]
    return b.text(), sid[0] if sid else ""


def check_badge(r, n, e):
    label, sid = badge_of(n)
    r.eq("status", label, e["status"])
    if label is not None and e["status"] is not None:
        r.eq("status class", sid, e["status_id"])


# ---- item rows: partials/items ----

def check_row(page, tr, on_list_page):
    global counting
    counting = "item row"
    th = tr.first("th")
    a = th.first("a") if th is not None else None
    if a is None:
        lone_fail(page, "row", "has no title link")
        return None
    e = items.get(href(a))
    if e is None:
        lone_fail(page, "row", f"links to {href(a)!r}, which is no item")
        return None
    r = Rec(page, f"item {e['list']}/{e['no']}", "item")
    kind = [c[2:] for c in tr.cls() if c.startswith("k-")]
    r.eq("kind", kind[0] if kind else None, e["kind"])
    cells = {c: tr.first("td", c) for c in ("no", "at", "cat", "num", "dl", "st")}
    for c, n in cells.items():
        if n is None:
            r.fail(c, "no such cell in the row")
    r.eq("no", cells["no"] and cells["no"].text(), e["no"])
    r.eq("title", a.text(), e["title"])
    frm = th.first("span", "from")
    r.eq("list", frm and frm.text(), None if on_list_page else f"{e['kind_label']} · {e['list_title']}")
    at = "org" if e["org"] else "community" if e["community"] else "street"
    r.eq(at, cells["at"] and cells["at"].text(), e["at"])
    r.eq("category", cells["cat"] and cells["cat"].text(), e["category"])
    r.eq("price" if e["org"] else "budget", cells["num"] and cells["num"].text(), e["num"])
    r.eq("deadline", cells["dl"] and cells["dl"].text(), e["deadline_full"])
    check_badge(r, cells["st"], e)
    r.done()
    return e


# ---- cards ----

def meta_parts(meta):
    text = meta.text_without("span") if meta is not None else ""
    return [p for p in text.split(" · ") if p != ""]


def item_card(page, kind_of_page, section, li, a, e):
    r = Rec(page, f"item {e['list']}/{e['no']}", "item")
    r.eq("title", a.text(), e["title"])
    meta = li.first("p", "meta")
    if kind_of_page == "home":
        # [community or street · ]category[ · budget 万元][ · 截止 deadline]
        parts = meta_parts(meta)
        budget = [p[:-3] for p in parts if p.endswith(" 万元")]
        deadline = [p[3:] for p in parts if p.startswith("截止 ")]
        rest = [p for p in parts if not p.endswith(" 万元") and not p.startswith("截止 ")]
        place = rest[0] if len(rest) > 1 else None
        r.eq("community" if e["community"] else "street", place, e["community"] or e["street"])
        r.eq("category", rest[-1] if rest else None, e["category"])
        r.eq("budget", budget[0] if budget else None, e["budget"])
        r.eq("deadline", deadline[0] if deadline else None, e["deadline"])
        left = meta.first("span", "left") if meta is not None else None
        r.eq("days left", left and left.text(), e["days_left"])
    elif section == "提供的服务":
        # category[ · price][ · badge]
        parts = meta_parts(meta)
        r.eq("category", parts[0] if parts else None, e["category"])
        r.eq("price", parts[1] if len(parts) > 1 else None, e["price"])
        check_badge(r, meta, e)
    elif section == "认领的服务供给":
        # org · category[ · badge]
        parts = meta_parts(meta)
        r.eq("org", parts[0] if parts else None, e["org"])
        r.eq("category", parts[1] if len(parts) > 1 else None, e["category"])
        check_badge(r, meta, e)
    elif section == "认领的项目":
        # [community · ]list title[ · badge]
        parts = meta_parts(meta)
        r.eq("community", parts[0] if len(parts) > 1 else None, e["community"])
        r.eq("list", parts[-1] if parts else None, e["list_title"])
        check_badge(r, meta, e)
    elif section == "治理痛点":
        # [community · ]category
        parts = meta_parts(meta)
        r.eq("community", parts[0] if len(parts) > 1 else None, e["community"])
        r.eq("category", parts[-1] if parts else None, e["category"])
        r.eq("status", badge_of(meta)[0], None)
    else:
        r.fail("card", f"an item card of a shape this test does not know (page {kind_of_page}, section {section!r})")
    r.done()


def match_card(page, li, a, h):
    """A ranked card of matching (partials/matches, partials/fits, the
    match page): its own record's name and details; the order and the
    reason are tests/site/check_match.py's."""
    m = re.fullmatch(re.escape(base) + r"orgs/([a-z0-9-]+)\.html", h or "")
    if m and m[1] in orgs:
        o = orgs[m[1]]
        r = Rec(page, f"org {o['id']}", "org")
        r.eq("name", a.text(), o["name"])
        tag = li.first("span", "tag")
        r.eq("kind", tag and tag.text(), ORG_KIND_LABEL[o["kind"]])
        r.done()
        return
    e = items.get(h)
    if e is None:
        lone_fail(page, "match card", f"links to {h!r}, which is no organisation or item")
        return
    r = Rec(page, f"item {e['list']}/{e['no']}", "item")
    r.eq("title", a.text(), e["title"])
    parts = meta_parts(li.first("p", "meta"))
    if e["kind"] == "supply":
        # org[ · price]
        r.eq("org", parts[0] if parts else None, e["org"])
        r.eq("price", parts[1] if len(parts) > 1 else None, e["price"])
    else:
        # [street · ][community · ]category[ · budget 万元][ · 截止 deadline]
        budget = [p[:-3] for p in parts if p.endswith(" 万元")]
        deadline = [p[3:] for p in parts if p.startswith("截止 ")]
        rest = [p for p in parts if not p.endswith(" 万元") and not p.startswith("截止 ")]
        r.eq("street", rest[0] if len(rest) > 1 else None, e["street"])
        r.eq("community", rest[1] if len(rest) > 2 else None, e["community"])
        r.eq("category", rest[-1] if rest else None, e["category"])
        r.eq("budget", budget[0] if budget else None, e["budget"])
        r.eq("deadline", deadline[0] if deadline else None, e["deadline"])
    r.done()


def list_card(page, li, a, l):
    r = Rec(page, f"list {l['id']}", "list")
    r.eq("title", a.text(), l["title"])
    meta = li.first("p", "meta")
    tag = meta.first("span", "tag") if meta is not None else None
    r.eq("kind", tag and tag.text(), LIST_KIND_LABEL[l["kind"]])
    rest = meta.text_without("span") if meta is not None else ""
    m = re.fullmatch(r" (.*) · (.*) 发布 · (.*) 项(?: · (.*) 万元)?", rest)
    if not m:
        r.fail("meta", f"shows {rest!r}, not 'place · date 发布 · N 项[ · total 万元]'")
    else:
        r.eq("place", m[1], place_of_list(l))
        r.eq("published", m[2], date_zh(l["published"]))
        r.eq("count", m[3], str(len(l["items"])))
        r.eq("total budget", m[4], list_total(l))
    r.done()


def event_card(page, li, a, ev):
    r = Rec(page, f"event {ev['id']}", "event")
    r.eq("title", a.text(), ev["title"])
    meta = li.first("p", "meta")
    t = meta.first("time") if meta is not None else None
    r.eq("date", t and t.text(), date_zh(ev["date"]))
    r.eq("date datetime", t and t.attrs.get("datetime"), ev["date"])
    parts = meta.text_without("time").split(" · ")[1:] if meta is not None else []
    place = street_name.get(ev["street"]) or district_name.get(ev["district"])
    r.eq("place", parts[0] if parts else None, place)
    r.eq("venue", parts[1] if len(parts) > 1 else None, ev["venue"])
    if len(parts) > 2:
        r.fail("meta", f"shows more than place and venue: {parts!r}")
    r.done()


def case_card(page, li, a, c):
    r = Rec(page, f"case {c['id']}", "case")
    r.eq("title", a.text(), c["title"])
    meta = li.first("p", "meta")
    own = case_page_values(c)
    want = own["place"] or ""
    for k in ("date", "model"):
        if own[k]:
            want += " · " + own[k]
    # place, date and model are joined without labels; compare the line
    r.eq("meta", meta and meta.text(), want)
    r.done()


def org_card(page, li, a, o, section):
    r = Rec(page, f"org {o['id']}", "org")
    r.eq("name", a.text(), o["name"])
    r.eq("kind", section, ORG_KIND_LABEL[o["kind"]])
    meta = li.first("p", "meta")
    r.eq("summary", meta and meta.text(), org_page_values(o)["summary"])
    r.done()


def section_title(n):
    s = n.up("section")
    h = s.first("h2") if s is not None else None
    return h.text().strip() if h is not None else None


def page_kind(root):
    body = root.first("body")
    k = [c[2:] for c in body.cls() if c.startswith("k-")] if body is not None else []
    return k[0] if k else ""


# Values the dump does not hold (a case's date and model, an org's
# summary) are taken from the record's own page, where nothing encloses
# them that could leak: a card must agree with its record's page.
_case_values, _org_values = {}, {}


def case_page_values(c):
    if c["id"] not in _case_values:
        root = parse(page_file(u_case(c["id"])))
        art = root.first("article", "case")
        eb = art.first("p", "eyebrow")
        date = eb.text_without("span").strip() or None
        callout = art.first("p", "callout")
        model = callout.text()[len("模式："):] if callout is not None else None
        if c["community"]:
            place = community_name[(c["street"], c["community"])]
        elif c["street"]:
            place = street_name[c["street"]]
        else:
            # a district-level case: the dump has no district; its page's
            # breadcrumbs name it
            crumbs = root.first("nav", "crumbs")
            place = links(crumbs)[0][0] if crumbs is not None and links(crumbs) else None
        _case_values[c["id"]] = {"date": date, "model": model, "place": place}
    return _case_values[c["id"]]


def org_page_values(o):
    if o["id"] not in _org_values:
        art = parse(page_file(u_org(o["id"]))).first("article", "org")
        lead = art.first("p", "lead")
        _org_values[o["id"]] = {"summary": lead.text() if lead is not None else None}
    return _org_values[o["id"]]


def check_cards(page, root):
    kind = page_kind(root)
    for li in root.all("li", "card"):
        guarded(page, "card", check_card, page, kind, li)


def check_card(page, kind, li):
    global counting
    counting = "card"
    a = li.first("a", "card-title")
    if a is None:
        lone_fail(page, "card", "has no title link")
    else:
        h = href(a)
        m = re.fullmatch(re.escape(base) + r"(lists|events|cases|orgs)/([a-z0-9-]+)(?:/([0-9]+)\.html|/|\.html)", h or "")
        if "match" in li.cls():
            match_card(page, li, a, h)
        elif h in items:
            item_card(page, kind, section_title(li), li, a, items[h])
        elif m and m[1] == "lists" and m[3] is None and m[2] in lists:
            list_card(page, li, a, lists[m[2]])
        elif m and m[1] == "events" and m[2] in events:
            event_card(page, li, a, events[m[2]])
        elif m and m[1] == "cases" and m[2] in cases:
            case_card(page, li, a, cases[m[2]])
        elif m and m[1] == "orgs" and m[2] in orgs:
            org_card(page, li, a, orgs[m[2]], section_title(li))
        else:
            lone_fail(page, "card", f"links to {h!r}, which is no record")


# ---- record pages ----

def facts(art):
    """dt text -> dd node, in the record's dl.facts."""
    out = {}
    dl = art.first("dl", "facts") if art is not None else None
    for div in dl.kids("div") if dl is not None else []:
        dt, dd = div.first("dt"), div.first("dd")
        if dt is not None and dd is not None:
            out[dt.text()] = dd
    return out


def check_facts(r, got, want):
    """want: dt -> (text, [(link text, url)] or None); None text = absent."""
    for dt in sorted(set(got) | set(want)):
        text, lnk = want.get(dt, (None, None))
        dd = got.get(dt)
        if dd is None or text is None:
            r.eq(dt, dd.text().strip() if dd is not None else None, text)
            continue
        r.eq(dt, dd.text().strip(), text)
        if lnk is not None:
            shown = links(dd)
            if shown != lnk:
                r.fail(dt + " link", f"shows {shown!r}, {r.noun} has {lnk!r}")


def one(text, url):
    return (text, [(text, url)]) if text else (None, None)


def several(pairs):
    return (" ".join(t for t, _ in pairs), list(pairs)) if pairs else (None, None)


def check_sections(r, art, want):
    """h2 title -> list of li texts (None: the section must be absent)."""
    got = {}
    for s in art.all("section"):
        h = s.first("h2")
        if h is not None:
            got[h.text()] = [li.text() for li in s.all("li")]
    for title, lines in want.items():
        r.eq(title, "\n".join(got[title]) if title in got else None,
             "\n".join(lines) if lines else None)


def tel(phone):
    """tel: URL of a phone as written: its first number's digits, + and -"""
    out = ""
    for ch in phone:
        if ch.isdigit() or ch in "+-":
            out += ch
        elif ch not in " ()":
            break
    return "tel:" + out if any(c.isdigit() for c in out) else None


def claim_lines(e, it):
    """The 联系认领 block of an open or negotiating need or an open offer
    (None where the page has none): call, name, e-mail, provider."""
    if e["kind"] == "pain-points" or e["status_id"] not in ("open", "negotiating"):
        return None
    c = it["contact"] or {}
    o = orgs.get(it.get("org")) if e["kind"] == "supply" else None
    oc = (o or {}).get("contact") or {}
    if not it["contact"] and not (o and o.get("contact")):
        return None
    out = []
    if c.get("phone"):
        out.append(f"拨打电话 {c['phone']}")
    if c.get("name"):
        out.append(f"联系人：{c['name']}")
    if c.get("email"):
        out.append(f"写邮件：{c['email']}")
    if o:
        out.append(f"提供单位：{o['name']}")
        if oc.get("phone") and oc.get("phone") != c.get("phone"):
            out.append(f"拨打提供单位电话 {oc['phone']}")
    return out


def check_claim_links(r, art, e, it):
    """The call link dials the item's number; the mail link's subject names it."""
    sec = [s for s in art.all("section") if "claim" in s.cls()]
    links_ = [(a.attrs.get("href"), a.text()) for a in sec[0].all("a")] if sec else []
    c = it["contact"] or {}
    calls = [h for h, t in links_ if t.startswith("拨打电话 ")]
    r.eq("call link", calls[0] if calls else None, tel(c["phone"]) if c.get("phone") else None)
    mails = [h for h, t in links_ if t.startswith("写邮件：")]
    want = None
    if c.get("email"):
        verb = "对接" if e["kind"] == "supply" else "认领"
        want = f"mailto:{c['email']}?subject={verb}：{e['title']}（{e['list_title']}第{e['no']}项）"
    r.eq("mail link", unquote(mails[0]) if mails else None, want)


def check_item_page(e):
    global counting
    counting = "item page"
    r = Rec(rel(e["url"]), f"item {e['list']}/{e['no']}", "item")
    art = article(r, e["url"], "item")
    if art is None:
        return
    it = e["raw"]
    eb = art.first("p", "eyebrow")
    r.eq("kind", eb.first("span", "tag").text(), e["list_kind_label"])
    check_badge(r, eb, e)
    r.eq("title", art.first("h1").text(), e["title"])
    if e["kind"] == "pain-points":
        hint = None
    elif e["status_id"] == "expired":
        hint = CLAIM_HINT["expired"]
    elif e["status_id"] == "open":
        # until when, right under the title: 截止 <date>（还剩 N 天）
        until = f"，截止 {e['deadline']}（{e['days_left']}）" if e["deadline"] else ""
        hint = CLAIM_HINT["open-" + e["kind"]].format(until)
    else:
        hint = CLAIM_HINT.get(e["status_id"])
    callout = art.first("p", "callout")
    r.eq("claim hint", callout and callout.text(), hint)
    want = {
        "所属清单": (f"{e['list_title']}（第 {e['no']} 项）", [(e["list_title"], e["list_url"])]),
        "类别": one(e["category"], e["category_url"]),
        "区县": one(e["district"], e["district_url"]),
        "街道": one(e["street"], e["street_url"]),
        "社区": one(e["community"], e["community_url"]),
        "提供单位": one(e["org"], e["org_url"]),
        "服务范围": several([area_link(a) for a in it.get("areas") or []]),
        "预算": (e["budget"] and e["budget"] + " 万元", None),
        "自筹资金": (money(it["self_funding"]) and money(it["self_funding"]) + " 万元", None),
        "参考价格": (e["price"], None),
        "资金来源": (it["fund"], None),
        "服务对象": (it["beneficiaries"], None),
        "实施周期": (it["period"], None),
        "截止日期": (e["deadline"] and e["deadline_full"], None),
        "状态": (e["status"], None),
        ("认领方" if e["kind"] == "supply" else "认领单位"):
            several([claimant_link(cid) for cid in it["claimed_by"]]),
    }
    got = facts(art)
    check_facts(r, got, want)
    if "状态" in got and e["status"]:
        r.eq("状态 class", badge_of(got["状态"])[1], e["status_id"])
    claim = claim_lines(e, it)
    sections = {"期望成效": it["outcomes"], "基本指标": it["indicators"], "联系认领": None, "联系对接": None}
    if claim is None:
        sections["联系方式"] = contact_lines(it["contact"])
    else:
        sections["联系对接" if e["kind"] == "supply" else "联系认领"] = claim
        sections["联系方式"] = None
        check_claim_links(r, art, e, it)
    check_sections(r, art, sections)
    for title, src in (("项目说明", "description"), ("项目要求", "requirements")):
        shown = any(h.text() == title for h in art.all("h2"))
        if shown != bool((it[src] or "").strip()):
            r.fail(title, "shown, item has none" if shown else "not shown, item has one")
    tags = art.first("p", "tags")
    r.eq("tags", tags and " ".join(t.text() for t in tags.all("span", "tag")),
         " ".join(it["tags"]) or None)
    notes = [p.text() for p in art.all("p", "muted") if p.text().startswith("备注：")]
    r.eq("notes", notes[0][3:] if notes else None, it["notes"])
    r.done()


def check_list_page(l):
    global counting
    counting = "list page"
    url = u_list(l["id"])
    page = rel(url)
    r = Rec(page, f"list {l['id']}", "list")
    art = article(r, url, "list")
    if art is None:
        return
    r.eq("kind", art.first("p", "eyebrow").text(), LIST_KIND_LABEL[l["kind"]])
    r.eq("title", art.first("h1").text(), l["title"])
    # items grouped by category, in categories.yaml order, by number inside
    order = {c["id"]: i for i, c in enumerate(dump["categories"])}
    want_groups = []
    for it in sorted(l["items"], key=lambda i: (order.get(i["category"], len(order)), i["no"])):
        if not want_groups or want_groups[-1][0] != it["category"]:
            want_groups.append((it["category"], []))
        want_groups[-1][1].append(it)
    count = f"{len(l['items'])} 项" + (f"，{len(want_groups)} 类" if l["kind"] == "needs" else "")
    total = list_total(l)
    # a total added up from the items, when only some have a budget, says
    # how many it covers
    n, with_budget = len(l["items"]), sum(1 for i in l["items"] if i.get("budget") is not None)
    note = (f"（{n} 项中 {with_budget} 项有预算）"
            if l["kind"] == "needs" and not l["total_given"] and 0 < with_budget < n else "")
    want = {
        "发布单位": (l["publisher"], None),
        "发布日期": (date_zh(l["published"]), None),
        "截止日期": (date_zh(l["deadline"]), None),
        "资金来源": (l["fund"], None),
        "条目": (count, None),
        "资金总额": (total and total + " 万元" + note, None),
        "发布活动": one(events[l["event"]]["title"], u_event(l["event"])) if l["event"] else (None, None),
        "街道": one(street_name.get(l["street"]), u_street(l["street"]) if l["street"] else None),
        "区县": (one(district_name[l["district"]], u_district(l["district"]))
                 if l["district"] and not l["street"] else (None, None)),
    }
    got = facts(art)
    check_facts(r, got, want)
    t = got["发布日期"].first("time") if "发布日期" in got else None
    r.eq("发布日期 datetime", t and t.attrs.get("datetime"), l["published"])
    p = art.first("p", "total")
    r.eq("合计", p and p.text(), f"合计 {len(l['items'])} 项" + (f"，资金总额 {total} 万元{note}" if total else ""))
    contact = [s for s in art.kids("section") if "contact" in s.cls()]
    r.eq("联系方式", "\n".join(li.text() for li in contact[0].all("li")) if contact else None,
         "\n".join(contact_lines(l["contact"]) or []) or None)
    # the groups: which rows each holds, and its subtotal, the sum of its
    # rows' own budgets
    groups = [s for s in art.kids("section") if "group" in s.cls()]
    if len(groups) != len(want_groups):
        r.fail("groups", f"shows {len(groups)} groups, list has {len(want_groups)} categories")
    for s, (cat, its) in zip(groups, want_groups):
        name = category[cat]["name"]
        g = Rec(page, f"list {l['id']} group {name}", "group")
        g.what = "list group"
        h2 = s.first("h2")
        a = h2.first("a")
        g.eq("category", a and a.text(), name)
        g.eq("category link", href(a), u_category(cat))
        budgets = [i["budget"] for i in its if i["budget"] is not None]
        sub = money(sum(budgets)) if budgets else None
        span = h2.first("span", "count")
        part = f"（其中 {len(budgets)} 项有预算）" if 0 < len(budgets) < len(its) else ""
        g.eq("count", span and span.text(), f"{len(its)} 项" + (f" · {sub} 万元{part}" if sub else ""))
        rows = [href(tr.first("a")) for tr in s.all("tr") if any(c.startswith("k-") for c in tr.cls())]
        want_rows = [u_item(l["id"], i["no"]) for i in its]
        if rows != want_rows:
            g.fail("rows", f"shows {[x.rsplit('/', 1)[-1] for x in rows]}, group has "
                   f"{[x.rsplit('/', 1)[-1] for x in want_rows]}")
        g.done()
    r.done()


def check_event_page(ev):
    global counting
    counting = "event page"
    r = Rec(rel(u_event(ev["id"])), f"event {ev['id']}", "event")
    art = article(r, u_event(ev["id"]), "event")
    if art is None:
        return
    r.eq("title", art.first("h1").text(), ev["title"])
    got = facts(art)
    dd = got.get("日期")
    t = dd.first("time") if dd is not None else None
    r.eq("date", t and t.text(), date_zh(ev["date"]))
    r.eq("date datetime", t and t.attrs.get("datetime"), ev["date"])
    rest = dd.text_without("time") if dd is not None else ""
    end = re.match(r" 至 (\S+)", rest)
    r.eq("end date", end and end[1], date_zh(ev["end_date"]))
    place = (one(street_name[ev["street"]], u_street(ev["street"])) if ev["street"]
             else one(district_name[ev["district"]], u_district(ev["district"])))
    # the date's line is checked above; 指导单位 and 承办单位 are not in the dump
    want = {k: (got[k].text().strip(), None) for k in ("日期", "指导单位", "承办单位") if k in got}
    want.update({"地区": place, "地点": (ev["venue"], None),
                 "主办单位": (" ".join(ev["organizer"]) or None, None)})
    check_facts(r, got, want)
    shown = {href(li.first("a", "card-title")) for s in art.all("section") if section_title_is(s, "发布的清单")
             for li in s.all("li", "card")}
    r.eq("lists", " ".join(sorted(shown)) or None, " ".join(sorted(u_list(i) for i in ev["lists"])) or None)
    r.done()


def section_title_is(s, title):
    h = s.first("h2")
    return h is not None and h.text() == title


def check_org_page(o):
    global counting
    counting = "org page"
    r = Rec(rel(u_org(o["id"])), f"org {o['id']}", "org")
    art = article(r, u_org(o["id"]), "org")
    if art is None:
        return
    r.eq("kind", art.first("p", "eyebrow").text(), ORG_KIND_LABEL[o["kind"]])
    r.eq("name", art.first("h1").text(), o["name"])
    got = facts(art)
    want = {k: (got[k].text().strip(), None) for k in ("所在地", "优质供给者资源库", "成立时间") if k in got}
    want["服务领域"] = several([(category[c]["name"], u_category(c)) for c in o["services"]])
    want["服务范围"] = several([area_link(a) for a in o["areas"]])
    want["网站"] = one(o["website"], o["website"])
    check_facts(r, got, want)
    offers = sorted(e["url"] for e in items.values() if e["raw"].get("org") == o["id"])
    claimed = sorted(e["url"] for e in items.values() if o["id"] in e["raw"]["claimed_by"])
    ocases = sorted(u_case(c["id"]) for c in dump["cases"] if o["id"] in c["orgs"])
    for title, want_urls in (("提供的服务", offers), ("认领的项目", claimed), ("案例", ocases)):
        shown = sorted(href(li.first("a", "card-title")) for s in art.all("section")
                       if section_title_is(s, title) for li in s.all("li", "card"))
        if shown != want_urls:
            r.fail(title, f"shows {shown}, org has {want_urls}")
    r.done()


def check_place_claims(st, cm):
    """A street's or community's page lists exactly the offers it claimed."""
    cid = f"{st}/{cm}" if cm else st
    url = u_community(st, cm) if cm else u_street(st)
    r = Rec(rel(url), f"{'community' if cm else 'street'} {cid}", "place page")
    want = sorted(e["url"] for e in items.values() if cid in e["raw"]["claimed_by"])
    root = parse(page_file(url))
    shown = sorted(href(li.first("a", "card-title")) for s in root.all("section")
                   if section_title_is(s, "认领的服务供给") for li in s.all("li", "card"))
    if shown != want:
        r.fail("认领的服务供给", f"shows {shown}, the offers it claimed are {want}")
    r.done()


def check_case_page(c):
    global counting
    counting = "case page"
    r = Rec(rel(u_case(c["id"])), f"case {c['id']}", "case")
    art = article(r, u_case(c["id"]), "case")
    if art is None:
        return
    r.eq("title", art.first("h1").text(), c["title"])
    shown = [links(s) for s in art.all("section") if section_title_is(s, "参与组织")]
    want = [(orgs[o]["name"], u_org(o)) for o in c["orgs"]]
    if (shown[0] if shown else []) != want:
        r.fail("参与组织", f"shows {shown[0] if shown else []!r}, case has {want!r}")
    r.done()


# ---- the site ----

def page_file(url_path):
    rel_path = url_path[len(base):]
    return os.path.join(site, rel_path, "index.html") if rel_path == "" or rel_path.endswith("/") \
        else os.path.join(site, rel_path)


def rel(url_path):
    return os.path.relpath(page_file(url_path), site)


rows_seen = 0
for d, _, files in sorted(os.walk(site)):
    for f in sorted(files):
        if not f.endswith(".html"):
            continue
        path = os.path.join(d, f)
        page = os.path.relpath(path, site)
        root = parse(path)
        on_list_page = page_kind(root) == "list"
        for tr in root.all("tr"):
            if any(c.startswith("k-") for c in tr.cls()):
                rows_seen += 1
                guarded(page, f"row {rows_seen}", check_row, page, tr, on_list_page)
        guarded(page, "cards", check_cards, page, root)

for l in dump["lists"]:
    guarded(rel(u_list(l["id"])), f"list {l['id']}", check_list_page, l)
for e in items.values():
    guarded(rel(e["url"]), f"item {e['list']}/{e['no']}", check_item_page, e)
for ev in dump["events"]:
    guarded(rel(u_event(ev["id"])), f"event {ev['id']}", check_event_page, ev)
for o in dump["orgs"]:
    guarded(rel(u_org(o["id"])), f"org {o['id']}", check_org_page, o)
for c in dump["cases"]:
    guarded(rel(u_case(c["id"])), f"case {c['id']}", check_case_page, c)
for d in dump["districts"]:
    for st in d["streets"]:
        guarded(rel(u_street(st["id"])), f"street {st['id']}", check_place_claims, st["id"], None)
        for cm in st["communities"]:
            guarded(rel(u_community(st["id"], cm["id"])), f"community {st['id']}/{cm['id']}",
                    check_place_claims, st["id"], cm["id"])
if items and not rows_seen:
    lone_fail(".", "rows", "no item row (tr.k-*) found on any page")

if "-v" in sys.argv[3:]:
    print("checked: " + ", ".join(f"{n} {w}s" for w, n in sorted(checked.items())), file=sys.stderr)
print(f"rows: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)

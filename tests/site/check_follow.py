#!/usr/bin/python3
"""Check the "follow and reuse" outputs of a built site against what
qingdan loaded (the `qingdan dump` JSON): the Atom feeds, the iCalendar
files, the open data (CSV, Excel, JSON), the JSON-LD of record pages, the
QR codes of pages and posters, the feeds and data pages and the links to
all of them. Every expectation is computed here from the dump (records,
places, categories, dates), never from the files under test; the formats'
contracts (column tables, feed and calendar rules) are written out below
from src/site/datacols.c, src/out/feeds.h and src/out/calendar.h.

It also builds the demo content (content/ beside tests/) itself: twice, to
see that the feeds, calendars and data files are byte-identical from build
to build (entry ids and UIDs stable), and once with hostile titles and
notes (=HYPERLINK(...), +cmd|..., @SUM, -2+3, a leading TAB, </script> and
U+2028), to see them neutralised in CSV, kept as plain text in Excel and
escaped in JSON-LD. The binary is $QD_BIN (as tests/run.sh sets it) or
./qingdan; SOURCE_DATE_EPOCH is passed on (default 2026-01-01).

QR codes are rendered with rsvg-convert and decoded with zbarimg: every
list and event page, every poster, and at most QR_ITEMS item pages.

Run it with /usr/bin/python3: it needs Debian's python3-yaml,
python3-icalendar and python3-openpyxl.

usage: /usr/bin/python3 check_follow.py DUMP.json SITE_DIR BASE_URL
Prints "FAIL name: reason" per failure, then "follow: N passed, N failed".
"""
import base64
import concurrent.futures
import csv
import datetime
import filecmp
import html as htmlmod
import io
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import warnings
import xml.etree.ElementTree as ET
from urllib.parse import urlparse

import icalendar
import openpyxl
import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from htmltree import parse  # noqa: E402

warnings.filterwarnings("ignore")  # openpyxl's about styles it does not read

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FEEDS_MAX = 50  # src/out/feeds.h
QR_ITEMS = 40  # item pages whose QR code is decoded (all list and event pages are)
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339_DAY = re.compile(r"\d{4}-\d{2}-\d{2}T00:00:00\+08:00")
FORMULA = ("=", "+", "-", "@", "\t", "\r")

# ---- reporting (as check_stats.py) ----

passed = failed = 0
prefix = ""  # "hostile " while checking the hostile build


def ok():
    global passed
    passed += 1


def fail(what, why):
    global failed
    failed += 1
    print(f"FAIL {prefix}{what}: {why}")


def check(what, got, want):
    if got == want:
        ok()
    else:
        fail(what, f"got {got!r}, want {want!r}")
    return got == want


def truth(what, cond, why):
    if cond:
        ok()
    else:
        fail(what, why)
    return cond


# ---- the column tables of src/site/datacols.c: (Chinese header, JSON key,
# type). They are the open data's contract: a change here is a change of
# every published file. ----

ITEM_HEAD = [
    ("编号", "id", "text"), ("清单编号", "list", "text"), ("序号", "no", "int"),
    ("项目名称", "title", "text"), ("类别编号", "category", "text"), ("类别", "category_name", "text"),
    ("区编号", "district", "text"), ("区", "district_name", "text"), ("街道编号", "street", "text"),
    ("街道", "street_name", "text"), ("社区编号", "community", "text"), ("社区", "community_name", "text"),
]
ITEM_TAIL = [
    ("截止日期", "deadline", "date"), ("状态编号", "status", "text"), ("状态", "status_label", "text"),
    ("已截止", "expired", "bool"), ("认领方编号", "claimed_by", "list"), ("认领方", "claimed_by_names", "list"),
    ("联系人", "contact", "text"), ("联系电话", "phone", "text"), ("备注", "notes", "text"),
    ("网址", "url", "text"),
]
NEEDS_COLS = ITEM_HEAD + [
    ("预算（万元）", "budget", "number"), ("自筹（万元）", "self_funding", "number"),
    ("资金来源", "fund", "text"), ("服务对象", "beneficiaries", "text"), ("实施周期", "period", "text"),
] + ITEM_TAIL
SUPPLY_COLS = ITEM_HEAD + [
    ("提供方编号", "org", "text"), ("提供方", "org_name", "text"), ("服务区域编号", "areas", "list"),
    ("服务区域", "area_names", "list"), ("价格（万元）", "price", "number"), ("价格说明", "price_text", "text"),
] + ITEM_TAIL
LISTS_COLS = [
    ("编号", "id", "text"), ("标题", "title", "text"), ("类型", "kind", "text"), ("区编号", "district", "text"),
    ("区", "district_name", "text"), ("街道编号", "street", "text"), ("街道", "street_name", "text"),
    ("发布单位", "publisher", "text"), ("发布日期", "published", "date"), ("截止日期", "deadline", "date"),
    ("发布活动编号", "event", "text"), ("资金来源", "fund", "text"), ("条数", "items", "int"),
    ("待认领", "open", "int"), ("预算合计（万元）", "total_budget", "number"),
    ("各条预算之和（万元）", "budget_sum", "number"), ("网址", "url", "text"),
]
EVENTS_COLS = [
    ("编号", "id", "text"), ("名称", "title", "text"), ("日期", "date", "date"), ("结束日期", "end_date", "date"),
    ("时间", "time", "text"), ("区编号", "district", "text"), ("街道编号", "street", "text"),
    ("地点", "venue", "text"), ("主办", "organizer", "list"), ("发布清单", "lists", "list"),
    ("类别", "categories", "list"), ("网址", "url", "text"),
]
ORGS_COLS = [
    ("编号", "id", "text"), ("名称", "name", "text"), ("类型", "kind", "text"), ("区编号", "district", "text"),
    ("街道编号", "street", "text"), ("服务类别", "services", "list"), ("服务区域", "areas", "list"),
    ("入库年份", "pool", "list"), ("联系人", "contact", "text"), ("联系电话", "phone", "text"),
    ("电子邮箱", "email", "text"), ("网站", "website", "text"), ("成立年份", "founded", "int"),
    ("简介", "summary", "text"), ("网址", "url", "text"),
]
TABLES = {"needs": NEEDS_COLS, "supply": SUPPLY_COLS, "lists": LISTS_COLS, "events": EVENTS_COLS,
          "orgs": ORGS_COLS}
SITE_DATA_FILES = ["needs.csv", "needs.xlsx", "needs.json", "supply.csv", "supply.xlsx", "supply.json",
                   "lists.csv", "lists.json", "events.json", "orgs.json", "places.json", "categories.json"]

NEED_LABEL = {"open": "待认领", "negotiating": "洽谈中", "claimed": "已认领", "in-progress": "实施中",
              "completed": "已完成", "closed": "已关闭", "expired": "已截止"}
UNKNOWN = object()  # a value the dump does not hold: not compared


def neutral(s):
    """A text cell as CSV must write it: an apostrophe before a formula."""
    return "'" + s if s.startswith(FORMULA) else s


MONEY_TEXT = re.compile(r"-?\d+(?:\.\d{1,4})?")  # 万元 to the yuan, as the pages write it


def close(a, b):
    # the dump rounds money to 4 decimals (src/out/dump.c)
    return abs(a - b) <= 1e-4 + 1e-9 * abs(b)


# ---- the model, from the dump ----

class Model:
    def __init__(self, dump, site, base_url):
        self.d, self.site, self.base_url = dump, site, base_url
        self.base_path = dump["base_path"]
        self.host = urlparse(base_url).hostname or ""
        self.today = dump["today"]
        self.districts = {d["id"]: d for d in dump["districts"]}
        self.streets, self.communities = {}, {}
        for d in dump["districts"]:
            for s in d["streets"]:
                self.streets[s["id"]] = dict(s, district=d["id"])
                for c in s["communities"]:
                    self.communities[(s["id"], c["id"])] = c
        self.categories = {c["id"]: c for c in dump["categories"]}
        self.lists = {l["id"]: l for l in dump["lists"]}
        self.events = {e["id"]: e for e in dump["events"]}
        self.orgs = {o["id"]: o for o in dump["orgs"]}
        self.items = []  # (list, item), in dump order
        for l in dump["lists"]:
            for it in l["items"]:
                self.items.append((l, it))

    def ancestors(self, cid):
        """A category and each group above it."""
        out = []
        while cid is not None and cid in self.categories and cid not in out:
            out.append(cid)
            cid = self.categories[cid].get("group")
        return out

    def abs(self, rel):
        return self.base_url + rel

    def path(self, rel):
        return self.base_path + rel

    def file(self, rel):
        return os.path.join(self.site, rel, "index.html") if rel == "" or rel.endswith("/") \
            else os.path.join(self.site, rel)

    def read(self, rel):
        with open(self.file(rel), encoding="utf-8") as f:
            return f.read()

    def url_ok(self, what, url):
        """An absolute URL under BASE_URL of a file of the site; its part
        after BASE_URL, or None (after a failure)."""
        if not isinstance(url, str) or not url.startswith(self.base_url):
            fail(what, f"{url!r} is not under {self.base_url}")
            return None
        rel = url[len(self.base_url):]
        if not os.path.isfile(self.file(rel)):
            fail(what, f"{url} has no file in the site")
            return None
        ok()
        return rel

    def path_ok(self, what, href):
        """A site path (base path + rel) of a file of the site."""
        if not href.startswith(self.base_path):
            fail(what, f"{href!r} is not under {self.base_path}")
            return None
        rel = href[len(self.base_path):]
        if not os.path.isfile(self.file(rel)):
            fail(what, f"{href} has no file in the site")
            return None
        ok()
        return rel


def item_rel(l, it):
    return f"lists/{l['id']}/{it['no']}.html"


# ---- HTML helpers (regular expressions over qingdan's own markup) ----

ATTR = re.compile(r'([\w:-]+)="([^"]*)"')


def attrs(tag):
    return {k: htmlmod.unescape(v) for k, v in ATTR.findall(tag)}


def hrefs(text):
    return [htmlmod.unescape(h) for h in re.findall(r'<a\b[^>]*?\bhref="([^"]*)"', text)]


def body_of(page):
    i = page.find("<body")
    return page[i:] if i >= 0 else page


# ==== 1. Atom feeds ====
# Every feed parses as Atom with the required elements, its self link is
# its own absolute URL, and its entries are exactly the newest (at most
# 50) dated records of its scope, recounted from the dump: lists with a
# published date and their items (dated by the list), events and cases
# with a date. A record is in the feeds of its district and street, and
# (items, events, cases) of its categories and their groups.

def feed_records(M):
    recs = {}

    def add(rel, date, title, district, street, cats):
        recs[rel] = {"rel": rel, "date": date, "title": title, "district": district, "street": street,
                     "cats": set(cats)}
    for l in M.d["lists"]:
        if not l.get("published"):
            continue
        add(f"lists/{l['id']}/", l["published"], l["title"], l["district"], l["street"], [])
        for it in l["items"]:
            add(item_rel(l, it), l["published"], it["title"], it["district"], it["street"],
                M.ancestors(it["category"]))
    for e in M.d["events"]:
        if e.get("date"):
            add(f"events/{e['id']}.html", e["date"], e["title"], e.get("district"), e.get("street"),
                [a for c in e.get("categories") or [] for a in M.ancestors(c)])
    for c in M.d["cases"]:
        if c.get("date"):
            add(f"cases/{c['id']}.html", c["date"], c["title"], c.get("district"), c.get("street"),
                [a for k in c.get("categories") or [] for a in M.ancestors(k)])
    return recs


def feed_list(M):
    """(feed path, the page it follows, which records it holds)."""
    feeds = [("feeds/site.xml", "", lambda r: True)]
    for d in M.districts:
        feeds.append((f"feeds/districts/{d}.xml", f"districts/{d}/", lambda r, d=d: r["district"] == d))
    for s in M.streets:
        feeds.append((f"feeds/streets/{s}.xml", f"streets/{s}/", lambda r, s=s: r["street"] == s))
    for c in M.categories:
        feeds.append((f"feeds/categories/{c}.xml", f"categories/{c}/", lambda r, c=c: c in r["cats"]))
    return feeds


def one(what, parent, tag):
    found = parent.findall(tag)
    if len(found) != 1:
        fail(what, f"{len(found)} <{tag.replace(ATOM, '')}>, want exactly one")
        return None
    ok()
    return found[0]


def check_feed(M, path, page_rel, in_scope, recs, newest):
    what = path
    f = os.path.join(M.site, path)
    if not truth(what, os.path.isfile(f), "missing"):
        return
    try:
        root = ET.parse(f).getroot()
    except ET.ParseError as e:
        fail(what, f"not XML: {e}")
        return
    if not check(f"{what} root", root.tag, ATOM + "feed"):
        return
    for tag in ("id", "title", "updated"):
        el = one(what, root, ATOM + tag)
        if el is not None and tag != "updated":
            truth(f"{what} {tag}", (el.text or "").strip() != "", "empty")
    links = root.findall(ATOM + "link")
    self_ = [l for l in links if l.get("rel") == "self"]
    check(f"{what} self link", [l.get("href") for l in self_], [M.abs(path)])
    alt = [l.get("href") for l in links if l.get("rel") == "alternate"]
    check(f"{what} alternate link", alt, [M.abs(page_rel)])
    for h in alt:
        M.url_ok(f"{what} alternate link", h)
    names = [(n.text or "").strip() for a in root.findall(ATOM + "author") for n in a.findall(ATOM + "name")]
    truth(f"{what} author", len(names) >= 1 and all(names), f"author names {names!r}")
    feed_updated = root.findtext(ATOM + "updated") or ""
    truth(f"{what} updated", RFC3339_DAY.fullmatch(feed_updated), f"{feed_updated!r} is not YYYY-MM-DDT00:00:00+08:00")

    entries = root.findall(ATOM + "entry")
    truth(f"{what} size", len(entries) <= FEEDS_MAX, f"{len(entries)} entries, more than {FEEDS_MAX}")
    got, ids, dates = [], set(), []
    for k, e in enumerate(entries):
        ew = f"{what} entry {k + 1}"
        for tag in ("id", "title", "updated"):
            one(ew, e, ATOM + tag)
        eid = (e.findtext(ATOM + "id") or "").strip()
        if eid in ids:
            fail(ew, f"id {eid!r} repeated")
        else:
            ok()
        ids.add(eid)
        upd = e.findtext(ATOM + "updated") or ""
        if truth(f"{ew} updated", RFC3339_DAY.fullmatch(upd), f"{upd!r} is not YYYY-MM-DDT00:00:00+08:00"):
            dates.append(upd[:10])
        alts = [l.get("href") for l in e.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        if not check(f"{ew} alternate links", len(alts), 1):
            continue
        rel = M.url_ok(f"{ew} link", alts[0])
        if rel is None:
            continue
        got.append(rel)
        r = recs.get(rel)
        if not truth(f"{ew} record", r is not None, f"{rel} is no dated record of the site"):
            continue
        check(f"{ew} title", e.findtext(ATOM + "title"), xml_text(r["title"]))
        check(f"{ew} date", upd[:10], r["date"])
        truth(f"{ew} id", eid.startswith(f"tag:{M.host},") and eid.endswith(":" + rel),
              f"{eid!r} is not a tag URI of {M.host} and {rel}")
        if rel.startswith("lists/") and rel.endswith(".html"):
            l_id, no = rel[len("lists/"):-len(".html")].rsplit("/", 1)
            it = next((i for i in M.lists[l_id]["items"] if str(i["no"]) == no), None)
            terms = [c.get("term") for c in e.findall(ATOM + "category")]
            check(f"{ew} category", terms, [it["category"]] if it and it["category"] else [])
    check(f"{what} newest first", dates, sorted(dates, reverse=True))
    want_updated = (dates[0] if dates else newest)
    check(f"{what} feed updated", feed_updated[:10], want_updated)

    # the recount: exactly the newest FEEDS_MAX records of the scope (with
    # ties in date at the cut, any of them)
    scope = {rel: r for rel, r in recs.items() if in_scope(r)}
    check(f"{what} count", len(entries), min(FEEDS_MAX, len(scope)))
    extra = [g for g in got if g not in scope]
    truth(f"{what} scope", not extra, f"entries outside the feed's scope: {extra[:3]}")
    if len(scope) <= FEEDS_MAX:
        missing = sorted(set(scope) - set(got))
        truth(f"{what} entries", not missing, f"missing {len(missing)} records, e.g. {missing[:3]}")
    else:
        dates_in = [scope[g]["date"] for g in got if g in scope]
        oldest = min(dates_in) if dates_in else "9999-12-31"
        left = [r for rel, r in scope.items() if rel not in got and r["date"] > oldest]
        truth(f"{what} newest", not left, f"{len(left)} newer records left out, e.g. {[r['rel'] for r in left[:3]]}")


def check_feeds(M):
    recs = feed_records(M)
    newest = max((r["date"] for r in recs.values()), default=M.today)
    for path, page_rel, in_scope in feed_list(M):
        check_feed(M, path, page_rel, in_scope, recs, newest)
    # no feed beyond those of the site's places and categories
    for sub, ids in (("districts", M.districts), ("streets", M.streets), ("categories", M.categories)):
        folder = os.path.join(M.site, "feeds", sub)
        have = set(os.listdir(folder)) if os.path.isdir(folder) else set()
        check(f"feeds/{sub}/ files", sorted(have), sorted(f"{i}.xml" for i in ids))


# ==== 2. feed links ====
# The home page and every district, street and category page names its own
# feed in <head> (rel=alternate, Atom) and links it visibly; the feeds page
# links every feed and calendar.

def check_feed_links(M):
    for path, page_rel, _ in feed_list(M):
        what = f"page {page_rel or '/'} feed link"
        if not truth(what, os.path.isfile(M.file(page_rel)), "page missing"):
            continue
        page = M.read(page_rel)
        head = page[:page.find("</head>")] if "</head>" in page else ""
        alts = [attrs(t) for t in re.findall(r"<link\b[^>]*>", head)]
        alts = [a.get("href") for a in alts if a.get("rel") == "alternate" and a.get("type") == "application/atom+xml"]
        check(what, alts, [M.path(path)])
        truth(f"{what} <a>", M.path(path) in hrefs(body_of(page)), f"no visible link to {M.path(path)}")
    if not truth("feeds page", os.path.isfile(M.file("feeds/")), "feeds/index.html missing"):
        return
    links = set(hrefs(M.read("feeds/")))
    want = [M.path(p) for p, _, _ in feed_list(M)]
    if M.d["events"]:
        want.append(M.path("calendar/all.ics"))
    want += [M.path(f"calendar/districts/{d}.ics") for d in M.districts
             if any(e.get("district") == d for e in M.d["events"])]
    missing = [w for w in want if w not in links]
    truth("feeds page links", not missing, f"no link to {len(missing)} feeds/calendars, e.g. {missing[:3]}")
    for h in sorted(links):
        if h.endswith((".xml", ".ics")):
            M.path_ok("feeds page link", h)


# ==== 3. iCalendar ====
# calendar/all.ics (when there are events), one per district with events
# (none for the others), one per event. Lines fold at 75 octets and end in
# CRLF; each VEVENT is the dump's event: UID <id>@<host>, SUMMARY its
# title, DTSTART its date, URL its page; a round trip through icalendar
# keeps them.

def check_ics_raw(what, raw):
    truth(f"{what} CRLF", raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"") and
          b"\r" not in raw.replace(b"\r\n", b""), "a line does not end in CRLF")
    long_ = [ln for ln in raw.split(b"\r\n") if len(ln) > 75]
    truth(f"{what} folding", not long_, f"{len(long_)} lines longer than 75 octets, e.g. {long_[:1]!r}")
    bad = 0
    for ln in raw.split(b"\r\n"):
        try:
            ln.decode("utf-8")
        except UnicodeDecodeError:
            bad += 1
    truth(f"{what} UTF-8 lines", not bad, f"{bad} folded lines split a UTF-8 character")


def vevent_facts(ev):
    def s(k):
        return str(ev[k]) if k in ev else None
    dt = ev["DTSTART"].dt if "DTSTART" in ev else None
    return {"UID": s("UID"), "SUMMARY": s("SUMMARY"), "URL": s("URL"),
            "DTSTART": dt.isoformat() if dt is not None else None}


def check_ics(M, rel, events):
    what = rel
    f = os.path.join(M.site, rel)
    if not truth(what, os.path.isfile(f), "missing"):
        return
    raw = open(f, "rb").read()
    check_ics_raw(what, raw)
    try:
        cal = icalendar.Calendar.from_ical(raw)
    except Exception as e:  # noqa: BLE001 (any parse error is a failure)
        fail(what, f"does not parse: {e}")
        return
    check(f"{what} VERSION", str(cal.get("VERSION")), "2.0")
    truth(f"{what} PRODID", cal.get("PRODID"), "no PRODID")
    tzids = {str(tz.get("TZID")) for tz in cal.walk("VTIMEZONE")}
    vevents = cal.walk("VEVENT")
    uids = [str(v.get("UID")) for v in vevents]
    check(f"{what} UIDs", sorted(uids), sorted(f"{e['id']}@{M.host}" for e in events))
    by_uid = {f"{e['id']}@{M.host}": e for e in events}
    for v in vevents:
        e = by_uid.get(str(v.get("UID")))
        if e is None:
            continue
        ew = f"{what} {e['id']}"
        check(f"{ew} SUMMARY", str(v.get("SUMMARY")), e["title"])
        truth(f"{ew} DTSTAMP", "DTSTAMP" in v, "no DTSTAMP")
        if not truth(f"{ew} DTSTART", "DTSTART" in v, "no DTSTART"):
            continue
        start = v["DTSTART"].dt
        day = start.date() if isinstance(start, datetime.datetime) else start
        check(f"{ew} DTSTART date", day.isoformat(), e["date"])
        if isinstance(start, datetime.datetime):
            tz = v["DTSTART"].params.get("TZID")
            truth(f"{ew} TZID", tz in tzids, f"DTSTART's TZID {tz!r} has no VTIMEZONE in the calendar")
        else:
            last = datetime.date.fromisoformat(max(e["date"], e.get("end_date") or e["date"]))
            end = v["DTEND"].dt if "DTEND" in v else None
            check(f"{ew} DTEND", end, last + datetime.timedelta(days=1))
        url = str(v.get("URL"))
        check(f"{ew} URL", url, M.abs(f"events/{e['id']}.html"))
        M.url_ok(f"{ew} URL", url)
    try:
        again = icalendar.Calendar.from_ical(cal.to_ical())
        check(f"{what} round trip", [vevent_facts(v) for v in again.walk("VEVENT")],
              [vevent_facts(v) for v in vevents])
    except Exception as e:  # noqa: BLE001
        fail(f"{what} round trip", str(e))


def check_calendars(M):
    events = M.d["events"]
    if events:
        check_ics(M, "calendar/all.ics", events)
    else:
        truth("calendar/all.ics", not os.path.exists(os.path.join(M.site, "calendar/all.ics")),
              "a calendar without events")
    for d in M.districts:
        evs = [e for e in events if e.get("district") == d]
        rel = f"calendar/districts/{d}.ics"
        if evs:
            check_ics(M, rel, evs)
        else:
            truth(rel, not os.path.exists(os.path.join(M.site, rel)), "a calendar for a district without events")
    for e in events:
        check_ics(M, f"calendar/events/{e['id']}.ics", [e])
    folder = os.path.join(M.site, "calendar/events")
    have = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    check("calendar/events/ files", have, sorted(f"{e['id']}.ics" for e in events))
    # the pages that offer them
    for e in events:
        rel = f"events/{e['id']}.html"
        if os.path.isfile(M.file(rel)):
            truth(f"{rel} .ics link", M.path(f"calendar/events/{e['id']}.ics") in hrefs(M.read(rel)),
                  "no link to its calendar file")
        else:
            fail(rel, "missing")
    if events:
        truth("events/ .ics link", M.path("calendar/all.ics") in hrefs(M.read("events/")),
              "no link to calendar/all.ics")


# ==== 4. CSV, 6. Excel, 7. JSON: every row's expected values ====

def org_name(M, oid):
    return M.orgs[oid]["name"] if oid in M.orgs else UNKNOWN


def claimant_name(M, cid):
    if "/" in cid:
        s, c = cid.split("/", 1)
        return M.communities[(s, c)]["name"] if (s, c) in M.communities else UNKNOWN
    kinds = [x for x in (M.orgs.get(cid), M.streets.get(cid)) if x]
    return kinds[0]["name"] if len(kinds) == 1 else UNKNOWN


def area_name(M, aid):
    kinds = [x for x in (M.districts.get(aid), M.streets.get(aid)) if x]
    return kinds[0]["name"] if len(kinds) == 1 else UNKNOWN


def names(values):
    return UNKNOWN if any(v is UNKNOWN for v in values) else values


def item_expect(M, l, it):
    """Every column of an item's row (needs and supply columns), from the dump."""
    cat = M.categories.get(it["category"]) if it["category"] else None
    comm = M.communities.get((it["street"], it["community"])) if it["community"] else None
    contact = it.get("contact") or {}
    shown = "expired" if it["expired"] else it["status"]
    label = "可对接" if l["kind"] == "supply" and shown == "open" else NEED_LABEL.get(shown, UNKNOWN)
    price = it.get("price")
    e = {
        "id": f"{l['id']}/{it['no']}", "list": l["id"], "no": it["no"], "title": it["title"],
        "category": it["category"], "category_name": cat["name"] if cat else None,
        "district": it["district"], "district_name": M.districts[it["district"]]["name"] if it["district"] else None,
        "street": it["street"], "street_name": M.streets[it["street"]]["name"] if it["street"] else None,
        "community": it["community"], "community_name": comm["name"] if comm else (None if not it["community"] else UNKNOWN),
        "budget": it["budget"], "self_funding": it["self_funding"], "fund": it["fund"],
        "beneficiaries": it["beneficiaries"], "period": it["period"],
        "org": it.get("org"), "org_name": org_name(M, it["org"]) if it.get("org") else None,
        "areas": it.get("areas") or [], "area_names": names([area_name(M, a) for a in it.get("areas") or []]),
        "price": price if isinstance(price, (int, float)) and not isinstance(price, bool) else None,
        "price_text": price if isinstance(price, str) else None,
        "deadline": it["deadline"], "status": shown, "status_label": label, "expired": it["expired"],
        "claimed_by": it["claimed_by"], "claimed_by_names": names([claimant_name(M, c) for c in it["claimed_by"]]),
        "contact": contact.get("name"), "phone": contact.get("phone"), "notes": it["notes"],
        "url": M.abs(item_rel(l, it)),
    }
    return e


def list_expect(M, l):
    budgets = any(it["budget"] is not None for it in l["items"])
    return {
        "id": l["id"], "title": l["title"], "kind": l["kind"], "district": l["district"],
        "district_name": M.districts[l["district"]]["name"] if l["district"] else None,
        "street": l["street"], "street_name": M.streets[l["street"]]["name"] if l["street"] else None,
        "publisher": l["publisher"], "published": l["published"], "deadline": l["deadline"],
        "event": l["event"], "fund": l["fund"], "items": len(l["items"]),
        "open": sum(1 for it in l["items"] if it["status"] == "open" and not it["expired"]),
        "total_budget": l["total_budget"] if l["total_given"] or budgets else None,
        "budget_sum": l["budget_sum"] if budgets else None,
        "url": M.abs(f"lists/{l['id']}/"),
    }


def event_expect(M, e):
    return {"id": e["id"], "title": e["title"], "date": e["date"], "end_date": e.get("end_date"),
            "time": e.get("time", UNKNOWN), "district": e.get("district"), "street": e.get("street"),
            "venue": e.get("venue"), "organizer": e.get("organizer") or [], "lists": e.get("lists") or [],
            "categories": e.get("categories") or [], "url": M.abs(f"events/{e['id']}.html")}


def org_expect(M, o):
    c = o.get("contact") or {}
    return {"id": o["id"], "name": o["name"], "kind": o.get("kind", UNKNOWN), "district": o.get("district"),
            "street": o.get("street"), "services": o.get("services") or [], "areas": o.get("areas") or [],
            "pool": [str(y) for y in o.get("pool") or []], "contact": c.get("name"), "phone": c.get("phone"),
            "email": c.get("email"), "website": o.get("website"), "founded": o.get("founded", UNKNOWN),
            "summary": o.get("summary"), "url": M.abs(f"orgs/{o['id']}.html")}


def csv_cell_ok(typ, cell, want):
    if want is UNKNOWN:
        return True
    if want is None or (typ == "list" and want == []):
        return cell == ""
    if typ in ("number", "int"):
        try:
            return close(float(cell), float(want))
        except ValueError:
            return False
    if typ == "bool":
        return cell == ("是" if want else "否")
    if typ == "list":
        return cell == neutral("、".join(want))
    return cell == neutral(str(want))


def json_cell_ok(typ, val, want):
    if want is UNKNOWN:
        return True
    if typ == "list":
        return val == list(want or [])
    if want is None:
        return val is None
    if typ in ("number", "int"):
        return isinstance(val, (int, float)) and not isinstance(val, bool) and close(val, want)
    if typ == "bool":
        return val is want
    return val == want


def bare_line_ends(text):
    """Line ends outside quoted fields that are not CRLF (a quoted field
    may hold any line end)."""
    quoted, bad = False, 0
    for i, ch in enumerate(text):
        if ch == '"':
            quoted = not quoted  # a doubled quote toggles twice
        elif not quoted and ((ch == "\n" and text[i - 1:i] != "\r") or
                             (ch == "\r" and text[i + 1:i + 2] != "\n")):
            bad += 1
    return bad


def read_csv(M, rel):
    """(header, rows) of a data CSV, after checking its encoding; None if
    it is missing or unreadable."""
    what = rel
    f = os.path.join(M.site, rel)
    if not truth(what, os.path.isfile(f), "missing"):
        return None
    raw = open(f, "rb").read()
    if not truth(f"{what} BOM", raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte-order mark"):
        return None
    try:
        text = raw[3:].decode("utf-8")
    except UnicodeDecodeError as e:
        fail(what, f"not UTF-8: {e}")
        return None
    truth(f"{what} CRLF", text.endswith("\r\n") and not bare_line_ends(text), "records do not end in CRLF")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    if not truth(f"{what} header", rows, "empty"):
        return None
    return rows[0], rows[1:]


def check_csv_rows(M, rel, cols, rows, expect, order=None):
    """Rows against expectations (id -> {key: value}); every cell scanned
    for formulas. `order`: the ids in the order the rows must have."""
    what = rel
    ids = [r[0] if r else "" for r in rows]
    if order is not None:
        check(f"{what} rows", ids, order)
    else:
        check(f"{what} rows", sorted(ids), sorted(expect))
    check(f"{what} unique ids", len(set(ids)), len(ids))
    bad_width = [i for i, r in enumerate(rows) if len(r) != len(cols)]
    truth(f"{what} row width", not bad_width, f"rows {bad_width[:5]} do not have {len(cols)} cells")
    formula = []
    for r in rows:
        for (zh, key, typ), cell in zip(cols, r):
            if cell.startswith(FORMULA) and typ not in ("number", "int"):
                formula.append((r[0], zh, cell))
    truth(f"{what} formulas", not formula, f"text cells that a spreadsheet runs: {formula[:3]}")
    # amounts as the pages show them: no 28.299999999999997 for 28.3
    money = [(r[0], zh, cell) for r in rows for (zh, key, typ), cell in zip(cols, r)
             if typ == "number" and cell and not MONEY_TEXT.fullmatch(cell)]
    truth(f"{what} money precision", not money, f"amounts not written to at most 4 decimals: {money[:3]}")
    for r in rows:
        e = expect.get(r[0] if r else None)
        if e is None or len(r) != len(cols):
            continue
        for (zh, key, typ), cell in zip(cols, r):
            if not csv_cell_ok(typ, cell, e.get(key, UNKNOWN)):
                fail(f"{what} {r[0]} {zh}", f"{cell!r}, want {e.get(key)!r}")
            else:
                ok()
        if "url" in e:
            M.url_ok(f"{what} {r[0]} 网址", r[[k for _, k, _ in cols].index("url")])


def check_csvs(M):
    """CSV files: header = the column table, rows = the dump's records.
    Returns {rel: (cols, rows)} for the Excel check."""
    done = {}
    needs = {f"{l['id']}/{it['no']}": item_expect(M, l, it) for l, it in M.items if l["kind"] == "needs"}
    supply = {f"{l['id']}/{it['no']}": item_expect(M, l, it) for l, it in M.items if l["kind"] == "supply"}
    lists = {l["id"]: list_expect(M, l) for l in M.d["lists"]}
    plan = [("data/needs.csv", NEEDS_COLS, needs, None), ("data/supply.csv", SUPPLY_COLS, supply, None),
            ("data/lists.csv", LISTS_COLS, lists, None)]
    for l in M.d["lists"]:
        cols = SUPPLY_COLS if l["kind"] == "supply" else NEEDS_COLS  # pain points: the needs columns
        items = sorted(l["items"], key=lambda it: it["no"])
        plan.append((f"data/lists/{l['id']}.csv", cols,
                     {f"{l['id']}/{it['no']}": item_expect(M, l, it) for it in items},
                     [f"{l['id']}/{it['no']}" for it in items]))
    for rel, cols, expect, order in plan:
        got = read_csv(M, rel)
        if got is None:
            continue
        header, rows = got
        check(f"{rel} header", header, [zh for zh, _, _ in cols])
        check_csv_rows(M, rel, cols, rows, expect, order)
        done[rel] = (cols, rows)
    folder = os.path.join(M.site, "data/lists")
    have = sorted(os.listdir(folder)) if os.path.isdir(folder) else []
    check("data/lists/ files", have, sorted(f"{l['id']}.{x}" for l in M.d["lists"] for x in ("csv", "xlsx")))
    return done


def xml_text(s):
    return "".join("\ufffd" if ord(ch) < 0x20 and ch not in "\t\n\r" else ch for ch in s)


def check_xlsx(M, csvs):
    """Each workbook: one sheet, the CSV's header frozen above the rows,
    the CSV's rows cell for cell, typed (numbers, dates), text never a
    formula."""
    plan = [("data/needs.xlsx", "data/needs.csv"), ("data/supply.xlsx", "data/supply.csv")]
    plan += [(f"data/lists/{l['id']}.xlsx", f"data/lists/{l['id']}.csv") for l in M.d["lists"]]
    for rel, csv_rel in plan:
        what = rel
        f = os.path.join(M.site, rel)
        if not truth(what, os.path.isfile(f), "missing") or csv_rel not in csvs:
            continue
        cols, rows = csvs[csv_rel]
        try:
            wb = openpyxl.load_workbook(f)
        except Exception as e:  # noqa: BLE001
            fail(what, f"does not open: {e}")
            continue
        check(f"{what} sheets", len(wb.worksheets), 1)
        ws = wb.worksheets[0]
        check(f"{what} freeze", ws.freeze_panes, "A2")
        grid = [list(r) for r in ws.iter_rows()]
        check(f"{what} header", [c.value for c in grid[0]] if grid else [], [zh for zh, _, _ in cols])
        body = grid[1:]
        if not check(f"{what} rows", len(body), len(rows)):
            continue
        if rows:
            last = openpyxl.utils.get_column_letter(len(cols))
            check(f"{what} autofilter", ws.auto_filter.ref, f"A1:{last}{len(rows) + 1}")
        for xr, cr in zip(body, rows):
            xr = xr + [None] * (len(cols) - len(xr))
            for (zh, key, typ), x, c in zip(cols, xr, cr):
                v = x.value if x is not None else None
                cw = f"{what} {cr[0]} {zh}"
                if c == "":
                    truth(cw, v is None or v == "", f"{v!r}, the CSV has none")
                    continue
                if x.data_type == "f":
                    fail(cw, f"a formula {v!r}")
                    continue
                if typ in ("number", "int"):
                    truth(cw, isinstance(v, (int, float)) and close(float(v), float(c)), f"{v!r}, CSV {c!r}")
                elif typ == "date":
                    # a date Excel cannot hold (before 1900) is text
                    truth(cw, (isinstance(v, datetime.datetime) and v.date().isoformat() == c) or
                          (v == c and not "1900" <= c[:4] <= "9999"), f"{v!r}, CSV {c!r}")
                else:
                    raw = c[1:] if c.startswith("'") and c[1:].startswith(FORMULA) else c
                    # XML has no C0 controls but TAB, LF, CR: U+FFFD in Excel
                    raw, c = xml_text(raw), xml_text(c)
                    truth(cw, x.data_type == "s" and v in (raw, c), f"{v!r} ({x.data_type}), CSV {c!r}")


def check_json(M, csvs):
    """data/*.json: date = the dump's today, count = the records' number =
    the dump's, every record's values from the dump; places and
    categories complete."""
    today = M.today
    needs = [(l, it) for l, it in M.items if l["kind"] == "needs"]
    supply = [(l, it) for l, it in M.items if l["kind"] == "supply"]
    plan = [
        ("needs", NEEDS_COLS, {f"{l['id']}/{it['no']}": item_expect(M, l, it) for l, it in needs}),
        ("supply", SUPPLY_COLS, {f"{l['id']}/{it['no']}": item_expect(M, l, it) for l, it in supply}),
        ("lists", LISTS_COLS, {l["id"]: list_expect(M, l) for l in M.d["lists"]}),
        ("events", EVENTS_COLS, {e["id"]: event_expect(M, e) for e in M.d["events"]}),
        ("orgs", ORGS_COLS, {o["id"]: org_expect(M, o) for o in M.d["orgs"]}),
    ]

    def load(name):
        f = os.path.join(M.site, "data", name)
        if not truth(f"data/{name}", os.path.isfile(f), "missing"):
            return None
        try:
            return json.load(open(f, encoding="utf-8"))
        except ValueError as e:
            fail(f"data/{name}", f"not JSON: {e}")
            return None

    for name, cols, expect in plan:
        what = f"data/{name}.json"
        j = load(f"{name}.json")
        if not isinstance(j, dict):
            continue
        money_keys = [k for _, k, t in cols if t == "number"]
        if money_keys:
            raw = open(os.path.join(M.site, "data", f"{name}.json"), encoding="utf-8").read()
            found = re.findall(r'"(' + "|".join(money_keys) + r')":(-?[0-9.eE+-]+)', raw)
            bad = [(k, v) for k, v in found if not MONEY_TEXT.fullmatch(v)]
            truth(f"{what} money precision", not bad, f"amounts not written to at most 4 decimals: {bad[:3]}")
        recs = j.get("records")
        if not truth(f"{what} records", isinstance(recs, list), "no records array"):
            continue
        check(f"{what} date", j.get("date"), today)
        check(f"{what} count", j.get("count"), len(recs))
        check(f"{what} count = dump", j.get("count"), len(expect))
        check(f"{what} ids", sorted(r.get("id") for r in recs), sorted(expect))
        for r in recs:
            e = expect.get(r.get("id"))
            if e is None:
                continue
            check(f"{what} {r['id']} keys", list(r), [k for _, k, _ in cols])
            for zh, key, typ in cols:
                if not json_cell_ok(typ, r.get(key), e.get(key, UNKNOWN)):
                    fail(f"{what} {r['id']} {key}", f"{r.get(key)!r}, want {e.get(key)!r}")
                else:
                    ok()
            M.url_ok(f"{what} {r['id']} url", r.get("url"))
            if name == "needs":
                truth(f"{what} {r['id']} list", r.get("list") in M.lists, f"{r.get('list')!r} is no list")
                truth(f"{what} {r['id']} category", r.get("category") is None or r.get("category") in M.categories,
                      f"{r.get('category')!r} is no category")
                truth(f"{what} {r['id']} claimed_by", isinstance(r.get("claimed_by"), list), "not a list")
        if name in ("needs", "supply", "lists") and f"data/{name}.csv" in csvs:
            check(f"{what} count = CSV rows", j.get("count"), len(csvs[f"data/{name}.csv"][1]))

    p = load("places.json")
    if isinstance(p, dict):
        ds = p.get("districts") or []
        check("data/places.json date", p.get("date"), today)
        check("data/places.json count", p.get("count"), len(ds))
        check("data/places.json count = dump", p.get("count"), len(M.districts))
        check("data/places.json districts", [d.get("id") for d in ds], list(M.districts))
        got_s = sorted(s.get("id") for d in ds for s in d.get("streets") or [])
        check("data/places.json streets", got_s, sorted(M.streets))
        got_c = sorted((s.get("id"), c.get("id")) for d in ds for s in d.get("streets") or []
                       for c in s.get("communities") or [])
        check("data/places.json communities", got_c, sorted(M.communities))
        for d in ds:
            M.url_ok(f"data/places.json {d.get('id')}", d.get("url"))
            for s in d.get("streets") or []:
                check(f"data/places.json {s.get('id')} district", M.streets.get(s.get("id"), {}).get("district"),
                      d.get("id"))
                M.url_ok(f"data/places.json {s.get('id')}", s.get("url"))
                for c in s.get("communities") or []:
                    M.url_ok(f"data/places.json {s.get('id')}/{c.get('id')}", c.get("url"))
    c = load("categories.json")
    if isinstance(c, dict):
        cs = c.get("categories") or []
        check("data/categories.json date", c.get("date"), today)
        check("data/categories.json count", c.get("count"), len(cs))
        check("data/categories.json count = dump", c.get("count"), len(M.categories))
        check("data/categories.json ids", [x.get("id") for x in cs], list(M.categories))
        for x in cs:
            if x.get("id") in M.categories:
                check(f"data/categories.json {x['id']} group", x.get("group"), M.categories[x["id"]].get("group"))
                check(f"data/categories.json {x['id']} name", x.get("name"), M.categories[x["id"]]["name"])
            M.url_ok(f"data/categories.json {x.get('id')}", x.get("url"))


# ==== 8. JSON-LD ====
# Each need's, offer's, event's and organisation's page has one JSON-LD
# block (Demand, Offer, Event, Organization) naming the page's absolute
# URL; a pain point's page has none. The raw block holds no "</" and no
# U+2028/U+2029, whatever the content.

LDJSON = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_urls(v, key=None):
    if isinstance(v, dict):
        for k, x in v.items():
            yield from json_urls(x, k)
    elif isinstance(v, list):
        for x in v:
            yield from json_urls(x, key)
    elif key in ("url", "@id") and isinstance(v, str):
        yield v


def check_jsonld_page(M, rel, typ, name):
    what = f"{rel} JSON-LD"
    if not truth(what, os.path.isfile(M.file(rel)), "page missing"):
        return
    page = M.read(rel)
    blocks = LDJSON.findall(page)
    if typ is None:
        check(f"{what} count", len(blocks), 0)
        return
    if not check(f"{what} count", len(blocks), 1):
        return
    raw = blocks[0]
    truth(f"{what} raw", "</" not in raw and "\u2028" not in raw and "\u2029" not in raw,
          "holds </ or U+2028/U+2029 unescaped")
    try:
        j = json.loads(raw)
    except ValueError as e:
        fail(what, f"not JSON: {e}")
        return
    check(f"{what} @context", j.get("@context"), "https://schema.org")
    check(f"{what} @type", j.get("@type"), typ)
    check(f"{what} url", j.get("url"), M.abs(rel))
    check(f"{what} @id", j.get("@id"), M.abs(rel))
    check(f"{what} name", j.get("name"), name)
    for u in json_urls(j):
        M.url_ok(f"{what} url", u)


def check_jsonld(M, only=None):
    for l, it in M.items:
        rel = item_rel(l, it)
        if only is None or rel in only:
            typ = {"needs": "Demand", "supply": "Offer"}.get(l["kind"])
            check_jsonld_page(M, rel, typ, it["title"])
    if only is None:
        for e in M.d["events"]:
            check_jsonld_page(M, f"events/{e['id']}.html", "Event", e["title"])
        for o in M.d["orgs"]:
            check_jsonld_page(M, f"orgs/{o['id']}.html", "Organization", o["name"])


# ==== 9. QR codes ====
# The QR code of a list, item and event page (in its div.qr-panel) and of
# each poster decodes (rsvg-convert, then zbarimg) to the page's absolute
# URL: the one a printed handout leads back to.

QR_SVG = re.compile(r'<svg\b[^>]*\bclass="qr"[^>]*>.*?</svg>', re.S)
ZBAR_NS = "{http://zbar.sourceforge.net/2008/barcode}"


def decode_all(svgs):
    """The text of each QR code drawn as SVG (rendered by rsvg-convert,
    all decoded by one zbarimg), or an error string in <>."""
    tmp = tempfile.mkdtemp(prefix="check_follow_qr.")
    try:
        def render(k):
            try:
                r = subprocess.run(["rsvg-convert", "-w", "400", "-b", "white", "-o", os.path.join(tmp, f"{k}.png")],
                                   input=svgs[k].encode(), capture_output=True, timeout=60)
                return None if r.returncode == 0 else f"<rsvg-convert: {r.stderr.decode(errors='replace')[:200]}>"
            except (OSError, subprocess.SubprocessError) as e:
                return f"<rsvg-convert: {e}>"
        with concurrent.futures.ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as ex:
            errors = list(ex.map(render, range(len(svgs))))
        pngs = [os.path.join(tmp, f"{k}.png") for k, e in enumerate(errors) if e is None]
        found = {}
        if pngs:
            try:
                r = subprocess.run(["zbarimg", "--xml", "-q", "--nodbus"] + pngs, capture_output=True, timeout=300)
                if r.returncode not in (0, 4) and b"nodbus" in r.stderr:  # an older zbarimg
                    r = subprocess.run(["zbarimg", "--xml", "-q"] + pngs, capture_output=True, timeout=300)
                for src in ET.fromstring(r.stdout).iter(ZBAR_NS + "source"):
                    found[src.get("href")] = [base64.b64decode(d.text or "").decode("utf-8", "replace")
                                              if d.get("format") == "base64" else d.text or ""
                                              for d in src.iter(ZBAR_NS + "data")]
            except (OSError, subprocess.SubprocessError, ET.ParseError) as e:
                return [f"<zbarimg: {e}>"] * len(svgs)
        out = []
        for k, e in enumerate(errors):
            data = found.get(os.path.join(tmp, f"{k}.png"), [])
            out.append(e or (data[0] if len(data) == 1 else f"<{len(data)} QR codes found: {data!r}>"))
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def in_qr_panel(root):
    svg = next((n for n in root.all("svg") if "qr" in n.cls()), None)
    n = svg.parent if svg is not None else None
    while n is not None:
        if n.tag == "div" and "qr-panel" in n.cls():
            return True
        n = n.parent
    return False


def check_qr(M):
    pages = [(f"lists/{l['id']}/", M.abs(f"lists/{l['id']}/")) for l in M.d["lists"]]
    pages += [(f"events/{e['id']}.html", M.abs(f"events/{e['id']}.html")) for e in M.d["events"]]
    items = sorted(M.items, key=lambda x: (x[0]["id"], x[1]["no"]))
    step = max(1, math.ceil(len(items) / QR_ITEMS))
    decode_items = {item_rel(l, it) for k, (l, it) in enumerate(items) if k % step == 0}
    jobs = []
    for rel, url in pages + [(item_rel(l, it), M.abs(item_rel(l, it))) for l, it in items]:
        what = f"{rel} QR"
        if not truth(what, os.path.isfile(M.file(rel)), "page missing"):
            continue
        page = M.read(rel)
        m = QR_SVG.search(page)
        if not truth(what, m, "no <svg class=\"qr\">"):
            continue
        truth(f"{what} panel", in_qr_panel(parse(M.file(rel))), "the QR code is not inside div.qr-panel")
        if not rel.startswith("lists/") or rel.endswith("/") or rel in decode_items:
            jobs.append((what, m.group(0), url))
    posters = [(f"posters/lists/{l['id']}.html", M.abs(f"lists/{l['id']}/")) for l in M.d["lists"]]
    posters += [(f"posters/events/{e['id']}.html", M.abs(f"events/{e['id']}.html")) for e in M.d["events"]]
    for rel, url in posters:
        what = f"{rel} QR"
        if not truth(what, os.path.isfile(M.file(rel)), "poster missing"):
            continue
        page = M.read(rel)
        m = QR_SVG.search(page)
        if truth(what, m, "no <svg class=\"qr\">"):
            jobs.append((what, m.group(0), url))
        truth(f"{rel} address", htmlmod.escape(url, quote=False) in page, f"does not print {url}")
    results = decode_all([svg for _, svg, _ in jobs])
    for (what, _, url), got in zip(jobs, results):
        if check(f"{what} decodes", got, url):
            M.url_ok(f"{what} decodes", got)


# ==== 10. the data page and each list's downloads ====

def check_data_page(M):
    if not truth("data page", os.path.isfile(M.file("data/")), "data/index.html missing"):
        return
    links = set(hrefs(M.read("data/")))
    for name in SITE_DATA_FILES:
        href = M.path(f"data/{name}")
        if truth(f"data page link {name}", href in links, f"no link to {href}"):
            M.path_ok(f"data page link {name}", href)
    root = parse(M.file("data/"))
    shown = {}
    for sec in root.all("section"):
        h2 = sec.first("h2")
        m = re.search(r"Columns of (\w+)", h2.text()) if h2 else None
        table = sec.first("table")
        if m and table is not None:
            shown[m.group(1)] = [(tr.first("th").text().strip() if tr.first("th") else None,
                                  tr.first("code").text().strip() if tr.first("code") else None)
                                 for tr in (table.first("tbody") or table).kids("tr")]
    for name, cols in TABLES.items():
        check(f"data page columns of {name}", shown.get(name), [(zh, key) for zh, key, _ in cols])
    for l in M.d["lists"]:
        rel = f"lists/{l['id']}/"
        if not os.path.isfile(M.file(rel)):
            fail(rel, "missing")
            continue
        root = parse(M.file(rel))
        sec = next((s for s in root.all("section")
                    if s.first("h2") is not None and s.first("h2").text().strip() == "下载本清单"), None)
        if not truth(f"{rel} downloads", sec is not None, "no section headed 下载本清单"):
            continue
        got = [a.attrs.get("href") for a in sec.all("a")]
        for ext in ("csv", "xlsx"):
            href = M.path(f"data/lists/{l['id']}.{ext}")
            if truth(f"{rel} {ext} link", href in got, f"no link to {href} under 下载本清单"):
                M.path_ok(f"{rel} {ext} link", href)
        truth(f"{rel} wx-hint", root.first(None, "wx-hint") is not None, "no element of class wx-hint")


# ==== builds: two builds give the same files; hostile content ====

def qd_binary():
    b = os.environ.get("QD_BIN")
    cands = ([b if os.path.isabs(b) else os.path.join(REPO, b)] if b else []) + [os.path.join(REPO, "qingdan")]
    return next((c for c in cands if os.path.isfile(c) and os.access(c, os.X_OK)), None)


QD = None  # the binary, chosen once (main)


def qd(args, env):
    return subprocess.run([QD] + args, capture_output=True, env=env, timeout=300)


def build(content, out, base_url, env):
    r = qd(["build", "--quiet", "--content", content, "--output", out, "--base-url", base_url], env)
    return r.returncode == 0, r.stderr.decode(errors="replace")[:500]


def dump_of(content, base_url, env):
    r = qd(["dump", "--quiet", "--content", content, "--base-url", base_url], env)
    return json.loads(r.stdout) if r.returncode == 0 else None


def same_tree(a, b):
    """Paths that differ between two folders (missing on a side or other bytes)."""
    def files(top):
        return {os.path.relpath(os.path.join(r, f), top) for r, _, fs in os.walk(top) for f in fs}
    fa, fb = files(a), files(b)
    diff = fa ^ fb
    diff |= {p for p in fa & fb if not filecmp.cmp(os.path.join(a, p), os.path.join(b, p), shallow=False)}
    return sorted(diff)


def check_reproducible(tmp, base_url, env):
    outs = [os.path.join(tmp, "again1"), os.path.join(tmp, "again2")]
    for o in outs:
        good, err = build(os.path.join(REPO, "content"), o, base_url, env)
        if not truth("rebuild", good, f"building the demo failed: {err}"):
            return
    for sub in ("feeds", "calendar", "data"):
        diff = same_tree(os.path.join(outs[0], sub), os.path.join(outs[1], sub))
        truth(f"reproducible {sub}/", not diff, f"two builds differ in {diff[:5]}")


HOSTILE = [
    # (title, notes): titles a spreadsheet would run, and one that would
    # end a <script> or a JavaScript string
    ('=HYPERLINK("http://evil","x")', "+cmd|' /C calc'!A0"),
    ("@SUM(1,2)", None),
    ("-2+3", None),
    ("\t+tab", None),
    ("</script><b>x</b>\u2028y\u2029z & <!--", None),
    # (control characters a YAML escape would make, "\u0007", are refused
    # when the content is read: tests/bad/control-escape)
]
TITLE_LINE = re.compile(r"^(?P<ind>[ ]*(?:-[ ]+)?)(?P<key>项目名称|title)[ ]*:[ ]*(?P<val>.*?)[ ]*$")
NOTES_LINE = re.compile(r"^[ ]*(?:-[ ]+)?(?:备注|notes)[ ]*:")


def indent(line):
    return len(line) - len(line.lstrip(" "))


def set_notes(lines, k, col, key, notes):
    """Give the item whose title is on line k (keys at column col) the
    notes `notes`, in place of any it has."""
    start = k
    while start > 0 and lines[start][:col].strip() != "-":
        start -= 1
    end = k + 1
    while end < len(lines) and (not lines[end].strip() or indent(lines[end]) >= col):
        end += 1
    line = ("备注" if key == "项目名称" else "notes") + ": " + json.dumps(notes)
    new, skip, placed = [], False, False
    for i in range(start, end):
        ln = lines[i]
        if skip and (not ln.strip() or indent(ln) > col):
            continue  # the rest of the old notes
        skip = False
        if NOTES_LINE.match(ln) and (i == start or indent(ln) == col):
            skip = True
            if i == start:  # "- 备注: ..." opens the item
                new.append(ln[:col] + line)
                placed = True
            continue
        new.append(ln)
        if i == k and not placed:
            new.append(" " * col + line)
            placed = True
    lines[start:end] = new


def make_hostile(content):
    """Put the HOSTILE titles (and notes) into a needs list of a copy of
    the demo, editing the YAML text. Returns the list's file, or None when
    no list fits."""
    folder = os.path.join(content, "lists")
    for fn in sorted(os.listdir(folder)):
        if not fn.endswith(".yaml"):
            continue
        path = os.path.join(folder, fn)
        text = open(path, encoding="utf-8-sig").read()
        try:
            l = yaml.safe_load(text)
        except yaml.YAMLError:
            continue
        if not isinstance(l, dict) or (l.get("kind") or l.get("类型")) not in ("needs", "需求清单"):
            continue
        items = l.get("items") or l.get("条目") or []
        titles = [it.get("title") or it.get("项目名称") for it in items if isinstance(it, dict)]
        lines = text.split("\n")
        spots = []  # line indexes of titles
        for k, ln in enumerate(lines):
            m = TITLE_LINE.match(ln)
            if not m:
                continue
            try:
                val = yaml.safe_load(m.group("val"))
            except yaml.YAMLError:
                continue
            if isinstance(val, str) and titles.count(val) == 1:
                spots.append(k)
        if len(spots) < len(HOSTILE):
            continue
        # from the last, so that added lines move no spot still to edit
        for k, (title, notes) in reversed(list(zip(spots, HOSTILE))):
            m = TITLE_LINE.match(lines[k])
            lines[k] = f"{m.group('ind')}{m.group('key')}: {json.dumps(title)}"
            if notes is not None:
                set_notes(lines, k, len(m.group("ind")), m.group("key"), notes)
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        return path
    return None


def check_hostile(tmp, base_url, env):
    global prefix
    content = os.path.join(tmp, "hostile-content")
    shutil.copytree(os.path.join(REPO, "content"), content)
    made = make_hostile(content)
    if not truth("hostile content", made, "no needs list in content/lists/*.yaml to put hostile titles in"):
        return
    out = os.path.join(tmp, "hostile-site")
    good, err = build(content, out, base_url, env)
    if not truth("hostile build", good, f"failed: {err}"):
        return
    d = dump_of(content, base_url, env)
    if not truth("hostile dump", d is not None, "qingdan dump failed"):
        return
    M = Model(d, out, base_url)
    found = {}
    for l, it in M.items:
        for title, notes in HOSTILE:
            if it["title"] == title:
                found[title] = (l, it)
    for title, notes in HOSTILE:
        if truth(f"hostile title {title!r}", title in found, "not loaded as written"):
            l, it = found[title]
            if notes:
                check(f"hostile notes of {title!r}", it["notes"], notes)

    prefix = "hostile "
    try:
        csvs = check_csvs(M)
        check_xlsx(M, csvs)
        check_json(M, csvs)
        check_jsonld(M, only={item_rel(l, it) for l, it in found.values()})
        check_feeds(M)
        # and spelled out: the cells as a spreadsheet must see them
        for title, notes in HOSTILE:
            if title not in found:
                continue
            l, it = found[title]
            iid = f"{l['id']}/{it['no']}"
            for rel in ("data/needs.csv", f"data/lists/{l['id']}.csv"):
                cols, rows = csvs.get(rel, (NEEDS_COLS, []))
                row = next((r for r in rows if r and r[0] == iid), None)
                if not truth(f"{rel} {iid}", row, "no row"):
                    continue
                keys = [k for _, k, _ in cols]
                want = "'" + title if title.startswith(FORMULA) else title
                check(f"{rel} {iid} 项目名称", row[keys.index("title")], want)
                if notes:
                    check(f"{rel} {iid} 备注", row[keys.index("notes")], "'" + notes)
            for rel in ("data/needs.xlsx", f"data/lists/{l['id']}.xlsx"):
                try:
                    ws = openpyxl.load_workbook(os.path.join(out, rel)).worksheets[0]
                except Exception as e:  # noqa: BLE001
                    fail(rel, f"does not open: {e}")
                    continue
                head = [c.value for c in ws[1]]
                row = next((r for r in ws.iter_rows(min_row=2) if r[0].value == iid), None)
                if not truth(f"{rel} {iid}", row, "no row"):
                    continue
                cell = row[head.index("项目名称")]
                truth(f"{rel} {iid} 项目名称", cell.data_type == "s" and cell.value == xml_text(title),
                      f"{cell.value!r} ({cell.data_type}), want the text {xml_text(title)!r}")
                if notes:
                    cell = row[head.index("备注")]
                    truth(f"{rel} {iid} 备注", cell.data_type == "s" and cell.value == notes,
                          f"{cell.value!r} ({cell.data_type}), want the text {notes!r}")
    finally:
        prefix = ""


# ==== main ====

def run(check_fn, *args):
    """A check; one that stops on an exception (a file far from what it
    expects) is a failure, and the others still run."""
    global prefix
    try:
        return check_fn(*args)
    except Exception as e:  # noqa: BLE001
        prefix = ""
        fail(check_fn.__name__, f"stopped: {type(e).__name__}: {e}")
        return None


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    dump = json.load(open(sys.argv[1], encoding="utf-8"))
    site, base_url = sys.argv[2], sys.argv[3]
    M = Model(dump, site, base_url)
    # 11. the sub-path: BASE_URL is the site's, and every URL checked
    # below (feeds, calendars, data, JSON-LD, QR codes) is under it and
    # names a file of the site (Model.url_ok)
    check("base URL", dump["base_url"], base_url)
    check("base path", urlparse(base_url).path, M.base_path)

    csvs = {}
    run(check_feeds, M)
    run(check_feed_links, M)
    run(check_calendars, M)
    csvs.update(run(check_csvs, M) or {})
    run(check_xlsx, M, csvs)
    run(check_json, M, csvs)
    run(check_jsonld, M)
    run(check_qr, M)
    run(check_data_page, M)

    global QD
    QD = qd_binary()
    if not QD:
        fail("builds", "no qingdan binary ($QD_BIN or ./qingdan) to build the demo with")
    else:
        env = dict(os.environ)
        env.setdefault("SOURCE_DATE_EPOCH", "1767225600")
        tmp = tempfile.mkdtemp(prefix="check_follow.")
        try:
            run(check_reproducible, tmp, base_url, env)
            run(check_hostile, tmp, base_url, env)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    print(f"follow: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""What the site's search should find, recounted from what qingdan loaded
(qingdan dump JSON) by the rule docs/search.md states, not by qingdan's
code: every record with a page is a document, with its title and the
parts of its text (its own texts, and the names of its category, places
and organisations). A word of a query is found in one part (or the
title), never across two.

Writes JSON: [{"url", "title", "parts": [...]}, ...] in no particular
order; the browser test (tests/browser/search.mjs) checks every query's
results against it.

usage: search_texts.py DUMP.json > texts.json
"""
import json
import sys

dump = json.load(open(sys.argv[1]))
base = dump["base_path"]

ORG_KINDS = {
    "social-organization": "社会组织", "social-enterprise": "社会企业", "enterprise": "企业",
    "association": "行业协会商会", "volunteer-organization": "志愿服务组织", "think-tank": "专家智库",
    "other": "其他",
}

districts, streets, communities = {}, {}, {}
for d in dump["districts"]:
    districts[d["id"]] = d
    for s in d["streets"]:
        streets[s["id"]] = dict(s, district=d)
        for c in s.get("communities", []):
            communities[s["id"] + "/" + c["id"]] = dict(c, street=s, district=d)
categories = {c["id"]: c["name"] for c in dump["categories"]}
orgs = {o["id"]: o["name"] for o in dump["orgs"]}
events = {e["id"]: e["title"] for e in dump["events"]}

docs = []


def doc(url, title, parts):
    docs.append({"url": base + url, "title": title, "parts": [p for p in parts if p]})


def place_names(district=None, street=None, community=None):
    out = []
    if district:
        out.append(districts[district]["name"])
    if street:
        out.append(streets[street]["name"])
    if community:
        out.append(communities[street + "/" + community]["name"])
    return out


def claimant_name(c):
    # an organisation's id, a street's, or "street/community" in the dump
    if "/" in c:
        return communities[c]["name"]
    return orgs[c] if c in orgs else streets[c]["name"]


for l in dump["lists"]:
    doc(f"lists/{l['id']}/", l["title"],
        [l["body"], l["publisher"]] + place_names(l["district"], l["street"])
        + [events[l["event"]] if l["event"] else None])
    for it in l["items"]:
        parts = [it["description"], it["requirements"], it["beneficiaries"]] + it["tags"]
        parts.append(categories[it["category"]] if it["category"] else None)
        parts += place_names(it["district"], it["street"], it["community"])
        for a in it.get("areas", []):
            parts.append(streets[a]["name"] if a in streets else districts[a]["name"])
        if it.get("org"):
            parts.append(orgs[it["org"]])
        parts += [claimant_name(c) for c in it["claimed_by"]]
        doc(f"lists/{l['id']}/{it['no']}.html", it["title"], parts)

for e in dump["events"]:
    doc(f"events/{e['id']}.html", e["title"],
        [e["body"], e["venue"]] + place_names(e["district"], e["street"])
        + e["guided_by"] + e["organizer"] + e["undertaker"] + [categories[c] for c in e["categories"]])

for c in dump["cases"]:
    doc(f"cases/{c['id']}.html", c["title"],
        [c["body"], c["model"]] + c["highlights"] + [categories[k] for k in c["categories"]]
        + place_names(c["district"], c["street"], c["community"]) + [orgs[o] for o in c["orgs"]])

for o in dump["orgs"]:
    doc(f"orgs/{o['id']}.html", o["name"],
        [o["summary"], o["body"], ORG_KINDS[o["kind"]]] + [categories[k] for k in o["services"]]
        + place_names(o["district"], o["street"]))

for d in dump["districts"]:
    doc(f"districts/{d['id']}/", d["name"], [])
    for s in d["streets"]:
        doc(f"streets/{s['id']}/", s["name"], [d["name"]])
        for c in s.get("communities", []):
            doc(f"streets/{s['id']}/{c['id']}.html", c["name"], [d["name"], s["name"]])

json.dump(docs, sys.stdout, ensure_ascii=False)

#!/usr/bin/env python3
"""Benchmark corpus generator, deterministic from a seed.

  gen.py needs N SEED OUT    N needs (plus lists, streets, communities,
                             categories, events, orgs, supply offers, cases)
                             written twice: OUT/qingdan/content (a qingdan
                             content folder) and OUT/hugo (a Hugo site with
                             the same records: one page per item, `streets`
                             and `categories` taxonomies, list pages).
  gen.py plain N SEED OUT    N small Markdown pages (title + three
                             paragraphs), the shape of the common public SSG
                             build benchmark, for both tools.

Proportions follow Chengdu's pattern: a street office (街道) has about ten
communities and publishes lists of 20-40 needs; one supply offer for every
five needs; an event per hundred needs; an organisation per fifty.

What matching reads is there too, drawn from a second generator (so the
other records are the same as without it): each organisation serves 1-3
categories (leaf or group), works anywhere (~30%), in one district (~40%)
or in 1-3 streets (~30%), and ~40% were in the supplier pool in 1-2 years;
a claimed, in-progress or completed need names the organisation that
claimed it (one whose services fit its category four times in five);
offers have the needs' mix of statuses, areas like organisations', and a
taken offer names a community or street of its areas as claimant. Hugo's
pages show the same fields.
"""
import os
import random
import shutil
import sys

SURNAMES = "成华 锦江 青羊 金牛 武侯 双流 郫都 温江 新都 龙泉 青白江 天府 高新 东部".split()
STREET_WORDS = "白莲池 双水碾 府青路 万年场 青龙 保和 东升 九江 西航港 华阳 团结 苏坡 春熙路 猛追湾 跳蹬河 二仙桥 龙潭 桃蹊路 永安 黄水 彭镇 金桥 公兴 怡心 正兴 煎茶 新兴 籍田 太平 万安 兴隆 合江 中和 石羊 桂溪 肖家河 芳草 玉林 红牌楼 簇桥".split()
COMMUNITY_WORDS = "白莲 石岭 东林 和美 清泰 紫东阁 三义桥 机场路 凤凰里 双兴 云华 嘉禾 歧阳 蛟龙 总府路 清波 碧鸡桥 长河 明月 锦绣 花园 新村 翠竹 桂花 杏林 荷塘 金沙 银杏 文星 长寿 望江 滨河 玉带 天鹅 麓湖 桃源 柳岸 竹林 乐山 福安".split()
CATEGORIES = [
    ("party-building", "党建引领", ["院落党建", "两新党建", "党员先锋"]),
    ("community-building", "社区总体营造", ["空间营造", "社区文化", "社区基金"]),
    ("volunteering", "社区志愿服务", ["志愿队伍", "志愿积分"]),
    ("resident-capacity", "居民素质提升", ["社区教育", "技能培训"]),
    ("environment", "生态环境治理", ["垃圾分类", "院落绿化", "老旧小区更新"]),
    ("elderly-children", "一老一小", ["养老助餐", "儿童之家", "亲子教育"]),
    ("public-safety", "平安建设", ["微网实格", "治安巡逻", "矛盾调解"]),
]
VERBS = "开展 建设 运营 提升 培育 打造 推进 优化 组建 完善".split()
OBJECTS = "邻里互助 院落议事 儿童之家 长者食堂 志愿服务队 社区花园 共享空间 文化活动 法律咨询 心理辅导 垃圾分类 楼栋自治 亲子课堂 便民服务 社区基金".split()
SENTENCES = [
    "项目面向辖区居民，重点服务老年人、儿童和新就业群体。",
    "通过坝坝会、一户一票等方式征集居民意见，确定服务内容。",
    "承接方需具备相关服务经验，能够组织专业社工和志愿者开展活动。",
    "项目周期内每月至少开展两次集中活动，并做好过程记录。",
    "鼓励引入社会企业和辖区单位共同参与，撬动多元资源。",
    "项目结束后形成案例报告，总结可复制推广的经验做法。",
    "活动场地由社区提供，承接方负责日常运营和安全管理。",
    "预算包含人员、物资和宣传费用，需按规定使用社区保障资金。",
]
STATUSES = ["open"] * 5 + ["negotiating", "claimed", "claimed", "in-progress", "completed", "completed", "closed"]
TAKEN = ("claimed", "in-progress", "completed")  # statuses that name a claimant
ORG_KINDS = ["社会组织", "社会组织", "社会企业", "企业", "行业协会商会", "志愿服务组织", "专家智库"]


def body(rng, paragraphs=2):
    out = []
    for _ in range(paragraphs):
        out.append("".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 5))))
    out.insert(1, "- " + "\n- ".join(rng.sample(SENTENCES, 3)))
    return "\n\n".join(out) + "\n"


def q(s):
    return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'


PHASES = "二三四五六七八九十"


def unique(seen, where, title):
    """A project title is unique in its community (or for its organisation):
    a repeat becomes the next phase (二期, 三期, ...)."""
    t, k = title, 0
    while (where, t) in seen:
        t = f"{title}（{PHASES[k % 9]}期{'' if k < 9 else k}）"
        k += 1
    seen.add((where, t))
    return t


def needs_corpus(n, seed, out):
    rng = random.Random(seed)
    nstreets = max(10, min(400, n // 40))
    ndistricts = max(2, min(23, nstreets // 12))
    streets = []
    for s in range(nstreets):
        d = s % ndistricts
        name = f"{STREET_WORDS[s % len(STREET_WORDS)]}{'' if s < len(STREET_WORDS) else s // len(STREET_WORDS)}街道"
        comms = [(f"c{k}", f"{COMMUNITY_WORDS[(s * 7 + k) % len(COMMUNITY_WORDS)]}{k}社区") for k in range(rng.randint(8, 12))]
        streets.append({"id": f"s{s}", "name": name, "district": d, "communities": comms})
    cats = []
    for gid, gname, subs in CATEGORIES:
        cats.append((gid, gname, None))
        for k, sub in enumerate(subs):
            cats.append((f"{gid}-{k}", sub, gid))
    leaf = [c for c in cats if c[2]]
    norgs = max(5, n // 50)
    orgs = [(f"org{i}", f"成都市{rng.choice(SURNAMES)}{rng.choice(OBJECTS)}服务中心{i}", rng.choice(ORG_KINDS)) for i in range(norgs)]
    # what matching reads (services, areas, pool, claims) comes from a
    # second generator, so the records above are the same as before these
    # fields were added
    mrng = random.Random(f"{seed}-matching")

    def some_areas():
        """Where an organisation works or an offer stands: ~30% anywhere,
        ~40% one district, ~30% one to three streets (as area ids)."""
        r = mrng.random()
        if r < 0.3:
            return []
        if r < 0.7:
            return [f"d{mrng.randrange(ndistricts)}"]
        return [st["id"] for st in mrng.sample(streets, mrng.randint(1, 3))]

    profiles = {}  # org id -> (services, areas, pool)
    serving = {}   # category id (leaf or group) -> orgs that list it
    for oid, _, _ in orgs:
        services = [c[0] for c in mrng.sample(cats, mrng.randint(1, 3))]
        pool = sorted(mrng.sample(range(2020, 2026), mrng.randint(1, 2))) if mrng.random() < 0.4 else []
        profiles[oid] = (services, some_areas(), pool)
        for c in services:
            serving.setdefault(c, []).append(oid)
    org_by_id = {o[0]: o for o in orgs}

    def need_claimant(c):
        """An organisation for a taken need: one whose services fit the
        category (its leaf or its group) four times in five, else any."""
        fit = serving.get(c[0], []) + serving.get(c[2], [])
        return org_by_id[mrng.choice(fit)] if fit and mrng.random() < 0.8 else mrng.choice(orgs)

    def offer_claimant(areas):
        """A community (two in three) or a street, in the offer's areas."""
        pick = [st for st in streets if not areas or st["id"] in areas or f"d{st['district']}" in areas]
        st = mrng.choice(pick)
        if mrng.random() < 2 / 3:
            cm = mrng.choice(st["communities"])
            return f"{st['id']}/{cm[0]}", cm[1]
        return st["id"], st["name"]
    nevents = max(3, n // 100)
    events = []
    for i in range(nevents):
        st = rng.choice(streets)
        events.append((f"e{i}", f"{st['name']}{2020 + i % 6}年社区发展治理供需对接会（{i}）", st, f"{2020 + i % 6}-{1 + i % 12:02d}-{1 + i % 28:02d}"))
    # needs lists: each street publishes lists of 20-40 needs
    lists, left, li = [], n, 0
    while left > 0:
        st = streets[li % nstreets]
        size = min(left, rng.randint(20, 40))
        year = 2020 + li % 6
        lists.append({"id": f"l{li}", "street": st, "year": year, "size": size,
                      "event": events[li % nevents][0]})
        left -= size
        li += 1
    nsupply = n // 5

    qroot = os.path.join(out, "qingdan", "content")
    hroot = os.path.join(out, "hugo")
    for d in (qroot, hroot):
        shutil.rmtree(d, ignore_errors=True)
    for sub in ("lists", "events", "orgs", "cases", "pages"):
        os.makedirs(os.path.join(qroot, sub))
    for sub in ("content/needs", "content/supply", "content/events", "content/orgs", "layouts/_default", "layouts/partials"):
        os.makedirs(os.path.join(hroot, sub))

    # ---- qingdan ----
    w = lambda p, s: open(os.path.join(qroot, p), "w", encoding="utf-8").write(s)
    w("site.yaml", "title: 基准测试站\nbase_url: https://example.org/bench/\nper_page: 20\n")
    pl = ["districts:"]
    for d in range(ndistricts):
        pl += [f"  - id: d{d}", f"    name: 区县{d}", "    streets:"]
        for st in streets:
            if st["district"] != d:
                continue
            pl += [f"      - id: {st['id']}", f"        name: {st['name']}", "        communities:"]
            for cid, cname in st["communities"]:
                pl += [f"          - id: {cid}", f"            name: {cname}"]
    w("places.yaml", "\n".join(pl) + "\n")
    w("categories.yaml", "".join(f"- id: {c}\n  name: {nm}\n" + (f"  group: {g}\n" if g else "") for c, nm, g in cats))
    def yl(xs):
        return "[" + ", ".join(str(x) for x in xs) + "]"

    for oid, name, kind in orgs:
        services, areas, pool = profiles[oid]
        extra = f"services: {yl(services)}\n" + (f"areas: {yl(areas)}\n" if areas else "") + (f"pool: {yl(pool)}\n" if pool else "")
        w(f"orgs/{oid}.md", f"---\nname: {name}\nkind: {kind}\n{extra}summary: 专注{rng.choice(OBJECTS)}的服务机构\n---\n{body(rng, 1)}")
    for eid, title, st, date in events:
        w(f"events/{eid}.md", f"---\ntitle: {title}\ndate: {date}\nstreet: {st['id']}\nparticipants:\n  communities: {len(st['communities'])}\n---\n{body(rng, 1)}")
    hugo_items, seen = [], set()
    area_names = {f"d{d}": f"区县{d}" for d in range(ndistricts)}
    area_names.update({st["id"]: st["name"] for st in streets})
    cat_names = {c[0]: c[1] for c in cats}
    for l in lists:
        st = l["street"]
        lines = [f"title: {st['name']}{l['year']}年社区发展治理需求清单（{l['id']}）", "kind: needs",
                 f"street: {st['id']}", f"published: {l['year']}-06-23", f"deadline: {l['year']}-07-31",
                 f"event: {l['event']}", "fund: 社区发展治理专项保障资金", "items:"]
        for k in range(1, l["size"] + 1):
            c = rng.choice(leaf)
            cm = rng.choice(st["communities"])
            title = unique(seen, f"{st['id']}/{cm[0]}", f"{cm[1]}{rng.choice(VERBS)}{rng.choice(OBJECTS)}项目")
            budget = round(rng.uniform(1, 20), 1)
            status = rng.choice(STATUSES)
            desc = body(rng)
            lines += [f"  - title: {title}", f"    category: {c[0]}", f"    community: {cm[0]}",
                      f"    budget: {budget}", f"    status: {status}"]
            claimant = need_claimant(c) if status in TAKEN else None
            if claimant:
                lines.append(f"    claimed_by: {claimant[0]}")
            lines.append("    description: |")
            lines += ["      " + x if x else "" for x in desc.rstrip("\n").split("\n")]
            hugo_items.append(("needs", f"{l['id']}-{k}", title, l, st, cm, c, budget, status, desc,
                               None, [claimant[1]] if claimant else [], []))
        w(f"lists/{l['id']}.yaml", "\n".join(lines) + "\n")
    # supply offers: lists of 25 offers
    for si in range(0, nsupply, 25):
        lines = [f"title: 供给清单{si // 25}", "kind: supply", f"district: d{si % ndistricts}", "published: 2025-11-27", "items:"]
        for k in range(1, min(25, nsupply - si) + 1):
            c = rng.choice(leaf)
            o = rng.choice(orgs)
            title = unique(seen, o[0], f"{rng.choice(OBJECTS)}{rng.choice(VERBS)}服务包")
            desc = body(rng, 1)
            lines += [f"  - title: {title}", f"    category: {c[0]}", f"    org: {o[0]}", f"    price: {round(rng.uniform(1, 10), 1)}"]
            status, areas = mrng.choice(STATUSES), some_areas()
            claimant = offer_claimant(areas) if status in TAKEN else None
            if areas:
                lines.append(f"    areas: {yl(areas)}")
            if status != "open":
                lines.append(f"    status: {status}")
            if claimant:
                lines.append(f"    claimed_by: {claimant[0]}")
            lines.append("    description: |")
            lines += ["      " + x if x else "" for x in desc.rstrip("\n").split("\n")]
            hugo_items.append(("supply", f"sup{si // 25}-{k}", title, None, None, None, c, None, status, desc, o,
                               [claimant[1]] if claimant else [], [area_names[a] for a in areas]))
        w(f"lists/sup{si // 25}.yaml", "\n".join(lines) + "\n")
    for i in range(max(2, n // 200)):
        st = rng.choice(streets)
        w(f"cases/case{i}.md", f"---\ntitle: {st['name']}治理案例{i}\nstreet: {st['id']}\n---\n{body(rng, 3)}")

    # ---- hugo: the same records ----
    hw = lambda p, s: open(os.path.join(hroot, p), "w", encoding="utf-8").write(s)
    hw("config.toml", 'baseURL = "https://example.org/bench/"\nlanguageCode = "zh-CN"\ntitle = "基准测试站"\n'
       'disableKinds = ["RSS"]\npaginate = 20\n[taxonomies]\n  street = "streets"\n  category = "categories"\n  list = "lists"\n'
       '  district = "districts"\n  community = "communities"\n  status = "statuses"\n')
    def hl(xs):
        return "[" + ", ".join(q(str(x)) for x in xs) + "]"

    for kind, hid, title, l, st, cm, c, budget, status, desc, o, claimants, areas in hugo_items:
        fm = [f"title: {q(title)}", f"categories: [{q(c[1])}]", f"status: {status}", f"statuses: [{status}]"]
        if claimants:
            fm.append(f"claimed_by: {hl(claimants)}")
        if kind == "needs":
            # the same index pages as qingdan: district, street, community
            # (unique within its street), status
            fm += [f"districts: [d{st['district']}]",
                   f"communities: [{q(st['id'] + '-' + cm[0])}]", f"streets: [{q(st['name'])}]",
                   f"community: {q(cm[1])}", f"budget: {budget}",
                   f"lists: [{q(l['id'])}]", f"deadline: {l['year']}-07-31"]
        else:
            fm += [f"org: {q(o[1])}"] + ([f"areas: {hl(areas)}"] if areas else [])
        hw(f"content/{kind}/{hid}.md", "---\n" + "\n".join(fm) + "\n---\n" + desc)
    for eid, title, st, date in events:
        hw(f"content/events/{eid}.md", f"---\ntitle: {q(title)}\ndate: {date}\nstreets: [{q(st['name'])}]\n---\n{body(rng, 1)}")
    for oid, name, kind in orgs:
        services, areas, pool = profiles[oid]
        extra = f"services: {hl(cat_names[c] for c in services)}\n" + (f"areas: {hl(area_names[a] for a in areas)}\n" if areas else "") + (f"pool: {hl(pool)}\n" if pool else "")
        hw(f"content/orgs/{oid}.md", f"---\ntitle: {q(name)}\nkind: {kind}\n{extra}---\n{body(rng, 1)}")
    hugo_layouts(hroot)


def hugo_layouts(hroot):
    hw = lambda p, s: open(os.path.join(hroot, p), "w", encoding="utf-8").write(s)
    hw("layouts/_default/baseof.html", """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title><link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a>
<nav><a href="{{ "needs/" | relURL }}">需求</a> <a href="{{ "supply/" | relURL }}">供给</a> <a href="{{ "lists/" | relURL }}">清单</a> <a href="{{ "streets/" | relURL }}">街道</a> <a href="{{ "categories/" | relURL }}">类别</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""")
    hw("layouts/_default/single.html", """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<dl>{{ with .Params.status }}<dt>状态</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.budget }}<dt>预算</dt><dd>{{ . }} 万元</dd>{{ end }}
{{ with .Params.community }}<dt>社区</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.deadline }}<dt>截止日期</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.org }}<dt>提供单位</dt><dd>{{ . }}</dd>{{ end }}
{{ with .Params.areas }}<dt>服务范围</dt><dd>{{ delimit . "、" }}</dd>{{ end }}
{{ with .Params.claimed_by }}<dt>认领方</dt><dd>{{ delimit . "、" }}</dd>{{ end }}
{{ with .Params.services }}<dt>服务领域</dt><dd>{{ delimit . "、" }}</dd>{{ end }}
{{ with .Params.pool }}<dt>资源库</dt><dd>{{ delimit . "、" }}</dd>{{ end }}
{{ range .GetTerms "streets" }}<dt>街道</dt><dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></dd>{{ end }}
{{ range .GetTerms "categories" }}<dt>类别</dt><dd><a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></dd>{{ end }}</dl>
{{ .Content }}
{{ range .GetTerms "lists" }}<p>清单 <a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a></p>{{ end }}
</article>{{ end }}
""")
    items = """<ul>{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ with .Params.community }}{{ . }}{{ end }} {{ with .Params.budget }}{{ . }} 万元{{ end }} {{ .Params.status }}</li>{{ end }}</ul>
{{ template "_internal/pagination.html" . }}"""
    for name in ("list.html", "term.html"):
        hw(f"layouts/_default/{name}", '{{ define "main" }}<h1>{{ .Title }}</h1>' + items + '{{ end }}\n')
    hw("layouts/_default/taxonomy.html", '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Data.Terms.ByCount }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> {{ .Count }}</li>{{ end }}</ul>{{ end }}\n')
    hw("layouts/index.html", '{{ define "main" }}<h1>{{ .Site.Title }}</h1><ul>{{ range first 8 (where (where .Site.RegularPages "Section" "needs") "Params.status" "open") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}\n')
    os.makedirs(os.path.join(hroot, "static"), exist_ok=True)
    hw("static/style.css", "body{font:17px/1.7 sans-serif;margin:0 auto;max-width:60rem;padding:0 1rem}\n")


def plain_corpus(n, seed, out):
    rng = random.Random(seed)
    qroot = os.path.join(out, "qingdan", "content")
    hroot = os.path.join(out, "hugo")
    for d in (qroot, hroot):
        shutil.rmtree(d, ignore_errors=True)
    os.makedirs(os.path.join(qroot, "pages"))
    os.makedirs(os.path.join(hroot, "content", "posts"))
    os.makedirs(os.path.join(hroot, "layouts", "_default"))
    open(os.path.join(qroot, "site.yaml"), "w").write("title: 基准测试站\nbase_url: https://example.org/\n")
    open(os.path.join(qroot, "places.yaml"), "w").write("districts: []\n")
    open(os.path.join(qroot, "categories.yaml"), "w").write("[]\n")
    for i in range(n):
        title = f"{rng.choice(OBJECTS)}{rng.choice(VERBS)}记录 {i}"
        text = "\n\n".join("".join(rng.choice(SENTENCES) for _ in range(4)) for _ in range(3)) + "\n"
        open(os.path.join(qroot, "pages", f"p{i}.md"), "w", encoding="utf-8").write(f"---\ntitle: {title}\n---\n{text}")
        open(os.path.join(hroot, "content", "posts", f"p{i}.md"), "w", encoding="utf-8").write(f"---\ntitle: {q(title)}\n---\n{text}")
    open(os.path.join(hroot, "config.toml"), "w").write('baseURL = "https://example.org/"\ntitle = "基准测试站"\ndisableKinds = ["RSS", "taxonomy", "term"]\npaginate = 20\n')
    hugo_layouts(hroot)


if __name__ == "__main__":
    kind, n, seed, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
    (needs_corpus if kind == "needs" else plain_corpus)(n, seed, out)

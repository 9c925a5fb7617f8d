#!/usr/bin/env python3
"""Write a content folder whose every text field of every record type
carries hostile strings, for tests/suites/injection.sh.

Usage: gen.py OUT_DIR. Each of N records of a type gets, in its k-th text
field, hostile string (record + k) mod N, so that across a type every
field carries every string. Ids, enumerations, dates and numbers stay
valid: the site must build, and then every output must be inert
(tests/injection/check.py). Writes OUT_DIR/expect.json with what the
checker recounts: the events, and the strings' markers."""
import json, os, sys

# Each string carries a marker (alert(N) or evil-N) so that the checker
# can find where a payload ran or leaked; the CR-free iCalendar break,
# U+2028, and the obfuscated schemes are each their own entry.
H = [
    '<script>alert(101)</script>',
    '"><img src=x onerror=alert(102)>',
    "' onmouseover='alert(103)",
    '</script><script>alert(104)</script>',
    ']]><x>evil-105</x><![CDATA[',
    '{{title}}{{{html}}}{{>evil-106}}',
    'javascript:alert(107)',
    'JaVaScRiPt:alert(108)',
    'java\tscript:alert(109)',
    '&#106;avascript:alert(110)',
    '=HYPERLINK("http://evil.example/","evil-111")',
    "+1+cmd|' /C calc'!A0 evil-112",
    '-2+3 evil-113',
    '@SUM(1+1) evil-114',
    'evil-115\nBEGIN:VEVENT\nSUMMARY:evil-115\nEND:VEVENT',
    'evil-116\u2028</script>\u2029line',
    '<svg onload=alert(117)>',
    '<a href="javascript:alert(118)">x</a>',
    '\u202eevil-119 <style>body{display:none}</style>',
    '--> <!-- evil-120',
]
N = len(H)
# e-mail addresses are checked (an invalid one is an error): a valid one
# with a quote and a plus, which an attribute or a mailto: URL must carry
EMAIL = "o'neil+evil-{i}@example.org"
BODY = '''Markdown of record {i}: {h}

[link one](javascript:alert(201)) [link two](JAVASCRIPT:alert(202))
[link three](java&#x09;script:alert(203)) <javascript:alert(204)>
![image](x" onerror="alert(205)) [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgyMDYpPC9zY3JpcHQ+)
<script>alert(207)</script> <img src=x onerror=alert(208)> <iframe src="javascript:alert(209)"></iframe>

| {h} | b |
|---|---|
| <b onclick="alert(210)">c</b> | [x](vbscript:alert(211)) |
'''


def q(s):
    """A YAML double-quoted scalar: escapes only what YAML needs (\\, ",
    LF, tab, and U+2028/U+2029, which YAML reads as line breaks), so the
    loader sees the hostile text itself."""
    for a, b in (('\\', '\\\\'), ('"', '\\"'), ('\n', '\\n'), ('\t', '\\t'),
                 ('\u2028', '\\u2028'), ('\u2029', '\\u2029')):
        s = s.replace(a, b)
    return '"' + s + '"'


def h(i, k):
    return H[(i + k) % N]


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, 'w', encoding='utf-8') as f:
        f.write(text)


def md(fields, body):
    return '---\n' + fields + '---\n' + body


def main(out):
    c = os.path.join(out, 'content')
    write(f'{c}/site.yaml', f'''title: {q('清单 ' + H[0])}
subtitle: {q(H[1])}
description: {q(H[2] + H[3])}
base_url: https://example.org/jihui/
publisher: {q(H[4])}
contact:
  name: {q(H[5])}
  phone: {q(H[6])}
  email: {q(EMAIL.format(i=0))}
  address: {q(H[8])}
icp: {q(H[9])}
menu:
  - title: {q(H[10])}
    url: /lists/
  - title: {q(H[0])}
    url: /pages/p0.html
''')
    places = 'districts:\n  - id: d1\n    name: ' + q('区 ' + H[11]) + '\n    streets:\n'
    for s in range(4):
        places += f'      - id: s{s}\n        name: {q("街道 " + h(s, 12))}\n        communities:\n'
        for m in range(2):
            places += f'          - id: c{m}\n            name: {q("社区 " + h(s * 2 + m, 13))}\n'
    write(f'{c}/places.yaml', places)
    cats = ''
    for k in range(4):
        cats += f'- id: cat{k}\n  name: {q("类别 " + h(k, 14))}\n  description: {q(h(k, 15))}\n'
    write(f'{c}/categories.yaml', cats)

    for i in range(N):
        write(f'{c}/orgs/o{i}.md', md(f'''name: {q("组织 " + h(i, 0))}
kind: 社会组织
street: s{i % 4}
services: [cat{i % 4}]
website: {q("https://example.org/o?q=" + h(i, 1))}
founded: 2015
summary: {q(h(i, 2))}
contact:
  name: {q(h(i, 3))}
  phone: {q(h(i, 4))}
  email: {q(EMAIL.format(i=i))}
  address: {q(h(i, 6))}
''', BODY.format(i=i, h=h(i, 7))))

    def items(kind):
        out = ''
        for i in range(N):
            out += f'  - title: {q("条目 " + h(i, 0))}\n    category: cat{i % 4}\n'
            if kind == 'needs':
                out += f'    community: s{i % 4}/c{i % 2}\n    budget: {1 + i / 10}\n'
            elif kind == 'supply':
                out += f'    org: o{i}\n    price: {q(h(i, 1))}\n'
            else:
                out += f'    community: s{i % 4}/c{i % 2}\n'
            out += f'    description: {q(h(i, 2) + " " + BODY.format(i=i, h=h(i, 3)))}\n'
            out += f'    tags: [{q(h(i, 4))}, {q(h(i, 5))}]\n'
            if kind == 'pain-points':
                continue
            out += f'''    beneficiaries: {q(h(i, 6))}
    period: {q(h(i, 7))}
    fund: {q(h(i, 8))}
    requirements: {q(h(i, 9))}
    outcomes: [{q(h(i, 10))}]
    indicators: [{q(h(i, 11))}]
    notes: {q(h(i, 12))}
    deadline: 2030-01-0{1 + i % 9}
    contact:
      name: {q(h(i, 13))}
      phone: {q(h(i, 14))}
      email: {q(EMAIL.format(i=i))}
      address: {q(h(i, 16))}
'''
        return out

    for n, (kind, where) in enumerate([('needs', 'street: s0'), ('supply', 'district: d1'), ('pain-points', 'street: s1')]):
        write(f'{c}/lists/l{n}.yaml', f'''title: {q("清单 " + h(n, 0))}
kind: {kind}
{where}
publisher: {q(h(n, 1))}
published: 2026-0{n + 1}-01
deadline: 2030-12-31
fund: {q(h(n, 2))}
contact:
  name: {q(h(n, 3))}
  phone: {q(h(n, 4))}
body: {q(BODY.format(i=n, h=h(n, 5)))}
items:
''' + items(kind))

    for i in range(N):
        write(f'{c}/events/e{i}.md', md(f'''title: {q("活动 " + h(i, 0))}
date: 2026-0{1 + i % 9}-1{i % 10}
time: {q(h(i, 1))}
street: s{i % 4}
venue: {q(h(i, 2))}
guided_by: {q(h(i, 3))}
organizer: [{q(h(i, 4))}]
undertaker: [{q(h(i, 5))}, {q(h(i, 6))}]
participants:
  people: 30
  {q(h(i, 7))}: 5
results:
  - label: {q(h(i, 8))}
    value: 12
    unit: {q(h(i, 9))}
{'lists: [l%d]' % i if i < 3 else ''}
categories: [cat{i % 4}]
photos:
  - src: photo.png
    caption: {q(h(i, 10))}
byline: {q(h(i, 11))}
credit: {q(h(i, 12))}
source:
  name: {q(h(i, 13))}
  date: 2026-01-02
  url: {q("https://example.org/news?q=" + h(i, 14))}
''', BODY.format(i=i, h=h(i, 15))))
        write(f'{c}/cases/k{i}.md', md(f'''title: {q("案例 " + h(i, 0))}
date: 2025-0{1 + i % 9}-01
street: s{i % 4}
categories: [cat{i % 4}]
orgs: [o{i}]
model: {q(h(i, 1))}
highlights: [{q(h(i, 2))}, {q(h(i, 3))}]
source: {q(h(i, 4))}
''', BODY.format(i=i, h=h(i, 5))))
        write(f'{c}/pages/p{i}.md', md(f'title: {q("页面 " + h(i, 0))}\n', BODY.format(i=i, h=h(i, 1))))

    os.makedirs(f'{c}/static', exist_ok=True)
    # a 1x1 PNG for the events' photos
    png = bytes.fromhex('89504e470d0a1a0a0000000d4948445200000001000000010806000000'
                        '1f15c4890000000d49444154789c6360000002000001e221bc330000000049454e44ae426082')
    with open(f'{c}/static/photo.png', 'wb') as f:
        f.write(png)
    with open(os.path.join(out, 'expect.json'), 'w') as f:
        json.dump({'events': N, 'strings': H}, f, ensure_ascii=False)


if __name__ == '__main__':
    main(sys.argv[1])

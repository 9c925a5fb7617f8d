#!/usr/bin/env python3
"""Check that every output of a site built from hostile content is inert.

Usage: check.py OUT DEMO_OUT EXPECT_JSON BASE_URL
  OUT       the site built from tests/injection/gen.py's content
  DEMO_OUT  the demo site built by the same binary: the elements and
            attributes the theme writes (a page of OUT may use no other)
  EXPECT    gen.py's expect.json (the number of events, the strings)

Prints "ok NAME" or "FAIL NAME: why" per check and a closing
"injection-static: N passed, N failed" line."""
import csv, glob, html.parser, io, json, os, re, sys
import xml.etree.ElementTree as ET

out, demo, expect_path, base = sys.argv[1:5]
expect = json.load(open(expect_path, encoding='utf-8'))
passed = failed = 0


def ok(name):
    global passed
    passed += 1


def fail(name, why):
    global failed
    failed += 1
    print(f'FAIL {name}: {why}')


def check(name, cond, why):
    ok(name) if cond else fail(name, why)


def files(root, ext):
    return sorted(glob.glob(os.path.join(root, '**', '*' + ext), recursive=True))


URL_ATTRS = {'href', 'src', 'action', 'formaction', 'poster', 'xlink:href', 'data', 'cite', 'background'}
BAD_SCHEMES = ('javascript:', 'vbscript:', 'data:text', 'data:application', 'file:')


def scheme_of(v):
    # as a browser's URL parser reads it: leading C0 and spaces dropped,
    # tabs and line breaks removed anywhere, case folded
    v = v.lstrip(''.join(chr(c) for c in range(0x21)))
    v = re.sub('[\t\n\r]', '', v).lower()
    return v


class Page(html.parser.HTMLParser):
    def __init__(self, theme_handlers=frozenset()):
        super().__init__(convert_charrefs=True)
        self.tags, self.attrs, self.problems = set(), set(), []
        self.handlers = set()  # (tag, name, value) of every event attribute
        self.theme_handlers = theme_handlers
        self.raw = None  # (tag, type, text) of the script or style being read

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        for name, value in attrs:
            self.attrs.add(f'{tag}@{name}')
            if name.startswith('on'):
                self.handlers.add((tag, name, value))
            if name.startswith('on') and (tag, name, value) not in self.theme_handlers:
                self.problems.append(f'event attribute <{tag} {name}="{value}">')
            if name in URL_ATTRS and value is not None and scheme_of(value).startswith(BAD_SCHEMES):
                self.problems.append(f'script address <{tag} {name}="{value}">')
            if name == 'srcset' and value and 'javascript:' in scheme_of(value):
                self.problems.append(f'script address in srcset: {value}')
            if name == 'style' and value and re.search(r'expression\(|url\(\s*["\']?\s*javascript', value, re.I):
                self.problems.append(f'style attribute with script: {value}')
            if tag == 'meta' and name == 'content' and value and re.search(r'url\s*=\s*["\']?\s*javascript', value, re.I):
                self.problems.append(f'meta refresh to a script: {value}')
        if tag in ('script', 'style'):
            self.raw = (tag, dict(attrs).get('type', ''), [])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in ('script', 'style'):
            self.raw = None

    def handle_data(self, data):
        if self.raw:
            self.raw[2].append(data)

    def handle_endtag(self, tag):
        if self.raw and tag == self.raw[0]:
            kind, typ, parts = self.raw
            text = ''.join(parts)
            self.raw = None
            if kind == 'script' and typ == 'application/ld+json':
                try:
                    json.loads(text)
                except ValueError as e:
                    self.problems.append(f'JSON-LD does not parse: {e}')
                if '<' in text:
                    self.problems.append('a raw < in JSON-LD')
            elif re.search(r'alert\(|evil-\d', text):
                self.problems.append(f'hostile text inside <{kind}>: {text[:120]!r}')


def scan(root, theme_handlers=frozenset()):
    tags, attrs, pages, handlers = set(), set(), {}, set()
    for f in files(root, '.html'):
        p = Page(theme_handlers)
        p.feed(open(f, encoding='utf-8').read())
        p.close()
        tags |= p.tags
        attrs |= p.attrs
        handlers |= p.handlers
        pages[f] = p
    return tags, attrs, pages, handlers


# ---- HTML ----
# the theme's own event attributes (the same text on every page) are its
# code; any other is content's
demo_tags, demo_attrs, _, theme_handlers = scan(demo)
# what Markdown may add that the demo's texts happen not to use
demo_tags |= {'table', 'thead', 'tbody', 'tr', 'th', 'td', 'del', 'img', 'code', 'pre', 'blockquote', 'em', 'strong', 'hr', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'ol', 'ul', 'li', 'p', 'a'}
demo_attrs |= {'img@src', 'img@alt', 'img@title', 'a@title', 'th@align', 'td@align', 'th@style', 'td@style', 'ol@start', 'img@width', 'img@height'}
tags, attrs, pages, _ = scan(out, frozenset(theme_handlers))
for f, p in pages.items():
    rel = os.path.relpath(f, out)
    if p.problems:
        fail(f'html-inert {rel}', '; '.join(p.problems[:3]))
    else:
        ok(f'html-inert {rel}')
extra = tags - demo_tags
check('html-elements', not extra, f'elements the theme never writes: {sorted(extra)}')
extra = attrs - demo_attrs
check('html-attributes', not extra, f'attributes the theme never writes: {sorted(extra)[:10]}')
# content's Mustache stays text: the tags are shown, not expanded
every_html = ''.join(open(f, encoding='utf-8').read() for f in pages)
check('mustache-in-content-shown', '{{title}}{{{html}}}{{&gt;evil-106}}' in every_html,
      'the text {{title}}{{{html}}}{{>evil-106}} is not on any page')
# the strings reach the pages (as text): nothing was silently dropped
for i, s in enumerate(expect['strings']):
    m = re.search(r'(alert\(\d+\)|evil-\d+)', s).group(1)
    check(f'shown {m}', m in every_html, 'not on any page')

# ---- JSON ----
for f in files(out, '.json'):
    try:
        json.load(open(f, encoding='utf-8'))
        ok('json ' + os.path.relpath(f, out))
    except ValueError as e:
        fail('json ' + os.path.relpath(f, out), str(e))

# ---- XML: feeds, sitemap ----
demo_xml = set()
for f in files(demo, '.xml'):
    demo_xml |= {e.tag for e in ET.parse(f).iter()}
for f in files(out, '.xml'):
    rel = os.path.relpath(f, out)
    try:
        tree = ET.parse(f)
    except ET.ParseError as e:
        fail('xml ' + rel, str(e))
        continue
    names = {e.tag for e in tree.iter()}
    if names - demo_xml:
        fail('xml ' + rel, f'elements the writer never writes: {sorted(names - demo_xml)}')
        continue
    bad = [e.get('href') for e in tree.iter() if e.get('href') and not e.get('href').startswith(base)]
    bad += [e.text for e in tree.iter() if e.tag.endswith('}loc') and not (e.text or '').startswith(base)]
    check('xml ' + rel, not bad, f'links off the site: {bad[:3]}')

# ---- iCalendar ----
for f in files(out, '.ics'):
    rel = os.path.relpath(f, out)
    raw = open(f, 'rb').read().decode('utf-8')
    if re.search(r'(?<!\r)\n', raw) or re.search(r'\r(?!\n)', raw):
        fail('ics ' + rel, 'a line break that is not CRLF')
        continue
    lines = raw.replace('\r\n ', '').split('\r\n')
    if lines[-1] == '':
        lines.pop()
    begins = sum(1 for l in lines if l == 'BEGIN:VEVENT')
    ends = sum(1 for l in lines if l == 'END:VEVENT')
    uids = sum(1 for l in lines if l.startswith('UID:'))
    named = [l for l in lines if not re.match(r'^[A-Z][A-Z0-9-]*[;:]', l)]
    want = expect['events'] if rel == 'calendar/all.ics' else (1 if rel.startswith('calendar/events/') else begins)
    if begins != ends or begins != uids or begins != want or named or any(l.startswith('SUMMARY:evil') for l in lines):
        fail('ics ' + rel, f'{begins} BEGIN:VEVENT, {ends} END, {uids} UID, want {want}; lines without a name: {named[:2]}')
    else:
        ok('ics ' + rel)
ics_all = os.path.join(out, 'calendar', 'all.ics')
check('ics-all-exists', os.path.exists(ics_all), 'no calendar/all.ics')

# ---- CSV and XLSX: no cell a spreadsheet would run ----
FORMULA = ('=', '+', '-', '@', '\t', '\r')
for f in files(out, '.csv'):
    rel = os.path.relpath(f, out)
    rows = list(csv.reader(io.StringIO(open(f, encoding='utf-8-sig', newline='').read())))
    bad = [c for r in rows for c in r if c.startswith(FORMULA)]
    check('csv ' + rel, not bad, f'cells a spreadsheet reads as formulas: {bad[:3]}')
try:
    import openpyxl
    for f in files(out, '.xlsx'):
        rel = os.path.relpath(f, out)
        wb = openpyxl.load_workbook(f)
        bad = [c.coordinate for ws in wb for row in ws.iter_rows() for c in row if c.data_type == 'f']
        check('xlsx ' + rel, not bad, f'formula cells: {bad[:5]}')
except ImportError:
    fail('xlsx', 'python3-openpyxl is not installed')

print(f'injection-static: {passed} passed, {failed} failed')
sys.exit(1 if failed else 0)

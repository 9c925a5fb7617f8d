// The site's search, in a browser, against a plain recount: every query's
// results are exactly the documents whose folded title or text parts
// contain every word of the query (tests/site/search_texts.py lists
// them), title matches first. Queries: every substring of 1 to 4
// characters of every title; Latin letters and digits from the texts;
// two words with a space; full-width and traditional forms of queries;
// no match. Then the page itself: a typed query goes into the URL, the
// results carry marks and aria-busy, 显示更多 shows more, and nothing is
// asked of another host and nothing is written to the console.
//
//   node tests/browser/search.mjs BASE_URL TEXTS.json
//
// Prints "search: N passed, N failed".
import { launch, watch } from './lib.mjs';
import fs from 'fs';

const [base, textsFile] = process.argv.slice(2);
const docs = JSON.parse(fs.readFileSync(textsFile, 'utf8'));
const host = new URL(base).host;
let passed = 0, failed = 0;
const fail = (what, why) => { failed++; if (failed <= 40) console.log(`FAIL ${what}: ${why}`); };
const ok = () => { passed++; };

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
const problems = [];
watch(page, host, problems);
await page.goto(base + 'search/', { waitUntil: 'load' });
await page.waitForFunction(() => window.qdSearch);

// ---- the recount: folding as the content model says (docs/search.md) ----
const t2sText = JSON.parse(await page.textContent('#search-t2s'));
const t2s = new Map(), s2t = new Map();
{
  const cps = Array.from(t2sText);
  for (let i = 0; i + 1 < cps.length; i += 2) {
    t2s.set(cps[i], cps[i + 1]);
    if (!s2t.has(cps[i + 1])) s2t.set(cps[i + 1], cps[i]);
  }
}
const foldChar = (ch) => {
  let c = ch.codePointAt(0);
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
  else if (c === 0x3000) c = 32;
  if (c >= 65 && c <= 90) c += 32;
  const f = String.fromCodePoint(c);
  return t2s.get(f) || f;
};
const fold = (s) => Array.from(s, foldChar).join('');
const words = (q) => fold(q).split(/[ \t\n\r\f\v]+/).filter((w) => w);
for (const d of docs) {
  d.ftitle = fold(d.title);
  d.fall = [d.ftitle, ...d.parts.map(fold)].join('\u0000');
}
function expected(q) {
  const ws = words(q);
  if (!ws.length) return { urls: [], title: new Set() };
  const urls = [], title = new Set();
  for (const d of docs) {
    if (ws.every((w) => d.fall.includes(w))) {
      urls.push(d.url);
      if (ws.every((w) => d.ftitle.includes(w))) title.add(d.url);
    }
  }
  return { urls, title };
}

// ---- the queries ----
const queries = new Set();
for (const d of docs) {
  const cps = Array.from(d.title);
  for (let n = 1; n <= 4; n++)
    for (let i = 0; i + n <= cps.length; i++) queries.add(cps.slice(i, i + n).join(''));
}
const latin = new Set();
for (const d of docs)
  for (const p of [d.title, ...d.parts])
    for (const m of p.matchAll(/[A-Za-z0-9]+/g)) {
      const cps = Array.from(m[0]);
      for (let n = 1; n <= 4; n++)
        for (let i = 0; i + n <= cps.length && latin.size < 400; i++) latin.add(cps.slice(i, i + n).join(''));
    }
for (const q of latin) { queries.add(q); queries.add(q.toUpperCase()); }
// two words: a title's start and a word of its text
docs.slice(0, 60).forEach((d, k) => {
  const t = Array.from(d.title), other = docs[(k * 7 + 3) % docs.length];
  if (t.length >= 2) queries.add(t.slice(0, 2).join('') + ' ' + Array.from(other.title).slice(-2).join(''));
  const part = d.parts.find((p) => Array.from(p).length >= 4);
  if (part && t.length >= 2) queries.add(t.slice(-2).join('') + '　' + Array.from(part).slice(1, 4).join(''));
});
// full-width and traditional forms
const wide = (q) => Array.from(q, (ch) => { const c = ch.codePointAt(0); return c > 32 && c < 127 ? String.fromCodePoint(c + 0xfee0) : ch; }).join('');
const trad = (q) => Array.from(q, (ch) => s2t.get(ch) || ch).join('');
for (const q of [...queries].slice(0, 3000)) {
  if (/[!-~]/.test(q)) queries.add(wide(q));
  const t = trad(q);
  if (t !== q) queries.add(t);
}
for (const q of ['不存在的词语组合', 'zzzq', '社区 zzzq', '   ']) queries.add(q);

// ---- run them in the page, in batches ----
const all = [...queries];
let misses = 0, wrong = 0, order = 0;
for (let i = 0; i < all.length; i += 200) {
  const batch = all.slice(i, i + 200);
  const got = await page.evaluate(async (qs) => {
    const out = [];
    for (const q of qs) {
      const r = await window.qdSearch.search(q);
      const lines = await window.qdSearch.lines(r.docs);
      out.push({ urls: lines.map((l) => l[0]), title: r.title });
    }
    return out;
  }, batch);
  batch.forEach((q, k) => {
    const want = expected(q), have = got[k];
    const wantSet = new Set(want.urls), haveSet = new Set(have.urls);
    const missing = want.urls.filter((u) => !haveSet.has(u));
    const extra = have.urls.filter((u) => !wantSet.has(u));
    const badOrder = have.urls.some((u, j) => (j < have.title) !== want.title.has(u));
    if (missing.length) misses++;
    if (extra.length || have.urls.length !== haveSet.size) wrong++;
    if (badOrder) order++;
    if (missing.length || extra.length || badOrder || have.urls.length !== haveSet.size)
      fail(`query "${q}"`, `${missing.length} missed (${missing.slice(0, 2).join(' ')}), ${extra.length} not containing it (${extra.slice(0, 2).join(' ')})${badOrder ? ', title matches not first' : ''}`);
    else ok();
  });
}
console.log(`${all.length} queries: ${misses} with misses, ${wrong} with false results, ${order} out of order`);

// ---- the page as a reader uses it ----
{
  const q = Array.from(docs.find((d) => /^[\u4e00-\u9fff]{4}/.test(d.title)).title).slice(0, 2).join('');
  await page.fill('#search-q', q);
  await page.press('#search-q', 'Enter');
  await page.waitForFunction(() => document.querySelector('#search-results').getAttribute('aria-busy') === 'false'
    && document.querySelectorAll('.result').length > 0);
  const url = new URL(page.url());
  url.searchParams.get('q') === q ? ok() : fail('typed query', `URL ${page.url()} lacks ?q=${q}`);
  const n = expected(q).urls.length;
  const shown = await page.$$eval('.result', (els) => els.length);
  shown === Math.min(n, 20) ? ok() : fail('typed query', `${shown} results shown of ${n}, want ${Math.min(n, 20)}`);
  const status = await page.textContent('#search-status');
  status.includes(String(n)) ? ok() : fail('status', `"${status}" does not say ${n}`);
  const marks = await page.$$eval('.result mark', (els) => els.map((e) => e.textContent));
  // each mark is the query, or several of it side by side
  marks.length && marks.every((m) => fold(m).split(fold(q)).every((rest) => rest === '')) ? ok()
    : fail('marks', JSON.stringify(marks.slice(0, 3)));
  if (n > 20) {
    await page.click('#search-more');
    await page.waitForFunction((want) => document.querySelectorAll('.result').length === want, Math.min(n, 40));
    ok();
  }
  // a shared link restores the query
  await page.goto(base + 'search/?q=' + encodeURIComponent(q), { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('#search-results').getAttribute('aria-busy') === 'false'
    && document.querySelectorAll('.result').length > 0);
  (await page.inputValue('#search-q')) === q ? ok() : fail('shared link', 'the box does not show the query');
  // no match says so
  await page.goto(base + 'search/?q=' + encodeURIComponent('不存在的词语组合'), { waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('#search-status').textContent.includes('没有找到'));
  ok();
}
problems.length ? fail('console and network', problems.slice(0, 5).join('; ')) : ok();
await browser.close();
console.log(`search: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

// What a first search costs a reader, measured by the browser's network
// log on a built site (make bench runs it on the 10k corpus): for a
// typical two-character query (the median of the titles' character pairs
// by how many documents have them) and for each of the twenty pairs most
// documents have, everything downloaded with an empty cache (the search
// page, its script and stylesheet, the index files, the result lines)
// until the first results are shown; then, with the index cached and the
// CPU slowed 4x (Chromium's throttling), how long a query takes.
//
//   node bench/search_payload.mjs BASE_URL TEXTS.json
//
// TEXTS.json is tests/site/search_texts.py's list of documents. Prints a
// Markdown table and the figures as JSON on the last line.
import { launch } from '../tests/browser/lib.mjs';
import fs from 'fs';

const [base, textsFile] = process.argv.slice(2);
const docs = JSON.parse(fs.readFileSync(textsFile, 'utf8'));

// pairs of neighbouring characters (CJK), by how many documents have them
const df = new Map(), inTitles = new Set();
for (const d of docs) {
  const seen = new Set();
  for (const [k, p] of [d.title, ...d.parts].entries()) {
    const cps = Array.from(p);
    for (let i = 0; i + 1 < cps.length; i++) {
      const pair = cps[i] + cps[i + 1];
      if (!/^[\u4e00-\u9fff]{2}$/.test(pair)) continue;
      seen.add(pair);
      if (k === 0) inTitles.add(pair);
    }
  }
  for (const p of seen) df.set(p, (df.get(p) || 0) + 1);
}
const byDf = [...df.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
const top20 = byDf.slice(0, 20).map(([p]) => p);
const titled = byDf.filter(([p]) => inTitles.has(p));
const typical = titled[Math.floor(titled.length / 2)][0];

const browser = await launch();

const done = () => {
  const r = document.querySelector('#search-results');
  return r && r.getAttribute('aria-busy') === 'false' && document.querySelector('#search-status').textContent !== '正在搜索…'
    && document.querySelector('#search-status').textContent !== '';
};

// one query on an empty cache: bytes by kind of file, and the result count
async function firstQuery(q) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  const sizes = { page: 0, script: 0, css: 0, index: 0, lines: 0, other: 0 };
  const pending = [];
  page.on('response', (r) => pending.push((async () => {
    const url = r.url();
    let n = 0;
    try { n = (await r.body()).length; } catch { return; }
    const kind = /\/search\/[0-9a-f]{16}\/[dp]\d+\.bin$/.test(url) ? 'index'
      : /\/search\/[0-9a-f]{16}\/m\d+\.json$/.test(url) ? 'lines'
      : /\.js$/.test(url) ? 'script' : /\.css$/.test(url) ? 'css'
      : /\/search\/(\?|$)/.test(url) ? 'page' : 'other';
    sizes[kind] += n;
  })()));
  await page.goto(base + 'search/?q=' + encodeURIComponent(q), { waitUntil: 'load' });
  await page.waitForFunction(done);
  await Promise.all(pending);
  const found = await page.$$eval('.result', (els) => els.length);
  const status = await page.textContent('#search-status');
  await context.close();
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  return { q, total, ...sizes, shown: found, status };
}

const rows = [await firstQuery(typical)];
for (const q of top20) rows.push(await firstQuery(q));

// a query on a cached index, the CPU 4x slower: median of 5
async function timed(queries) {
  const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const page = await context.newPage();
  await page.goto(base + 'search/?q=' + encodeURIComponent(queries[0]), { waitUntil: 'load' });
  await page.waitForFunction(done);
  const cdp = await context.newCDPSession(page);
  const out = [];
  for (const q of queries) {
    // first run fills the cache with this query's files; the second is timed
    await page.evaluate(async (s) => { const r = await qdSearch.search(s); await qdSearch.lines(r.docs.slice(0, 20)); }, q);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
    const ms = [];
    for (let i = 0; i < 5; i++)
      ms.push(await page.evaluate(async (s) => {
        const t0 = performance.now();
        const r = await qdSearch.search(s);
        await qdSearch.lines(r.docs.slice(0, 20));
        return performance.now() - t0;
      }, q));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    ms.sort((a, b) => a - b);
    out.push({ q, ms: ms[2] });
  }
  await context.close();
  return out;
}
// the slowest kinds: a common pair, a long word (places), two words
const long = byDf.find(([p]) => inTitles.has(p))[0];
const longWord = (() => {
  for (const d of docs) { const m = /[\u4e00-\u9fff]{4,}/.exec(d.title); if (m) return Array.from(m[0]).slice(0, 4).join(''); }
  return long;
})();
const times = await timed([typical, top20[0], longWord, `${top20[0]} ${top20[1]}`]);
await browser.close();

const kb = (n) => (n / 1024).toFixed(1);
console.log('| query | documents with it | total KB | page | script | CSS | index | result lines |');
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.q}${r === rows[0] ? ' (typical)' : ''} | ${df.get(r.q)} | ${kb(r.total)} | ${kb(r.page)} | ${kb(r.script)} | ${kb(r.css)} | ${kb(r.index)} | ${kb(r.lines)} |`);
console.log('\n| query (index cached, CPU 4x slower) | ms (median of 5) |');
console.log('|---|---|');
for (const t of times) console.log(`| ${t.q} | ${t.ms.toFixed(1)} |`);
const top = rows.slice(1);
const summary = {
  typical: { q: typical, kb: +kb(rows[0].total) },
  top20_max_kb: +kb(Math.max(...top.map((r) => r.total))),
  top20_max_q: top.reduce((a, b) => (b.total > a.total ? b : a)).q,
  slowest_ms: +Math.max(...times.map((t) => t.ms)).toFixed(1),
};
console.log(JSON.stringify(summary));

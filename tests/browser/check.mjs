// Browser checks of a built site, the way a person sees it: headless
// Chromium (Debian's) driven by playwright-core.
//   node tests/browser/check.mjs BASE_URL PAGES_FILE [SHOT_DIR]
// BASE_URL is where the site is served (ending in '/'); PAGES_FILE lists
// one path per line (relative to BASE_URL) to check. For every page:
//   - at 360 px wide nothing scrolls sideways;
//   - nothing is requested from another host;
//   - axe-core finds no WCAG 2.1 A/AA violations;
//   - with JavaScript off, the page still shows its content and menu;
//   - 适老化 at 360×640 (WeChat's first screen): the header at most 120 px
//     tall; the first open need or list row on the first screen of the home
//     page, list pages and street pages; body text at least 18 px, no text
//     under 14 px, line height at least 1.5; every link and button in
//     lists, tables, navigation, pagination and the footer at least 44×44
//     px; the keyboard focus ring at least 3:1 against what is behind it;
//   - at 320 px wide nothing scrolls sideways either.
// Every open item (the paths in the file OPEN_ITEMS names, when set): at
// 360×640 its deadline (in the status sentence) and its call button are
// on the first screen.
// Once for the site:
//   - 大字: without JavaScript the header's switch enlarges the page at hand
//     (and nothing scrolls sideways at 360 px); with it, the choice holds
//     on the next page and is undone by the switch;
//   - a list on paper (print emulation, then a PDF read back with
//     pdftotext): one table, its rows in 序号 order with a 类别 column, the
//     list's address, the build date and 第 N 页，共 M 页 on the sheet.
// Prints "browser: N passed, N failed".
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const [base, pagesFile, shots] = process.argv.slice(2);
const pages = readFileSync(pagesFile, 'utf8').split('\n').filter(Boolean);
const origin = new URL(base).origin;
let passed = 0, failed = 0;
const fail = (what, why) => { failed++; console.log(`FAIL ${what}: ${why}`); };

// WCAG relative luminance and contrast of two CSS rgb()/rgba() colours
const contrastSource = `
  function rgb(c) { const m = c.match(/[\\d.]+/g).map(Number); return m; }
  function lum(c) { const [r, g, b] = rgb(c).slice(0, 3).map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; }
  function contrast(a, b) { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
  function behind(el) { for (let e = el.parentElement; e; e = e.parentElement) { const bg = getComputedStyle(e).backgroundColor; const a = rgb(bg); if (a.length < 4 || a[3] > 0) return bg; } return 'rgb(255, 255, 255)'; }
`;

// The 适老化 checks of one page at 360×640; returns what is wrong.
async function elder(context, url, path) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.addScriptTag({ content: contrastSource });
  const problems = await page.evaluate((path) => {
    const out = [];
    const header = document.querySelector('.site-header');
    const hh = header ? header.getBoundingClientRect().height : 0;
    if (hh > 120) out.push(`the header is ${Math.round(hh)} px tall on a 360×640 screen (at most 120)`);
    // the first thing a resident looks for, on the first screen
    let first = null;
    const kind = document.body.className;
    if (kind.includes('k-home')) first = document.querySelector('#h-soon ~ ul .card, #h-open ~ ul .card, #h-open ~ p');
    else if (kind.includes('k-list')) first = document.querySelector('table.items tbody tr');
    else if (kind.includes('k-street')) first = document.querySelector('.open-needs tbody tr, .lead.open-first');
    if (first && first.getBoundingClientRect().top >= 640)
      out.push(`the first open need or row starts at ${Math.round(first.getBoundingClientRect().top)} px, below the first screen`);
    const bodySize = parseFloat(getComputedStyle(document.body).fontSize);
    if (bodySize < 18) out.push(`body text is ${bodySize} px (at least 18)`);
    const small = [], tight = [], tiny = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('svg, script, style')) continue;
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
      if (!own || !el.getClientRects().length) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none') continue;
      const fs = parseFloat(cs.fontSize);
      const lh = cs.lineHeight === 'normal' ? 1.2 * fs : parseFloat(cs.lineHeight);
      const what = `${el.tagName.toLowerCase()}${el.className ? '.' + String(el.className).split(' ')[0] : ''} "${el.textContent.trim().slice(0, 12)}"`;
      if (fs < 14) small.push(`${what} ${fs}px`);
      if (lh < 1.5 * fs - 0.5) tight.push(`${what} ${(lh / fs).toFixed(2)}`);
    }
    if (small.length) out.push(`${small.length} texts under 14 px, e.g. ${small[0]}`);
    if (tight.length) out.push(`${tight.length} texts with line height under 1.5, e.g. ${tight[0]}`);
    for (const el of document.querySelectorAll('nav a, ul a, ol a, table a, footer a, dl a, header a, header label, summary, button')) {
      if (el.closest('.prose')) continue;
      const r = el.getBoundingClientRect();
      if (!r.width || !r.height) continue; // not shown (a closed menu, the wide menu on a phone)
      if (r.width < 43.5 || r.height < 43.5) tiny.push(`"${el.textContent.trim().slice(0, 12)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    if (tiny.length) out.push(`${tiny.length} touch targets under 44×44 px, e.g. ${tiny[0]}`);
    return out;
  }, path);
  // the focus ring, reached by keyboard: the first few focusable things
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    const bad = await page.evaluate(() => {
      let el = document.activeElement;
      if (!el || el === document.body) return null;
      // a switch drawn by its label (大字): the ring is the label's
      if (el.labels && el.labels.length && getComputedStyle(el).opacity === '0') el = el.labels[0];
      const cs = getComputedStyle(el);
      if (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) < 2) return `"${el.textContent.trim().slice(0, 12)}" has no visible focus ring`;
      const c = contrast(cs.outlineColor, behind(el));
      return c < 3 ? `the focus ring of "${el.textContent.trim().slice(0, 12)}" has contrast ${c.toFixed(1)}:1 (at least 3:1)` : null;
    });
    if (bad) { problems.push(bad); break; }
  }
  await page.close();
  return problems;
}

const rootSize = (page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

// 大字 without JavaScript (this page) and with it (remembered)
async function bigText(noJs, js, urls) {
  const [first, second] = [urls[0], urls.find((u) => /\/lists\/[^/]+\/$/.test(u)) || urls[1]];
  const p = await noJs.newPage();
  await p.goto(second, { waitUntil: 'load' });
  const before = await rootSize(p);
  await p.click('label[for="big-text"]');
  const after = await rootSize(p);
  const over = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (!(after >= 1.3 * before)) fail('大字 without JavaScript', `root font ${before}px → ${after}px`);
  else if (over > 0) fail('大字 without JavaScript', `scrolls sideways by ${over}px at 360px`);
  else passed++;
  await p.close();
  const q = await js.newPage();
  await q.goto(first, { waitUntil: 'load' });
  const normal = await rootSize(q);
  await q.click('label[for="big-text"]');
  const big = await rootSize(q);
  await q.goto(second, { waitUntil: 'load' });
  const kept = await rootSize(q);
  const pressed = await q.evaluate(() => getComputedStyle(document.querySelector('label[for="big-text"]')).backgroundColor);
  await q.click('label[for="big-text"]');
  const undone = await rootSize(q);
  await q.goto(first, { waitUntil: 'load' });
  const stays = await rootSize(q);
  if (!(big >= 1.3 * normal)) fail('大字 with JavaScript', `root font ${normal}px → ${big}px`);
  else if (kept !== big) fail('大字 with JavaScript', `not kept on the next page (${kept}px, want ${big}px)`);
  else if (pressed !== 'rgb(255, 255, 255)') fail('大字 with JavaScript', `the switch does not look pressed on the next page (${pressed})`);
  else if (undone !== normal || stays !== normal) fail('大字 with JavaScript', `switching off gives ${undone}px, then ${stays}px (want ${normal}px)`);
  else passed++;
  await q.evaluate(() => localStorage.clear());
  await q.close();
}

// A list on paper: print media, then the PDF Chromium makes of it
async function printed(context, url) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  await page.emulateMedia({ media: 'print' });
  const t = await page.evaluate(() => {
    const shown = [...document.querySelectorAll('main table')].filter((t) => t.offsetHeight > 0);
    const t0 = shown[0];
    const head = t0 ? [...t0.querySelectorAll('thead th')].map((th) => th.textContent.trim()) : [];
    const nos = t0 ? [...t0.querySelectorAll('tbody tr')].map((tr) => Number(tr.cells[0].textContent)) : [];
    return { tables: shown.length, head, nos, url: document.querySelector('link[rel=canonical]').href };
  });
  const inOrder = t.nos.length > 1 && t.nos.every((n, i) => i === 0 || n > t.nos[i - 1]);
  if (t.tables !== 1) fail('print', `${t.tables} tables on paper (want one)`);
  else if (!t.head.includes('类别') || !t.head.includes('序号')) fail('print', `columns ${t.head.join(' ')}`);
  else if (!inOrder) fail('print', `rows in the order ${t.nos.join(' ')}`);
  else passed++;
  const dir = mkdtempSync(`${tmpdir()}/qd-print-`);
  try {
    writeFileSync(`${dir}/list.pdf`, await page.pdf({ format: 'A4' }));
    const text = execFileSync('pdftotext', ['-layout', `${dir}/list.pdf`, '-'], { encoding: 'utf8' });
    const sheets = text.split('\f').filter((x) => x.trim());
    const missing = [];
    if (!text.includes(t.url)) missing.push(`the address ${t.url}`);
    if (!/\d{4}年\d{1,2}月\d{1,2}日生成/.test(text)) missing.push('the build date');
    sheets.forEach((sheet, i) => {
      if (!sheet.includes(`第 ${i + 1} 页，共 ${sheets.length} 页`)) missing.push(`第 ${i + 1} 页，共 ${sheets.length} 页`);
    });
    if (missing.length) fail('print PDF', `missing ${missing.join(', ')}`);
    else passed++;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await page.close();
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  const noJs = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
  const wechat = await browser.newContext({ viewport: { width: 360, height: 640 } });
  const narrow = await browser.newContext({ viewport: { width: 320, height: 640 } });
  for (const path of pages) {
    const url = new URL(path, base).href;
    const page = await phone.newPage();
    const foreign = [];
    page.on('request', (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url()); });
    const resp = await page.goto(url, { waitUntil: 'load' });
    // the search page: checked with its results shown; filters from the
    // address: checked once they are drawn
    await page.waitForFunction(() => {
      const r = document.querySelector('#search-results');
      const f = document.querySelector('#filters');
      return (!r || (r.getAttribute('aria-busy') === 'false' && document.querySelector('#search-status').textContent !== '正在搜索…'))
        && (!f || !location.search || f.getAttribute('data-ready') === 'true');
    });
    let ok = true;
    if (!resp || (resp.status() !== 200 && !path.endsWith('404.html'))) { fail(path, `HTTP ${resp && resp.status()}`); ok = false; }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (overflow > 0) { fail(path, `scrolls sideways by ${overflow}px at 360px`); ok = false; }
    if (foreign.length) { fail(path, `loads from another host: ${foreign[0]}`); ok = false; }
    await page.addScriptTag({ content: axeSource });
    const result = await page.evaluate(async () =>
      await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
    for (const v of result.violations) {
      fail(path, `axe ${v.id}: ${v.help} (${v.nodes.length}×, e.g. ${v.nodes[0].target.join(' ')})`);
      ok = false;
    }
    if (shots) {
      mkdirSync(shots, { recursive: true });
      const name = path.replace(/[^a-z0-9]+/gi, '_').replace(/^_|_$/g, '') || 'home';
      await page.screenshot({ path: `${shots}/${name}.png`, fullPage: false });
    }
    await page.close();
    const p2 = await noJs.newPage();
    await p2.goto(url, { waitUntil: 'load' });
    const visible = await p2.evaluate(() => {
      const main = document.querySelector('main');
      // the menu: shown, or behind its button (a link that shows it, no script needed)
      const shown = [...document.querySelectorAll('nav.nav, a.menu-button')].some((n) => n.offsetHeight > 0);
      return !!main && main.innerText.trim().length > 0 && shown;
    });
    if (!visible) { fail(path, 'without JavaScript the content or menu is not visible'); ok = false; }
    await p2.close();
    for (const problem of await elder(wechat, url, path)) { fail(path, problem); ok = false; }
    const p3 = await narrow.newPage();
    await p3.goto(url, { waitUntil: 'load' });
    const over320 = await p3.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (over320 > 0) { fail(path, `scrolls sideways by ${over320}px at 320px`); ok = false; }
    await p3.close();
    if (ok) passed++;
  }
  if (process.env.OPEN_ITEMS) {
    for (const path of readFileSync(process.env.OPEN_ITEMS, 'utf8').split('\n').filter(Boolean)) {
      const page = await wechat.newPage();
      await page.goto(new URL(path, base).href, { waitUntil: 'load' });
      const got = await page.evaluate(() => {
        const bottom = (el) => (el ? el.getBoundingClientRect().bottom : Infinity);
        const hint = document.querySelector('.callout');
        const dated = [...document.querySelectorAll('.facts dt')].some((dt) => dt.textContent === '截止日期');
        return { hint: bottom(hint), dated, says: hint ? hint.textContent : '', call: bottom(document.querySelector('a.call')) };
      });
      await page.close();
      if (got.dated && !got.says.includes('截止')) fail(path, `the status sentence does not give the deadline: ${got.says}`);
      else if (got.hint > 640) fail(path, `the status sentence ends at ${Math.round(got.hint)} px, below the first screen`);
      else if (got.call > 640) fail(path, `the call button ends at ${got.call === Infinity ? '(none)' : Math.round(got.call) + ' px'}, not on the first screen`);
      else passed++;
    }
  }
  await bigText(noJs, phone, pages.map((p) => new URL(p, base).href));
  const listPath = pages.find((p) => /^lists\/[^/]+\/$/.test(p));
  if (listPath) await printed(phone, new URL(listPath, base).href);
  else fail('print', 'no list page among the pages to check');
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

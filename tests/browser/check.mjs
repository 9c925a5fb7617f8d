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
// Prints "browser: N passed, N failed".
import { chromium } from 'playwright-core';
import { readFileSync, mkdirSync } from 'node:fs';
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
    for (const el of document.querySelectorAll('nav a, ul a, ol a, table a, footer a, dl a, summary, button')) {
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
      const el = document.activeElement;
      if (!el || el === document.body) return null;
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
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

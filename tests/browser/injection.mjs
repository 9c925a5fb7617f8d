// The hostile site (tests/injection/gen.py) in a browser: on every page
// given, every element is hovered (mouseover, mouseenter, mousemove) and
// clicked, every control (links, buttons, summaries, labels, inputs) is
// focused, the real pointer and the Tab key go over the first screen, and
// the search page is given every hostile string as a query and a query
// that finds every hostile title. No dialog may open (every payload calls
// alert, confirm or prompt), no script address may be followed, and no
// request may go to another host. A click that would leave the page is
// let through only for a javascript: address (so that it runs, and is
// caught); others are stopped, so that the page stays to be clicked on.
//
//   node tests/browser/injection.mjs BASE_URL PAGES_FILE STRINGS.json
//
// Prints "injection-browser: N passed, N failed".
import { launch, watch } from './lib.mjs';
import fs from 'fs';

const [base, pagesFile, expectFile] = process.argv.slice(2);
const pages = fs.readFileSync(pagesFile, 'utf8').split('\n').filter((l) => l);
const strings = JSON.parse(fs.readFileSync(expectFile, 'utf8')).strings;
const host = new URL(base).host;
let passed = 0, failed = 0;
const fail = (what, why) => { failed++; if (failed <= 40) console.log(`FAIL ${what}: ${why}`); };
const ok = () => { passed++; };

// poke, where leaving the page is no failure: a click the capture
// listener could not stop (a result link whose default action already
// began) ends the page's scripts; dialogs are what count
async function pokeOrLeave(page) {
  try {
    return await within(30000, 'poke', poke(page));
  } catch (e) {
    if (/Execution context was destroyed|navigation/.test(e.message)) return { n: 10, scripted: [], left: true };
    throw e;
  }
}

// a step that does not finish in `ms` is a failure, not a hang
const within = (ms, what, p) => Promise.race([p, new Promise((_, no) => setTimeout(() => no(new Error(`${what}: no answer within ${ms} ms`)), ms))]);

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 360, height: 640 } });
const dialogs = [];
const problems = [];

// Everything a person can do to an element, done to every element; returns
// how many elements were handled and the script addresses met.
async function poke(page) {
  return page.evaluate(async () => {
    const scripted = [];
    document.addEventListener('click', (e) => {
      const a = e.target.closest && e.target.closest('a[href], area[href]');
      if (a && a.protocol === 'javascript:') { scripted.push(a.outerHTML.slice(0, 120)); return; }
      if (a) e.preventDefault();
    }, true);
    document.addEventListener('submit', (e) => e.preventDefault(), true);
    const all = Array.from(document.querySelectorAll('body *'));
    // the pointer's events and a click on every element (neither needs
    // the page laid out), then focus on each control (focus lays the
    // page out: on every element a long page takes minutes)
    for (const el of all) {
      for (const type of ['mouseover', 'mouseenter', 'mousemove', 'pointerover', 'mousedown', 'mouseup'])
        el.dispatchEvent(new MouseEvent(type, { bubbles: type !== 'mouseenter', cancelable: true, view: window }));
      if (typeof el.click === 'function') el.click(); // its default action too (HTML)
      else el.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window })); // SVG
    }
    for (const el of all.filter((e) => e.matches('a, button, summary, label, input, select, textarea, [tabindex], [role=button], [contenteditable]'))) {
      el.focus();
      el.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
      el.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
      el.blur();
    }
    await new Promise((r) => setTimeout(r, 50));
    return { n: all.length, scripted };
  });
}

for (const [n, path] of pages.entries()) {
  if (process.env.VERBOSE) console.log(`${n + 1}/${pages.length} ${path}`);
  const page = await context.newPage();
  page.on('dialog', async (d) => { dialogs.push(`${path}: ${d.type()} "${d.message()}"`); await d.dismiss(); });
  const mine = [];
  watch(page, host, mine);
  try {
    await page.goto(base + path, { waitUntil: 'load' });
    const before = dialogs.length;
    const r = await pokeOrLeave(page);
    // the real pointer and keyboard too, over the first screen: hover the
    // centre of what is visible, tab through the first controls
    if (r.left) await page.goto(base + path, { waitUntil: 'load' });
    const boxes = await page.evaluate(() => Array.from(document.querySelectorAll('body *'))
      .map((e) => e.getBoundingClientRect()).filter((b) => b.width > 0 && b.height > 0 && b.top < 640)
      .slice(0, 40).map((b) => [b.left + b.width / 2, b.top + b.height / 2]));
    for (const [x, y] of boxes) await page.mouse.move(x, y);
    for (let i = 0; i < 15; i++) await page.keyboard.press('Tab');
    if (dialogs.length > before) fail(`no-dialog ${path}`, dialogs.slice(before).join('; '));
    else ok();
    if (r.scripted.length) fail(`no-script-address ${path}`, r.scripted.slice(0, 2).join(' | '));
    else ok();
    if (r.n < 10) fail(`poked ${path}`, `only ${r.n} elements`);
    else ok();
  } catch (e) {
    fail(`page ${path}`, e.message.split('\n')[0]);
  }
  const offsite = mine.filter((p) => p.startsWith('request to another host'));
  if (offsite.length) fail(`same-host ${path}`, offsite[0]);
  else ok();
  problems.push(...mine.map((p) => `${path}: ${p}`));
  await page.close();
}

// the search page: every hostile string as a query, and queries that find
// every hostile title (results are drawn by the page's script), each as
// the page's address and then poked like any page
{
  const before = dialogs.length;
  let shown = 0;
  for (const q of [...strings, '条目', '活动', '组织', '案例']) {
    if (process.env.VERBOSE) console.log(`search ${JSON.stringify(q)}`);
    // a page of its own per query
    const page = await context.newPage();
    page.on('dialog', async (d) => { dialogs.push(`search ${q}: ${d.type()} "${d.message()}"`); await d.dismiss(); });
    try {
      await page.goto(base + 'search/?q=' + encodeURIComponent(q), { waitUntil: 'load' });
      await page.waitForFunction(() => document.getElementById('search-status').textContent !== ''
        && document.getElementById('search-results').getAttribute('aria-busy') !== 'true', null, { timeout: 5000 });
      shown += await page.locator('#search-results a').count();
      if (process.env.VERBOSE) console.log('  results drawn');
      await pokeOrLeave(page);
      if (process.env.VERBOSE) console.log('  poked');
    } catch (e) {
      fail(`search ${JSON.stringify(q)}`, e.message.split('\n')[0]);
    }
    // not closed: a click poke let through (a form's GET to this very
    // address) may still be leaving it, and closing waits for that; the
    // browser closes them all at the end
  }
  if (shown < 60) fail('search-shows-results', `${shown} result links for the queries, want every item at least`);
  else ok();
  if (dialogs.length > before) fail('search-no-dialog', dialogs.slice(before).join('; '));
  else ok();
}

await browser.close();
if (problems.length) console.log(`(page messages, not failures: ${problems.length}; first: ${problems[0]})`);
console.log(`injection-browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

// Browser checks of a built site, the way a person sees it: headless
// Chromium (Debian's) driven by playwright-core.
//   node tests/browser/check.mjs BASE_URL PAGES_FILE [SHOT_DIR]
// BASE_URL is where the site is served (ending in '/'); PAGES_FILE lists
// one path per line (relative to BASE_URL) to check. For every page:
//   - at 360 px wide nothing scrolls sideways;
//   - nothing is requested from another host;
//   - axe-core finds no WCAG 2.1 A/AA violations;
//   - with JavaScript off, the page still shows its content and menu.
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

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
         '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const phone = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2 });
  const noJs = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled: false });
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
      const nav = document.querySelector('nav.nav');
      return !!main && main.innerText.trim().length > 0 && !!nav && nav.offsetHeight > 0;
    });
    if (!visible) { fail(path, 'without JavaScript the content or menu is not visible'); ok = false; }
    await p2.close();
    if (ok) passed++;
  }
} finally {
  await browser.close();
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

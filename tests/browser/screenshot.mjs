// Take a phone-sized screenshot of one page (for the README and for
// looking at the theme): node tests/browser/screenshot.mjs URL OUT.png [WIDTH HEIGHT]
import { chromium } from 'playwright-core';
const [url, out, w = '360', h = '780'] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
await page.goto(url, { waitUntil: 'load' });
await page.screenshot({ path: out });
await browser.close();

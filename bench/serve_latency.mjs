// How long a preview server takes from a saved edit to the new page in
// the browser (make bench runs it against `qingdan serve` and `hugo
// server` on the 10k corpus, the same need edited in each).
//
//   node bench/serve_latency.mjs PAGE_URL FILE OLD COUNT
//
// Opens PAGE_URL in headless Chromium (the server's own live reload
// script does the reloading), then COUNT times: writes FILE with the
// first OLD replaced by OLD plus a new marker, and waits until the page
// in the browser shows that marker. The clock starts when the write is
// done. FILE is put back as it was at the end. Prints one JSON line:
// {"ms": [each edit's milliseconds], "median": ms}.
import { launch } from '../tests/browser/lib.mjs';
import fs from 'fs';

const [url, file, old, countArg] = process.argv.slice(2);
const count = Number(countArg || 5);
const original = fs.readFileSync(file, 'utf8');
if (!original.includes(old)) {
  console.error(`serve_latency: '${old}' is not in ${file}`);
  process.exit(2);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const browser = await launch();
const page = await browser.newPage();
const ms = [];
try {
  await page.goto(url, { waitUntil: 'load' });
  await sleep(1500); // the live-reload connection is set up
  for (let i = 1; i <= count; i++) {
    const marker = `修订${Date.now() % 100000}x${i}`;
    fs.writeFileSync(file, original.replace(old, old + marker));
    const t0 = performance.now();
    for (;;) {
      let shown = false;
      try {
        shown = await page.evaluate((m) => document.body !== null && document.body.innerText.includes(m), marker);
      } catch (e) {
        // the page is being reloaded: ask again
      }
      if (shown) break;
      if (performance.now() - t0 > 30000) throw new Error(`edit ${i}: the page did not show the edit in 30 s`);
      await sleep(2);
    }
    ms.push(Math.round(performance.now() - t0));
    // let the server finish what it does after the page (writing its
    // folder) before the next edit
    await sleep(3000);
  }
} finally {
  fs.writeFileSync(file, original);
  await browser.close();
}
const sorted = [...ms].sort((a, b) => a - b);
console.log(JSON.stringify({ ms, median: sorted[Math.floor(sorted.length / 2)] }));

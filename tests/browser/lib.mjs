// What the browser tests share: headless Chromium (Debian's, or
// $CHROMIUM) launched the same way, and a page's problems collected: a
// console error or warning, an uncaught error, a request to another host.
import { chromium } from 'playwright-core';

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
}

// Push a line to `problems` for each of the page's problems; `host` is the
// site's (host:port).
export function watch(page, host, problems) {
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => { if (new URL(r.url()).host !== host) problems.push(`request to another host: ${r.url()}`); });
}

// The filters of /needs/, /supply/ and every street page, in a browser:
// every option's live count, alone and beside other filters, against a
// recount from `qingdan dump`; the results are the recounted items; the
// address keeps the filters and a shared link restores them; 清除筛选
// clears them; the count is announced (role=status); nothing is asked of
// another host and nothing is written to the console.
//
//   node tests/browser/filters.mjs BASE_URL DUMP.json
//
// Prints "filters: N passed, N failed".
import { launch, watch } from './lib.mjs';
import fs from 'fs';

const [base, dumpFile] = process.argv.slice(2);
const dump = JSON.parse(fs.readFileSync(dumpFile, 'utf8'));
const host = new URL(base).host;
let passed = 0, failed = 0;
const fail = (what, why) => { failed++; if (failed <= 40) console.log(`FAIL ${what}: ${why}`); };
const check = (cond, what, why) => (cond ? passed++ : fail(what, why));

// ---- the recount ----
const dayOf = (iso) => { const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || ''); return m ? Date.UTC(+m[1], +m[2] - 1, +m[3]) / 864e5 : null; };
const today = dayOf(dump.today);
const items = [];
for (const l of dump.lists)
  for (const it of l.items)
    items.push({ kind: l.kind, url: `lists/${l.id}/${it.no}.html`, district: it.district, street: it.street,
      community: it.community && it.street ? `${it.street}/${it.community}` : null, cat: it.category,
      status: l.kind === 'pain-points' ? null : it.expired ? 'expired' : it.status, budget: it.budget, deadline: it.deadline });
const BUDGET = { lt5: [0, 5], '5-10': [5, 10], '10-20': [10, 20], '20-50': [20, 50], ge50: [50, Infinity] };
const facetTest = {
  district: (it, v) => it.district === v, street: (it, v) => it.street === v, community: (it, v) => it.community === v,
  cat: (it, v) => it.cat === v, status: (it, v) => it.status === v,
  budget: (it, v) => (v === 'none' ? it.budget == null : it.budget != null && it.budget >= BUDGET[v][0] && it.budget < BUDGET[v][1]),
  due: (it, v) => { const d = dayOf(it.deadline); return d !== null && d >= today && d <= today + +v; },
};
const recount = (set, state, except) => set.filter((it) => Object.entries(state).every(([k, v]) => k === except || facetTest[k](it, v)));

const pages = [['needs/', items.filter((it) => it.kind === 'needs')], ['supply/', items.filter((it) => it.kind === 'supply')]];
for (const d of dump.districts)
  for (const s of d.streets) {
    const set = items.filter((it) => it.kind === 'needs' && it.street === s.id);
    if (set.length) pages.push([`streets/${s.id}/`, set]);
  }

const browser = await launch();
const page = await browser.newPage({ viewport: { width: 360, height: 640 } });
const problems = [];
watch(page, host, problems);

const ready = () => page.waitForSelector('#filters[data-ready="true"]');
// every select's options: { key: [[value, count], ...] } (the first is 全部)
const readCounts = () => page.$$eval('#filter-fields select', (sels) => Object.fromEntries(sels.map((s) =>
  [s.name, [...s.options].map((o) => [o.value, +o.getAttribute('data-count')])])));

for (const [path, set] of pages) {
  await page.goto(base + path, { waitUntil: 'load' });
  check(await page.$eval('#filter-count', (e) => e.getAttribute('role') === 'status'), path, 'the count is not a status region');
  await page.click('#filter-open');
  await ready();
  const counts = await readCounts();
  const keys = Object.keys(counts);
  check(keys.length > 0, path, 'no filters');
  // each option alone
  for (const k of keys)
    for (const [v, n] of counts[k]) {
      const want = v ? recount(set, { [k]: v }).length : set.length;
      check(n === want, `${path} ${k}=${v || '全部'}`, `shows ${n}, recount ${want}`);
    }
  // two filters: the first option with items of the first two facets, then
  // every other facet's counts under them, the results and the address
  const state = {};
  for (const k of keys.slice(0, 2)) {
    const opt = counts[k].find(([v, n]) => v && n > 0 && recount(set, { ...state, [k]: v }).length > 0);
    if (opt) state[k] = opt[0];
  }
  for (const [k, v] of Object.entries(state)) await page.selectOption(`#f-${k}`, v);
  const under = await readCounts();
  for (const k of keys)
    for (const [v, n] of under[k]) {
      const others = Object.fromEntries(Object.entries(state).filter(([kk]) => kk !== k));
      const want = recount(set, v ? { ...others, [k]: v } : others).length;
      check(n === want, `${path} ${JSON.stringify(state)} ${k}=${v || '全部'}`, `shows ${n}, recount ${want}`);
    }
  const want = recount(set, state);
  const total = +(await page.$eval('#filter-count', (e) => e.getAttribute('data-count')));
  check(total === want.length, `${path} ${JSON.stringify(state)}`, `count ${total}, recount ${want.length}`);
  // the items listed in place of the index's table (none while no filter is set)
  const active = Object.keys(state).length > 0;
  const shown = await page.$$eval('#filter-results .result a', (as) => as.map((a) => a.getAttribute('href')));
  const wantUrls = active ? want.slice(0, 50).map((it) => new URL(it.url, base).pathname) : [];
  check(JSON.stringify(shown) === JSON.stringify(wantUrls), `${path} results`, `${shown.slice(0, 2)} … want ${wantUrls.slice(0, 2)} …`);
  check(await page.$eval('[data-filter-hide]', (e) => e.hidden) === active, `${path} static list`,
    active ? 'still shown while filtering' : 'hidden with no filter set');
  // the address, and a shared link
  const url = page.url();
  for (const [k, v] of Object.entries(state))
    check(new URL(url).searchParams.get(k) === v, `${path} address`, `${url} lacks ${k}=${v}`);
  await page.goto(url, { waitUntil: 'load' });
  if (!Object.keys(state).length) await page.click('#filter-open'); /* nothing to keep in the address */
  await ready();
  const again = await page.$eval('#filter-count', (e) => +e.getAttribute('data-count'));
  const values = await page.$$eval('#filter-fields select', (s) => Object.fromEntries(s.map((x) => [x.name, x.value])));
  check(again === want.length && Object.entries(state).every(([k, v]) => values[k] === v), `${path} shared link`,
    `restored ${again} items with ${JSON.stringify(values)}`);
  // 清除筛选
  await page.click('#filter-clear');
  const cleared = await page.$eval('#filter-count', (e) => +e.getAttribute('data-count'));
  check(cleared === set.length && !new URL(page.url()).search, `${path} clear`, `${cleared} items, address ${page.url()}`);
  check(!(await page.$eval('[data-filter-hide]', (e) => e.hidden)), `${path} clear`, 'the static list stays hidden');
}
check(!problems.length, 'console and network', problems.slice(0, 5).join('; '));
await browser.close();
console.log(`filters: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

#!/usr/bin/env node
// Browser checks of the photo example (tests/fixtures/photos, built by run.sh with generated
// photographs): responsive pictures on a phone-sized screen.
//
// - the front page and an article at 390 px: no layout shift (CLS 0) while pictures load;
// - the lead picture is loaded eagerly with fetchpriority="high", pictures in the text lazily:
//   the one below the fold is not fetched until the reader scrolls to it;
// - every <img> has width and height; WebP is what the browser picks;
// - the largest contentful paint's picture is at most 100 KB;
// - Lighthouse (mobile, 390 × 844 at 1.75 device pixels, its default throttling) on the front
//   page: performance ≥ 95, total transfer ≤ 400 KB (best of LIGHTHOUSE_RUNS runs, default 5, with the CPU slowdown calibrated to the host: lighthouse.mjs).
// Prints one line per check and `N passed, M failed` last.
//
// Environment: CHROME_PATH, GAZETTE_PHOTOS_OUTPUT (the built photo example), SKIP_LIGHTHOUSE=1.

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { bestOf } from './lighthouse.mjs';

const OUT = path.resolve(process.env.GAZETTE_PHOTOS_OUTPUT || '');
const BASE = '/gazette/';
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'];
const LCP_IMAGE_MAX = 100 * 1024;
const TRANSFER_MAX = 400 * 1024;
const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1.75, isMobile: true };

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} photos: ${name}${detail ? ` — ${detail}` : ''}`);
}
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (e) => {
    console.log(`FAIL photos: the checks stopped: ${e?.stack || e}`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  });
}
if (!existsSync(path.join(OUT, 'index.html'))) {
  console.log(`FAIL photos: no built photo example at ${OUT}`);
  console.log(`${passed} passed, 1 failed`);
  process.exit(1);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.svg': 'image/svg+xml', '.xml': 'application/xml', '.json': 'application/json' };
const server = createServer((req, res) => {
  const url = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  if (!url.startsWith(BASE)) { res.writeHead(404); res.end(); return; }
  let file = path.join(OUT, url.slice(BASE.length));
  if (!file.startsWith(OUT)) { res.writeHead(403); res.end(); return; }
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!existsSync(file)) { res.writeHead(404); res.end(); return; }
  res.writeHead(200, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'max-age=3600' });
  createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;
const pageUrl = (rel) => `${origin}${BASE}${rel}`;
const article = 'articles/2026/11/18/dawn-ferry/';

const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS });
// Loads a page on a phone-sized screen; returns layout shift, the LCP picture and its size,
// the pictures fetched, and what the page's <img> elements say.
async function visit(rel) {
  const context = await browser.newContext(PHONE);
  const page = await context.newPage();
  await page.goto(pageUrl(rel), { waitUntil: 'load' });
  const m = await page.evaluate(() => new Promise((resolve) => {
    let cls = 0;
    let lcp = null;
    new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) cls += e.value; }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((l) => { const all = l.getEntries(); lcp = all[all.length - 1]; }).observe({ type: 'largest-contentful-paint', buffered: true });
    setTimeout(() => {
      const pictures = performance.getEntriesByType('resource').filter((r) => r.initiatorType === 'img');
      const lcpUrl = lcp?.url || '';
      const lcpEntry = pictures.find((r) => r.name === lcpUrl);
      const imgs = [...document.querySelectorAll('img')].map((i) => ({
        src: i.currentSrc, width: i.getAttribute('width'), height: i.getAttribute('height'),
        loading: i.getAttribute('loading'), priority: i.getAttribute('fetchpriority'), alt: i.alt,
      }));
      resolve({ cls, lcpUrl, lcpBytes: lcpEntry ? (lcpEntry.encodedBodySize || lcpEntry.transferSize) : -1, fetched: pictures.map((r) => r.name), imgs });
    }, 1500);
  }));
  return { ...m, page, context };
}

{
  const m = await visit('index.html');
  check(`front page CLS at 390 px: ${m.cls.toFixed(4)}`, m.cls === 0);
  const lead = m.imgs[0];
  check('front page: the top picture is eager with fetchpriority="high"', lead && lead.priority === 'high' && lead.loading !== 'lazy', JSON.stringify(lead));
  check('front page: the browser picks WebP', lead && /\.webp$/.test(lead.src), lead?.src);
  check(`front page: LCP picture ${m.lcpBytes} bytes (≤ ${LCP_IMAGE_MAX})`, m.lcpBytes > 0 && m.lcpBytes <= LCP_IMAGE_MAX, m.lcpUrl);
  await m.context.close();
}
{
  const m = await visit(article);
  check(`article CLS at 390 px: ${m.cls.toFixed(4)}`, m.cls === 0);
  check('article: every <img> has width and height', m.imgs.every((i) => i.width && i.height), JSON.stringify(m.imgs.filter((i) => !i.width)));
  const inline = m.imgs.slice(1);
  check('article: pictures in the text load lazily', inline.length >= 2 && inline.every((i) => i.loading === 'lazy'), JSON.stringify(inline));
  const below = inline[inline.length - 1];
  const fetchedBefore = m.fetched.some((u) => u.includes('/pictures/') && below && u === below.src);
  check('article: the picture below the fold is not fetched before scrolling', !fetchedBefore && !below.src, below?.src);
  await m.page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await m.page.waitForTimeout(1000);
  const after = await m.page.evaluate(() => [...document.querySelectorAll('img')].pop().currentSrc);
  check('article: it is fetched once scrolled to', /\/pictures\/.+\.webp$/.test(after), after);
  await m.context.close();
}
await browser.close();

if (!process.env.SKIP_LIGHTHOUSE) {
  const best = await bestOf({
    url: pageUrl('index.html'), name: 'photo front page', categories: ['performance'],
    runs: Number(process.env.LIGHTHOUSE_RUNS || 5), min: 95, chromePath: CHROME, chromeFlags: CHROME_ARGS,
    settings: { formFactor: 'mobile', screenEmulation: { mobile: true, width: 390, height: 844, deviceScaleFactor: 1.75, disabled: false } },
    describe: (lhr) => `${Math.round((lhr.audits['total-byte-weight']?.numericValue ?? 0) / 1024)} KB, LCP ${lhr.audits['largest-contentful-paint']?.displayValue}; `,
  });
  if (best.error) {
    check('lighthouse mobile photo front page', false, String(best.error?.message || best.error));
  } else {
    const { score, lhr } = best.performance;
    const bytes = lhr.audits['total-byte-weight']?.numericValue ?? Infinity;
    check(`lighthouse mobile photo front page performance: ${score}`, score >= 95, `LCP ${lhr.audits['largest-contentful-paint']?.displayValue}`);
    check(`lighthouse photo front page total transfer: ${Math.round(bytes / 1024)} KB (≤ 400)`, bytes <= TRANSFER_MAX);
  }
}
server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

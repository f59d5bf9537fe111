#!/usr/bin/env node
// Browser checks of the built example site (`cargo run -- build` first, or use run.sh).
//
// Serves `output/` under /gazette/ on 127.0.0.1, drives Debian's Chromium with playwright-core
// and checks every page kind: axe-core (light and dark), the Nu HTML Checker, no horizontal
// scrolling at 360 px, no scripts, the front page's weight and layout shift, Lighthouse on the
// front page and an article. Takes the README screenshots into docs/screenshots/.
// Prints one line per check and ends with `N passed, M failed`; exits non-zero on any failure.
//
// Environment: CHROME_PATH (default /usr/bin/chromium), GAZETTE_OUTPUT (default ../../output),
// GAZETTE_BASE (the site's base path, default /gazette/), PAGE_PREFIX (a language folder, `fr/`),
// SKIP_LIGHTHOUSE=1 or SKIP_SCREENSHOTS=1 to leave those parts out while iterating,
// LIGHTHOUSE_RUNS (default 5) for the most Lighthouse runs per page, SHOT_SUFFIX (e.g. `-ar`)
// for a build in another language: the right-to-left checks run when the page says dir="rtl",
// and only the light 1280 px screenshots are taken, named with the suffix.

import { spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

import { bestOf, failing } from './lighthouse.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const OUT = path.resolve(process.env.GAZETTE_OUTPUT || path.join(ROOT, 'output'));
const SHOTS = path.join(ROOT, 'docs/screenshots');
const BASE = process.env.GAZETTE_BASE || '/gazette/';
// A language folder of a multilingual site (`fr/`): its pages are the ones checked.
const PREFIX = process.env.PAGE_PREFIX || '';
const CHROME = process.env.CHROME_PATH || '/usr/bin/chromium';
const CHROME_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const FRONT_BUDGET = 60 * 1024;
const LIGHTHOUSE_MIN = 95;
const LIGHTHOUSE_RUNS = Number(process.env.LIGHTHOUSE_RUNS || 5);
const SHOT_SUFFIX = process.env.SHOT_SUFFIX || '';

let passed = 0;
let failed = 0;
function check(name, ok, detail = '') {
  if (ok) passed++;
  else failed++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
}

// A crash still ends with the summary line, counted as one more failure.
for (const event of ['uncaughtException', 'unhandledRejection']) {
  process.on(event, (e) => {
    console.log(`FAIL the checks stopped: ${e?.stack || e}`);
    console.log(`${passed} passed, ${failed + 1} failed`);
    process.exit(1);
  });
}

// ---------------------------------------------------------------- the page kinds of the site
if (!existsSync(path.join(OUT, 'index.html'))) {
  console.error(`no built site at ${OUT}: run \`cargo run -- build\` first`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
const files = readdirSync(OUT, { recursive: true }).map((f) => f.split(path.sep).join('/'))
  .filter((f) => f.startsWith(PREFIX)).map((f) => f.slice(PREFIX.length)).sort();
const html = (rel) => readFileSync(path.join(OUT, PREFIX, rel), 'utf8');
const first = (re, pred = () => true) => files.find((f) => re.test(f) && pred(f));
const article = (needle) => first(/^articles\/.+\/index\.html$/, (f) => html(f).includes(needle));
const leadArticle = first(/^articles\/.+\/index\.html$/, (f) => /class="lead-image"/.test(html(f)) && /<blockquote/.test(html(f)) && /class="story-coverage"/.test(html(f)))
  || article('class="lead-image"') || first(/^articles\/.+\/index\.html$/);
const kinds = {
  front: 'index.html',
  edition: first(/^editions\/\d{4}\/\d{2}\/\d{2}\/index\.html$/),
  'weekly edition': first(/^editions\/\d{4}\/w\d{2}\/index\.html$/),
  article: leadArticle,
  'article with code': article('<pre'),
  'article with table': article('<table'),
  story: first(/^stories\/[^/]+\/index\.html$/),
  topics: 'topics/index.html',
  topic: first(/^topics\/[^/]+\/index\.html$/),
  entities: first(/^(people|organizations|places|tags)\/index\.html$/),
  entity: first(/^(people|organizations|places|tags)\/[^/]+\/index\.html$/),
  // An outlet with site.yaml's `sources:` entry (note, links, paywall marker).
  source: 'sources/the-meridian-courier/index.html',
  note: first(/^notes\/[^/]+\/index\.html$/),
  page: first(/^pages\/[^/]+\/index\.html$/),
  archive: 'archive/index.html',
  '404': '404.html',
  search: 'search/index.html',
  'e-mail edition': first(/^editions\/\d{4}\/\d{2}\/\d{2}\/email\.html$/),
};
for (const [k, v] of Object.entries(kinds)) if (!v || !files.includes(v)) delete kinds[k];
const urlOf = (rel) => (rel === '404.html' ? 'no-such-page/' : rel.replace(/index\.html$/, ''));

// ---------------------------------------------------------------- a static server under /gazette/
const TYPES = { '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.xml': 'application/xml', '.json': 'application/json', '.txt': 'text/plain; charset=utf-8' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  let rel = decodeURIComponent(url.pathname);
  const send = (status, file) => {
    res.writeHead(status, { 'content-type': TYPES[path.extname(file)] || 'application/octet-stream', 'cache-control': 'max-age=3600' });
    createReadStream(file).pipe(res);
  };
  if (rel.startsWith(BASE)) {
    rel = rel.slice(BASE.length);
    let file = path.join(OUT, rel);
    if (file.startsWith(OUT) && !rel.split('/').includes('..')) {
      if (existsSync(file) && statSync(file).isDirectory()) {
        if (!rel.endsWith('/') && rel !== '') {
          res.writeHead(301, { location: `${BASE}${rel}/` });
          return res.end();
        }
        file = path.join(file, 'index.html');
      }
      if (existsSync(file) && statSync(file).isFile()) return send(200, file);
    }
  }
  send(404, path.join(OUT, '404.html'));
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const ORIGIN = `http://127.0.0.1:${server.address().port}`;
const pageUrl = (rel) => `${ORIGIN}${BASE}${PREFIX}${urlOf(rel)}`;
console.log(`serving ${OUT} at ${ORIGIN}${BASE}; page kinds: ${Object.keys(kinds).join(', ')}`);

const browser = await chromium.launch({ executablePath: CHROME, args: CHROME_ARGS, headless: true });
try {
  // ------------------------------------------------------------ axe-core, light and dark
  const axeSource = readFileSync(path.join(HERE, 'node_modules/axe-core/axe.min.js'), 'utf8');
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
    const page = await context.newPage();
    for (const [kind, rel] of Object.entries(kinds)) {
      await page.goto(pageUrl(rel), { waitUntil: 'load' });
      // Open the "+N more reports" clusters so their content is checked too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { resultTypes: ['violations'] });
        return r.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      });
      check(`axe ${scheme} ${kind}: ${violations.length} violations`, violations.length === 0, violations.join('; '));
    }
    await context.close();
  }

  // ------------------------------------------------------------ responsive: nothing wider than 360 px
  {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 } });
    const page = await context.newPage();
    for (const [kind, rel] of Object.entries(kinds)) {
      await page.goto(pageUrl(rel), { waitUntil: 'load' });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      check(`360 px ${kind}: no horizontal scrolling`, width <= 360, `page is ${width} px wide`);
    }
    await context.close();
  }

  // ------------------------------------------------------------ no JavaScript needed
  const withScripts = Object.entries(kinds).filter(([k, rel]) => k !== 'search' && /<script(?![^>]*type="application\/(?:ld\+)?json")/i.test(html(rel))).map(([k]) => k);
  // Data blocks (JSON-LD) are not scripts that run.
  check('no page kind but search has a script', withScripts.length === 0, withScripts.join(', '));

  // ------------------------------------------------------------ search, where the site has it, finds articles
  if (kinds.search) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(pageUrl(kinds.search), { waitUntil: 'load' });
    const word = (html(kinds.article).match(/<h1>([^<\s]{4,})/) || [, 'the'])[1];
    const input = page.locator('form[role=search] input[type=search]');
    await input.fill(word);
    await input.press('Enter');
    const listed = () => page.waitForFunction(() => document.querySelectorAll('main ol li').length > 0, null, { timeout: 10000 });
    // search.js takes the form over only once it has the index summary; an Enter before that
    // submits it as the plain GET form it is, the page loads again with ?q= and searches then.
    // That navigation ends the first wait, so wait again on the new page.
    await listed().catch(async () => {
      await page.waitForLoadState('load').catch(() => {});
      await listed().catch(() => {});
    });
    const found = await page.locator('main ol li').count();
    check(`search for “${word}” lists articles`, found > 0, (await page.textContent('[role=status]').catch(() => '')) || '');
    await page.addScriptTag({ content: readFileSync(path.join(HERE, 'node_modules/axe-core/axe.min.js'), 'utf8') });
    const violations = await page.evaluate(async () => (await window.axe.run(document, { resultTypes: ['violations'] })).violations.map((v) => v.id));
    check(`axe search results: ${violations.length} violations`, violations.length === 0, violations.join(', '));
    await context.close();
  }

  // ------------------------------------------------------------ e-mail editions: self-contained
  for (const rel of files.filter((f) => /^editions\/.+\/email\.html$/.test(f)).slice(0, 3)) {
    const text = html(rel);
    const relative = text.match(/(?:href|src)="(?!https?:|mailto:|#)[^"]*"/g) || [];
    const bad = [/<script/i.test(text) && 'a script', /<link[^>]+stylesheet/i.test(text) && 'an external stylesheet', relative.length && `relative links ${relative.slice(0, 2).join(' ')}`].filter(Boolean);
    check(`e-mail ${rel}: inline styles, absolute URLs, no scripts`, bad.length === 0, bad.join(', '));
  }

  // ------------------------------------------------------------ front page: weight and layout shift
  for (const width of [375, 1280]) {
    const context = await browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await page.goto(pageUrl('index.html'), { waitUntil: 'load' });
    const m = await page.evaluate(() => new Promise((resolve) => {
      let cls = 0;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
      }).observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const resources = performance.getEntriesByType('resource').filter((r) => r.initiatorType !== 'img' && !/\.(png|jpe?g|gif|webp|avif|svg)$/.test(r.name));
        const bytes = nav.transferSize + resources.reduce((n, r) => n + r.transferSize, 0);
        resolve({ cls, bytes, files: resources.length + 1 });
      }, 1500);
    }));
    if (width === 1280) check(`front page transfer before images: ${m.bytes} bytes in ${m.files} files`, m.bytes > 0 && m.bytes < FRONT_BUDGET, `budget ${FRONT_BUDGET}`);
    check(`front page CLS at ${width} px: ${m.cls.toFixed(4)}`, m.cls === 0);
    await context.close();
  }
  {
    const context = await browser.newContext({ viewport: { width: 375, height: 900 } });
    const page = await context.newPage();
    await page.goto(pageUrl(kinds.article), { waitUntil: 'load' });
    const cls = await page.evaluate(() => new Promise((resolve) => {
      let v = 0;
      new PerformanceObserver((l) => { for (const e of l.getEntries()) if (!e.hadRecentInput) v += e.value; }).observe({ type: 'layout-shift', buffered: true });
      setTimeout(() => resolve(v), 1000);
    }));
    check(`article CLS at 375 px: ${cls.toFixed(4)}`, cls === 0);
    await context.close();
  }

  // ------------------------------------------------------------ right to left: the layout mirrors
  if (/<html[^>]* dir="rtl"/.test(html('index.html'))) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    for (const [kind, rel] of [['front', 'index.html'], ['article', kinds.article], ['topic', kinds.topic]].filter(([, r]) => r)) {
      await page.goto(pageUrl(rel), { waitUntil: 'load' });
      const m = await page.evaluate(() => {
        const box = (sel) => document.querySelector(sel)?.getBoundingClientRect();
        const brand = box('.brand');
        const next = box('.pager a[rel=next]');
        return {
          direction: getComputedStyle(document.querySelector('main')).direction,
          brandRight: brand ? innerWidth - brand.right : null,
          brandLeft: brand ? brand.left : null,
          nextLeft: next ? next.left : null,
          nextRight: next ? innerWidth - next.right : null,
        };
      });
      check(`rtl ${kind}: main is right to left`, m.direction === 'rtl', m.direction);
      check(`rtl ${kind}: the masthead starts at the right`, m.brandRight !== null && m.brandRight < m.brandLeft, JSON.stringify(m));
      if (m.nextLeft !== null) check(`rtl ${kind}: "older" sits at the left end`, m.nextLeft < m.nextRight, JSON.stringify(m));
    }
    await context.close();
  }

  // ------------------------------------------------------------ screenshots for the README
  if (!process.env.SKIP_SCREENSHOTS) {
    mkdirSync(SHOTS, { recursive: true });
    for (const [name, rel] of [['front', 'index.html'], ['article', kinds.article]]) {
      for (const width of SHOT_SUFFIX ? [1280] : [375, 1280]) {
        for (const scheme of SHOT_SUFFIX ? ['light'] : ['light', 'dark']) {
          const context = await browser.newContext({ viewport: { width, height: width < 600 ? 1000 : 1100 }, colorScheme: scheme });
          const page = await context.newPage();
          await page.goto(pageUrl(rel), { waitUntil: 'load' });
          const file = path.join(SHOTS, `${name}-${width}-${scheme}${SHOT_SUFFIX}.png`);
          await page.screenshot({ path: file });
          check(`screenshot ${path.relative(ROOT, file)}`, statSync(file).size > 0);
          await context.close();
        }
      }
    }
  }
} finally {
  await browser.close();
}

// ---------------------------------------------------------------- Nu HTML Checker
{
  const jar = path.join(HERE, 'node_modules/vnu-jar/build/dist/vnu.jar');
  const targets = [...new Set(Object.values(kinds))].map((rel) => path.join(OUT, PREFIX, rel));
  const r = spawnSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...targets], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) {
    check('vnu ran', false, String(r.error));
  } else {
    let messages = [];
    try {
      messages = JSON.parse(r.stderr || r.stdout || '{"messages":[]}').messages;
    } catch (e) {
      check('vnu output is JSON', false, (r.stderr || '').slice(0, 500));
    }
    for (const [kind, rel] of Object.entries(kinds)) {
      const file = path.join(OUT, PREFIX, rel);
      const errors = messages.filter((m) => m.type === 'error' && m.url && fileURLToPath(m.url) === file);
      check(`vnu ${kind}: ${errors.length} errors`, errors.length === 0, errors.slice(0, 5).map((m) => `${m.lastLine}: ${m.message}`).join('; '));
    }
    const stray = messages.filter((m) => m.type !== 'info' && !(m.url && m.url.startsWith('file:')));
    if (stray.length) check('vnu', false, stray.map((m) => m.message).join('; '));
  }
}

// ---------------------------------------------------------------- Lighthouse
// A machine busy with other work (a shared CI runner compiling Rust) can cost a run several
// performance points, so each page gets up to LIGHTHOUSE_RUNS runs with the CPU slowdown
// calibrated to the host (lighthouse.mjs); each category keeps its best score.
if (!process.env.SKIP_LIGHTHOUSE) {
  const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
  for (const [name, rel] of [['front page', 'index.html'], ['article', kinds.article]]) {
    const best = await bestOf({
      url: pageUrl(rel), name, categories: CATEGORIES, runs: LIGHTHOUSE_RUNS, min: LIGHTHOUSE_MIN,
      chromePath: CHROME, chromeFlags: CHROME_ARGS,
      describe: (lhr) => `LCP ${lhr.audits['largest-contentful-paint']?.displayValue}, CLS ${lhr.audits['cumulative-layout-shift']?.numericValue}, TBT ${Math.round(lhr.audits['total-blocking-time']?.numericValue)} ms; `,
    });
    if (best.error) {
      check(`lighthouse ${name}`, false, String(best.error?.message || best.error));
      continue;
    }
    for (const id of CATEGORIES) {
      const { score, lhr } = best[id];
      check(`lighthouse ${name} ${id}: ${score}`, score >= LIGHTHOUSE_MIN, score < 100 ? failing(lhr, id).join(', ') : '');
    }
  }
}

server.close();
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

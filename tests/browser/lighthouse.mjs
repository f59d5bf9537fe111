// Lighthouse runs for check.mjs and photos.mjs: up to `runs` runs of one page, each category
// keeping its best score, stopping once every category reaches `min`.
//
// The CPU slowdown is calibrated to the host. Lighthouse's simulated throttling multiplies the
// main-thread time it observes by `cpuSlowdownMultiplier`, 4 by default, a figure meant for a
// fast desktop host. On a slower host the same 4× emulates a slower phone than Lighthouse's
// mid-tier target, so a page would score by the machine it was measured on. Lighthouse's
// throttling guide (docs/throttling.md, "Calibrating the CPU slowdown") says to lower the
// multiplier there, from the benchmarkIndex each report carries; `slowdown` follows the curve
// of the calculator that guide links (150 → 1×, 800 → 2×, 1300 → 3×, 1533 → 4×). A run uses
// the index the run before it measured (the first run Lighthouse's default) and never more
// than the default 4×, so a fast host is measured exactly as Lighthouse measures by default.
// Each run's line prints the index and the multiplier used.

const DEFAULT_SLOWDOWN = 4;

/** The CPU slowdown that makes a host of `index` emulate Lighthouse's target device. */
export function slowdown(index) {
  if (!Number.isFinite(index) || index <= 0) return DEFAULT_SLOWDOWN;
  const points = [[150, 1], [800, 2], [1300, 3], [1533, 4]];
  if (index <= points[0][0]) return 1;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1];
    const [x1, y1] = points[i];
    if (index <= x1) return Math.round((y0 + ((index - x0) / (x1 - x0)) * (y1 - y0)) * 100) / 100;
  }
  return DEFAULT_SLOWDOWN;
}

/**
 * Runs Lighthouse on `url` in fresh Chromes. `settings` are added to lighthouse:default's;
 * `describe(lhr)` gives the extra text of each run's line. Returns, per category, the best
 * score (0–100) with the lhr it came from, or `{ error }` when no run finished.
 */
export async function bestOf({ url, name, categories, runs, min, chromePath, chromeFlags, settings = {}, describe = () => '' }) {
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');
  const best = Object.fromEntries(categories.map((id) => [id, { score: -1, lhr: null }]));
  let multiplier = DEFAULT_SLOWDOWN;
  let error = null;
  for (let run = 1; run <= runs; run++) {
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
    try {
      const config = {
        extends: 'lighthouse:default',
        settings: { ...settings, onlyCategories: categories, throttling: { cpuSlowdownMultiplier: multiplier } },
      };
      const { lhr } = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error' }, config);
      const scores = categories.map((id) => {
        const score = Math.round((lhr.categories[id]?.score ?? 0) * 100);
        if (score > best[id].score) best[id] = { score, lhr };
        return `${id} ${score}`;
      });
      const index = lhr.environment?.benchmarkIndex;
      const used = lhr.configSettings?.throttling?.cpuSlowdownMultiplier;
      console.log(`     lighthouse ${name}, run ${run}: ${scores.join(', ')}; ${describe(lhr)}benchmark index ${Math.round(index)}, CPU slowdown ${used}×`);
      multiplier = slowdown(index);
      error = null;
    } catch (e) {
      error = e;
      console.log(`     lighthouse ${name}, run ${run}: ${e?.message || e}`);
    } finally {
      await chrome.kill();
    }
    if (categories.every((id) => best[id].score >= min)) break;
  }
  return categories.every((id) => best[id].score < 0) ? { error: error || new Error('no run finished') } : best;
}

/** The audits that cost category `id` points in `lhr`, with up to three of their nodes each. */
export function failing(lhr, id) {
  const cat = lhr?.categories[id];
  if (!cat) return [];
  return Object.values(lhr.audits)
    .filter((a) => a.score !== null && a.score < 1 && cat.auditRefs.some((ref) => ref.id === a.id && ref.weight > 0))
    .map((a) => {
      const nodes = (a.details?.items || []).map((i) => i.node?.selector || i.node?.snippet).filter(Boolean).slice(0, 3);
      return `${a.id}=${a.score}${nodes.length ? ` [${nodes.join(' | ')}]` : ''}`;
    });
}

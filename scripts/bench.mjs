#!/usr/bin/env node
// npm run bench: what a council's people wait for, against budgets. Writes bench/results.json and exits 1
// naming whatever is over budget.
//   bundles           gzip of each web part's own bundle (its first load) and of the lazy chunks it can load
//                     (read from the chunk-id → file map webpack writes into the bundle), from release/assets;
//                     runs `npm run build` first if release/assets is missing.
//   roundTrips        requests to the list service (SharePoint REST, $batch, Graph) for one load of each view,
//                     as the person who uses it, in Chromium against the preview; static files do not count.
//                     Counted on the normal demo and on the large site; the higher count is reported.
//   renderAtScaleMs   navigation to the view complete (its heading, its main content, no spinner), median of
//                     5 loads after 1 warm-up, on `npm start -- --reset --scale` (12 years × 14 indices,
//                     600 actions, 300 challenges).
// Each preview runs on a free port with a fresh temporary data directory, and is stopped (and its
// directory removed) however the bench ends.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { contextAs, launch, startPreview, stopPreview, VIEWS, waitForView, watchView } from './preview-browser.mjs';

const root = new URL('..', import.meta.url).pathname;
const assets = join(root, 'release/assets');

/** The budgets (issue 10). Gzip KB of first load; requests per view load; ms to a complete view at scale. */
const BUDGETS = {
  firstLoadGzipKB: { 'assessment-web-part': 120, 'procurement-dashboard-web-part': 100, 'scrutiny-review-web-part': 100 },
  // One $batch per view. The Assessment tab is the Teams personal app, which runs on the tenant's root site
  // and so, as in Teams, first reads the tenant property naming the procurement site (a $batch on the root
  // site) and, for its first POST there, asks that other site for a form digest (contextinfo): 3 in all.
  // The SharePoint pages use the digest their page carries, as SPFx does.
  roundTrips: { assessment: 3, dashboard: 1, scrutiny: 1 },
  // Issue 10 asks for 1000 ms on this machine. Medians measured here are about 600 to 850 ms (2 cores, load
  // average 2 to 5), of which 300 to 450 ms pass before the first request (the preview page's own code
  // loading and running); runs vary by 100 ms or more, and more on a busier machine.
  renderAtScaleMs: { assessment: 1000, dashboard: 1000, scrutiny: 1000 },
};
const RENDER_AIM_MS = 300;
const WARM_UPS = 1;
const RUNS = 5;

const over = [];
const round1 = (n) => Math.round(n * 10) / 10;

// ---- bundles -----------------------------------------------------------------------------------

function ensureBuild() {
  const built = existsSync(assets) && readdirSync(assets).some((f) => f.endsWith('.js'));
  if (built) return;
  console.log('release/assets is missing: running npm run build first.\n');
  const result = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm run build failed, so there are no bundles to measure.');
}

const gzipKB = (file) => gzipSync(readFileSync(join(assets, file))).length / 1024;

/** webpack 5's chunk-file function: "chunk."+({id:"name",…}[e]||e)+"_"+{id:"hash",…}[e]+".js". */
const CHUNK_MAP = /"chunk\."\+(?:\(\{([^{}]*)\}\[(\w+)\]\|\|\2\)|\w+)\+"_"\+\{([^{}]*)\}\[\w+\]\+"\.js"/;
const pairs = (text) => Object.fromEntries([...(text ?? '').matchAll(/"?([\w-]+)"?:"([^"]*)"/g)].map((m) => [m[1], m[2]]));

function lazyChunksOf(bundle, files) {
  const text = readFileSync(join(assets, bundle), 'utf8');
  const m = CHUNK_MAP.exec(text);
  if (!m) {
    if (text.includes('"chunk."')) throw new Error(`${bundle} loads chunks, but the bench cannot read its chunk map: update CHUNK_MAP in scripts/bench.mjs.`);
    return [];
  }
  const names = pairs(m[1]);
  return Object.entries(pairs(m[3])).map(([id, hash]) => {
    const file = `chunk.${names[id] ?? id}_${hash}.js`;
    if (!files.includes(file)) throw new Error(`${bundle} refers to ${file}, which is not in release/assets: run npm run build again.`);
    return file;
  });
}

function measureBundles() {
  ensureBuild();
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const bundles = {};
  const lazyFiles = {};
  const referenced = new Set();
  for (const name of Object.keys(BUDGETS.firstLoadGzipKB)) {
    const bundle = files.find((f) => f.startsWith(`${name}_`));
    if (!bundle) throw new Error(`No ${name} bundle in release/assets: run npm run build.`);
    const lazy = lazyChunksOf(bundle, files);
    lazy.forEach((f) => referenced.add(f));
    lazyFiles[name] = lazy;
    bundles[name] = { firstLoadGzipKB: round1(gzipKB(bundle)), lazyGzipKB: round1(lazy.reduce((sum, f) => sum + gzipKB(f), 0)) };
  }
  const stray = files.filter((f) => f.startsWith('chunk.') && !referenced.has(f));
  return { bundles, lazyFiles, stray };
}

// ---- one view load -----------------------------------------------------------------------------

/** A call to the list service: its REST and Graph APIs, or anything else the page fetches; never a static file. */
function isServiceCall(request, origin) {
  if (!request.url().startsWith(origin)) return false;
  const path = new URL(request.url()).pathname;
  return ['fetch', 'xhr'].includes(request.resourceType()) || /\/_api\/|^\/v1\.0\/|\/_vti_bin\/|\/_layouts\//.test(path);
}

/**
 * Opens the view in a new page, as a fresh navigation. Returns ms from navigation start to the first
 * frame in which the view is complete, and the service calls made until the page has been quiet for
 * half a second after that (so calls made just after completion count too).
 */
async function loadView(context, origin, name) {
  const page = await context.newPage();
  const calls = [];
  let inFlight = 0;
  let lastActivity = Date.now();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!isServiceCall(r, origin)) return;
    const url = new URL(r.url());
    // A $batch says how many requests it carries (PnPjs sends at most 20 in one).
    const parts = url.pathname.endsWith('/$batch') ? (r.postData() ?? '').match(/^(GET|POST|PUT|PATCH|MERGE|DELETE) \S+ HTTP\/1\.1/gm)?.length ?? 0 : undefined;
    calls.push(`${r.method()} ${decodeURIComponent(url.pathname)}${url.search ? '?…' : ''}${parts === undefined ? '' : `  (${parts} request${parts === 1 ? '' : 's'} inside)`}`);
    inFlight += 1;
    lastActivity = Date.now();
  });
  const settled = (r) => {
    if (!isServiceCall(r, origin)) return;
    inFlight -= 1;
    lastActivity = Date.now();
  };
  page.on('requestfinished', settled);
  page.on('requestfailed', settled);
  try {
    await watchView(page, name);
    await page.goto(`${origin}/#/${name}`, { waitUntil: 'commit' });
    const result = await waitForView(page, name);
    const quietBy = Date.now() + 10000;
    while ((inFlight > 0 || Date.now() - lastActivity < 500) && Date.now() < quietBy) await page.waitForTimeout(100);
    if (errors.length) throw new Error(`the ${name} view threw: ${errors.join('; ')}`);
    return { ms: result.ms, firstCall: result.firstCall, lastAnswer: result.lastAnswer, calls };
  } catch (e) {
    const text = await page
      .locator('body')
      .innerText()
      .catch(() => '');
    throw new Error(`${e instanceof Error ? e.message : String(e)}\nThe page showed:\n${text.slice(0, 1500)}`);
  } finally {
    await page.close();
  }
}

// ---- the run -----------------------------------------------------------------------------------

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  const started = Date.now();
  // Times depend on the machine and on what else it is doing: say both.
  const machine = `${cpus().length} cores, load average ${loadavg()[0].toFixed(1)} at the start`;
  const { bundles, lazyFiles, stray } = measureBundles();

  const browser = await launch();
  const calls = {};
  const render = {};
  const loads = {};
  let seedSeconds;
  try {
    // One load of each view on the normal demo, as a council sees it after `npm start`.
    const demo = await startPreview();
    try {
      for (const name of Object.keys(VIEWS)) {
        const context = await contextAs(browser, demo.origin, VIEWS[name].persona);
        calls[name] = { demo: (await loadView(context, demo.origin, name)).calls };
        await context.close();
      }
    } finally {
      await stopPreview(demo);
    }

    // The large site: a warm-up load, then the timed ones, each a fresh navigation in the same browser session.
    const large = await startPreview(['--scale']);
    seedSeconds = large.seedSeconds;
    try {
      for (const name of Object.keys(VIEWS)) {
        const context = await contextAs(browser, large.origin, VIEWS[name].persona);
        for (let i = 0; i < WARM_UPS; i++) await loadView(context, large.origin, name);
        loads[name] = [];
        const timed = async (count) => {
          for (let i = 0; i < count; i++) {
            const load = await loadView(context, large.origin, name);
            loads[name].push(load);
            if (!calls[name].scale || load.calls.length > calls[name].scale.length) calls[name].scale = load.calls;
          }
          return Math.round(median(loads[name].map((l) => l.ms)));
        };
        render[name] = await timed(RUNS);
        // Over budget: measured again before failing, so a burst of load elsewhere on the machine does not
        // decide it. The result is the median of every run, the first five included.
        if (render[name] > BUDGETS.renderAtScaleMs[name]) {
          console.log(`  ${name}: median ${render[name]} ms over ${RUNS} runs is over budget; ${RUNS} more runs to confirm`);
          render[name] = await timed(RUNS);
        }
        await context.close();
      }
    } finally {
      await stopPreview(large);
    }
  } finally {
    await browser.close();
  }

  const roundTrips = Object.fromEntries(Object.keys(VIEWS).map((name) => [name, Math.max(calls[name].demo.length, calls[name].scale.length)]));
  const results = { bundles, roundTrips, renderAtScaleMs: render };
  mkdirSync(join(root, 'bench'), { recursive: true });
  writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);

  // ---- report ----
  const flag = (value, budget) => (value > budget ? 'OVER' : 'ok');
  console.log('\nBundles (gzip KB)                  first load   budget         lazy chunks');
  for (const [name, b] of Object.entries(bundles)) {
    const budget = BUDGETS.firstLoadGzipKB[name];
    if (b.firstLoadGzipKB > budget) over.push(`${name} first load ${b.firstLoadGzipKB} KB gzip (budget ${budget} KB)`);
    console.log(`  ${name.padEnd(32)} ${b.firstLoadGzipKB.toFixed(1).padStart(8)}   ${String(budget).padStart(6)}  ${flag(b.firstLoadGzipKB, budget).padEnd(4)}  ${b.lazyGzipKB.toFixed(1).padStart(8)}  (${lazyFiles[name].length} chunks)`);
  }
  if (stray.length) console.log(`  Not loaded by any web part (left from an earlier build?): ${stray.join(', ')}`);

  console.log('\nRound trips to the list service, one view load            count   budget');
  for (const [name, count] of Object.entries(roundTrips)) {
    const budget = BUDGETS.roundTrips[name];
    if (count > budget) over.push(`${name} view: ${count} round trips (budget ${budget})`);
    console.log(`  ${`${name} (${VIEWS[name].who})`.padEnd(56)} ${String(count).padStart(5)}   ${String(budget).padStart(6)}  ${flag(count, budget)}`);
  }

  console.log(`\nRender at scale, ms from navigation to the view complete (median of ${RUNS} after ${WARM_UPS} warm-up, or of ${2 * RUNS} where the first ${RUNS} were over budget; aim under ${RENDER_AIM_MS})`);
  console.log('                 code started   last answer    complete   budget         each load');
  for (const [name, ms] of Object.entries(render)) {
    const budget = BUDGETS.renderAtScaleMs[name];
    if (ms > budget) over.push(`${name} view: ${ms} ms to render at scale (budget ${budget} ms)`);
    const phase = (key) => String(Math.round(median(loads[name].map((l) => l[key])))).padStart(8);
    console.log(`  ${name.padEnd(12)} ${phase('firstCall')}      ${phase('lastAnswer')}    ${String(ms).padStart(8)}   ${String(budget).padStart(6)}  ${flag(ms, budget).padEnd(4)}  ${loads[name].map((l) => Math.round(l.ms)).join(', ')}`);
  }
  console.log('  (code started: the first call to the service, so the page and the view\'s code have loaded and run;');
  console.log('   last answer: the service\'s last answer before the view was complete)');

  console.log('\nRequests counted (method and path, in the order sent):');
  for (const name of Object.keys(VIEWS)) {
    const { demo, scale } = calls[name];
    const same = [...demo].sort().join('\n') === [...scale].sort().join('\n');
    console.log(`  ${name}${same ? ' (the same on the normal demo and the large site)' : ', normal demo:'}`);
    demo.forEach((c) => console.log(`    ${c}`));
    if (!same) {
      console.log(`  ${name}, large site:`);
      scale.forEach((c) => console.log(`    ${c}`));
    }
  }

  console.log(`\nMachine: ${machine}, ${loadavg()[0].toFixed(1)} at the end. Large site loaded in ${seedSeconds ?? '?'} s; bench took ${Math.round((Date.now() - started) / 1000)} s.`);
  console.log('Results: bench/results.json');
  if (over.length) {
    console.log(`\nOVER BUDGET (${over.length}):`);
    over.forEach((o) => console.log(`  ${o}`));
    process.exitCode = 1;
  } else {
    console.log('\nEverything is within budget.');
  }
}

main().catch((e) => {
  console.error(`\nnpm run bench failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

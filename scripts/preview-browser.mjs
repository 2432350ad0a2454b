// The preview in Chromium, for scripts that look at it (npm run bench, npm run screenshot): start
// `npm start -- --reset` on a free port with its own temporary data, open a view as the person who uses
// it, and know when the view is complete. Previews are stopped and their data removed however the
// script ends. (The browser tests have their own TypeScript twin in tests/browser/preview.ts.)
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = new URL('..', import.meta.url).pathname;
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Key areas and enablers in the 2018 strategy: every view shows one row or section for each. */
export const INDICES = 14;

/**
 * Each view as its user opens it in the preview (preview/client/main.tsx routes #/<view>), and what
 * "complete" means: the view's own heading, its main content for all 14 indices, and no spinner left
 * (the dashboard's trends come in a lazy chunk; the scrutiny review moves on to the latest signed-off year).
 */
export const VIEWS = {
  assessment: { persona: 'aisha.khan@borsetshire.example', who: 'Aisha Khan, procurement officer', heading: 'Procurement maturity assessment', content: 'table.nps-table tbody tr' },
  dashboard: { persona: 'rachel.greenwood@borsetshire.example', who: 'Rachel Greenwood, head of procurement', heading: 'Procurement maturity dashboard', content: 'section[aria-labelledby="nps-trends"] tbody tr' },
  scrutiny: { persona: 'helen.marsh@borsetshire.example', who: 'Cllr Helen Marsh, scrutiny councillor', heading: 'Procurement maturity: scrutiny review', content: 'section.nps-review-index' },
};

const running = new Set();

/** `npm start -- --reset [--scale]` on a free port with its own temporary data directory. */
export async function startPreview(extraArgs = []) {
  const dataDir = mkdtempSync(join(tmpdir(), 'nps-bench-preview-'));
  // Its own process group, so stopping it also stops anything it started.
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--reset', ...extraArgs], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOCAL_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const preview = { child, dataDir, origin: '', seedSeconds: undefined };
  running.add(preview);
  let output = '';
  preview.origin = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => done(new Error(`the preview (${['--reset', ...extraArgs].join(' ')}) did not start in 5 minutes:\n${output}`)), 300000);
    function done(err, origin) {
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(origin);
    }
    const read = (chunk) => {
      output += chunk;
      if (/LOADING THE DEMO DATA FAILED/.test(output)) done(new Error(`the demo data did not load:\n${output}`));
      const m = /Preview: (http:\/\/[^/\s]+)\//.exec(output);
      if (m) done(undefined, m[1]);
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => done(new Error(`the preview exited (code ${code}) before it was ready:\n${output}`)));
  });
  preview.seedSeconds = Number(/demo data .*in ([\d.]+) s/.exec(output)?.[1]) || undefined;
  return preview;
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

export async function stopPreview(preview) {
  if (!running.delete(preview)) return;
  const { child } = preview;
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  rmSync(preview.dataDir, { recursive: true, force: true });
}

// Whatever happens (an error, Ctrl-C), no preview is left running and no temporary data is left behind.
process.on('exit', () => {
  for (const p of running) {
    killGroup(p.child, 'SIGKILL');
    rmSync(p.dataDir, { recursive: true, force: true });
  }
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

/**
 * Chromium's own work left out, so that what is measured is the page: besides background networking,
 * updates and sync, the omnibox's WebUI suggestion popup, which headless Chromium (156) builds in a
 * renderer of its own for every new window and which took most of a core for the first seconds of each
 * page here (some 0.8 to 1.4 s of CPU per page opened, on a 2-core machine).
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup',
];

export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (.ci/run does this).`);
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/** A browser session signed in as the person (the preview's localUser cookie). */
export async function contextAs(browser, origin, email, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
  await context.addCookies([{ name: 'localUser', value: encodeURIComponent(email), url: origin }]);
  return context;
}

/**
 * What "complete" means, checked in the page once a frame: the view's region with its heading, at least
 * `min` rows or sections of content, no spinner; or its own error notice. Returns undefined until then.
 */
function viewState({ heading, content, min }) {
  const section = [...document.querySelectorAll('section.nps-app')].find((s) => s.querySelector('h2')?.textContent?.trim() === heading);
  if (!section) return undefined;
  // The view's own error notice, or Fluent's (older builds); a warning (a draft year, an item to fix) is content.
  const problem = section.querySelector('.nps-notice--error, .nps-notice--severe, .ms-MessageBar--error');
  if (problem) return { problem: problem.textContent };
  if (section.querySelector('.nps-loading, .ms-Spinner') || section.querySelectorAll(content).length < min) return undefined;
  const fetches = performance.getEntriesByType('resource').filter((e) => e.initiatorType === 'fetch' || e.initiatorType === 'xmlhttprequest');
  const ms = performance.now();
  return { ms, firstCall: Math.min(ms, ...fetches.map((e) => e.startTime)), lastAnswer: Math.max(0, ...fetches.map((e) => e.responseEnd)) };
}

/**
 * Before navigating: a small script in the page that checks, once a frame, whether the view is complete
 * and keeps the first frame it is (window.__npsView). The page's own timeline is then measured without
 * the test driver's much larger script being compiled and run in the middle of the page's loading.
 */
const watched = new WeakSet();

export async function watchView(page, name) {
  const view = VIEWS[name];
  watched.add(page);
  await page.addInitScript(
    ({ check, args }) => {
      const state = new Function(`return (${check})`)();
      const frame = () => {
        const found = state(args);
        if (found) window.__npsView = found;
        else requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
    },
    { check: viewState.toString(), args: { heading: view.heading, content: view.content, min: INDICES } }
  );
}

/**
 * Waits for the first frame in which the view is complete. Returns ms from navigation start, the start
 * of the page's first fetch (its code has loaded and run) and the end of the last answer before then.
 * A view that shows an error instead is an error here. With watchView set up before navigating, it reads
 * what the page recorded; otherwise it checks from outside.
 */
export async function waitForView(page, name, timeout = 60000) {
  const view = VIEWS[name];
  const args = { heading: view.heading, content: view.content, min: INDICES };
  let result;
  if (watched.has(page)) {
    const until = Date.now() + timeout;
    for (;;) {
      result = await page.evaluate(() => window.__npsView ?? null);
      if (result) break;
      if (Date.now() > until) throw new Error(`the ${name} view was not complete in ${timeout / 1000} s`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } else {
    const handle = await page.waitForFunction(viewState, args, { polling: 'raf', timeout });
    result = await handle.jsonValue();
  }
  if (result.problem) throw new Error(`the ${name} view showed a problem instead of its content: ${result.problem}`);
  return result;
}

import { spawn, ChildProcess } from 'child_process';
import { mkdtempSync, existsSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { chromium, Browser, BrowserContext, Page } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

const root = join(__dirname, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface RunningPreview {
  origin: string;
  stop: () => Promise<void>;
}

/** Starts `npm start` exactly as a newcomer would, on a free port with fresh demo data. */
export async function startPreview(): Promise<RunningPreview> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nps-preview-'));
  const child: ChildProcess = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--reset'], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOCAL_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const origin = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start in 90 s:\n${output}`)), 90000);
    child.stdout!.on('data', (d) => {
      output += d;
      const m = /Preview: (http:\/\/[^/\s]+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (d) => (output += d));
    child.on('exit', (code) => reject(new Error(`preview exited with ${code}:\n${output}`)));
  });
  return {
    origin,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/**
 * One preview (fresh demo data) and one Chromium for a test file: started before its first test and
 * stopped after its last. Read `running.preview` and `running.browser` inside tests.
 */
export function previewForThisFile(): { preview: RunningPreview; browser: Browser } {
  const running = {} as { preview: RunningPreview; browser: Browser };
  beforeAll(async () => {
    [running.preview, running.browser] = await Promise.all([startPreview(), launch()]);
  });
  afterAll(async () => {
    await running.browser?.close();
    await running.preview?.stop();
  });
  return running;
}

export async function launch(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install chromium (.ci/run does this)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // As scripts/preview-browser.mjs: without the omnibox's WebUI popup, which headless Chromium builds for every window.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup'],
  });
}

export async function pageAs(browser: Browser, origin: string, email: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'Europe/London' });
  await context.addCookies([{ name: 'localUser', value: encodeURIComponent(email), url: origin }]);
  const page = await context.newPage();
  page.on('pageerror', (e) => {
    throw e;
  });
  return { context, page };
}

/** WCAG 2.2 AA rules axe can check; returns violations in a readable form. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

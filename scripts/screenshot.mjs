#!/usr/bin/env node
// npm run screenshot: the README's picture of the Procurement dashboard (docs/dashboard.png). Starts the
// preview with fresh demo data, opens the dashboard as the head of procurement (an approver) in Chromium
// at 1280 px and saves the page once the dashboard is complete. The demo's dates follow today's.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { contextAs, launch, startPreview, stopPreview, VIEWS, waitForView } from './preview-browser.mjs';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'docs/dashboard.png');

async function main() {
  const preview = await startPreview();
  const browser = await launch();
  try {
    const context = await contextAs(browser, preview.origin, VIEWS.dashboard.persona, { width: 1280, height: 900 });
    const page = await context.newPage();
    await page.goto(`${preview.origin}/#/dashboard`);
    await waitForView(page, 'dashboard');
    // Icons are a web font: wait until it has loaded, so none shows as an empty box.
    await page.evaluate(() => document.fonts.ready);
    mkdirSync(join(root, 'docs'), { recursive: true });
    await page.screenshot({ path: out, fullPage: true, animations: 'disabled', caret: 'hide' });
    console.log(`Saved ${out} (the Procurement dashboard as ${VIEWS.dashboard.who}).`);
  } finally {
    await browser.close();
    await stopPreview(preview);
  }
}

main().catch((e) => {
  console.error(`npm run screenshot failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

#!/usr/bin/env node
// First-load JavaScript of each web part after `npm run build`, gzipped, against a budget.
// Lazy chunks (the assessment editor, the action form) load only when opened and are listed apart.
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const assets = join(new URL('..', import.meta.url).pathname, 'release/assets');
// Budgets in KB (gzip). Fluent UI v8 is bundled into each web part; React comes from the page.
const BUDGET = { 'assessment-web-part': 140, 'procurement-dashboard-web-part': 125, 'scrutiny-review-web-part': 125 };
const kb = (file) => gzipSync(readFileSync(join(assets, file))).length / 1024;
const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
let over = 0;
for (const [name, budget] of Object.entries(BUDGET)) {
  const file = files.find((f) => f.startsWith(`${name}_`));
  if (!file) throw new Error(`no bundle for ${name} in release/assets: run npm run build first`);
  const size = kb(file);
  if (size > budget) over += 1;
  console.log(`${name.padEnd(32)} ${size.toFixed(1).padStart(6)} KB gzip first load (budget ${budget} KB)${size > budget ? '  OVER BUDGET' : ''}`);
}
for (const file of files.filter((f) => f.startsWith('chunk.'))) console.log(`  lazy ${file.replace(/_[0-9a-f]+\.js$/, '').padEnd(27)} ${kb(file).toFixed(1).padStart(6)} KB gzip`);
process.exit(over ? 1 : 0);

#!/usr/bin/env node
// npm start: builds the preview, starts the local SharePoint-compatible list service with the preview
// page on http://localhost:4321 (PORT overrides), and loads the demo data on first run.
//   npm start -- --reset   wipes the local data and loads the demo data again.
import { join } from 'node:path';
import { buildPreview } from './build-preview.mjs';

const root = new URL('..', import.meta.url).pathname;
const reset = process.argv.includes('--reset');
const port = Number(process.env.PORT ?? 4321);
const dataDir = process.env.LOCAL_DATA_DIR ?? join(root, '.local-data');

await buildPreview({ quiet: true });
const { startListService } = await import(join(root, 'preview-dist/server.mjs'));
const service = await startListService({
  port,
  dataDir,
  reset,
  assetsDir: join(root, 'sharepoint/assets'),
  staticDir: join(root, 'preview-dist/public'),
  quiet: true,
});

const { seedDemo } = await import(join(root, 'preview-dist/seed.mjs'));
const seeded = await seedDemo(service.siteUrl, (line) => console.log(line));
const origin = new URL(service.siteUrl).origin;
console.log(`${seeded ? 'Loaded the demo data (illustrative, fictional council).' : `Using the data already in ${dataDir} (npm start -- --reset to start again).`}`);
console.log(`Local SharePoint list service: ${service.siteUrl}`);
console.log(`Preview: ${origin}/`);

const stop = async () => {
  await service.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

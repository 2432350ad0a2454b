#!/usr/bin/env node
// npm start: builds the preview, starts the local SharePoint-compatible list service with the preview
// page on http://localhost:4321 (PORT overrides), and loads the demo data on first run.
//   npm start -- --reset   wipes the local data and loads the demo data again.
//   npm start -- --reset --scale   loads a large site instead (12 years, 600 actions, 300 challenges; the benchmark's).
//
// The service starts behind its readiness gate: until the demo data is loaded every other request gets
// 503 + Retry-After (PnPjs waits and retries; the page reloads itself), so nothing can see or change a
// half-loaded site, and the loader's own requests carry X-Local-Seed: 1 to get through. If loading fails
// the error is printed and the service stays up (ready, with whatever was loaded) so the site can still
// be used and looked at; nothing here ends the process except Ctrl-C / SIGTERM.
import { join } from 'node:path';
import { buildPreview } from './build-preview.mjs';

const root = new URL('..', import.meta.url).pathname;
const reset = process.argv.includes('--reset');
const scale = process.argv.includes('--scale');
const port = Number(process.env.PORT ?? 4321);
const dataDir = process.env.LOCAL_DATA_DIR ?? join(root, '.local-data');

function fail(what, err) {
  console.error(`npm start: ${what}: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}

/** Runs fn with every fetch to the service's origin marked as the demo loader's (X-Local-Seed: 1). */
async function asSeed(origin, fn) {
  const original = globalThis.fetch;
  globalThis.fetch = (input, init = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url, origin).origin !== origin) return original(input, init);
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('X-Local-Seed', '1');
    return original(input, { ...init, headers });
  };
  try {
    return await fn();
  } finally {
    globalThis.fetch = original;
  }
}

try {
  await buildPreview({ quiet: true });
} catch (err) {
  fail('the preview could not be built', err);
}

let service;
try {
  const { startListService } = await import(join(root, 'preview-dist/server.mjs'));
  service = await startListService({
    port,
    dataDir,
    reset,
    assetsDir: join(root, 'sharepoint/assets'),
    staticDir: join(root, 'preview-dist/public'),
    quiet: true,
    ready: false,
  });
} catch (err) {
  fail('the local list service could not start', err);
}

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await service.close().catch(() => undefined);
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

const origin = new URL(service.siteUrl).origin;
console.log(`Local SharePoint list service: ${service.siteUrl} (loading; other requests get 503 until it is ready)`);
try {
  const { seedDemo } = await import(join(root, 'preview-dist/seed.mjs'));
  const started = Date.now();
  const seeded = await asSeed(origin, () => seedDemo(service.siteUrl, (line) => console.log(line), { scale }));
  if (seeded) console.log(`Loaded the ${scale ? 'large (--scale) ' : ''}demo data (illustrative, fictional council) in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  else console.log(`Using the data already in ${dataDir} (npm start -- --reset${scale ? ' --scale' : ''} to start again${scale ? ' with the large site' : ''}).`);
} catch (err) {
  console.error('');
  console.error('npm start: LOADING THE DEMO DATA FAILED. The service keeps running with what was loaded so far.');
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  console.error(`Fix the cause and run "npm start -- --reset" to load it again (this wipes ${dataDir}).`);
  console.error('');
} finally {
  service.markReady();
}
console.log(`Local SharePoint list service: ${service.siteUrl}`);
console.log(`Preview: ${origin}/`);

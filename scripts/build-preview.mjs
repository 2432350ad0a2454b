#!/usr/bin/env node
// Builds the local preview into preview-dist/: the SharePoint-compatible list service and the demo
// seed (Node), and the preview page (a browser bundle of the product's real React views and data code).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'preview-dist');

// PnPjs's subpath imports ('@pnp/sp/webs') only resolve through a bundler, so the seed bundles them.
const nodeBundle = (entry, outfile) =>
  build({
    entryPoints: [join(root, entry)],
    outfile: join(out, outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    logLevel: 'warning',
  });

export async function buildPreview({ quiet = false } = {}) {
  const started = Date.now();
  // Chunks are named by their content: clear the last build's, so only this build's are served.
  rmSync(join(out, 'public'), { recursive: true, force: true });
  mkdirSync(join(out, 'public'), { recursive: true });
  const builds = [nodeBundle('preview/server/main.ts', 'server.mjs'), nodeBundle('preview/seed/demoSeed.ts', 'seed.mjs')];
  builds.push(
    build({
      entryPoints: [join(root, 'preview/client/main.tsx')],
      outdir: join(out, 'public'),
      entryNames: 'preview',
      bundle: true,
      platform: 'browser',
      format: 'esm',
      splitting: true,
      target: 'es2020',
      minify: true,
      sourcemap: true,
      loader: { '.woff': 'file', '.png': 'file', '.svg': 'file' },
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'warning',
    })
  );
  await Promise.all(builds);
  cpSync(join(root, 'preview/client/public'), join(out, 'public'), { recursive: true });
  const fonts = join(root, 'node_modules/@fluentui/font-icons-mdl2/fonts');
  if (existsSync(fonts)) cpSync(fonts, join(out, 'public/fonts'), { recursive: true });
  if (!quiet) console.log(`Preview built in ${Date.now() - started} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildPreview();

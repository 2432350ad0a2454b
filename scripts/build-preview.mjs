#!/usr/bin/env node
// Builds the local preview: the SharePoint-compatible list service (Node) and the preview page
// (browser bundle of the product's real React views and data code). Output in preview-dist/.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const out = join(root, 'preview-dist');
mkdirSync(join(out, 'public'), { recursive: true });

export async function buildPreview({ quiet = false } = {}) {
  const started = Date.now();
  await build({
    entryPoints: [join(root, 'preview/server/main.ts')],
    outfile: join(out, 'server.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: true,
    packages: 'external',
    logLevel: 'warning',
  });
  const client = join(root, 'preview/client/main.tsx');
  if (existsSync(client)) {
    await build({
      entryPoints: [client],
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
    });
    cpSync(join(root, 'preview/client/public'), join(out, 'public'), { recursive: true });
    const fonts = join(root, 'node_modules/@fluentui/font-icons-mdl2/fonts');
    if (existsSync(fonts)) cpSync(fonts, join(out, 'public/fonts'), { recursive: true });
  }
  if (!quiet) console.log(`Preview built in ${Date.now() - started} ms`);
}

if (import.meta.url === `file://${process.argv[1]}`) await buildPreview();

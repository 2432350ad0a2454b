#!/usr/bin/env node
// Builds the local preview into preview-dist/: the SharePoint-compatible list service and the demo
// seed (Node), and the preview page (a browser bundle of the product's real React views and data code).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

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
  const page = build({
    entryPoints: [join(root, 'preview/client/main.tsx')],
    outdir: join(out, 'public'),
    entryNames: 'preview',
    bundle: true,
    platform: 'browser',
    format: 'esm',
    splitting: true,
    target: 'es2020',
    // Minified, as a web part's bundle is; PREVIEW_MINIFY=0 leaves it readable, for profiling.
    minify: process.env.PREVIEW_MINIFY !== '0',
    sourcemap: true,
    loader: { '.woff': 'file', '.png': 'file', '.svg': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    metafile: true,
    absWorkingDir: root,
    logLevel: 'warning',
  });
  const [{ metafile }] = await Promise.all([page, ...builds]);
  cpSync(join(root, 'preview/client/public'), join(out, 'public'), { recursive: true });
  preloadModules(metafile);
  const fonts = join(root, 'node_modules/@fluentui/font-icons-mdl2/fonts');
  if (existsSync(fonts)) cpSync(fonts, join(out, 'public/fonts'), { recursive: true });
  if (!quiet) console.log(`Preview built in ${Date.now() - started} ms`);
}

/**
 * The page names every chunk preview.js imports, so the browser fetches them all at once while it is
 * still reading preview.js, instead of finding them only once preview.js has arrived and been parsed
 * (modulepreload also compiles them off the main thread as they come).
 */
function preloadModules(metafile) {
  const entry = relative(root, join(out, 'public/preview.js'));
  const needed = new Set();
  const visit = (file) => {
    for (const i of metafile.outputs[file].imports) {
      if (i.kind !== 'import-statement' || needed.has(i.path)) continue;
      needed.add(i.path);
      visit(i.path);
    }
  };
  visit(entry);
  const links = [...needed].sort().map((file) => `<link rel="modulepreload" href="/${relative(join(out, 'public'), join(root, file))}" />`);
  const html = join(out, 'public/index.html');
  const text = readFileSync(html, 'utf8');
  const script = '<script type="module" src="/preview.js"></script>';
  if (!text.includes(script)) throw new Error(`preview/client/public/index.html no longer loads ${script}: update build-preview.mjs.`);
  writeFileSync(html, text.replace(script, [...links, script].join('\n    ')));
}

if (import.meta.url === `file://${process.argv[1]}`) await buildPreview();

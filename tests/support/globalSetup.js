/**
 * Bundles the local list service once, in plain Node, before any test file runs: esbuild cannot run
 * inside jsdom, and one build is quicker than one per test file. Test files find it through
 * LIST_SERVICE_BUNDLE (see tests/support/listService.ts).
 */
const { buildSync } = require('esbuild');
const { mkdirSync } = require('fs');
const { join } = require('path');

module.exports = async function globalSetup() {
  const root = join(__dirname, '..', '..');
  const outfile = join(root, 'preview-dist', 'server.test.mjs');
  mkdirSync(join(root, 'preview-dist'), { recursive: true });
  buildSync({
    entryPoints: [join(root, 'preview', 'server', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: 'inline',
    logLevel: 'silent',
    outfile,
  });
  process.env.LIST_SERVICE_BUNDLE = outfile;
};

#!/usr/bin/env node
// Regenerates sharepoint/assets/*.xml from the list model in src/data/schema.ts.
// Run after changing a list or column; the provisioning test fails until you do.
import { build } from 'esbuild';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const result = await build({
  entryPoints: [join(root, 'src/data/provisioningXml.ts')],
  bundle: true, write: false, platform: 'node', format: 'esm',
});
const moduleUrl = `data:text/javascript;base64,${Buffer.from(result.outputFiles[0].text).toString('base64')}`;
const { provisioningFiles } = await import(moduleUrl);
const assets = join(root, 'sharepoint', 'assets');
mkdirSync(assets, { recursive: true });
for (const [name, xml] of Object.entries(provisioningFiles())) {
  writeFileSync(join(assets, name), xml);
  console.log(`wrote sharepoint/assets/${name}`);
}

#!/usr/bin/env node
// Opens the built .sppkg (a zip) and checks it holds what a council's app catalog needs:
// the three web parts, the feature that provisions the lists, and the Teams app package.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';

const root = new URL('..', import.meta.url).pathname;
const solutionDir = join(root, 'sharepoint', 'solution');
const packages = readdirSync(solutionDir).filter((f) => f.endsWith('.sppkg'));
if (packages.length !== 1) throw new Error(`expected one .sppkg in ${solutionDir}, found ${packages.length}`);

const zip = await JSZip.loadAsync(readFileSync(join(solutionDir, packages[0])));
const names = Object.keys(zip.files);
const problems = [];

const expectedWebParts = ['assessment', 'procurementDashboard', 'scrutinyReview'].map((dir) => {
  const manifestPath = readdirSync(join(root, 'src', 'webparts', dir)).find((f) => f.endsWith('.manifest.json'));
  const manifest = JSON.parse(readFileSync(join(root, 'src', 'webparts', dir, manifestPath), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
  return { alias: manifest.alias, id: manifest.id };
});

for (const { alias, id } of expectedWebParts) {
  const entry = names.find((n) => n.endsWith(`WebPart_${id}.xml`));
  if (!entry) {
    problems.push(`web part ${alias} (${id}) is not in the package`);
    continue;
  }
  const xml = await zip.file(entry).async('string');
  if (!xml.includes(alias)) problems.push(`${entry} does not describe ${alias}`);
}
for (const file of ['elements.xml', 'schema-indices.xml', 'schema-periods.xml', 'schema-submissions.xml', 'schema-signoffs.xml', 'schema-assessments.xml', 'schema-actions.xml', 'schema-challenges.xml', 'schema-responses.xml', 'upgrade-actions.xml']) {
  if (!names.some((n) => n.endsWith(file))) problems.push(`the lists feature file ${file} is not in the package`);
}
if (!names.some((n) => n.endsWith('TeamsSPFxApp.zip'))) problems.push('the Teams app package TeamsSPFxApp.zip is not in the package');
const bundles = names.filter((n) => /^ClientSideAssets\/.*-web-part_[0-9a-f]+\.js$/.test(n));
if (bundles.length < 3) problems.push(`expected three web part bundles in ClientSideAssets, found ${bundles.length}`);

if (problems.length) {
  console.error(`Package check failed for ${packages[0]}:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
console.log(`Package check passed: ${packages[0]} holds ${expectedWebParts.map((w) => w.alias).join(', ')} (${names.length} files).`);

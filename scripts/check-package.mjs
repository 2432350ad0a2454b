#!/usr/bin/env node
// Opens the two built .sppkg files (zips) and checks each holds what it must and nothing it must not:
// - the app package (config/package-solution.json): the three web parts, their client-side assets, the Teams
//   app package, the Microsoft Graph Mail.Send request, tenant-wide deployable, and no feature framework
//   elements (SharePoint would ignore them in a tenant-wide deployment);
// - the lists package (config/package-solution-lists.json): the lists feature with elements.xml, every list
//   schema and the upgrade actions, site-scoped, and no web parts, code or Teams package.
// Usage: node scripts/check-package.mjs [--app <file.sppkg>] [--lists <file.sppkg>]
//   With no option it checks both packages in sharepoint/solution; with options, only the ones named.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import JSZip from 'jszip';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

const root = new URL('..', import.meta.url).pathname;
const readJson = (file) => JSON.parse(readFileSync(join(root, file), 'utf8').replace(/^\s*\/\/.*$/gm, ''));
const appConfig = readJson('config/package-solution.json');
const listsConfig = readJson('config/package-solution-lists.json');
const PUBLISHER = 'Procurement maturity toolkit';
const REL = 'http://schemas.microsoft.com/sharepoint/2012/app/relationships/';
const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false,
  isArray: (name) => ['Relationship', 'Default', 'WebApiPermissionRequest', 'ListInstance', 'Field', 'ContentType', 'ClientSideComponent', 'CustomAction'].includes(name),
});

function argument(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}
const solutionDir = join(root, 'sharepoint');
const defaultPath = (config) => join(solutionDir, config.paths.zippedPackage);
const wanted = argument('--app') || argument('--lists')
  ? { app: argument('--app'), lists: argument('--lists') }
  : { app: defaultPath(appConfig), lists: defaultPath(listsConfig) };

/** What both kinds of package share: a valid OPC layout as SPFx writes it, and the project as publisher. */
async function openPackage(file, config, problems) {
  const zip = await JSZip.loadAsync(readFileSync(file));
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const text = (name) => zip.file(name).async('string');
  const xml = async (name) => parser.parse(await text(name));

  for (const name of names.filter((n) => /\.(xml|rels)$/.test(n))) {
    const valid = XMLValidator.validate(await text(name));
    if (valid !== true) problems.push(`${name} is not well-formed XML: ${valid.err?.msg}`);
  }
  for (const required of ['AppManifest.xml', '_rels/.rels', '_rels/AppManifest.xml.rels', '[Content_Types].xml']) {
    if (!names.includes(required)) problems.push(`${required} is missing`);
  }
  if (problems.length) return undefined;

  // Every relationship points at a file in the package; every file extension has a content type.
  const relationships = new Map();
  for (const relsName of names.filter((n) => n.startsWith('_rels/') && n.endsWith('.rels'))) {
    const rels = (await xml(relsName)).Relationships?.Relationship ?? [];
    relationships.set(relsName, rels);
    for (const r of rels) if (!names.includes(r.Target.replace(/^\//, ''))) problems.push(`${relsName} points at ${r.Target}, which is not in the package`);
  }
  const types = new Set(((await xml('[Content_Types].xml')).Types?.Default ?? []).map((d) => d.Extension));
  for (const ext of new Set(names.map((n) => extname(n).slice(1)))) if (ext && !types.has(ext)) problems.push(`[Content_Types].xml has no content type for .${ext}`);

  const manifestText = await text('AppManifest.xml');
  const app = parser.parse(manifestText).App;
  if (app.ProductID !== config.solution.id) problems.push(`AppManifest.xml ProductID is ${app.ProductID}, expected the solution id ${config.solution.id}`);
  if (app.Version !== config.solution.version) problems.push(`AppManifest.xml Version is ${app.Version}, expected ${config.solution.version}`);
  if (app.Properties?.Title !== config.solution.title) problems.push(`AppManifest.xml title is "${app.Properties?.Title}", expected "${config.solution.title}"`);
  let developer = {};
  try { developer = JSON.parse(app.Properties?.DeveloperProperties ?? '{}'); } catch { problems.push('AppManifest.xml DeveloperProperties is not JSON'); }
  if (developer.name !== PUBLISHER) problems.push(`the publisher (developer name) is "${developer.name}", expected "${PUBLISHER}"`);
  for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) {
    if (developer[key] && !/^https:\/\/[^/]*\.example(\/|$)/.test(developer[key])) problems.push(`developer ${key} ${developer[key]} is neither empty nor the project's placeholder`);
  }

  // The features the AppManifest activates, with the element manifests each provisions.
  const featureFiles = (relationships.get('_rels/AppManifest.xml.rels') ?? []).filter((r) => r.Type === `${REL}manifest-feature`).map((r) => r.Target.replace(/^\//, ''));
  const features = [];
  for (const featureFile of featureFiles) {
    const feature = (await xml(featureFile)).Feature;
    const rels = relationships.get(`_rels/${featureFile}.rels`) ?? [];
    const targets = (type) => rels.filter((r) => r.Type === `${REL}${type}`).map((r) => r.Target.replace(/^\//, ''));
    const elementManifests = [];
    for (const name of targets('feature-elementmanifest')) {
      const elements = (await xml(name)).Elements ?? {};
      elementManifests.push({ name, kinds: Object.keys(elements).filter((k) => !k.startsWith('xmlns') && k !== '#text') });
    }
    features.push({ file: featureFile, id: feature?.Id, scope: feature?.Scope, elementManifests, elementFiles: targets('feature-elementfile'), upgradeActions: targets('feature-upgradeactions') });
  }
  return { zip, names, text, xml, app, manifestText, relationships, features };
}

async function checkAppPackage(file, problems) {
  const pkg = await openPackage(file, appConfig, problems);
  if (!pkg) return '';
  const { zip, names, text, app, features } = pkg;

  if (String(app.SkipFeatureDeployment) !== 'true') problems.push('AppManifest.xml does not have SkipFeatureDeployment="true": the package could not be deployed to all sites, and Sync to Teams needs that');
  const permissions = app.WebApiPermissionRequests?.WebApiPermissionRequest ?? [];
  if (!permissions.some((p) => p.ResourceId === 'Microsoft Graph' && p.Scope === 'Mail.Send')) problems.push('the Microsoft Graph Mail.Send permission request is not in AppManifest.xml');

  const expectedWebParts = ['assessment', 'procurementDashboard', 'scrutinyReview'].map((dir) => {
    const manifestPath = readdirSync(join(root, 'src', 'webparts', dir)).find((f) => f.endsWith('.manifest.json'));
    const manifest = readJson(join('src', 'webparts', dir, manifestPath));
    return { alias: manifest.alias, id: manifest.id };
  });
  for (const { alias, id } of expectedWebParts) {
    const entry = names.find((n) => n.endsWith(`WebPart_${id}.xml`));
    if (!entry) { problems.push(`web part ${alias} (${id}) is not in the package`); continue; }
    if (!(await text(entry)).includes(alias)) problems.push(`${entry} does not describe ${alias}`);
  }

  // Feature framework: only what SPFx writes for each web part (its ClientSideComponent and the empty web part
  // gallery Module beside it), nothing a tenant-wide deployment would ignore.
  for (const feature of features) {
    for (const { name, kinds } of feature.elementManifests) {
      const allowed = kinds.includes('ClientSideComponent') ? ['ClientSideComponent', 'Module'] : [];
      const other = kinds.filter((k) => !allowed.includes(k));
      if (other.length) problems.push(`${name} provisions ${other.join(', ')}: feature framework elements belong in the lists package (a tenant-wide deployment ignores them)`);
    }
    if (feature.elementFiles.length) problems.push(`feature ${feature.id} carries element files (${feature.elementFiles.join(', ')}), which belong in the lists package`);
    if (feature.upgradeActions.length) problems.push(`feature ${feature.id} carries upgrade actions, which belong in the lists package`);
  }
  for (const listsFeature of listsConfig.solution.features) {
    if (features.some((f) => f.id === listsFeature.id)) problems.push(`the lists feature ${listsFeature.id} is in the app package`);
  }

  if (!names.includes('ClientSideAssets.xml')) problems.push('ClientSideAssets.xml is missing: the web parts\' code would not be deployed with the package');
  const bundles = names.filter((n) => /^ClientSideAssets\/.*-web-part_[0-9a-f]+\.js$/.test(n));
  if (bundles.length < 3) problems.push(`expected three web part bundles in ClientSideAssets, found ${bundles.length}`);

  // The Teams app package that Sync to Teams deploys: the manifest in teams/ (not a stale zip) and its icons.
  const teamsZipName = names.find((n) => n.endsWith('/TeamsSPFxApp.zip'));
  if (!teamsZipName) {
    problems.push('the Teams app package TeamsSPFxApp.zip is not in the package');
  } else {
    const teamsZip = await JSZip.loadAsync(await zip.file(teamsZipName).async('nodebuffer'));
    const teamsManifest = JSON.parse(readFileSync(join(root, 'teams', 'manifest.json'), 'utf8'));
    const inZip = Object.keys(teamsZip.files).filter((n) => !teamsZip.files[n].dir).sort();
    const expected = ['manifest.json', teamsManifest.icons.color, teamsManifest.icons.outline].sort();
    if (!isDeepStrictEqual(inZip, expected)) problems.push(`${teamsZipName} holds ${inZip.join(', ')}; expected ${expected.join(', ')} at its root`);
    else if (!isDeepStrictEqual(JSON.parse(await teamsZip.file('manifest.json').async('string')), teamsManifest)) problems.push(`${teamsZipName} has a different manifest.json from teams/manifest.json (run node scripts/package-teams.mjs before gulp package-solution)`);
  }
  return `${relative(root, file)}: tenant-wide deployable, ${expectedWebParts.map((w) => w.alias).join(', ')}, ${bundles.length} web part bundles, TeamsSPFxApp.zip, Microsoft Graph Mail.Send, no lists (${names.length} files)`;
}

async function checkListsPackage(file, problems) {
  const pkg = await openPackage(file, listsConfig, problems);
  if (!pkg) return '';
  const { zip, names, app, features, xml } = pkg;

  if (String(app.SkipFeatureDeployment) === 'true') problems.push('AppManifest.xml has SkipFeatureDeployment="true": deployed tenant-wide, SharePoint would skip the feature and create no lists');
  if (app.WebApiPermissionRequests) problems.push('the lists package requests web API permissions; those belong to the app package');

  const assets = join(root, 'sharepoint', 'assets');
  const sameAsAsset = async (entry, asset) => Buffer.compare(await zip.file(entry).async('nodebuffer'), readFileSync(join(assets, asset))) === 0;
  for (const expected of listsConfig.solution.features) {
    const feature = features.find((f) => f.id === expected.id);
    if (!feature) { problems.push(`the lists feature ${expected.id} (${expected.title}) is not activated by the package`); continue; }
    if (feature.scope !== 'Web') problems.push(`feature ${expected.id} has scope ${feature.scope}, expected Web`);
    const byBase = (list) => new Map(list.map((n) => [n.split('/').pop(), n]));
    const checks = [
      ['element manifest', expected.assets.elementManifests ?? [], byBase(feature.elementManifests.map((m) => m.name))],
      ['list schema (element file)', expected.assets.elementFiles ?? [], byBase(feature.elementFiles)],
      ['upgrade actions file', expected.assets.upgradeActions ?? [], byBase(feature.upgradeActions)],
    ];
    for (const [what, files, inPackage] of checks) {
      for (const asset of files) {
        const entry = inPackage.get(asset);
        if (!entry) problems.push(`the ${what} ${asset} is not in the lists feature`);
        else if (!(await sameAsAsset(entry, asset))) problems.push(`${entry} differs from sharepoint/assets/${asset} (rebuild the package)`);
      }
    }
    for (const { name, kinds } of feature.elementManifests) {
      if (kinds.includes('ClientSideComponent')) problems.push(`${name} holds a ClientSideComponent: the lists package has no web parts`);
      if (name.endsWith('elements.xml')) {
        for (const list of (await xml(name)).Elements?.ListInstance ?? []) {
          if (list.CustomSchema && !feature.elementFiles.some((f) => f.split('/').pop() === list.CustomSchema)) problems.push(`list ${list.Title} uses ${list.CustomSchema}, which is not in the package`);
        }
      }
    }
  }

  const code = names.filter((n) => n.startsWith('ClientSideAssets') || /WebPart_|\.js$|TeamsSPFxApp\.zip$|manifest\.json$/.test(n));
  if (code.length) problems.push(`the lists package carries client-side files: ${code.slice(0, 5).join(', ')}${code.length > 5 ? ` and ${code.length - 5} more` : ''}`);
  return `${relative(root, file)}: site-scoped, feature ${listsConfig.solution.features.map((f) => f.id).join(', ')} with ${features.flatMap((f) => f.elementFiles).length} list schemas, elements.xml and upgrade actions, no web parts (${names.length} files)`;
}

let failed = false;
for (const [kind, file, check] of [['app', wanted.app, checkAppPackage], ['lists', wanted.lists, checkListsPackage]]) {
  if (!file) continue;
  const problems = [];
  let summary = '';
  if (!existsSync(file)) problems.push(`${file} does not exist (npm run build writes it)`);
  else {
    try { summary = await check(file, problems); } catch (error) { problems.push(`could not read it: ${error.message}`); }
  }
  if (problems.length) {
    failed = true;
    console.error(`Package check FAILED for the ${kind} package ${relative(root, file) || file}:\n- ${problems.join('\n- ')}`);
  } else {
    console.log(`Package check passed: ${summary}`);
  }
}
process.exit(failed ? 1 : 0);

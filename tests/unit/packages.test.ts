/**
 * The two SharePoint packages: the app package (web parts and Teams app, deployable to all sites) and the
 * site-scoped lists package (the feature that provisions the lists). These tests need no `npm run build`:
 * they check the two package-solution configs, the build wiring and the upgrade actions, and they build the
 * lists package themselves (about a second, no bundling) and open it. The app package needs the full ship
 * bundle (a minute or more), so its built bytes are checked by `node scripts/check-package.mjs`, which
 * `.ci/run` runs after `npm run build`; here that script is run against the lists package it builds and
 * against broken copies, so a check that no longer catches anything fails here.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import JSZip from 'jszip';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { LIST_KEYS, LISTS } from '../../src/data/schema';
import { schemaFileName } from '../../src/data/provisioningXml';

const root = join(__dirname, '../..');
const readJson = (file: string): any => JSON.parse(readFileSync(join(root, file), 'utf8'));
const app = readJson('config/package-solution.json');
const lists = readJson('config/package-solution-lists.json');
const teamsManifest = readJson('teams/manifest.json');
const listsFeature = lists.solution.features[0];
const PUBLISHER = 'Procurement maturity toolkit';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const REL = 'http://schemas.microsoft.com/sharepoint/2012/app/relationships/';
const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false,
  isArray: (name) => ['Relationship', 'ListInstance', 'VersionRange', 'ElementManifest', 'AddContentTypeField'].includes(name),
});

function node(script: string, ...args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

describe('the app package (config/package-solution.json)', () => {
  it('can be deployed to all sites, which Sync to Teams needs, and carries the web parts\' code', () => {
    expect(app.solution.skipFeatureDeployment).toBe(true);
    expect(app.solution.includeClientSideAssets).toBe(true);
    expect(app.paths.zippedPackage).toBe('solution/nps-maturity-toolkit.sppkg');
  });

  it('has no feature framework elements: a tenant-wide deployment would ignore them', () => {
    for (const feature of app.solution.features ?? []) {
      expect({ feature: feature.id, assets: feature.assets ?? {} }).toEqual({ feature: feature.id, assets: {} });
      expect(feature.id).not.toBe(listsFeature.id);
    }
  });

  it('keeps the Microsoft Graph Mail.Send request the notifications need', () => {
    expect(app.solution.webApiPermissionRequests).toEqual([{ resource: 'Microsoft Graph', scope: 'Mail.Send' }]);
  });
});

describe('the lists package (config/package-solution-lists.json)', () => {
  it('is its own site-scoped solution, with no code and no permission requests', () => {
    expect(lists.solution).toMatchObject({ title: 'Procurement maturity toolkit lists', skipFeatureDeployment: false, includeClientSideAssets: false });
    expect(lists.solution.id).toMatch(GUID);
    expect(lists.solution.id).not.toBe(app.solution.id);
    expect(lists.solution.name).not.toBe(app.solution.name);
    expect(lists.solution.webApiPermissionRequests).toBeUndefined();
    expect(lists.paths.zippedPackage).toBe('solution/nps-maturity-toolkit-lists.sppkg');
    expect(lists.paths.debugDir).toBeDefined();
    expect(lists.paths.debugDir).not.toBe('solution/debug');
  });

  it('has one feature, with elements.xml, the schema of every list and the upgrade actions', () => {
    expect(lists.solution.features).toHaveLength(1);
    expect(listsFeature.id).toMatch(GUID);
    expect(listsFeature.componentIds).toBeUndefined();
    expect(listsFeature.assets.elementManifests).toEqual(['elements.xml']);
    expect([...listsFeature.assets.elementFiles].sort()).toEqual(LIST_KEYS.map(schemaFileName).sort());
    expect(listsFeature.assets.upgradeActions).toEqual(['upgrade-actions.xml']);
    const elements = parser.parse(readFileSync(join(root, 'sharepoint/assets/elements.xml'), 'utf8')).Elements;
    expect(elements.ListInstance.map((l: any) => l.CustomSchema).sort()).toEqual([...listsFeature.assets.elementFiles].sort());
  });
});

describe('both packages', () => {
  it('name the project as publisher, with no other organisation\'s URLs', () => {
    for (const { solution } of [app, lists]) {
      expect(solution.developer.name).toBe(PUBLISHER);
      for (const key of ['websiteUrl', 'privacyUrl', 'termsOfUseUrl']) expect(solution.developer[key]).toMatch(/^(|https:\/\/procurement-maturity-toolkit\.example(\/.*)?)$/);
    }
    expect(teamsManifest.developer.name).toBe(PUBLISHER);
    const configs = ['config/package-solution.json', 'config/package-solution-lists.json', 'teams/manifest.json'].map((f) => readFileSync(join(root, f), 'utf8'));
    for (const text of configs) expect(text).not.toMatch(/local\.gov\.uk/);
  });

  it('are made by npm run build (gulp package-solution runs the lists packager) and checked by .ci/run after it', () => {
    const pkg = readJson('package.json');
    expect(pkg.scripts.build).toMatch(/gulp bundle --ship && node scripts\/package-teams\.mjs && gulp package-solution --ship/);
    const gulpfile = readFileSync(join(root, 'gulpfile.js'), 'utf8');
    expect(gulpfile).toMatch(/result\.set\('package-solution', \{ executable: build\.serial\(result\.get\('package-solution'\)\.executable, packageLists\) \}\)/);
    expect(gulpfile).toContain("'package-lists.mjs'");
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    expect(ci.indexOf('npm run build')).toBeGreaterThan(-1);
    expect(ci.indexOf('node scripts/check-package.mjs')).toBeGreaterThan(ci.indexOf('npm run build'));
    // The benchmark measures the bundles that build made.
    expect(pkg.scripts.bench).toBe('node scripts/bench.mjs');
    expect(ci.indexOf('npm run bench')).toBeGreaterThan(ci.indexOf('npm run build'));
  });
});

describe('upgrade actions of the lists feature', () => {
  const xml = readFileSync(join(root, 'sharepoint/assets/upgrade-actions.xml'), 'utf8');

  it('are in the documented form: UpgradeActions, VersionRange, ApplyElementManifests, AddContentTypeField', () => {
    expect(XMLValidator.validate(xml)).toBe(true);
    const parsed = parser.parse(xml);
    expect(Object.keys(parsed).filter((k) => k !== '?xml')).toEqual(['UpgradeActions']);
    const actions = parsed.UpgradeActions;
    expect(actions.xmlns).toBe('http://schemas.microsoft.com/sharepoint/');
    const contentTypes = new Set(LIST_KEYS.map((key) => LISTS[key].contentTypeId));
    const fields = new Set(LIST_KEYS.flatMap((key) => LISTS[key].fields.map((f) => f.id.replace(/[{}]/g, '').toLowerCase())));
    for (const range of actions.VersionRange ?? []) {
      expect(Object.keys(range).filter((k) => !['BeginVersion', 'EndVersion'].includes(k)).every((k) => ['ApplyElementManifests', 'AddContentTypeField'].includes(k))).toBe(true);
      for (const manifest of range.ApplyElementManifests?.ElementManifest ?? []) {
        const [folder, file] = manifest.Location.split('\\');
        expect(folder).toBe(listsFeature.id);
        expect(listsFeature.assets.elementManifests).toContain(file);
      }
      for (const add of range.AddContentTypeField ?? []) {
        expect(contentTypes.has(add.ContentTypeId)).toBe(true);
        expect(fields.has(add.FieldId.replace(/[{}]/g, '').toLowerCase())).toBe(true);
      }
    }
  });

  it('explain how version 1.1 adds a column', () => {
    expect(xml).toMatch(/1\.1\.0\.0/);
    expect(xml).toMatch(/AddContentTypeField/);
    expect(xml).toMatch(/ApplyElementManifests/);
  });
});

describe('building the lists package (scripts/package-lists.mjs)', () => {
  let dir: string;
  let file: string;
  let zip: JSZip;
  let names: string[];
  const text = (name: string): Promise<string> => zip.file(name)!.async('string');

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'lists-package-'));
    file = join(dir, 'lists.sppkg');
    const run = node('package-lists.mjs', '--out', file);
    expect(run.output).toContain('wrote');
    expect(run.status).toBe(0);
    zip = await JSZip.loadAsync(readFileSync(file));
    names = Object.keys(zip.files).filter((n) => !zip.files[n].dir).sort();
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds the list feature and nothing else: no web parts, client-side assets or Teams package', () => {
    const feature = `feature_${listsFeature.id}.xml`;
    expect(names).toEqual([
      'AppManifest.xml', '[Content_Types].xml', '_rels/.rels', '_rels/AppManifest.xml.rels', `_rels/${feature}.rels`,
      `${listsFeature.id}/elements.xml`, `${listsFeature.id}/upgrade-actions.xml`, feature, `${feature}.config.xml`,
      ...listsFeature.assets.elementFiles,
    ].sort());
  });

  it('is a site-scoped app named for the lists, with the project as publisher', async () => {
    const manifest = parser.parse(await text('AppManifest.xml')).App;
    expect(manifest).toMatchObject({ ProductID: lists.solution.id, Name: lists.solution.name, Version: lists.solution.version, IsClientSideSolution: 'true' });
    expect(manifest.SkipFeatureDeployment).toBeUndefined();
    expect(manifest.WebApiPermissionRequests).toBeUndefined();
    expect(manifest.Properties.Title).toBe('Procurement maturity toolkit lists');
    expect(JSON.parse(manifest.Properties.DeveloperProperties).name).toBe(PUBLISHER);
    const feature = parser.parse(await text(`feature_${listsFeature.id}.xml`)).Feature;
    expect(feature).toMatchObject({ Id: listsFeature.id, Version: listsFeature.version, Scope: 'Web', Title: listsFeature.title });
  });

  it('declares the element manifest, schemas and upgrade actions to SharePoint, byte for byte as in sharepoint/assets', async () => {
    const rels = parser.parse(await text(`_rels/feature_${listsFeature.id}.xml.rels`)).Relationships.Relationship;
    const byType = (type: string): string[] => rels.filter((r: any) => r.Type === REL + type).map((r: any) => r.Target.replace(/^\//, '')).sort();
    expect(byType('feature-elementmanifest')).toEqual([`${listsFeature.id}/elements.xml`]);
    expect(byType('feature-elementfile')).toEqual([...listsFeature.assets.elementFiles].sort());
    expect(byType('feature-upgradeactions')).toEqual([`${listsFeature.id}/upgrade-actions.xml`]);
    for (const target of [...byType('feature-elementmanifest'), ...byType('feature-elementfile'), ...byType('feature-upgradeactions')]) {
      const asset = readFileSync(join(root, 'sharepoint/assets', target.split('/').pop()!));
      expect({ target, same: Buffer.compare(await zip.file(target)!.async('nodebuffer'), asset) === 0 }).toEqual({ target, same: true });
    }
    for (const name of names.filter((n) => /\.(xml|rels)$/.test(n))) expect({ name, valid: XMLValidator.validate(await text(name)) }).toEqual({ name, valid: true });
  });

  it('passes scripts/check-package.mjs', () => {
    const check = node('check-package.mjs', '--lists', file);
    expect(check.output).toContain('Package check passed');
    expect(check.status).toBe(0);
  });

  it('fails scripts/check-package.mjs when tenant-wide or carrying code, saying why', async () => {
    const broken = await JSZip.loadAsync(readFileSync(file));
    const manifest = await broken.file('AppManifest.xml')!.async('string');
    broken.file('AppManifest.xml', manifest.replace('IsClientSideSolution="true"', 'IsClientSideSolution="true" SkipFeatureDeployment="true"'));
    broken.file('ClientSideAssets/web-part_0123.js', 'console.log(1)');
    const brokenFile = join(dir, 'broken.sppkg');
    writeFileSync(brokenFile, await broken.generateAsync({ type: 'nodebuffer' }));
    const check = node('check-package.mjs', '--lists', brokenFile);
    expect(check.status).toBe(1);
    expect(check.output).toMatch(/FAILED for the lists package/);
    expect(check.output).toMatch(/SkipFeatureDeployment="true"/);
    expect(check.output).toMatch(/client-side files: ClientSideAssets\/web-part_0123\.js/);
  });

  it('fails scripts/check-package.mjs when the lists package is checked as the app package', () => {
    const check = node('check-package.mjs', '--app', file);
    expect(check.status).toBe(1);
    expect(check.output).toMatch(/SkipFeatureDeployment="true"/);
    expect(check.output).toMatch(/web part AssessmentWebPart .* is not in the package/);
    expect(check.output).toMatch(/TeamsSPFxApp\.zip is not in the package/);
    expect(check.output).toMatch(/provisions Field, ContentType, ListInstance/);
  });

  it('is refused when the config would make it tenant-wide or carry code', () => {
    const config = join(dir, 'tenant-wide.json');
    writeFileSync(config, JSON.stringify({ ...lists, solution: { ...lists.solution, skipFeatureDeployment: true, includeClientSideAssets: true } }));
    const out = join(dir, 'refused.sppkg');
    const run = node('package-lists.mjs', '--config', config, '--out', out);
    expect(run.status).toBe(1);
    expect(run.output).toMatch(/skipFeatureDeployment must be false/);
    expect(run.output).toMatch(/includeClientSideAssets must be false/);
    expect(existsSync(out)).toBe(false);
  });
});

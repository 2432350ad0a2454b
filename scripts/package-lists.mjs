#!/usr/bin/env node
// Builds the site-scoped lists package, sharepoint/solution/nps-maturity-toolkit-lists.sppkg, from
// config/package-solution-lists.json: the feature that provisions the lists (elements.xml, the list schemas,
// the upgrade actions) and nothing else: no web parts, no client-side assets, not deployable tenant-wide.
//
// Why not a second `gulp package-solution`: SPFx's packager reads only config/package-solution.json and
// refuses a solution without components ("No manifests were found ... Ensure a build has completed
// successfully"), even with includeClientSideAssets false. So this script drives the same packager
// modules of @microsoft/spfx-heft-plugins 1.21.1 (the ones `gulp package-solution` runs: config file
// and schema, feature and AppManifest XML, package writer) with a solution whose one feature has no
// components. The .sppkg therefore has exactly the layout gulp writes for the feature part of a package.
//
// Usage: node scripts/package-lists.mjs [--out <file.sppkg>] [--config <file.json>]
//   --out writes the package elsewhere and --config reads another config (both for the tests).
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { existsSync, rmSync } from 'node:fs';

const root = resolve(new URL('..', import.meta.url).pathname);

function argument(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}
const CONFIG = relative(root, resolve(root, argument('--config') ?? 'config/package-solution-lists.json'));

const rootRequire = createRequire(join(root, 'package.json'));
const spfxPackageJson = rootRequire.resolve('@microsoft/spfx-heft-plugins/package.json');
// Load the packager's own dependencies as the packager does (from its folder), not whatever is hoisted.
const spfxRequire = createRequire(spfxPackageJson);
const packaging = '@microsoft/spfx-heft-plugins/lib/plugins/packageSolutionPlugin/packageSolution';
const { default: createSolutionXml } = rootRequire(`${packaging}/xmlGenerators/createSolutionXml`);
const { writePackageAsync } = rootRequire(`${packaging}/writePackage`);
const { validateSolutionDefinition } = rootRequire(`${packaging}/utils/validateSolutionDefinition`);
const { readCustomFeaturesAsync } = rootRequire(`${packaging}/utils/readCustomFeatures`);
const { readResourcesAsync } = rootRequire(`${packaging}/utils/readResources`);
const { ConfigurationFile } = spfxRequire('@rushstack/heft-config-file');
const { Terminal, ConsoleTerminalProvider } = spfxRequire('@rushstack/terminal');

// The same defaults SolutionPackager applies to package-solution.json (spfx-heft-plugins 1.21.1).
const DEFAULT_PATHS = { packageDir: 'sharepoint', debugDir: 'solution/debug', featureXmlDir: 'feature_xml', sharepointAssetDir: 'assets' };
const DEFAULT_CONTENT_TYPES = {
  xml: 'text/xml', rels: 'application/vnd.openxmlformats-package.relationships+xml', webpart: 'text/xml',
  htm: 'text/html', html: 'text/html', aspx: 'text/xml', resx: 'text/xml', js: 'application/javascript',
  json: 'application/json', png: 'image/png', jpg: 'image/jpeg', bmp: 'image/bmp', gif: 'image/gif',
};

const terminal = new Terminal(new ConsoleTerminalProvider());

// 1. The config, validated against SPFx's package-solution schema exactly as gulp package-solution does.
const schemaPath = join(dirname(spfxPackageJson), 'lib-commonjs/plugins/packageSolutionPlugin/package-solution.schema.json');
const config = await new ConfigurationFile({ projectRelativeFilePath: CONFIG, jsonSchemaPath: schemaPath })
  .loadConfigurationFileForProjectAsync(terminal, root);
const { solution } = config;

// 2. What makes it the lists package. Refuse anything else rather than write a package that would
//    silently skip its lists (tenant-wide) or carry code.
const problems = [];
if (solution.skipFeatureDeployment) problems.push('skipFeatureDeployment must be false: tenant-wide deployment skips feature elements, so no lists would be created');
if (solution.includeClientSideAssets) problems.push('includeClientSideAssets must be false: the lists package carries no code');
if (solution.webApiPermissionRequests?.length) problems.push('webApiPermissionRequests belong in the app package (config/package-solution.json)');
if (!solution.features?.length) problems.push('no feature: nothing to provision');
for (const feature of solution.features ?? []) {
  if (feature.componentIds?.length) problems.push(`feature ${feature.title} lists components; the lists package has none`);
  if (!feature.assets?.elementManifests?.length) problems.push(`feature ${feature.title} has no element manifest`);
}
if (problems.length) {
  console.error(`${CONFIG} cannot make the lists package:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}

// 3. Paths, resolved as SolutionPackager resolves them; --out redirects the output (tests).
const paths = { ...DEFAULT_PATHS, ...config.paths };
const packageDir = join(root, paths.packageDir);
const out = argument('--out');
config.paths = {
  packageDir,
  debugDir: out ? join(dirname(resolve(out)), 'debug-lists') : join(packageDir, paths.debugDir),
  zippedPackage: out ? resolve(out) : join(packageDir, paths.zippedPackage),
  featureXmlDir: join(packageDir, paths.featureXmlDir),
  sharepointAssetDir: join(packageDir, paths.sharepointAssetDir),
};
config.contentTypes = { ...DEFAULT_CONTENT_TYPES };
if (config.paths.debugDir === join(packageDir, DEFAULT_PATHS.debugDir)) {
  console.error(`${CONFIG}: set paths.debugDir; the default is the app package's and the writer empties it first`);
  process.exit(1);
}

// 4. The feature: no components, its asset files read from sharepoint/assets (what normalizeSolutionDefinition
//    does for a feature, minus attaching components).
const assetPath = (file) => (isAbsolute(file) ? file : join(config.paths.sharepointAssetDir, file));
for (const feature of solution.features) {
  feature.components = [];
  feature.assets = {
    elementManifests: (feature.assets.elementManifests ?? []).map(assetPath),
    elementFiles: (feature.assets.elementFiles ?? []).map(assetPath),
    upgradeActions: (feature.assets.upgradeActions ?? []).map(assetPath),
  };
  for (const file of [...feature.assets.elementManifests, ...feature.assets.elementFiles, ...feature.assets.upgradeActions]) {
    if (!existsSync(file)) problems.push(`${file} (listed on feature ${feature.title}) does not exist; run npm run provisioning?`);
  }
}
if (problems.length) {
  console.error(`${CONFIG} cannot make the lists package:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}

// 5. The rest is createPackage of spfx-heft-plugins: custom feature XML, validation, resources, XML, writing.
rmSync(config.paths.zippedPackage, { force: true });
const customFeatures = await readCustomFeaturesAsync(terminal, config);
validateSolutionDefinition(terminal, config, customFeatures, new Map());
const resources = await readResourcesAsync(terminal, config);
const xmlSerializationOptions = { indent: undefined, declaration: { encoding: 'utf-8' } };
const solutionXml = createSolutionXml(terminal, xmlSerializationOptions, solution, customFeatures.customFeatureFilepath, resources, config.contentTypes);
solutionXml.customFiles = customFeatures.files;
await writePackageAsync(terminal, solutionXml, config, false);
if (!existsSync(config.paths.zippedPackage)) {
  console.error(`the packager did not write ${config.paths.zippedPackage}`);
  process.exit(1);
}
console.log(`wrote ${config.paths.zippedPackage.startsWith(root) ? config.paths.zippedPackage.slice(root.length + 1) : config.paths.zippedPackage}`);

/**
 * The local SharePoint list service: `node preview-dist/server.mjs [--port n] [--data dir] [--reset]
 * [--assets dir] [--static dir] [--not-ready] [--group-connected]` (--not-ready: answer 503 until POST /_local/ready;
 * --group-connected: the site belongs to the Microsoft 365 group of the procurement team, as a Teams-connected site). It serves the site /sites/procurement with the lists the package
 * provisions, so the product's PnPjs data code runs against it unchanged. A launcher can instead
 * import startListService and run it in-process.
 */
import { dirname, join, resolve } from 'path';
import { fileURLToPath } from 'url';
import { startListService } from './server';
import { SchemaError } from './xmlSchema';

export { startListService } from './server';
export type { ListService, ListServiceOptions } from './server';
export { DIRECTORY, DIRECTORY_GROUPS, PROCUREMENT_M365_GROUP, PROCUREMENT_TEAM, RESOURCES_DIRECTORATE, SITE_OWNER, findPerson } from './directory';

/** This module's file. (tsconfig.test.json checks this file as CommonJS, where import.meta is not allowed;
 * it only ever runs as the ES module esbuild bundles, where it is.) */
function moduleFile(): string {
  // @ts-ignore TS1343 under CommonJS type-checking only
  return fileURLToPath(import.meta.url);
}

/** The repository root: this file is bundled to <repo>/preview-dist/server.mjs (or run from preview/server). */
function repoRoot(): string {
  const here = dirname(moduleFile());
  return resolve(here, here.endsWith(join('preview', 'server')) ? '../..' : '..');
}

function usage(message: string): never {
  console.error(`${message}\nUsage: node preview-dist/server.mjs [--port <n>] [--data <dir>] [--reset] [--assets <dir>] [--static <dir>] [--not-ready] [--group-connected]`);
  process.exit(64);
}

export async function main(argv: string[]): Promise<void> {
  const root = repoRoot();
  let port = Number(process.env.PORT ?? 4321);
  let dataDir = join(root, '.local-data');
  let assetsDir = join(root, 'sharepoint', 'assets');
  let staticDir: string | undefined;
  let reset = false;
  let ready = true;
  let groupConnected = false;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) usage(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--port') port = Number(value());
    else if (flag === '--data') dataDir = resolve(value());
    else if (flag === '--assets') assetsDir = resolve(value());
    else if (flag === '--static') staticDir = resolve(value());
    else if (flag === '--reset') reset = true;
    else if (flag === '--not-ready') ready = false;
    else if (flag === '--group-connected') groupConnected = true;
    else usage(`Unknown option ${flag}.`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) usage('--port must be a number from 0 to 65535.');
  try {
    const service = await startListService({ port, dataDir, assetsDir, staticDir, reset, ready, groupConnected });
    console.log(`Local SharePoint list service: ${service.siteUrl}`);
    const stop = () => {
      service.close().then(
        () => process.exit(0),
        () => process.exit(0)
      );
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  } catch (err) {
    if (err instanceof SchemaError) console.error(`Local SharePoint list service cannot start: ${err.message}`);
    else console.error(`Local SharePoint list service cannot start: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}

const entry = process.argv[1] ? resolve(process.argv[1]) : '';
if (entry && moduleFile() === entry) void main(process.argv.slice(2));

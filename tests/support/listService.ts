/**
 * Test helper for the local SharePoint list service: bundles preview/server (with the options
 * scripts/build-preview.mjs uses, server only, so a half-finished preview page cannot break these
 * tests), runs it as a child process on a free port with a temporary data directory, and builds PnPjs
 * clients that call it as a given person of the demo directory.
 */
import { ChildProcess, spawn } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { spfi, SPFI, DefaultHeaders, DefaultInit, RequestDigest } from '@pnp/sp';
import { BrowserFetchWithRetry, DefaultParse, InjectHeaders } from '@pnp/queryable';
import '@pnp/sp/webs';
import '@pnp/sp/lists';
import '@pnp/sp/items';
import '@pnp/sp/fields';
import '@pnp/sp/batching';
import '@pnp/sp/site-users/web';
import '@pnp/sp/site-groups/web';
import '@pnp/sp/security';
import '@pnp/sp/attachments';
import '@pnp/sp/profiles';
import '@pnp/sp/sputilities';
import '@pnp/sp/sharing';
import { getSPForSite } from '../../src/data/sp';
import { getGraphForBase, graphMailSender } from '../../src/data/graph';
import { createDataServices, DataServices } from '../../src/data/services';
import { runSiteSetup } from '../../src/data/siteSetup';
import { GROUPS } from '../../src/data/siteService';
import { npsFramework2018 } from '../../src/framework';
import { LocalUser } from '../../preview/localUser';
import { SITE_OWNER } from '../../preview/server/directory';

/**
 * The jest-environment-node that resolves here is an old one (hoisted by the SPFx toolchain) that
 * does not expose Node's fetch API to tests; PnPjs needs it, so take it from Node's own global.
 */
function provideFetch(): void {
  const g = globalThis as unknown as Record<string, unknown>;
  if (typeof g.fetch === 'function') return;
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const outer = (require('vm') as typeof import('vm')).runInThisContext('globalThis') as Record<string, unknown>;
  for (const name of ['fetch', 'Headers', 'Request', 'Response', 'FormData', 'Blob', 'AbortController', 'AbortSignal', 'ReadableStream', 'TextEncoder', 'TextDecoder']) {
    if (g[name] === undefined && outer[name] !== undefined) g[name] = outer[name];
  }
}
provideFetch();

export const REPO_ROOT = join(__dirname, '..', '..');
export const ASSETS_DIR = join(REPO_ROOT, 'sharepoint', 'assets');

export interface RunningService {
  /** http://localhost:<port> */
  url: string;
  /** http://localhost:<port>/sites/procurement */
  siteUrl: string;
  dataDir: string;
  /** Everything the process wrote to stdout / stderr so far. */
  stdout(): string;
  stderr(): string;
  /** Graceful stop (SIGTERM). */
  stop(): Promise<void>;
  /** kill -9: no chance to flush anything. */
  kill9(): Promise<void>;
  /** Starts the service again on the same port and data directory. */
  restart(): Promise<void>;
}

export interface StartOptions {
  dataDir?: string;
  assetsDir?: string;
  port?: number;
  extraArgs?: string[];
}

/** Node 22 (node:sqlite): the running node if it is 22+, else the one the repository installs. */
function nodeBinary(): string {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  const local = join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node');
  return existsSync(local) ? local : process.execPath;
}

let bundlePath: string | undefined;

/** Bundles preview/server/main.ts once per test process (about 0.1 s). */
export function buildServerBundle(): string {
  if (bundlePath) return bundlePath;
  // Built once by tests/support/globalSetup.js when running under jest (and needed in jsdom tests).
  const prebuilt = process.env.LIST_SERVICE_BUNDLE;
  if (prebuilt && existsSync(prebuilt)) return (bundlePath = prebuilt);
  // eslint-disable-next-line @typescript-eslint/no-var-requires
  const esbuild = require('esbuild') as typeof import('esbuild');
  const outDir = join(REPO_ROOT, 'preview-dist');
  mkdirSync(outDir, { recursive: true });
  const target = join(outDir, 'server.test.mjs');
  const result = esbuild.buildSync({
    entryPoints: [join(REPO_ROOT, 'preview', 'server', 'main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    sourcemap: 'inline',
    write: false,
    logLevel: 'silent',
    outfile: target,
  });
  // Parallel test workers may build at once: write privately, then rename (atomic).
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, result.outputFiles[0].contents);
  renameSync(temp, target);
  bundlePath = target;
  return target;
}

interface Spawned {
  child: ChildProcess;
  siteUrl: string;
  url: string;
  port: number;
}

const exited = new WeakSet<ChildProcess>();
/** Children still running when the test process ends (a crashed suite) are killed with it. */
const running = new Set<ChildProcess>();
process.once('exit', () => running.forEach((c) => c.kill('SIGKILL')));

function spawnService(args: string[], onStdout: (text: string) => void, onStderr: (text: string) => void): Promise<Spawned> {
  const child = spawn(nodeBinary(), [buildServerBundle(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.once('exit', () => {
    exited.add(child);
    running.delete(child);
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The list service did not start within 20 s.\n${err}`));
    }, 20000);
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      onStdout(chunk.toString());
      const m = /Local SharePoint list service: (http:\/\/localhost:(\d+)\/sites\/procurement)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, siteUrl: m[1], url: m[1].replace(/\/sites\/procurement$/, ''), port: Number(m[2]) });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      onStderr(chunk.toString());
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The list service exited (code ${code}) before it was ready.\n${err}`));
    });
  });
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (exited.has(child)) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the service on a free port with a fresh temporary data directory (or the one given). */
export async function startListService(options: StartOptions = {}): Promise<RunningService> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'list-service-'));
  const assetsDir = options.assetsDir ?? ASSETS_DIR;
  let stdout = '';
  let stderr = '';
  const argsFor = (port: number) => ['--port', String(port), '--data', dataDir, '--assets', assetsDir, ...(options.extraArgs ?? [])];
  const spawnIt = (port: number) =>
    spawnService(
      argsFor(port),
      (t) => (stdout += t),
      (t) => (stderr += t)
    );
  let current = await spawnIt(options.port ?? 0);
  const service: RunningService = {
    url: current.url,
    siteUrl: current.siteUrl,
    dataDir,
    stdout: () => stdout,
    stderr: () => stderr,
    stop: async () => {
      current.child.kill('SIGTERM');
      await waitForExit(current.child);
    },
    kill9: async () => {
      current.child.kill('SIGKILL');
      await waitForExit(current.child);
    },
    restart: async () => {
      await service.stop();
      // Same port, so siteUrl stays valid; retry briefly in case the port is not free yet.
      for (let attempt = 1; ; attempt++) {
        try {
          current = await spawnIt(current.port);
          return;
        } catch (err) {
          if (attempt >= 5 || !/EADDRINUSE/.test(String(err))) throw err;
          await new Promise((r) => setTimeout(r, 200));
        }
      }
    },
  };
  return service;
}

/** Runs the service to completion with the given arguments, for start-up failures. */
export function runServiceExpectingExit(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(nodeBinary(), [buildServerBundle(), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 15000);
  return new Promise((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    })
  );
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A PnPjs client for the site, calling as the given person (login name or email). */
export function spAs(siteUrl: string, login: string): SPFI {
  return spfi(siteUrl).using(
    DefaultHeaders(),
    DefaultInit(),
    BrowserFetchWithRetry({ retries: 3, interval: 50 }),
    DefaultParse(),
    RequestDigest(),
    InjectHeaders({ 'X-Local-User': login })
  );
}

/** Raw fetch against the service as a person, with a digest for writes when asked. */
export async function rawFetch(
  siteUrl: string,
  path: string,
  init: { method?: string; headers?: Record<string, string>; body?: string | Buffer; user?: string; digest?: boolean } = {}
): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...(init.headers ?? {}) };
  if (init.user) headers['X-Local-User'] = init.user;
  if (init.digest) {
    const ctx = await fetch(`${siteUrl}/_api/contextinfo`, { method: 'POST', headers: { Accept: 'application/json', ...(init.user ? { 'X-Local-User': init.user } : {}) } });
    headers['X-RequestDigest'] = ((await ctx.json()) as { FormDigestValue: string }).FormDigestValue;
  }
  return fetch(`${siteUrl}/${path.replace(/^\//, '')}`, { method: init.method ?? 'GET', headers, body: init.body });
}

/** The product's data services (SharePoint and Graph mail) as a person of the demo directory. */
export function servicesAs(service: { url: string; siteUrl: string }, login: string): DataServices {
  return createDataServices(
    getSPForSite(service.siteUrl, LocalUser(login)),
    graphMailSender(getGraphForBase(`${service.url}/v1.0`, LocalUser(login)))
  );
}

/** Runs set-up as the site owner and puts people in the app's groups, as a site owner would. */
export async function setUpSite(service: { siteUrl: string }, members: Partial<Record<keyof typeof GROUPS, string[]>>): Promise<void> {
  const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  await runSiteSetup(owner, npsFramework2018());
  for (const key of Object.keys(members) as Array<keyof typeof GROUPS>) {
    const [group] = await owner.web.siteGroups.filter(`Title eq '${GROUPS[key]}'`)();
    for (const login of members[key] ?? []) await owner.web.siteGroups.getById(group.Id).users.add(login);
  }
}


/** As scripts/start.mjs loads the demo: the loader's requests carry X-Local-Seed, so its dates (X-Local-Clock) hold. */
export async function asDemoLoader<T>(origin: string, fn: () => Promise<T>): Promise<T> {
  const original = globalThis.fetch;
  globalThis.fetch = (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (new URL(url, origin).origin !== origin) return original(input, init);
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('X-Local-Seed', '1');
    return original(input, { ...init, headers });
  };
  try {
    return await fn();
  } finally {
    globalThis.fetch = original;
  }
}

/**
 * The HTTP layer: identity (X-Local-User header or localUser cookie), form digests, the testing
 * switches under /_local/, attachment file URLs, the optional static preview page, the readiness gate
 * (503 while the launcher loads the demo data), and the transaction around every write so it is
 * committed before the response is sent.
 */
import { createHmac, randomUUID, timingSafeEqual } from 'crypto';
import { existsSync, rmSync } from 'fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { routeApi } from './api';
import { ApiRequest, ApiResponse, Ctx, json } from './context';
import { atClock, digestTimestamp } from './dates';
import { DIRECTORY, DirectoryPerson, findPerson, PROCUREMENT_M365_GROUP, SITE_OWNER } from './directory';
import { errorBody, errors, SpError } from './errors';
import { attachmentFile } from './attachments';
import { libraryFile, libraryOf } from './files';
import { storageEntitySwitch } from './storageEntities';
import { parseQueryOptions } from './odataQuery';
import { Security } from './security';
import { WEB_PATH } from './site';
import { serveStatic } from './staticFiles';
import { Store } from './store';
import { createGraphService } from './graph';
import { loadListSchemas } from './xmlSchema';

export interface ListServiceOptions {
  /** 0 picks a free port. */
  port: number;
  dataDir: string;
  assetsDir: string;
  /** Wipe the data directory before starting. */
  reset?: boolean;
  /** Folder served at / (the preview page). */
  staticDir?: string;
  /** Accepted for launchers; the service itself never logs except on unexpected errors. */
  quiet?: boolean;
  /**
   * false: start behind the readiness gate (503 + Retry-After to everything except requests carrying
   * X-Local-Seed: 1, /_local/health and /_local/ready) until markReady() is called. Default true.
   */
  ready?: boolean;
  /**
   * Create the site connected to the Microsoft 365 group PROCUREMENT_M365_GROUP (a Teams-connected
   * site): its owners and members claims are in the Owners and Members groups. An existing site is
   * connected when started with it; once connected it stays connected.
   */
  groupConnected?: boolean;
}

export interface ListService {
  /** http://localhost:<port> */
  url: string;
  /** http://localhost:<port>/sites/procurement */
  siteUrl: string;
  port: number;
  /** Opens the readiness gate (idempotent). */
  markReady(): void;
  isReady(): boolean;
  close(): Promise<void>;
}

const DIGEST_TIMEOUT_SECONDS = 1800;
const MAX_BODY_BYTES = 100 * 1024 * 1024;

interface ThrottleSwitch {
  count: number;
  status: number;
  retryAfter: number;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new SpError(413, '-2147024809, System.ArgumentException', 'The request body is too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function cookie(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return part.slice(eq + 1).trim();
      }
    }
  }
  return undefined;
}

function headerMap(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** While the demo data loads, everything but the loader gets this (PnPjs retries a 503 after Retry-After). */
function notReadyResponse(page: boolean): ApiResponse {
  const headers: Record<string, string> = { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1', 'Cache-Control': 'no-store' };
  // A browser opening the preview page meanwhile reloads by itself.
  if (page) headers.Refresh = '1';
  return { status: 503, headers, body: 'The local SharePoint list service is starting (loading the demo data). Try again in a moment.\n' };
}

function errorResponse(err: unknown): ApiResponse {
  if (err instanceof SpError) {
    return { status: err.status, headers: { 'Content-Type': 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8', ...err.headers }, body: errorBody(err.code, err.message) };
  }
  console.error('Local SharePoint list service: unexpected error', err);
  const e = errors.internal(`Unexpected error in the local list service: ${err instanceof Error ? err.message : String(err)}`);
  return errorResponse(e);
}

export async function startListService(options: ListServiceOptions): Promise<ListService> {
  if (options.reset && existsSync(options.dataDir)) rmSync(options.dataDir, { recursive: true, force: true });
  const schemas = loadListSchemas(options.assetsDir);
  const store = await Store.open(options.dataDir, schemas, { group: options.groupConnected ? PROCUREMENT_M365_GROUP : undefined });
  const security = new Security(store);
  const throttle: ThrottleSwitch = { count: 0, status: 429, retryAfter: 1 };
  const graph = createGraphService(store);
  let port = options.port;
  let ready = options.ready !== false;

  // A digest is valid for the site collection it was issued by: the root site's are not the procurement site's.
  const digestMac = (stamp: string, root: boolean) =>
    createHmac('sha512', store.site.digestSecret)
      .update(root ? `root|${stamp}` : stamp)
      .digest('hex')
      .toUpperCase();
  const issueDigest = (root: boolean) => {
    const stamp = digestTimestamp(Date.now());
    return { value: `0x${digestMac(stamp, root)},${stamp}`, timeoutSeconds: DIGEST_TIMEOUT_SECONDS };
  };
  /**
   * What a SharePoint page carries for the web parts on it (SPFx reads it from the page context): the form
   * digest of the page's site, so their first POST needs no contextinfo call. The preview's page stands for
   * a procurement site page and, for the Teams personal app, a page on the root site: it gets both.
   */
  const pageContext = (html: string): string => {
    const info = { formDigestValue: issueDigest(false).value, rootFormDigestValue: issueDigest(true).value, formDigestTimeoutSeconds: DIGEST_TIMEOUT_SECONDS };
    // JSON inside a script element: "<" is escaped so no value can end the element.
    const script = `<script>window._spPageContextInfo = ${JSON.stringify(info).replace(/</g, '\\u003c')};</script>`;
    return html.replace('</head>', `    ${script}\n  </head>`);
  };
  const digestValid = (value: string | undefined, root: boolean): boolean => {
    if (!value) return false;
    const comma = value.indexOf(',');
    if (comma < 0 || !value.startsWith('0x')) return false;
    const stamp = value.slice(comma + 1);
    const given = Buffer.from(value.slice(2, comma), 'utf8');
    const expected = Buffer.from(digestMac(stamp, root), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    const issued = Date.parse(stamp);
    const age = (Date.now() - issued) / 1000;
    return Number.isFinite(age) && age > -300 && age < DIGEST_TIMEOUT_SECONDS + 600;
  };

  /** Runs one REST request as a person; writes run in a transaction (a savepoint inside $batch). */
  const dispatch = (req: ApiRequest, person: DirectoryPerson): ApiResponse => {
    try {
      const ctx: Ctx = {
        req,
        store,
        security,
        person,
        // The root site has users of its own (rootSite.ts): the procurement site's never answer there.
        user: req.root ? undefined : store.userByLogin(person.loginName),
        options: parseQueryOptions(req.query),
        dispatch: (inner) => dispatch(inner, person),
        issueDigest: () => issueDigest(!!req.root),
      };
      if (req.method === 'GET') return routeApi(ctx);
      return store.transaction(() => routeApi(ctx));
    } catch (err) {
      return errorResponse(err);
    }
  };

  /**
   * SharePoint adds someone who has access only through an Entra ID group (a security group or a
   * Microsoft 365 group's claim) to the site's User Information List on their first visit.
   */
  const firstVisit = (person: DirectoryPerson): void => {
    if (store.userByLogin(person.loginName) || !security.reachesThroughGroups(person.loginName)) return;
    try {
      store.transaction(() => store.ensureUser(person));
    } catch (err) {
      console.error('Local SharePoint list service: could not add a visitor to the site users', err);
    }
  };

  const handleApi = (req: IncomingMessage, url: URL, path: string, body: Buffer, siteUrl: string, root = false): ApiResponse => {
    const who = (req.headers['x-local-user'] as string | undefined) ?? cookie(req, 'localUser');
    const person = who && who.trim() ? findPerson(who) : SITE_OWNER;
    if (!person) return errorResponse(errors.unauthorized(who ?? ''));
    if (throttle.count > 0) {
      throttle.count -= 1;
      const message =
        throttle.status === 503
          ? 'The service is temporarily unavailable. Please wait for the time given in Retry-After and try again.'
          : 'The request has been throttled. Please wait for the time given in Retry-After and try again.';
      return errorResponse(new SpError(throttle.status, '-2147024860, Microsoft.SharePoint.SPRequestThrottledException', message, { 'Retry-After': String(throttle.retryAfter) }));
    }
    const override = req.headers['x-http-method'];
    const method = (req.method === 'POST' && typeof override === 'string' ? override : req.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && !/^contextinfo$/i.test(path)) {
      const digest = req.headers['x-requestdigest'];
      if (!digestValid(typeof digest === 'string' ? digest : undefined, root)) return errorResponse(errors.digest());
    }
    if (!root) firstVisit(person);
    // The demo loader may date what it writes (X-Local-Clock, honoured only with X-Local-Seed).
    const clockHeader = req.headers['x-local-seed'] === '1' ? req.headers['x-local-clock'] : undefined;
    const clockAt = typeof clockHeader === 'string' && Number.isFinite(Date.parse(clockHeader)) ? Date.parse(clockHeader) : undefined;
    return atClock(clockAt, () => dispatch({ method, path, query: url.searchParams, headers: headerMap(req), body, siteUrl, inBatch: false, root }, person));
  };

  const handleLocal = (req: IncomingMessage, url: URL, body: Buffer, siteUrl: string): ApiResponse => {
    const route = url.pathname.toLowerCase();
    if (route === '/_local/health') {
      const items = [...store.lists.values()].reduce((n, l) => n + l.items.size, 0);
      return json(200, { status: ready ? 'ok' : 'starting', ready, siteUrl, lists: store.lists.size, items, groupConnected: !!store.site.groupId });
    }
    if (route === '/_local/ready') {
      if (req.method === 'POST') ready = true;
      return json(200, { ready });
    }
    if (route === '/_local/storage-entity' && (req.method === 'POST' || req.method === 'DELETE')) return storageEntitySwitch(store, req.method, url.searchParams, body);
    if (route === '/_local/outbox' && req.method === 'GET') return json(200, store.outbox());
    // What ShareObject granted on pages and files (SharePoint shows it in the object's "Manage access").
    if (route === '/_local/shares' && req.method === 'GET') {
      return json(
        200,
        store.objectShares().map((s) => ({
          url: s.url,
          loginName: store.users.get(s.principalId)?.loginName ?? null,
          title: store.users.get(s.principalId)?.title ?? null,
          role: store.roles.get(s.roleId)?.name ?? null,
          sharedBy: store.users.get(s.sharedBy)?.loginName ?? null,
          sharedAt: s.sharedAt,
        }))
      );
    }
    if (route === '/_local/users' && req.method === 'GET') {
      return json(
        200,
        DIRECTORY.map((p) => ({ ...p, siteUserId: store.userByLogin(p.loginName)?.id ?? null }))
      );
    }
    if (route === '/_local/throttle') {
      if (req.method === 'POST') {
        let parsed: Partial<ThrottleSwitch>;
        try {
          parsed = JSON.parse(body.toString('utf8') || '{}') as Partial<ThrottleSwitch>;
        } catch {
          return errorResponse(errors.badQuery('The throttle switch needs a JSON body such as {"count":3,"status":429,"retryAfter":1}.'));
        }
        const count = Number(parsed.count ?? 1);
        const status = Number(parsed.status ?? 429);
        const retryAfter = Number(parsed.retryAfter ?? 1);
        if (!Number.isInteger(count) || count < 0 || ![429, 503].includes(status) || !Number.isInteger(retryAfter) || retryAfter < 0) {
          return errorResponse(errors.badQuery('count and retryAfter must be non-negative integers and status 429 or 503.'));
        }
        Object.assign(throttle, { count, status, retryAfter });
      }
      return json(200, { ...throttle });
    }
    return errorResponse(errors.noResource(url.pathname));
  };

  /** A file URL (an attachment's, a library file's) read as the person calling. */
  const handleFile = (req: IncomingMessage, url: URL, siteUrl: string, serve: (ctx: Ctx) => ApiResponse): ApiResponse => {
    const who = (req.headers['x-local-user'] as string | undefined) ?? cookie(req, 'localUser');
    const person = who && who.trim() ? findPerson(who) : SITE_OWNER;
    if (!person) return errorResponse(errors.unauthorized(who ?? ''));
    firstVisit(person);
    try {
      const ctx: Ctx = {
        req: { method: 'GET', path: url.pathname, query: url.searchParams, headers: headerMap(req), body: Buffer.alloc(0), siteUrl, inBatch: false },
        store,
        security,
        person,
        user: store.userByLogin(person.loginName),
        options: { expand: [], orderby: [] },
        dispatch: () => {
          throw new Error('not available');
        },
        issueDigest: () => issueDigest(false),
      };
      return serve(ctx);
    } catch (err) {
      return errorResponse(err);
    }
  };

  const handleAttachment = (req: IncomingMessage, url: URL, siteUrl: string, m: RegExpExecArray): ApiResponse =>
    handleFile(req, url, siteUrl, (ctx) => {
      const listUrl = decodeURIComponent(m[1]).toLowerCase();
      const list = [...store.lists.values()].find((l) => l.url.toLowerCase() === `lists/${listUrl}`);
      if (!list) throw new SpError(404, '-2130575338, Microsoft.SharePoint.SPException', 'File Not Found.');
      return attachmentFile(ctx, list, Number(m[2]), decodeURIComponent(m[3]));
    });

  /**
   * Writes a reply and never throws: a reply that cannot be written (a header Node refuses, a socket
   * already gone) is logged and answered 500 if nothing was sent yet, so one bad request cannot stop
   * the service (or, in-process, the launcher with it).
   */
  const send = (res: ServerResponse, reply: ApiResponse, extra: Record<string, string>) => {
    try {
      const body = reply.body === undefined ? undefined : typeof reply.body === 'string' ? Buffer.from(reply.body, 'utf8') : reply.body;
      const headers: Record<string, string> = { ...extra, ...reply.headers };
      if (reply.status !== 204) headers['Content-Length'] = String(body?.length ?? 0);
      res.writeHead(reply.status, headers);
      res.end(reply.status === 204 ? undefined : body);
    } catch (err) {
      console.error('Local SharePoint list service: could not send a response', err);
      try {
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end();
      } catch {
        res.destroy();
      }
    }
  };

  const attachmentPath = new RegExp(`^${WEB_PATH}/Lists/([^/]+)/Attachments/(\\d+)/([^/]+)$`, 'i');

  const onRequest = (req: IncomingMessage, res: ServerResponse, extra: Record<string, string>) => {
    const host = req.headers.host ?? `localhost:${port}`;
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `http://${host}`);
    } catch {
      // A malformed Host header or request target (new URL throws): answer 400 as any web server would.
      req.resume();
      send(res, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Bad request\n' }, extra);
      return;
    }
    const siteUrl = `http://${host}${WEB_PATH}`;
    const origin = req.headers.origin;
    if (origin) {
      Object.assign(extra, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': 'ETag, Retry-After, SPRequestGuid',
        Vary: 'Origin',
      });
    }
    if (req.method === 'OPTIONS') {
      send(
        res,
        {
          status: 204,
          headers: {
            'Access-Control-Allow-Methods': 'GET, POST, PUT, PATCH, MERGE, DELETE, OPTIONS',
            'Access-Control-Allow-Headers': String(req.headers['access-control-request-headers'] ?? '*'),
            'Access-Control-Max-Age': '600',
          },
        },
        extra
      );
      return;
    }
    // The readiness gate: until the launcher has loaded the demo data only it (X-Local-Seed: 1) and the
    // health/ready switches get through.
    const gatePath = url.pathname.toLowerCase();
    if (!ready && req.headers['x-local-seed'] !== '1' && gatePath !== '/_local/health' && gatePath !== '/_local/ready') {
      const api = gatePath.startsWith('/_api/') || gatePath.startsWith(`${WEB_PATH}/_api/`.toLowerCase()) || gatePath.startsWith('/_local/') || gatePath.startsWith('/v1.0/');
      req.resume();
      send(res, notReadyResponse(!api && (req.method === 'GET' || req.method === 'HEAD')), extra);
      return;
    }
    readBody(req).then(
      (body) => {
        try {
          const lower = url.pathname.toLowerCase();
          if (lower.startsWith(`${WEB_PATH}/_api/`)) return send(res, handleApi(req, url, url.pathname.slice(WEB_PATH.length + 6), body, siteUrl), extra);
          // /_api/ at the origin is the tenant's root site (rootSite.ts), a different site from /sites/procurement.
          if (lower.startsWith('/_api/')) return send(res, handleApi(req, url, url.pathname.slice(6), body, `http://${host}`, true), extra);
          // Microsoft Graph (graph.ts): /v1.0/me/sendMail and its testing switch, as the same caller as the REST API.
          if (lower.startsWith('/v1.0/') || lower === '/_local/graph') {
            const graphClock = req.headers['x-local-seed'] === '1' && typeof req.headers['x-local-clock'] === 'string' ? Date.parse(req.headers['x-local-clock']) : NaN;
            return send(res, atClock(Number.isFinite(graphClock) ? graphClock : undefined, () => graph.handle(req.method ?? 'GET', url, body, (req.headers['x-local-user'] as string | undefined) ?? cookie(req, 'localUser'))), extra);
          }
          if (lower.startsWith('/_local/')) return send(res, handleLocal(req, url, body, siteUrl), extra);
          const m = attachmentPath.exec(url.pathname);
          if (m && req.method === 'GET') return send(res, handleAttachment(req, url, siteUrl, m), extra);
          // A document library's file, at its own URL (/sites/procurement/<Library>/<name>).
          if (req.method === 'GET' && lower.startsWith(`${WEB_PATH.toLowerCase()}/`)) {
            let inLibrary: ReturnType<typeof libraryOf>;
            try {
              inLibrary = libraryOf({ store } as Ctx, url.pathname);
            } catch {
              inLibrary = undefined;
            }
            if (inLibrary?.rest && !inLibrary.rest.includes('/')) {
              const { list, rest } = inLibrary;
              return send(res, handleFile(req, url, siteUrl, (ctx) => libraryFile(ctx, list, rest)), extra);
            }
          }
          if (lower === `${WEB_PATH}/_api` || lower === '/_api') return send(res, errorResponse(errors.noResource(url.pathname)), extra);
          if (options.staticDir && (req.method === 'GET' || req.method === 'HEAD') && serveStatic(options.staticDir, url.pathname, req, res, extra, pageContext)) return;
          send(res, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' }, body: 'Not found' }, extra);
        } catch (err) {
          if (!res.headersSent) send(res, errorResponse(err), extra);
          else res.destroy();
        }
      },
      (err: unknown) => {
        if (!res.headersSent) send(res, errorResponse(err), extra);
      }
    );
  };

  // Nothing one request does may escape as an exception: in-process, that would stop the launcher too.
  const server = createServer((req, res) => {
    const extra: Record<string, string> = { SPRequestGuid: randomUUID(), 'X-SharePointHealthScore': '0' };
    try {
      onRequest(req, res, extra);
    } catch (err) {
      if (!res.headersSent) send(res, errorResponse(err), extra);
      else res.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  // Also answer on IPv6 loopback (browsers may resolve localhost to ::1); best effort.
  const servers: Server[] = [server];
  const v6 = createServer(server.listeners('request')[0] as (req: IncomingMessage, res: ServerResponse) => void);
  await new Promise<void>((resolve) => {
    v6.once('error', () => resolve());
    v6.listen(port, '::1', () => {
      servers.push(v6);
      resolve();
    });
  });

  const url = `http://localhost:${port}`;
  return {
    url,
    siteUrl: `${url}${WEB_PATH}`,
    port,
    markReady: () => {
      ready = true;
    },
    isReady: () => ready,
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              (s as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
            })
        )
      );
      store.close();
    },
  };
}

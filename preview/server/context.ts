/**
 * What every REST handler gets (the caller, the parsed request) and gives back (status, headers, body).
 * A $batch part is turned into the same ApiRequest, so parts follow exactly the same rules.
 */
import { DirectoryPerson } from './directory';
import { errors } from './errors';
import { Entity, project, QueryOptions } from './odataQuery';
import { Security } from './security';
import { Store, UserRecord } from './store';

export interface ApiRequest {
  /** Effective method: X-HTTP-Method (MERGE, DELETE, PUT) wins over POST. */
  method: string;
  /** Path below /_api/, still percent-encoded. */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names. */
  headers: Record<string, string>;
  body: Buffer;
  /** Absolute site URL as the client addressed it, e.g. http://localhost:4321/sites/procurement. */
  siteUrl: string;
  inBatch: boolean;
  /** Addressed to the tenant's root site (/_api/...), not the procurement site; siteUrl is then the origin. */
  root?: boolean;
}

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body?: string | Buffer;
}

export interface Ctx {
  req: ApiRequest;
  store: Store;
  security: Security;
  person: DirectoryPerson;
  /** The caller as a site user, when they are one. */
  user?: UserRecord;
  options: QueryOptions;
  /** Runs another request (a $batch part) as the same caller. */
  dispatch(req: ApiRequest): ApiResponse;
  issueDigest(): { value: string; timeoutSeconds: number };
}

export const JSON_TYPE = 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8';

export function json(status: number, value: unknown, headers: Record<string, string> = {}): ApiResponse {
  return { status, headers: { 'Content-Type': JSON_TYPE, ...headers }, body: JSON.stringify(value) };
}

export function noContent(headers: Record<string, string> = {}): ApiResponse {
  return { status: 204, headers };
}

/** One entity in minimal metadata: odata.metadata plus the projected properties. */
export function entityResponse(ctx: Ctx, entity: Entity, typeName: string, status = 200, headers: Record<string, string> = {}): ApiResponse {
  const body = { 'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#${typeName}/@Element`, ...project(entity, ctx.options.select, ctx.options.expand) };
  return json(status, body, headers);
}

export function collectionResponse(ctx: Ctx, entities: Entity[], typeName: string, extra: Record<string, unknown> = {}): ApiResponse {
  const value = entities.map((e) => project(e, ctx.options.select, ctx.options.expand));
  return json(200, { 'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#${typeName}`, value, ...extra });
}

export function valueResponse(ctx: Ctx, value: unknown, typeName = 'Edm.String'): ApiResponse {
  return json(200, { 'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#${typeName}`, value });
}

/** Body of a POST/MERGE as a JSON object (verbose-mode __metadata is ignored, as SharePoint accepts both). */
export function jsonBody(ctx: Ctx): Record<string, unknown> {
  const text = ctx.req.body.toString('utf8').trim();
  if (text === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw errors.badQuery('Invalid JSON. A token was not recognized in the JSON content.');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.badQuery('The request body must be a JSON object.');
  const obj = { ...(parsed as Record<string, unknown>) };
  delete obj.__metadata;
  return obj;
}

export function requireMethod(ctx: Ctx, ...methods: string[]): string {
  if (!methods.includes(ctx.req.method)) throw errors.methodNotAllowed(ctx.req.method, ctx.req.path);
  return ctx.req.method;
}

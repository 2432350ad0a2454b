/**
 * POST _api/$batch: the OData multipart/mixed format PnPjs's sp.batched() sends (GETs at top level,
 * writes inside changesets) and the flat list of "--batchresponse_" parts it parses back. Each part
 * runs as its own request for the same caller (the parts carry no X-RequestDigest of their own; the
 * envelope's digest covers them), and a failing part reports its error in its own response.
 */
import { randomUUID } from 'crypto';
import { ApiRequest, ApiResponse, Ctx, requireMethod } from './context';
import { errors } from './errors';
import { WEB_PATH } from './site';

interface HttpPart {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
}

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  412: 'Precondition Failed',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function boundaryOf(contentType: string | undefined): string | undefined {
  const m = /boundary="?([^";]+)"?/i.exec(contentType ?? '');
  return m ? m[1].trim() : undefined;
}

/** Splits a multipart body into its parts (without the delimiter lines). */
function splitMultipart(lines: string[], boundary: string): string[][] {
  const parts: string[][] = [];
  let current: string[] | undefined;
  for (const line of lines) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) {
      if (current) parts.push(current);
      return parts;
    }
    if (trimmed === `--${boundary}`) {
      if (current) parts.push(current);
      current = [];
      continue;
    }
    current?.push(line);
  }
  throw errors.badQuery(`The batch body is not complete: the closing delimiter --${boundary}-- is missing.`);
}

function readHeaders(lines: string[], start: number): [Record<string, string>, number] {
  const headers: Record<string, string> = {};
  let i = start;
  for (; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') return [headers, i + 1];
    const colon = line.indexOf(':');
    if (colon < 1) throw errors.badQuery(`The batch part header '${line}' is not valid.`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return [headers, i];
}

function parseHttpPart(lines: string[]): HttpPart {
  const [, afterMime] = readHeaders(lines, 0);
  let i = afterMime;
  while (i < lines.length && lines[i].trim() === '') i++;
  const requestLine = /^([A-Z]+)\s+(\S+)\s+HTTP\/1\.[01]$/i.exec((lines[i] ?? '').trim());
  if (!requestLine) throw errors.badQuery(`The batch part request line '${(lines[i] ?? '').trim()}' is not valid.`);
  const [headers, bodyStart] = readHeaders(lines, i + 1);
  const body = lines.slice(bodyStart).join('\n').replace(/\s+$/, '');
  return { method: requestLine[1].toUpperCase(), url: requestLine[2], headers, body };
}

export function parseBatch(body: string, contentType: string | undefined): HttpPart[] {
  const boundary = boundaryOf(contentType);
  if (!boundary || !/multipart\/mixed/i.test(contentType ?? '')) throw errors.badQuery('A $batch request must have Content-Type multipart/mixed with a boundary.');
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  const requests: HttpPart[] = [];
  for (const part of splitMultipart(lines, boundary)) {
    const [mime, start] = readHeaders(part, 0);
    const inner = boundaryOf(mime['content-type']);
    if (/multipart\/mixed/i.test(mime['content-type'] ?? '') && inner) {
      for (const change of splitMultipart(part.slice(start), inner)) requests.push(parseHttpPart(change));
    } else requests.push(parseHttpPart(part));
  }
  return requests;
}

function toApiRequest(ctx: Ctx, part: HttpPart): ApiRequest | ApiResponse {
  let url: URL;
  try {
    url = new URL(part.url, `${ctx.req.siteUrl}/`);
  } catch {
    return { status: 400, headers: {}, body: '' };
  }
  const lower = url.pathname.toLowerCase();
  // A root-site batch runs its parts on the root site only; the procurement site's also accepts /_api/ (as before).
  const prefixes = ctx.req.root ? ['/_api/'] : [`${WEB_PATH}/_api/`.toLowerCase(), '/_api/'];
  const prefix = prefixes.find((p) => lower.startsWith(p));
  if (!prefix) return errorPart(errors.noResource(url.pathname));
  const path = url.pathname.slice(prefix.length);
  if (/^\$batch/i.test(path)) return errorPart(errors.badQuery('A $batch request cannot contain another $batch request.'));
  const method = (part.headers['x-http-method'] ?? part.method).toUpperCase();
  return {
    method,
    path,
    query: url.searchParams,
    headers: part.headers,
    body: Buffer.from(part.body, 'utf8'),
    siteUrl: ctx.req.siteUrl,
    inBatch: true,
    root: ctx.req.root,
  };
}

function errorPart(err: { status: number; code: string; message: string }): ApiResponse {
  return {
    status: err.status,
    headers: { 'Content-Type': 'application/json;odata=minimalmetadata;streaming=true;charset=utf-8' },
    body: JSON.stringify({ 'odata.error': { code: err.code, message: { lang: 'en-US', value: err.message } } }),
  };
}

/** PnPjs reads part headers by splitting on ":", so only headers without one in their value are sent. */
function partHeaders(res: ApiResponse): string {
  const lines: string[] = [];
  for (const [name, value] of Object.entries(res.headers)) {
    if (!value.includes(':') && !/^content-length$/i.test(name)) lines.push(`${name.toUpperCase() === 'CONTENT-TYPE' ? 'CONTENT-TYPE' : name}: ${value}\r\n`);
  }
  return lines.join('');
}

export function batchRoute(ctx: Ctx): ApiResponse {
  requireMethod(ctx, 'POST');
  if (ctx.req.inBatch) throw errors.badQuery('A $batch request cannot contain another $batch request.');
  const parts = parseBatch(ctx.req.body.toString('utf8'), ctx.req.headers['content-type']);
  const id = randomUUID();
  const out: string[] = [];
  for (const part of parts) {
    const req = toApiRequest(ctx, part);
    const res = 'status' in req ? req : ctx.dispatch(req);
    const body = res.body === undefined ? '' : typeof res.body === 'string' ? res.body : res.body.toString('utf8');
    out.push(`--batchresponse_${id}\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n`);
    out.push(`HTTP/1.1 ${res.status} ${STATUS_TEXT[res.status] ?? 'Unknown'}\r\n${partHeaders(res)}\r\n`);
    if (res.status !== 204 && body !== '') out.push(`${body}\r\n`);
  }
  out.push(`--batchresponse_${id}--\r\n`);
  return { status: 200, headers: { 'Content-Type': `multipart/mixed; boundary=batchresponse_${id}` }, body: out.join('') };
}

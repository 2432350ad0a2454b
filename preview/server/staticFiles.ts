/**
 * Serves the preview page's files from one folder: index.html for "/", content types by extension,
 * no directory listings and nothing outside the folder (path traversal is refused).
 */
import { createReadStream, readFileSync, statSync } from 'fs';
import { IncomingMessage, ServerResponse } from 'http';
import { extname, join, resolve, sep } from 'path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.eot': 'application/vnd.ms-fontobject',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** A file whose name carries a hash of its content (esbuild's chunk and entry names: "-" and 8 characters). */
const HASHED = /-[A-Z0-9]{8}\.(js|css|woff2?)$/;

/** Answers the request from the folder and returns true, or returns false when there is no such file. */
export function serveStatic(
  root: string,
  pathname: string,
  req: IncomingMessage,
  res: ServerResponse,
  extra: Record<string, string>,
  /** Fills in the page (index.html) as it is sent: the page context a SharePoint page carries. */
  page?: (html: string) => string
): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  if (decoded.includes('\0')) return false;
  const base = resolve(root);
  const relative = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const file = resolve(join(base, relative));
  if (file !== base && !file.startsWith(base + sep)) return false;
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) return false;
    size = stat.size;
  } catch {
    return false;
  }
  if (page && relative === 'index.html') {
    const html = Buffer.from(page(readFileSync(file, 'utf8')), 'utf8');
    res.writeHead(200, { ...extra, 'Content-Type': TYPES['.html'], 'Content-Length': String(html.length), 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
    res.end(req.method === 'HEAD' ? undefined : html);
    return true;
  }
  res.writeHead(200, {
    ...extra,
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(size),
    // Bundles named by their content (esbuild's chunk-XXXXXXXX.js, as SPFx's are on the CDN) never change:
    // the browser keeps them. Everything else (the page, preview.js) is checked each time.
    'Cache-Control': HASHED.test(relative) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  createReadStream(file).pipe(res);
  return true;
}

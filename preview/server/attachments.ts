/**
 * Item attachments: AttachmentFiles, add(FileName='x'), ('x')/$value, delete / recycleObject, and the
 * file itself at /sites/procurement/Lists/<List>/Attachments/<id>/<name>. Content is kept in SQLite.
 * Each change updates the item (Attachments flag, Modified, a new version), as in SharePoint. Reads
 * and changes are checked on the item's scope (its own when it has unique permissions), and content
 * is always served as a download.
 */
import { ApiResponse, collectionResponse, Ctx, entityResponse, requireMethod } from './context';
import { errors, SpError } from './errors';
import { Entity } from './odataQuery';
import { Segment, stringArg } from './odataPath';
import { PermissionKind } from './permissions';
import { WEB_PATH } from './site';
import { ItemRecord, ListRecord } from './store';

export function attachmentEntity(ctx: Ctx, list: ListRecord, itemId: number, name: string): Entity {
  const url = `${WEB_PATH}/${list.url}/Attachments/${itemId}/${name}`;
  return {
    meta: {
      'odata.type': 'SP.Attachment',
      'odata.id': `${ctx.req.siteUrl}/_api/Web/Lists(guid'${list.id}')/Items(${itemId})/AttachmentFiles('${name.replace(/'/g, "''")}')`,
    },
    props: { FileName: name, FileNameAsPath: { DecodedUrl: name }, ServerRelativePath: { DecodedUrl: url }, ServerRelativeUrl: url },
  };
}

const INVALID_FILE_CHARS = /["*:<>?/\\|#%]/;

export function contentTypeFor(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const types: Record<string, string> = {
    txt: 'text/plain; charset=utf-8',
    csv: 'text/csv; charset=utf-8',
    json: 'application/json',
    pdf: 'application/pdf',
    png: 'image/png',
    jpg: 'image/jpeg',
    jpeg: 'image/jpeg',
    gif: 'image/gif',
    svg: 'image/svg+xml',
    html: 'text/html; charset=utf-8',
    htm: 'text/html; charset=utf-8',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    zip: 'application/zip',
  };
  return types[ext] ?? 'application/octet-stream';
}

export function attachmentsRoute(ctx: Ctx, list: ListRecord, item: ItemRecord, seg: Segment, rest: Segment[]): ApiResponse {
  if (!list.attachments) throw errors.badArgument('Attachments are not enabled on this list.');
  const findName = (name: string): string => {
    const found = item.attachments.find((n) => n.toLowerCase() === name.toLowerCase());
    if (!found) throw new SpError(404, '-2130575338, Microsoft.SharePoint.SPException', `The file or folder name '${name}' does not exist.`);
    return found;
  };
  const one = (name: string, more: Segment[]): ApiResponse => {
    const file = findName(name);
    const method = ctx.req.method;
    if (more.length === 0) {
      requireMethod(ctx, 'GET', 'DELETE');
      if (method === 'GET') {
        ctx.security.require(ctx.user, PermissionKind.ViewListItems, list, item);
        return entityResponse(ctx, attachmentEntity(ctx, list, item.id, file), 'SP.Attachment');
      }
      return removeAttachment(ctx, list, item, file);
    }
    const [sub] = more;
    if (sub.lower === '$value') {
      requireMethod(ctx, 'GET', 'PUT', 'POST');
      if (method === 'GET') {
        ctx.security.require(ctx.user, PermissionKind.ViewListItems, list, item);
        const content = ctx.store.attachmentContent(list, item.id, file) ?? Buffer.alloc(0);
        return { status: 200, headers: downloadHeaders(file), body: content };
      }
      ctx.security.require(ctx.user, PermissionKind.EditListItems, list, item);
      ctx.store.saveAttachment(list, item.id, file, ctx.req.body);
      ctx.store.updateItem(list, item, {}, ctx.user!.id);
      return { status: 204, headers: {} };
    }
    if (sub.lower === 'recycleobject') {
      requireMethod(ctx, 'POST', 'DELETE');
      return removeAttachment(ctx, list, item, file);
    }
    throw errors.noResource(ctx.req.path);
  };
  if (seg.args) return one(stringArg(seg), rest);
  if (rest.length === 0) {
    requireMethod(ctx, 'GET');
    ctx.security.require(ctx.user, PermissionKind.ViewListItems, list, item);
    return collectionResponse(
      ctx,
      item.attachments.map((n) => attachmentEntity(ctx, list, item.id, n)),
      'SP.ApiData.Attachments'
    );
  }
  const [op, ...more] = rest;
  if (op.lower === 'add' || op.lower === 'addusingpath') {
    requireMethod(ctx, 'POST');
    ctx.security.require(ctx.user, PermissionKind.EditListItems, list, item);
    const name = (op.lower === 'add' ? stringArg(op, 'FileName') : stringArg(op, 'DecodedUrl')).trim();
    if (!name || INVALID_FILE_CHARS.test(name) || name.length > 128 || name.startsWith('.') || name.endsWith('.')) {
      throw errors.badArgument(`The file name '${name}' is not valid. File names cannot contain " * : < > ? / \\ | # % or start or end with a period.`);
    }
    if (item.attachments.some((n) => n.toLowerCase() === name.toLowerCase())) {
      throw new SpError(400, '-2130575257, Microsoft.SharePoint.SPException', `A file with the name '${name}' already exists. It was last modified by someone else.`);
    }
    ctx.store.saveAttachment(list, item.id, name, ctx.req.body);
    ctx.store.updateItem(list, item, { attachments: [...item.attachments, name] }, ctx.user!.id);
    return entityResponse(ctx, attachmentEntity(ctx, list, item.id, name), 'SP.Attachment');
  }
  if (op.lower === 'getbyfilename' || op.lower === 'getbyfilenameaspath') return one(stringArg(op), more);
  throw errors.noResource(ctx.req.path);
}

function removeAttachment(ctx: Ctx, list: ListRecord, item: ItemRecord, file: string): ApiResponse {
  ctx.security.require(ctx.user, PermissionKind.EditListItems, list, item);
  ctx.store.removeAttachment(list, item.id, file);
  ctx.store.updateItem(list, item, { attachments: item.attachments.filter((n) => n !== file) }, ctx.user!.id);
  return { status: 200, headers: { 'Content-Length': '0' }, body: '' };
}

/**
 * Headers for an attachment's content. SharePoint serves list attachments as downloads (Content-Disposition:
 * attachment, nosniff, X-Download-Options: noopen), so an uploaded .html or .svg never runs as a page on
 * the site's origin. The file name goes in filename= (ASCII) and, when it has other characters, in
 * filename* as RFC 5987 UTF-8.
 */
export function downloadHeaders(name: string, length?: number): Record<string, string> {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const disposition = ascii === name ? `attachment; filename="${name}"` : `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
  const headers: Record<string, string> = {
    'Content-Type': contentTypeFor(name),
    'Content-Disposition': disposition,
    'X-Content-Type-Options': 'nosniff',
    'X-Download-Options': 'noopen',
  };
  if (length !== undefined) headers['Content-Length'] = String(length);
  return headers;
}

/**
 * GET /sites/procurement/Lists/<List>/Attachments/<id>/<name>: the file itself, permission-checked on
 * the item (its own scope when it has unique permissions).
 */
export function attachmentFile(ctx: Ctx, list: ListRecord, itemId: number, name: string): ApiResponse {
  ctx.security.requireListRead(ctx.user, list);
  const item = list.items.get(itemId);
  // Also an item that item-level read security hides from the caller (ReadSecurity 2).
  if (item && !ctx.security.canViewItem(ctx.user, list, item)) throw errors.accessDenied();
  const file = item?.attachments.find((n) => n === name);
  const content = file ? ctx.store.attachmentContent(list, itemId, file) : undefined;
  if (!item || !file || !content) throw new SpError(404, '-2130575338, Microsoft.SharePoint.SPException', 'File Not Found.');
  return { status: 200, headers: downloadHeaders(file, content.length), body: content };
}

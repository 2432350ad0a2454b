/**
 * Document libraries: a library's items are files. The REST calls PnPjs makes for them: a library's
 * rootFolder and its files (GET, AddUsingPath with Overwrite, files('name')), a file (GET, DELETE,
 * $value, ListItemAllFields, versions and a version's $value), web/getFileByServerRelativePath and
 * getFolderByServerRelativePath, and the file's own URL (/sites/procurement/<Library>/<name>), served as
 * a download. Each upload over an existing file is a new version of its item, and the content of every
 * version is kept, as in a versioned SharePoint library. Permissions are the item's (its own scope when
 * it has unique permissions): reading needs ViewListItems, a new file AddListItems on the library,
 * replacing one EditListItems on it; a file the caller cannot see does not exist for them.
 */
import { downloadHeaders } from './attachments';
import { ApiResponse, collectionResponse, Ctx, entityResponse, requireMethod, valueResponse } from './context';
import { errors, SpError } from './errors';
import { itemEntity, etagOf, userLookupEntity } from './itemEntity';
import { defaultValue } from './items';
import { Entity } from './odataQuery';
import { boolArg, intArg, Segment, stringArg } from './odataPath';
import { PermissionKind } from './permissions';
import { WEB_PATH } from './site';
import { FieldValue, ItemRecord, ListRecord } from './store';

const INVALID_FILE_CHARS = /["*:<>?/\\|#%]/;

export function fileServerRelativeUrl(list: ListRecord, name: string): string {
  return `${WEB_PATH}/${list.url}/${name}`;
}

function fileNotFound(): SpError {
  return new SpError(404, '-2130575338, Microsoft.SharePoint.SPException', 'File Not Found.');
}

/** The library whose folder holds a server-relative URL (the library's own URL, or a file in it), and the rest. */
export function libraryOf(ctx: Ctx, serverRelativeUrl: string): { list: ListRecord; rest: string } | undefined {
  const url = decodeURIComponent(serverRelativeUrl).replace(/\/+$/, '');
  for (const list of ctx.store.lists.values()) {
    if (!list.library) continue;
    const root = `${WEB_PATH}/${list.url}`.toLowerCase();
    const lower = url.toLowerCase();
    if (lower === root) return { list, rest: '' };
    if (lower.startsWith(`${root}/`)) return { list, rest: url.slice(root.length + 1) };
  }
  return undefined;
}

function findFile(ctx: Ctx, list: ListRecord, name: string): ItemRecord | undefined {
  const key = name.toLowerCase();
  for (const item of list.items.values()) if (item.fileName?.toLowerCase() === key) return item;
  return undefined;
}

/** A file the caller may read, or File Not Found (security trimmed, as SharePoint answers). */
function readableFile(ctx: Ctx, list: ListRecord, name: string): ItemRecord {
  ctx.security.requireListRead(ctx.user, list);
  const item = findFile(ctx, list, name);
  if (!item || !ctx.security.canViewItem(ctx.user, list, item)) throw fileNotFound();
  return item;
}

export function fileEntity(ctx: Ctx, list: ListRecord, item: ItemRecord): Entity {
  const url = fileServerRelativeUrl(list, item.fileName ?? '');
  const content = ctx.store.fileContent(list, item.id);
  const path = `Web/GetFileByServerRelativePath(decodedurl='${url.replace(/'/g, "''")}')`;
  return {
    meta: { 'odata.type': 'SP.File', 'odata.id': `${ctx.req.siteUrl}/_api/${path}`, 'odata.editLink': path },
    props: {
      CheckInComment: '',
      CheckOutType: 2,
      ContentTag: `{${item.guid.toUpperCase()}},${item.version},${item.version}`,
      ETag: `"{${item.guid.toUpperCase()}},${item.version}"`,
      Exists: true,
      Length: String(content?.length ?? 0),
      Level: 1,
      MajorVersion: item.version,
      MinorVersion: 0,
      Name: item.fileName,
      ServerRelativeUrl: url,
      TimeCreated: item.created,
      TimeLastModified: item.modified,
      Title: item.values.Title ?? null,
      UIVersion: item.version * 512,
      UIVersionLabel: `${item.version}.0`,
      UniqueId: item.guid,
    },
    nav: {
      ListItemAllFields: () => itemEntity(ctx, list, item),
      Author: () => userLookupEntity(ctx, item.authorId),
      ModifiedBy: () => userLookupEntity(ctx, item.editorId),
    },
  };
}

/** Earlier versions of a file (SharePoint lists the current one as the file itself, not here), oldest first. */
function fileVersions(ctx: Ctx, list: ListRecord, item: ItemRecord): Entity[] {
  return ctx.store
    .versions(list, item.id)
    .filter((v) => v.version !== item.version)
    .reverse()
    .map((v) => {
      const size = ctx.store.fileContent(list, item.id, v.version)?.length ?? 0;
      const editor = ctx.store.users.get(v.editorId);
      return {
        meta: { 'odata.type': 'SP.FileVersion', 'odata.id': `${ctx.req.siteUrl}/_api/Web/GetFileByServerRelativePath(decodedurl='${fileServerRelativeUrl(list, item.fileName ?? '')}')/Versions(${v.version * 512})` },
        props: {
          CheckInComment: '',
          Created: v.modified,
          ID: v.version * 512,
          IsCurrentVersion: false,
          Length: String(size),
          Size: size,
          Url: `_vti_history/${v.version * 512}/${list.url}/${item.fileName}`,
          VersionLabel: `${v.version}.0`,
        },
        nav: { CreatedBy: () => (editor ? { meta: { 'odata.type': 'SP.User' }, props: { Id: editor.id, Title: editor.title, LoginName: editor.loginName, Email: editor.email } } : null) },
      };
    });
}

/** One file: its properties, content, list item and versions; DELETE and recycle. */
function fileRoute(ctx: Ctx, list: ListRecord, name: string, rest: Segment[]): ApiResponse {
  const item = readableFile(ctx, list, name);
  if (rest.length === 0) {
    const method = requireMethod(ctx, 'GET', 'DELETE');
    if (method === 'DELETE') {
      ctx.security.require(ctx.user, PermissionKind.DeleteListItems, list, item);
      ctx.store.deleteItem(list, item.id);
      return { status: 200, headers: { 'Content-Length': '0' }, body: '' };
    }
    return entityResponse(ctx, fileEntity(ctx, list, item), 'SP.File');
  }
  const [seg, ...more] = rest;
  switch (seg.lower) {
    case '$value': {
      const method = requireMethod(ctx, 'GET', 'PUT', 'POST');
      if (method === 'GET') {
        const content = ctx.store.fileContent(list, item.id) ?? Buffer.alloc(0);
        return { status: 200, headers: downloadHeaders(item.fileName ?? 'file', content.length), body: content };
      }
      const next = replaceContent(ctx, list, item);
      return { status: 204, headers: { ETag: etagOf(next) } };
    }
    case 'listitemallfields': {
      requireMethod(ctx, 'GET');
      if (more.length > 0) throw errors.noResource(ctx.req.path);
      return entityResponse(ctx, itemEntity(ctx, list, item), `SP.Data.${list.url.split('/').pop()}Item`, 200, { ETag: etagOf(item) });
    }
    case 'versions': {
      requireMethod(ctx, 'GET');
      ctx.security.require(ctx.user, PermissionKind.ViewVersions, list, item);
      const versions = fileVersions(ctx, list, item);
      const versionId = seg.args ? intArg(seg) : more[0]?.lower === 'getbyid' ? intArg(more[0]) : undefined;
      if (versionId === undefined) {
        if (more.length > 0) throw errors.noResource(ctx.req.path);
        return collectionResponse(ctx, versions, 'SP.ApiData.FileVersions');
      }
      const found = versions.find((v) => v.props.ID === versionId);
      if (!found) throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Version does not exist. It may have been deleted by another user.');
      const after = seg.args ? more : more.slice(1);
      if (after.length === 0) return entityResponse(ctx, found, 'SP.FileVersion');
      if (after[0].lower === '$value') {
        const content = ctx.store.fileContent(list, item.id, versionId / 512) ?? Buffer.alloc(0);
        return { status: 200, headers: downloadHeaders(item.fileName ?? 'file', content.length), body: content };
      }
      throw errors.noResource(ctx.req.path);
    }
    case 'recycle': {
      requireMethod(ctx, 'POST');
      ctx.security.require(ctx.user, PermissionKind.DeleteListItems, list, item);
      ctx.store.deleteItem(list, item.id);
      return valueResponse(ctx, item.guid, 'Edm.Guid');
    }
    default: {
      requireMethod(ctx, 'GET');
      const entity = fileEntity(ctx, list, item);
      const key = Object.keys(entity.props).find((k) => k.toLowerCase() === seg.lower);
      if (key && more.length === 0 && !seg.args) return valueResponse(ctx, entity.props[key]);
      throw errors.noResource(ctx.req.path);
    }
  }
}

/** New content for an existing file: a new version of its item, with the content kept under that version. */
function replaceContent(ctx: Ctx, list: ListRecord, item: ItemRecord): ItemRecord {
  ctx.security.require(ctx.user, PermissionKind.EditListItems, list, item);
  const next = ctx.store.updateItem(list, item, {}, ctx.user!.id);
  ctx.store.saveFileContent(list, item.id, next.version, ctx.req.body);
  return next;
}

/** files/AddUsingPath(DecodedUrl='name',Overwrite=true) and files/add(url='name',overwrite=true). */
function addFile(ctx: Ctx, list: ListRecord, op: Segment): ApiResponse {
  requireMethod(ctx, 'POST');
  const name = (op.lower === 'add' ? stringArg(op, 'url') : stringArg(op, 'DecodedUrl')).trim();
  const overwrite = boolArg(op, 'Overwrite', false);
  if (!name || INVALID_FILE_CHARS.test(name) || name.length > 400 || name.startsWith('.') || name.endsWith('.')) {
    throw errors.badArgument(`The file name '${name}' is not valid. File names cannot contain " * : < > ? / \\ | # % or start or end with a period.`);
  }
  ctx.security.requireListRead(ctx.user, list);
  const existing = findFile(ctx, list, name);
  if (existing) {
    if (!overwrite) {
      throw new SpError(400, '-2130575257, Microsoft.SharePoint.SPException', `A file with the name '${list.url}/${existing.fileName}' already exists. It was last modified by ${ctx.store.users.get(existing.editorId)?.title ?? 'someone'} on ${existing.modified}.`);
    }
    // Someone who cannot see the file cannot replace it either: to them it is as if it were not there,
    // and SharePoint refuses the name rather than say whose file it is.
    if (!ctx.security.canViewItem(ctx.user, list, existing)) throw errors.accessDenied();
    const next = replaceContent(ctx, list, existing);
    return entityResponse(ctx, fileEntity(ctx, list, next), 'SP.File');
  }
  ctx.security.require(ctx.user, PermissionKind.AddListItems, list);
  const values: Record<string, FieldValue> = { Title: null };
  for (const f of list.fields) values[f.internalName] = defaultValue(f);
  const item = ctx.store.addItem(list, values, ctx.user!.id, name);
  ctx.store.saveFileContent(list, item.id, item.version, ctx.req.body);
  return entityResponse(ctx, fileEntity(ctx, list, item), 'SP.File');
}

function folderEntity(ctx: Ctx, list: ListRecord): Entity {
  const url = `${WEB_PATH}/${list.url}`;
  return {
    meta: { 'odata.type': 'SP.Folder', 'odata.id': `${ctx.req.siteUrl}/_api/Web/GetFolderByServerRelativePath(decodedurl='${url}')`, 'odata.editLink': `Web/GetFolderByServerRelativePath(decodedurl='${url}')` },
    props: { Exists: true, IsWOPIEnabled: false, ItemCount: list.items.size, Name: list.url.split('/').pop(), ServerRelativeUrl: url, TimeCreated: list.created, TimeLastModified: list.lastItemModified, UniqueId: list.id },
  };
}

/** A library's root folder: its properties and files. */
export function libraryFolderRoute(ctx: Ctx, list: ListRecord, rest: Segment[]): ApiResponse {
  if (!list.library) throw errors.noResource(ctx.req.path);
  if (rest.length === 0) {
    requireMethod(ctx, 'GET');
    ctx.security.requireListRead(ctx.user, list);
    return entityResponse(ctx, folderEntity(ctx, list), 'SP.Folder');
  }
  const [seg, ...more] = rest;
  if (seg.lower !== 'files') {
    requireMethod(ctx, 'GET');
    ctx.security.requireListRead(ctx.user, list);
    const entity = folderEntity(ctx, list);
    const key = Object.keys(entity.props).find((k) => k.toLowerCase() === seg.lower);
    if (key && more.length === 0 && !seg.args) return valueResponse(ctx, entity.props[key]);
    throw errors.noResource(ctx.req.path);
  }
  if (seg.args) return fileRoute(ctx, list, stringArg(seg), more);
  if (more.length === 0) {
    requireMethod(ctx, 'GET');
    ctx.security.requireListRead(ctx.user, list);
    const visible = ctx.security.itemVisibility(ctx.user, list);
    const files = [...list.items.values()].filter((i) => i.fileName && visible(i)).map((i) => fileEntity(ctx, list, i));
    return collectionResponse(ctx, files, 'SP.ApiData.Files12');
  }
  const [op, ...after] = more;
  if ((op.lower === 'addusingpath' || op.lower === 'add') && after.length === 0) return addFile(ctx, list, op);
  if (op.lower === 'getbyurl' || op.lower === 'getbyname') return fileRoute(ctx, list, stringArg(op), after);
  throw errors.noResource(ctx.req.path);
}

/** web/getFileByServerRelativePath(decodedurl='...') and web/getFileByServerRelativeUrl('...'). */
export function webFileRoute(ctx: Ctx, seg: Segment, rest: Segment[]): ApiResponse {
  const url = seg.lower === 'getfilebyserverrelativepath' ? stringArg(seg, 'decodedurl') : stringArg(seg);
  const found = libraryOf(ctx, url);
  if (!found || !found.rest || found.rest.includes('/')) throw fileNotFound();
  return fileRoute(ctx, found.list, found.rest, rest);
}

/** web/getFolderByServerRelativePath(decodedurl='...') and web/getFolderByServerRelativeUrl('...'): a library's root folder. */
export function webFolderRoute(ctx: Ctx, seg: Segment, rest: Segment[]): ApiResponse {
  const url = seg.lower === 'getfolderbyserverrelativepath' ? stringArg(seg, 'decodedurl') : stringArg(seg);
  const found = libraryOf(ctx, url);
  if (!found || found.rest) throw fileNotFound();
  return libraryFolderRoute(ctx, found.list, rest);
}

/** GET of a library file's own URL: its content as a download, for whoever may read the file. */
export function libraryFile(ctx: Ctx, list: ListRecord, name: string): ApiResponse {
  const item = readableFile(ctx, list, name);
  const content = ctx.store.fileContent(list, item.id);
  if (!content) throw fileNotFound();
  return { status: 200, headers: downloadHeaders(item.fileName ?? name, content.length), body: content };
}

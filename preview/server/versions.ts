/**
 * Version history (items(n)/versions): every change an item went through, newest first, with the
 * version label, time, editor and the values as they were. The product's audit trail.
 */
import { ApiResponse, collectionResponse, Ctx, entityResponse, requireMethod } from './context';
import { errors, SpError } from './errors';
import { Entity } from './odataQuery';
import { intArg, Segment } from './odataPath';
import { PermissionKind } from './permissions';
import { ItemRecord, ListRecord, VersionRecord } from './store';

function versionEntity(ctx: Ctx, list: ListRecord, itemId: number, v: VersionRecord, current: boolean): Entity {
  const lookup = (id: unknown) => {
    if (typeof id !== 'number') return null;
    const u = ctx.store.users.get(id);
    return { LookupId: id, LookupValue: u?.title ?? '', Email: u?.email ?? '' };
  };
  const props: Record<string, unknown> = {
    VersionId: v.version * 512,
    VersionLabel: `${v.version}.0`,
    IsCurrentVersion: current,
    Created: v.modified,
    ID: itemId,
    Title: v.values.Title ?? null,
  };
  for (const f of list.fields) props[f.internalName] = f.type === 'User' ? lookup(v.values[f.internalName]) : v.values[f.internalName] ?? null;
  Object.assign(props, {
    Modified: v.modified,
    Author: lookup(v.authorId),
    Editor: lookup(v.editorId),
    Attachments: v.attachments,
    OData__UIVersionString: `${v.version}.0`,
  });
  return {
    meta: { 'odata.type': 'SP.ListItemVersion', 'odata.id': `${ctx.req.siteUrl}/_api/Web/Lists(guid'${list.id}')/Items(${itemId})/Versions(${v.version * 512})` },
    props,
    nav: {
      CreatedBy: () => {
        const u = ctx.store.users.get(v.editorId);
        return u ? { meta: { 'odata.type': 'SP.User' }, props: { Id: u.id, Title: u.title, LoginName: u.loginName, Email: u.email } } : null;
      },
    },
  };
}

export function versionsRoute(ctx: Ctx, list: ListRecord, item: ItemRecord, seg: Segment, rest: Segment[]): ApiResponse {
  requireMethod(ctx, 'GET');
  ctx.security.require(ctx.user, PermissionKind.ViewVersions, list, item);
  const all = ctx.store.versions(list, item.id).map((v) => versionEntity(ctx, list, item.id, v, v.version === item.version));
  const one = (versionId: number) => {
    const found = all.find((e) => e.props.VersionId === versionId);
    if (!found) throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Version does not exist. It may have been deleted by another user.');
    return entityResponse(ctx, found, 'SP.ListItemVersion');
  };
  if (seg.args) return one(intArg(seg));
  if (rest.length === 0) {
    const top = ctx.options.top;
    return collectionResponse(ctx, top === undefined ? all : all.slice(0, top), 'SP.ApiData.ListItemVersions');
  }
  if (rest[0].lower === 'getbyid') return one(intArg(rest[0]));
  throw errors.noResource(ctx.req.path);
}

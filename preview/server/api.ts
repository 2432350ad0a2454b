/**
 * The REST router: maps /_api/... paths to handlers. Names are matched case-insensitively, as
 * SharePoint does (PnPjs sends getByTitle, the docs show getbytitle).
 */
import { ApiResponse, Ctx, entityResponse, requireMethod, valueResponse } from './context';
import { errors } from './errors';
import { getListRoute, listsRoute } from './lists';
import { Entity } from './odataQuery';
import { parsePath, Segment } from './odataPath';
import { PermissionKind, permissionsJson } from './permissions';
import { associatedGroupRoute, currentUserRoute, ensureUserRoute, siteGroupsRoute, userByIdRoute, usersCollection } from './principals';
import { effectivePermissionsRoute, inheritanceRoute, roleAssignmentsRoute, roleDefinitionsRoute, userEffectivePermissionsRoute } from './roles';
import { contextInfo, peopleManager, peoplePicker, sendEmail, shareObject } from './services';
import { WEB_PATH, WEB_TITLE, webEntityOf } from './site';
import { batchRoute } from './batch';
import { storageEntityRoute } from './storageEntities';
import { routeRootApi } from './rootSite';
import { webFileRoute, webFolderRoute } from './files';

function webEntity(ctx: Ctx): Entity {
  const site = ctx.store.site;
  return webEntityOf(ctx.req.siteUrl, site.created, {
    id: site.webId,
    path: WEB_PATH,
    title: WEB_TITLE,
    // A Teams-connected team site is made from the GROUP template.
    template: site.groupId ? 'GROUP' : 'STS',
    lastItemModified: [...ctx.store.lists.values()].reduce((m, l) => (l.lastItemModified > m ? l.lastItemModified : m), site.created),
    effectivePermissions: () => permissionsJson(ctx.security.effective(ctx.user)),
  });
}

function webRoute(ctx: Ctx, rest: Segment[]): ApiResponse {
  if (rest.length === 0) {
    requireMethod(ctx, 'GET');
    ctx.security.require(ctx.user, PermissionKind.Open);
    return entityResponse(ctx, webEntity(ctx), 'SP.Web');
  }
  const [seg, ...more] = rest;
  switch (seg.lower) {
    case 'currentuser':
      return currentUserRoute(ctx, more);
    case 'siteusers':
      return usersCollection(ctx, seg, more);
    case 'getuserbyid':
      return userByIdRoute(ctx, seg, more);
    case 'ensureuser':
      return ensureUserRoute(ctx);
    case 'sitegroups':
      return siteGroupsRoute(ctx, seg, more);
    case 'associatedownergroup':
      return associatedGroupRoute(ctx, 'owners', more);
    case 'associatedmembergroup':
      return associatedGroupRoute(ctx, 'members', more);
    case 'associatedvisitorgroup':
      return associatedGroupRoute(ctx, 'visitors', more);
    case 'roledefinitions':
      return roleDefinitionsRoute(ctx, seg, more);
    case 'roleassignments':
      return roleAssignmentsRoute(ctx, seg, more);
    case 'breakroleinheritance':
    case 'resetroleinheritance':
      return inheritanceRoute(ctx, seg, undefined);
    case 'effectivebasepermissions':
      return effectivePermissionsRoute(ctx);
    case 'getusereffectivepermissions':
      return userEffectivePermissionsRoute(ctx, seg);
    case 'lists':
      return listsRoute(ctx, seg, more);
    case 'getlist':
      return getListRoute(ctx, seg, more);
    case 'getstorageentity':
      return storageEntityRoute(ctx, seg, more);
    case 'getfilebyserverrelativepath':
    case 'getfilebyserverrelativeurl':
      return webFileRoute(ctx, seg, more);
    case 'getfolderbyserverrelativepath':
    case 'getfolderbyserverrelativeurl':
      return webFolderRoute(ctx, seg, more);
    default: {
      // A single web property, e.g. web/Title.
      requireMethod(ctx, 'GET');
      ctx.security.require(ctx.user, PermissionKind.Open);
      const entity = webEntity(ctx);
      if (more.length === 0 && !seg.args) {
        const key = Object.keys(entity.props).find((k) => k.toLowerCase() === seg.lower);
        if (key) return valueResponse(ctx, entity.props[key]);
        const only = Object.keys(entity.selectOnly ?? {}).find((k) => k.toLowerCase() === seg.lower);
        if (only) return valueResponse(ctx, entity.selectOnly![only]());
      }
      throw errors.noResource(ctx.req.path);
    }
  }
}

function siteRoute(ctx: Ctx, rest: Segment[]): ApiResponse {
  requireMethod(ctx, 'GET');
  ctx.security.require(ctx.user, PermissionKind.Open);
  if (rest.length === 0) {
    return entityResponse(
      ctx,
      {
        meta: { 'odata.type': 'SP.Site', 'odata.id': `${ctx.req.siteUrl}/_api/site`, 'odata.editLink': 'site' },
        props: {
          // A group-connected site names its Microsoft 365 group; others have the empty GUID.
          GroupId: ctx.store.site.groupId ?? '00000000-0000-0000-0000-000000000000',
          Id: ctx.store.site.siteId,
          ReadOnly: false,
          ServerRelativeUrl: WEB_PATH,
          Url: ctx.req.siteUrl,
        },
        nav: { RootWeb: () => webEntity(ctx) },
      },
      'SP.Site'
    );
  }
  if (rest[0].lower === 'rootweb') return webRoute(ctx, rest.slice(1));
  throw errors.noResource(ctx.req.path);
}

/**
 * Dispatches one REST request (identity, digest and throttling were handled by the HTTP layer): to the
 * procurement site, or to the tenant's root site (rootSite.ts) for /_api/... at the origin.
 */
export function routeApi(ctx: Ctx): ApiResponse {
  if (ctx.req.root) return routeRootApi(ctx);
  const segments = parsePath(ctx.req.path, ctx.req.query);
  if (segments.length === 0) throw errors.noResource(ctx.req.path);
  const [first, ...rest] = segments;
  switch (first.lower) {
    case 'contextinfo':
      return contextInfo(ctx);
    case '$batch':
      return batchRoute(ctx);
    case 'web':
      return webRoute(ctx, rest);
    case 'site':
      return siteRoute(ctx, rest);
    case 'sp.web.shareobject':
      return shareObject(ctx);
    case 'sp.utilities.utility.sendemail':
      return sendEmail(ctx);
    case 'sp.ui.applicationpages.clientpeoplepickerwebserviceinterface.clientpeoplepickersearchuser':
      return peoplePicker(ctx, false);
    case 'sp.ui.applicationpages.clientpeoplepickerwebserviceinterface.clientpeoplepickerresolveuser':
      return peoplePicker(ctx, true);
    case 'sp.userprofiles.peoplemanager':
      return peopleManager(ctx, rest);
    default:
      throw errors.noResource(ctx.req.path);
  }
}

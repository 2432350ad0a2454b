/**
 * The tenant's root site, https://{tenant}.sharepoint.com/ (here the service's origin, /_api/...): a
 * communication site of its own, not the procurement site. Teams personal apps built with SPFx run in
 * its context, so the product reads tenant properties here and then addresses the procurement site by
 * URL. It answers only what such a web part needs: the web, the current user (every directory person
 * is a user of it with Read, through "Everyone except external users", so no SharePoint group lists
 * them), contextinfo, the tenant's storage entities, an empty list collection, $batch, and SharePoint's
 * 404 for anything else. It has no lists, groups or data of its own and is never written to.
 */
import { createHash } from 'crypto';
import { batchRoute } from './batch';
import { ApiResponse, collectionResponse, Ctx, entityResponse, json, requireMethod, valueResponse } from './context';
import { DIRECTORY, DirectoryPerson } from './directory';
import { errors, SpError } from './errors';
import { Entity } from './odataQuery';
import { parsePath, Segment, stringArg } from './odataPath';
import { BUILT_IN_ROLES, permissionsJson, ROLE_IDS } from './permissions';
import { userEntity } from './principals';
import { contextInfo } from './services';
import { storageEntityResponse } from './storageEntities';
import { UserRecord } from './store';
import { webEntityOf } from './site';

export const ROOT_WEB_TITLE = 'Communication site';
/** Ids of the directory's people in the root site's User Information List (fixed: everyone has visited it). */
const ROOT_FIRST_USER_ID = 7;

/** Everyone reads the root site, nothing more. */
const READ_MASK = BUILT_IN_ROLES.find((r) => r.id === ROLE_IDS.read)!.mask;

/** A stable GUID for the root site and web, derived from the procurement site's (so it survives restarts). */
function derivedGuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function rootUser(person: DirectoryPerson): UserRecord {
  const index = DIRECTORY.indexOf(person);
  return { id: ROOT_FIRST_USER_ID + Math.max(index, 0), loginName: person.loginName, title: person.displayName, email: person.email, isSiteAdmin: false };
}

function rootWebEntity(ctx: Ctx): Entity {
  const site = ctx.store.site;
  return webEntityOf(ctx.req.siteUrl, site.created, {
    id: derivedGuid(`${site.webId}:root-web`),
    path: '',
    title: ROOT_WEB_TITLE,
    template: 'SITEPAGEPUBLISHING',
    lastItemModified: site.created,
    effectivePermissions: () => permissionsJson(READ_MASK),
  });
}

function listDoesNotExist(): SpError {
  return new SpError(404, '-1, System.ArgumentException', 'List does not exist.\n\nThe page you selected contains a list that does not exist.  It may have been deleted by another user.');
}

/** web/lists: the root site's lists are none of the product's; any one asked for does not exist. */
function rootListsRoute(ctx: Ctx, seg: Segment, rest: Segment[]): ApiResponse {
  if (seg.args) throw listDoesNotExist();
  if (rest.length === 0) {
    requireMethod(ctx, 'GET');
    return collectionResponse(ctx, [], 'SP.ApiData.Lists');
  }
  const [op] = rest;
  switch (op.lower) {
    case 'getbytitle':
      throw errors.listNotFound(stringArg(op), ctx.req.siteUrl);
    case 'getbyid':
      throw listDoesNotExist();
    default:
      throw errors.noResource(ctx.req.path);
  }
}

function rootCurrentUserRoute(ctx: Ctx, rest: Segment[]): ApiResponse {
  requireMethod(ctx, 'GET');
  const user = rootUser(ctx.person);
  // Read comes from "Everyone except external users" in the Visitors group: no group holds them directly.
  const entity: Entity = { ...userEntity(ctx, user), nav: { Groups: () => [] } };
  if (rest.length === 0) return entityResponse(ctx, entity, 'SP.User');
  const [seg, ...more] = rest;
  if (more.length === 0 && !seg.args) {
    if (seg.lower === 'groups') return collectionResponse(ctx, [], 'SP.ApiData.Groups');
    const key = Object.keys(entity.props).find((k) => k.toLowerCase() === seg.lower);
    if (key) return valueResponse(ctx, entity.props[key]);
  }
  throw errors.noResource(ctx.req.path);
}

function rootWebRoute(ctx: Ctx, rest: Segment[]): ApiResponse {
  if (rest.length === 0) {
    requireMethod(ctx, 'GET');
    return entityResponse(ctx, rootWebEntity(ctx), 'SP.Web');
  }
  const [seg, ...more] = rest;
  switch (seg.lower) {
    case 'currentuser':
      return rootCurrentUserRoute(ctx, more);
    case 'getstorageentity':
      if (more.length > 0) throw errors.noResource(ctx.req.path);
      requireMethod(ctx, 'GET');
      return storageEntityResponse(ctx, stringArg(seg));
    case 'lists':
      return rootListsRoute(ctx, seg, more);
    case 'effectivebasepermissions':
      if (more.length > 0) throw errors.noResource(ctx.req.path);
      requireMethod(ctx, 'GET');
      return json(200, { 'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#SP.ApiData.BasePermissions`, ...permissionsJson(READ_MASK) });
    default: {
      // A single web property, e.g. web/Title.
      if (more.length === 0 && !seg.args) {
        requireMethod(ctx, 'GET');
        const entity = rootWebEntity(ctx);
        const key = Object.keys(entity.props).find((k) => k.toLowerCase() === seg.lower);
        if (key) return valueResponse(ctx, entity.props[key]);
      }
      throw errors.noResource(ctx.req.path);
    }
  }
}

/** Dispatches one REST request to the root site (ctx.req.root). */
export function routeRootApi(ctx: Ctx): ApiResponse {
  const segments = parsePath(ctx.req.path, ctx.req.query);
  if (segments.length === 0) throw errors.noResource(ctx.req.path);
  const [first, ...rest] = segments;
  switch (first.lower) {
    case 'contextinfo':
      return contextInfo(ctx);
    case '$batch':
      return batchRoute(ctx);
    case 'web':
      return rootWebRoute(ctx, rest);
    default:
      throw errors.noResource(ctx.req.path);
  }
}

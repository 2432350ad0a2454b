/**
 * Site users and SharePoint groups: web/currentuser, siteusers, getuserbyid, ensureuser, sitegroups,
 * associated owner/member/visitor groups and group membership, with SharePoint's entity shapes.
 * Groups created over REST default to OnlyAllowMembersViewMembership, as in SharePoint Online.
 */
import { ApiResponse, collectionResponse, Ctx, entityResponse, jsonBody, noContent, requireMethod } from './context';
import { findClaim, findPerson, isGroupClaim } from './directory';
import { errors, SpError } from './errors';
import { Entity, queryEntities } from './odataQuery';
import { intArg, Segment, stringArg } from './odataPath';
import { PermissionKind } from './permissions';
import { GROUP_NAMES, GroupRecord, PrincipalInfo, UserRecord } from './store';

// ---- entities -----------------------------------------------------------------------------------

/** An Entra ID security group or Microsoft 365 group claim is a principal of type SecurityGroup (4); people are User (1). */
export function principalType(user: UserRecord): number {
  return isGroupClaim(user.loginName) ? 4 : 1;
}

export function userEntity(ctx: Ctx, user: UserRecord): Entity {
  const group = isGroupClaim(user.loginName);
  const person = group ? undefined : findPerson(user.loginName);
  return {
    meta: { 'odata.type': 'SP.User', 'odata.id': `${ctx.req.siteUrl}/_api/Web/GetUserById(${user.id})`, 'odata.editLink': `Web/GetUserById(${user.id})` },
    props: {
      Id: user.id,
      IsHiddenInUI: false,
      LoginName: user.loginName,
      Title: user.title,
      PrincipalType: principalType(user),
      Email: user.email,
      Expiration: '',
      IsEmailAuthenticationGuestUser: false,
      IsShareByEmailGuestUser: false,
      IsSiteAdmin: user.isSiteAdmin,
      UserId: group ? null : { NameId: person ? person.objectId.replace(/-/g, '').slice(0, 16) : '', NameIdIssuer: 'urn:federation:microsoftonline' },
      UserPrincipalName: group ? null : user.email,
    },
    nav: { Groups: () => ctx.security.groupsOf(user.id).map((g) => groupEntity(ctx, g)) },
  };
}

export function groupEntity(ctx: Ctx, group: GroupRecord): Entity {
  const owner = principalTitle(ctx, group.ownerId);
  return {
    meta: { 'odata.type': 'SP.Group', 'odata.id': `${ctx.req.siteUrl}/_api/Web/SiteGroups/GetById(${group.id})`, 'odata.editLink': `Web/SiteGroups/GetById(${group.id})` },
    props: {
      Id: group.id,
      IsHiddenInUI: false,
      LoginName: group.title,
      Title: group.title,
      PrincipalType: 8,
      AllowMembersEditMembership: group.allowMembersEditMembership,
      AllowRequestToJoinLeave: false,
      AutoAcceptRequestToJoinLeave: false,
      Description: group.description,
      OnlyAllowMembersViewMembership: group.onlyAllowMembersViewMembership,
      OwnerTitle: owner,
      RequestToJoinLeaveEmailSetting: null,
    },
    nav: {
      Users: () => {
        // $expand=Users follows the same rule as group/users: hidden membership is refused.
        if (!ctx.security.canViewMembership(ctx.user, group)) throw errors.accessDenied();
        return [...group.members].map((id) => ctx.store.users.get(id)).filter((u): u is UserRecord => !!u).map((u) => userEntity(ctx, u));
      },
      Owner: () => principalEntity(ctx, group.ownerId),
    },
  };
}

function principalTitle(ctx: Ctx, id: number): string {
  return ctx.store.groups.get(id)?.title ?? ctx.store.users.get(id)?.title ?? '';
}

/** A user or a group, as SP.Principal members of role assignments and group owners are returned. */
export function principalEntity(ctx: Ctx, id: number): Entity | null {
  const group = ctx.store.groups.get(id);
  if (group) return groupEntity(ctx, group);
  const user = ctx.store.users.get(id);
  return user ? userEntity(ctx, user) : null;
}

const USER_TEMPLATE = (ctx: Ctx) => userEntity(ctx, { id: 0, loginName: '', title: '', email: '', isSiteAdmin: false });
const GROUP_TEMPLATE = (ctx: Ctx) => groupEntity(ctx, { id: 0, title: '', description: '', ownerId: 0, allowMembersEditMembership: false, onlyAllowMembersViewMembership: false, members: new Set() });

// ---- users ----------------------------------------------------------------------------------------

/** A directory person (login name or email) or an Entra ID group (its claim); unknown ones are a 404 like SharePoint's. */
export function resolvePrincipal(loginOrEmail: string): PrincipalInfo {
  const principal = findPerson(loginOrEmail) ?? findClaim(loginOrEmail);
  if (!principal) throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', `The specified user ${loginOrEmail} could not be found.`);
  return principal;
}

/** Adds a directory person or group to the site (its User Information List), or returns them. */
export function ensureDirectoryUser(ctx: Ctx, loginOrEmail: string): UserRecord {
  const principal = resolvePrincipal(loginOrEmail);
  return ctx.store.userByLogin(principal.loginName) ?? ctx.store.ensureUser(principal);
}

/**
 * ensureuser / siteusers add: resolving someone already on the site needs only BrowseDirectories, but
 * adding someone new to the site's User Information List is refused (403) without ManagePermissions,
 * as SharePoint Online refuses it for ordinary members (Contribute, Edit).
 */
function ensureSiteUser(ctx: Ctx, loginOrEmail: string): UserRecord {
  ctx.security.require(ctx.user, PermissionKind.BrowseDirectories);
  const principal = resolvePrincipal(loginOrEmail);
  const existing = ctx.store.userByLogin(principal.loginName);
  if (existing) return existing;
  ctx.security.require(ctx.user, PermissionKind.ManagePermissions);
  return ctx.store.ensureUser(principal);
}

function requireSiteUser(ctx: Ctx): UserRecord {
  if (!ctx.user) throw errors.accessDenied();
  return ctx.user;
}

export function currentUserRoute(ctx: Ctx, rest: Segment[]): ApiResponse {
  const user = requireSiteUser(ctx);
  ctx.security.require(user, PermissionKind.Open);
  return userRoute(ctx, user, rest);
}

function userRoute(ctx: Ctx, user: UserRecord, rest: Segment[]): ApiResponse {
  if (rest.length === 0) {
    const method = requireMethod(ctx, 'GET', 'MERGE', 'DELETE');
    if (method === 'GET') return entityResponse(ctx, userEntity(ctx, user), 'SP.User');
    ctx.security.require(ctx.user, PermissionKind.ManagePermissions);
    if (method === 'DELETE') {
      if (user.isSiteAdmin) throw errors.badArgument('You cannot remove a site collection administrator from the site.');
      ctx.store.removeUser(user.id);
    }
    return noContent();
  }
  const [seg, ...more] = rest;
  if (seg.lower === 'groups' && !seg.args) {
    const groups = ctx.security.groupsOf(user.id);
    return groupsCollection(ctx, groups, more, undefined);
  }
  throw errors.noResource(ctx.req.path);
}

export function ensureUserRoute(ctx: Ctx): ApiResponse {
  requireMethod(ctx, 'POST');
  ctx.security.require(ctx.user, PermissionKind.BrowseDirectories);
  const body = jsonBody(ctx);
  const logon = body.logonName ?? body.LogonName;
  if (typeof logon !== 'string' || logon.trim() === '') throw errors.badArgument('The parameter logonName must be a user login name or email address.');
  const user = ensureSiteUser(ctx, logon);
  return entityResponse(ctx, userEntity(ctx, user), 'SP.User');
}

/**
 * A collection of users: all site users (group undefined) or one group's members. Handles GET, POST
 * {LoginName} (add), getbyid/getbyemail/getbyloginname and removebyid/removebyloginname.
 */
export function usersCollection(ctx: Ctx, seg: Segment, rest: Segment[], group?: GroupRecord): ApiResponse {
  const members = (): UserRecord[] =>
    group ? [...group.members].map((id) => ctx.store.users.get(id)).filter((u): u is UserRecord => !!u) : [...ctx.store.users.values()];
  const canRead = () => {
    ctx.security.require(ctx.user, PermissionKind.BrowseUserInfo);
    if (group && !ctx.security.canViewMembership(ctx.user, group)) throw errors.accessDenied();
  };
  const canChange = () => {
    const manage = ctx.security.has(ctx.user, PermissionKind.ManagePermissions);
    if (group ? !ctx.security.canManageGroup(ctx.user, group, manage) : !manage) throw errors.accessDenied();
  };
  const find = (pred: (u: UserRecord) => boolean): UserRecord => {
    const u = members().find(pred);
    if (!u) throw errors.userNotFound();
    return u;
  };
  const byLogin = (login: string) => (u: UserRecord) => u.loginName.toLowerCase() === login.toLowerCase();

  // siteusers('login') / siteusers(@v): PnPjs getByLoginName
  if (seg.args) {
    canRead();
    return userRoute(ctx, find(byLogin(stringArg(seg))), rest);
  }
  if (rest.length === 0) {
    const method = requireMethod(ctx, 'GET', 'POST');
    if (method === 'GET') {
      canRead();
      const list = members().map((u) => userEntity(ctx, u));
      return collectionResponse(ctx, queryEntities(list, ctx.options, 'SP.User', USER_TEMPLATE(ctx)), 'SP.ApiData.Users');
    }
    const body = jsonBody(ctx);
    const login = body.LoginName;
    if (typeof login !== 'string' || login.trim() === '') throw errors.badArgument('The parameter LoginName must be given.');
    if (group) canChange();
    const user = group ? ensureDirectoryUser(ctx, login) : ensureSiteUser(ctx, login);
    if (group) ctx.store.addGroupMember(group, user.id);
    return entityResponse(ctx, userEntity(ctx, user), 'SP.User', 201);
  }
  const [op, ...more] = rest;
  switch (op.lower) {
    case 'getbyid':
      canRead();
      return userRoute(ctx, find((u) => u.id === intArg(op)), more);
    case 'getbyemail': {
      canRead();
      const email = stringArg(op).toLowerCase();
      return userRoute(ctx, find((u) => u.email.toLowerCase() === email), more);
    }
    case 'getbyloginname':
      canRead();
      return userRoute(ctx, find(byLogin(stringArg(op))), more);
    case 'removebyid':
    case 'removebyloginname': {
      requireMethod(ctx, 'POST');
      canChange();
      const user = op.lower === 'removebyid' ? find((u) => u.id === intArg(op)) : find(byLogin(stringArg(op)));
      if (group) ctx.store.removeGroupMember(group, user.id);
      else if (user.isSiteAdmin) throw errors.badArgument('You cannot remove a site collection administrator from the site.');
      else ctx.store.removeUser(user.id);
      return noContent();
    }
    default:
      throw errors.noResource(ctx.req.path);
  }
}

export function userByIdRoute(ctx: Ctx, seg: Segment, rest: Segment[]): ApiResponse {
  ctx.security.require(ctx.user, PermissionKind.BrowseUserInfo);
  const user = ctx.store.users.get(intArg(seg));
  if (!user) throw errors.userNotFound();
  return userRoute(ctx, user, rest);
}

// ---- groups ---------------------------------------------------------------------------------------

function groupRoute(ctx: Ctx, group: GroupRecord, rest: Segment[]): ApiResponse {
  const manage = () => ctx.security.has(ctx.user, PermissionKind.ManagePermissions);
  if (rest.length === 0) {
    const method = requireMethod(ctx, 'GET', 'MERGE', 'DELETE');
    if (method === 'GET') {
      ctx.security.require(ctx.user, PermissionKind.BrowseUserInfo);
      return entityResponse(ctx, groupEntity(ctx, group), 'SP.Group');
    }
    if (!ctx.security.canManageGroup(ctx.user, group, manage())) throw errors.accessDenied();
    if (method === 'DELETE') {
      ctx.store.deleteGroup(group.id);
      return noContent();
    }
    const body = jsonBody(ctx);
    const changes: Parameters<typeof ctx.store.updateGroup>[1] = {};
    for (const [key, value] of Object.entries(body)) {
      if (key.startsWith('odata.')) continue;
      if (key === 'Title' && typeof value === 'string' && value.trim()) {
        const clash = ctx.store.groupByTitle(value);
        if (clash && clash.id !== group.id) throw errors.badArgument(`The specified name is already in use.`);
        changes.title = value.trim();
      } else if (key === 'Description' && typeof value === 'string') changes.description = value;
      else if (key === 'AllowMembersEditMembership' && typeof value === 'boolean') changes.allowMembersEditMembership = value;
      else if (key === 'OnlyAllowMembersViewMembership' && typeof value === 'boolean') changes.onlyAllowMembersViewMembership = value;
      else throw errors.badQuery(`The property '${key}' does not exist on type 'SP.Group' or cannot be set to this value.`);
    }
    ctx.store.updateGroup(group, changes);
    return noContent();
  }
  const [seg, ...more] = rest;
  switch (seg.lower) {
    case 'users':
      return usersCollection(ctx, seg, more, group);
    case 'owner': {
      ctx.security.require(ctx.user, PermissionKind.BrowseUserInfo);
      const owner = principalEntity(ctx, group.ownerId);
      if (!owner) throw errors.userNotFound();
      return entityResponse(ctx, owner, 'SP.Principal');
    }
    case 'setuserasowner': {
      requireMethod(ctx, 'POST');
      if (!ctx.security.canManageGroup(ctx.user, group, manage())) throw errors.accessDenied();
      const id = intArg(seg);
      if (!ctx.store.users.has(id) && !ctx.store.groups.has(id)) throw errors.userNotFound();
      ctx.store.updateGroup(group, { ownerId: id });
      return noContent();
    }
    default:
      throw errors.noResource(ctx.req.path);
  }
}

function groupsCollection(ctx: Ctx, groups: GroupRecord[], rest: Segment[], siteGroups: Segment | undefined): ApiResponse {
  const find = (pred: (g: GroupRecord) => boolean): GroupRecord => {
    const g = groups.find(pred);
    if (!g) throw errors.groupNotFound();
    return g;
  };
  if (siteGroups?.args) return groupRoute(ctx, find((g) => g.id === intArg(siteGroups)), rest);
  if (rest.length === 0) {
    const method = requireMethod(ctx, siteGroups ? 'POST' : 'GET', 'GET');
    if (method === 'GET') {
      ctx.security.require(ctx.user, PermissionKind.BrowseUserInfo);
      const list = groups.map((g) => groupEntity(ctx, g));
      return collectionResponse(ctx, queryEntities(list, ctx.options, 'SP.Group', GROUP_TEMPLATE(ctx)), 'SP.ApiData.Groups');
    }
    ctx.security.require(ctx.user, PermissionKind.CreateGroups);
    const body = jsonBody(ctx);
    const title = body.Title;
    if (typeof title !== 'string' || title.trim() === '') throw errors.badArgument('The group needs a Title.');
    if (ctx.store.groupByTitle(title.trim())) throw new SpError(400, '-2130575293, Microsoft.SharePoint.SPException', 'The specified name is already in use.');
    const settings: Parameters<typeof ctx.store.addGroup>[3] = {};
    for (const key of ['AllowMembersEditMembership', 'OnlyAllowMembersViewMembership'] as const) {
      if (body[key] === undefined) continue;
      if (typeof body[key] !== 'boolean') throw errors.badQuery(`The property '${key}' of type 'SP.Group' must be true or false.`);
      settings[key === 'AllowMembersEditMembership' ? 'allowMembersEditMembership' : 'onlyAllowMembersViewMembership'] = body[key] as boolean;
    }
    const group = ctx.store.addGroup(title.trim(), typeof body.Description === 'string' ? body.Description : '', ctx.user!.id, settings);
    return entityResponse(ctx, groupEntity(ctx, group), 'SP.Group', 201);
  }
  const [op, ...more] = rest;
  switch (op.lower) {
    case 'getbyid':
      return groupRoute(ctx, find((g) => g.id === intArg(op)), more);
    case 'getbyname': {
      const name = stringArg(op).toLowerCase();
      return groupRoute(ctx, find((g) => g.title.toLowerCase() === name), more);
    }
    case 'removebyid':
    case 'removebyloginname': {
      requireMethod(ctx, 'POST');
      if (!siteGroups) throw errors.noResource(ctx.req.path);
      const group = op.lower === 'removebyid' ? find((g) => g.id === intArg(op)) : find((g) => g.title.toLowerCase() === stringArg(op).toLowerCase());
      if (!ctx.security.canManageGroup(ctx.user, group, ctx.security.has(ctx.user, PermissionKind.ManagePermissions))) throw errors.accessDenied();
      ctx.store.deleteGroup(group.id);
      return noContent();
    }
    default:
      throw errors.noResource(ctx.req.path);
  }
}

export function siteGroupsRoute(ctx: Ctx, seg: Segment, rest: Segment[]): ApiResponse {
  return groupsCollection(ctx, [...ctx.store.groups.values()], rest, seg);
}

export function associatedGroupRoute(ctx: Ctx, which: 'owners' | 'members' | 'visitors', rest: Segment[]): ApiResponse {
  const group = ctx.store.groupByTitle(GROUP_NAMES[which]);
  if (!group) throw errors.groupNotFound();
  return groupRoute(ctx, group, rest);
}

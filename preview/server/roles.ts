/**
 * Role definitions (web/roledefinitions) and role assignments on the web, lists and items, including
 * breaking and resetting inheritance and reading effective permissions.
 */
import { ApiResponse, collectionResponse, Ctx, entityResponse, json, jsonBody, noContent, requireMethod } from './context';
import { findClaim, findPerson } from './directory';
import { errors, SpError } from './errors';
import { Entity, queryEntities } from './odataQuery';
import { boolArg, intArg, Segment, stringArg } from './odataPath';
import { mask, PermissionKind, permissionsJson, RoleDefinition } from './permissions';
import { principalEntity } from './principals';
import { ItemRecord, ListRecord } from './store';

export function roleEntity(ctx: Ctx, role: RoleDefinition): Entity {
  return {
    meta: { 'odata.type': 'SP.RoleDefinition', 'odata.id': `${ctx.req.siteUrl}/_api/Web/RoleDefinitions(${role.id})`, 'odata.editLink': `Web/RoleDefinitions(${role.id})` },
    props: {
      BasePermissions: permissionsJson(role.mask),
      Description: role.description,
      Hidden: role.hidden,
      Id: role.id,
      Name: role.name,
      Order: role.order,
      RoleTypeKind: role.roleTypeKind,
    },
  };
}

function findRole(ctx: Ctx, pred: (r: RoleDefinition) => boolean): RoleDefinition {
  const role = [...ctx.store.roles.values()].find(pred);
  if (!role) throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Cannot find the role definition.');
  return role;
}

function parseBasePermissions(value: unknown): bigint {
  const bp = value as { High?: unknown; Low?: unknown } | undefined;
  const high = String(bp?.High ?? '');
  const low = String(bp?.Low ?? '');
  if (!/^\d+$/.test(high) || !/^\d+$/.test(low) || BigInt(high) > 0xffffffffn || BigInt(low) > 0xffffffffn) {
    throw errors.badArgument('BasePermissions must be an object with High and Low as unsigned 32-bit numbers.');
  }
  return mask(high, low);
}

function roleRoute(ctx: Ctx, role: RoleDefinition, rest: Segment[]): ApiResponse {
  if (rest.length > 0) throw errors.noResource(ctx.req.path);
  const method = requireMethod(ctx, 'GET', 'MERGE', 'DELETE');
  if (method === 'GET') return entityResponse(ctx, roleEntity(ctx, role), 'SP.RoleDefinition');
  ctx.security.require(ctx.user, PermissionKind.ManagePermissions);
  if (role.roleTypeKind !== 0) throw errors.badArgument('Built-in role definitions cannot be changed or deleted.');
  if (method === 'DELETE') {
    ctx.store.deleteRoleDefinition(role.id);
    return noContent();
  }
  const body = jsonBody(ctx);
  const changes: Parameters<typeof ctx.store.updateRoleDefinition>[1] = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'Name' && typeof value === 'string' && value.trim()) changes.name = value.trim();
    else if (key === 'Description' && typeof value === 'string') changes.description = value;
    else if (key === 'Order' && typeof value === 'number') changes.order = value;
    else if (key === 'BasePermissions') changes.mask = parseBasePermissions(value);
    else throw errors.badQuery(`The property '${key}' does not exist on type 'SP.RoleDefinition' or cannot be set to this value.`);
  }
  if (changes.name && [...ctx.store.roles.values()].some((r) => r.id !== role.id && r.name.toLowerCase() === changes.name!.toLowerCase())) {
    throw errors.badArgument('A role definition with that name already exists.');
  }
  ctx.store.updateRoleDefinition(role, changes);
  return noContent();
}

export function roleDefinitionsRoute(ctx: Ctx, seg: Segment, rest: Segment[]): ApiResponse {
  ctx.security.require(ctx.user, PermissionKind.Open);
  if (seg.args) return roleRoute(ctx, findRole(ctx, (r) => r.id === intArg(seg)), rest);
  if (rest.length === 0) {
    const method = requireMethod(ctx, 'GET', 'POST');
    if (method === 'GET') {
      const roles = [...ctx.store.roles.values()].sort((a, b) => a.order - b.order).map((r) => roleEntity(ctx, r));
      const template = roleEntity(ctx, { id: 0, name: '', description: '', mask: 0n, order: 0, roleTypeKind: 0, hidden: false });
      return collectionResponse(ctx, queryEntities(roles, ctx.options, 'SP.RoleDefinition', template), 'SP.ApiData.RoleDefinitions');
    }
    ctx.security.require(ctx.user, PermissionKind.ManagePermissions);
    const body = jsonBody(ctx);
    const name = typeof body.Name === 'string' ? body.Name.trim() : '';
    if (!name) throw errors.badArgument('The role definition needs a Name.');
    if ([...ctx.store.roles.values()].some((r) => r.name.toLowerCase() === name.toLowerCase())) throw errors.badArgument('A role definition with that name already exists.');
    const m = parseBasePermissions(body.BasePermissions);
    const order = typeof body.Order === 'number' ? body.Order : Number(body.Order ?? 1000);
    const role = ctx.store.addRoleDefinition(name, typeof body.Description === 'string' ? body.Description : '', m, Number.isFinite(order) ? order : 1000);
    return entityResponse(ctx, roleEntity(ctx, role), 'SP.RoleDefinition', 201);
  }
  const [op, ...more] = rest;
  switch (op.lower) {
    case 'getbyid':
      return roleRoute(ctx, findRole(ctx, (r) => r.id === intArg(op)), more);
    case 'getbyname': {
      const name = stringArg(op).toLowerCase();
      return roleRoute(ctx, findRole(ctx, (r) => r.name.toLowerCase() === name), more);
    }
    case 'getbytype': {
      const kind = intArg(op);
      return roleRoute(ctx, findRole(ctx, (r) => r.roleTypeKind === kind && kind !== 0), more);
    }
    default:
      throw errors.noResource(ctx.req.path);
  }
}

// ---- role assignments -------------------------------------------------------------------------

/** The REST path of the securable object (web, list or item), for odata.id. */
function securablePath(list?: ListRecord, item?: ItemRecord): string {
  if (!list) return 'Web';
  const listPath = `Web/Lists(guid'${list.id}')`;
  return item ? `${listPath}/Items(${item.id})` : listPath;
}

function assignmentEntity(ctx: Ctx, scope: string, principalId: number, base: string): Entity {
  return {
    meta: { 'odata.type': 'SP.RoleAssignment', 'odata.id': `${ctx.req.siteUrl}/_api/${base}/RoleAssignments/GetByPrincipalId(${principalId})` },
    props: { PrincipalId: principalId },
    nav: {
      Member: () => principalEntity(ctx, principalId),
      RoleDefinitionBindings: () =>
        ctx.store.assignments
          .filter((a) => a.scope === scope && a.principalId === principalId)
          .map((a) => ctx.store.roles.get(a.roleId))
          .filter((r): r is RoleDefinition => !!r)
          .map((r) => roleEntity(ctx, r)),
    },
  };
}

/** SharePoint refuses to change an inheriting list's or item's assignments: break inheritance first. */
function requireUnique(ctx: Ctx, list?: ListRecord, item?: ItemRecord): void {
  if (list && !ctx.security.hasUniqueAssignments(list, item)) throw errors.badArgument('This operation is not allowed on an object that inherits permissions.');
}

/**
 * roleassignments of the web, a list or an item: GET (EnumeratePermissions), addroleassignment,
 * removeroleassignment, getbyprincipalid and DELETE of one (ManagePermissions, on an object with
 * unique permissions).
 */
export function roleAssignmentsRoute(ctx: Ctx, seg: Segment, rest: Segment[], list?: ListRecord, item?: ItemRecord): ApiResponse {
  const scope = ctx.security.scopeOf(list, item);
  const base = securablePath(list, item);
  const requireManage = () => {
    ctx.security.require(ctx.user, PermissionKind.ManagePermissions, list, item);
    requireUnique(ctx, list, item);
  };
  const requireEnumerate = () => ctx.security.require(ctx.user, PermissionKind.EnumeratePermissions, list, item);
  const principalIds = () => [...new Set(ctx.store.assignments.filter((a) => a.scope === scope).map((a) => a.principalId))];
  const one = (principalId: number, more: Segment[]): ApiResponse => {
    if (!principalIds().includes(principalId)) throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Can not find the principal with id: ' + principalId + '.');
    if (more.length === 0) {
      const method = requireMethod(ctx, 'GET', 'DELETE');
      if (method === 'GET') {
        requireEnumerate();
        return entityResponse(ctx, assignmentEntity(ctx, scope, principalId, base), 'SP.RoleAssignment');
      }
      requireManage();
      ctx.store.removeAssignment(scope, principalId);
      return noContent();
    }
    const [sub] = more;
    requireEnumerate();
    const entity = assignmentEntity(ctx, scope, principalId, base);
    if (sub.lower === 'member') {
      const member = entity.nav!.Member();
      return entityResponse(ctx, member as Entity, 'SP.Principal');
    }
    if (sub.lower === 'roledefinitionbindings') return collectionResponse(ctx, entity.nav!.RoleDefinitionBindings() as Entity[], 'SP.ApiData.RoleDefinitions');
    throw errors.noResource(ctx.req.path);
  };
  if (seg.args) return one(intArg(seg), rest);
  if (rest.length === 0) {
    requireMethod(ctx, 'GET');
    requireEnumerate();
    const entities = principalIds().map((id) => assignmentEntity(ctx, scope, id, base));
    return collectionResponse(ctx, queryEntities(entities, ctx.options, 'SP.RoleAssignment', assignmentEntity(ctx, scope, 0, base)), 'SP.ApiData.RoleAssignments');
  }
  const [op, ...more] = rest;
  switch (op.lower) {
    case 'getbyprincipalid':
      return one(intArg(op), more);
    case 'addroleassignment':
    case 'removeroleassignment': {
      requireMethod(ctx, 'POST');
      requireManage();
      const principalId = intArg(op, 'principalid');
      const roleId = intArg(op, 'roledefid');
      if (!ctx.store.users.has(principalId) && !ctx.store.groups.has(principalId)) throw errors.userNotFound();
      if (!ctx.store.roles.has(roleId)) throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Cannot find the role definition.');
      if (op.lower === 'addroleassignment') ctx.store.addAssignment(scope, principalId, roleId);
      else ctx.store.removeAssignment(scope, principalId, roleId);
      return noContent();
    }
    default:
      throw errors.noResource(ctx.req.path);
  }
}

/** SharePoint keeps the caller able to manage what they just secured without copying: Full Control on it. */
function keepCallerInControl(ctx: Ctx, scope: string): void {
  if (!ctx.user || ctx.user.isSiteAdmin) return;
  const full = [...ctx.store.roles.values()].find((r) => r.roleTypeKind === 5);
  if (full) ctx.store.addAssignment(scope, ctx.user.id, full.id);
}

/**
 * breakroleinheritance(copyRoleAssignments=..,clearSubscopes=..) and resetroleinheritance on a list
 * or an item. Breaking copies the parent's current assignments when asked; otherwise only the caller
 * keeps Full Control. A list's items keep their own permissions unless clearSubscopes is true.
 * Breaking an object that already has unique permissions changes nothing, as in SharePoint.
 */
export function inheritanceRoute(ctx: Ctx, seg: Segment, list: ListRecord | undefined, item?: ItemRecord): ApiResponse {
  requireMethod(ctx, 'POST');
  if (!list) throw errors.badArgument('The root web of a site collection has no parent to inherit permissions from.');
  ctx.security.require(ctx.user, PermissionKind.ManagePermissions, list, item);
  const unique = ctx.security.hasUniqueAssignments(list, item);
  if (seg.lower === 'breakroleinheritance') {
    if (unique) return noContent();
    const copy = boolArg(seg, 'copyroleassignments', true);
    const clearSubscopes = boolArg(seg, 'clearsubscopes', false);
    if (item) {
      ctx.store.setItemUniquePermissions(list, item.id, true, copy ? ctx.security.parentScopeOf(list, item) : undefined);
    } else {
      ctx.store.setUniquePermissions(list, true, copy, clearSubscopes);
    }
    if (!copy) keepCallerInControl(ctx, ctx.security.scopeOf(list, item));
  } else if (unique) {
    if (item) ctx.store.setItemUniquePermissions(list, item.id, false);
    else ctx.store.setUniquePermissions(list, false, false);
  }
  return noContent();
}

function permissionsResponse(ctx: Ctx, m: bigint): ApiResponse {
  return json(200, { 'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#SP.ApiData.BasePermissions`, ...permissionsJson(m) });
}

export function effectivePermissionsRoute(ctx: Ctx, list?: ListRecord, item?: ItemRecord): ApiResponse {
  requireMethod(ctx, 'GET');
  return permissionsResponse(ctx, ctx.security.effective(ctx.user, list, item));
}

/** getusereffectivepermissions(@user): anyone may ask about themselves; asking about others needs EnumeratePermissions. */
export function userEffectivePermissionsRoute(ctx: Ctx, seg: Segment, list?: ListRecord, item?: ItemRecord): ApiResponse {
  requireMethod(ctx, 'GET');
  const login = stringArg(seg);
  // A person, or an Entra ID group by its claim (SharePoint answers for groups too).
  const principal = findPerson(login) ?? findClaim(login);
  const self = !!ctx.user && !!principal && principal.loginName.toLowerCase() === ctx.user.loginName.toLowerCase();
  if (!self) ctx.security.require(ctx.user, PermissionKind.EnumeratePermissions, list, item);
  return permissionsResponse(ctx, principal ? ctx.security.effectiveForLogin(principal.loginName, list, item) : 0n);
}

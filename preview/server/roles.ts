/**
 * Role definitions (web/roledefinitions) and role assignments on the web and on lists, including
 * breaking and resetting inheritance and reading effective permissions.
 */
import { ApiResponse, collectionResponse, Ctx, entityResponse, json, jsonBody, noContent, requireMethod } from './context';
import { findPerson } from './directory';
import { errors, SpError } from './errors';
import { Entity, queryEntities } from './odataQuery';
import { boolArg, intArg, Segment, stringArg } from './odataPath';
import { mask, PermissionKind, permissionsJson, RoleDefinition } from './permissions';
import { principalEntity } from './principals';
import { ListRecord } from './store';

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

function assignmentEntity(ctx: Ctx, scope: string, principalId: number): Entity {
  return {
    meta: { 'odata.type': 'SP.RoleAssignment', 'odata.id': `${ctx.req.siteUrl}/_api/Web/RoleAssignments/GetByPrincipalId(${principalId})` },
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

/** web/roleassignments or a list's: GET, addroleassignment, removeroleassignment, getbyprincipalid. */
export function roleAssignmentsRoute(ctx: Ctx, seg: Segment, rest: Segment[], list?: ListRecord): ApiResponse {
  const scope = ctx.security.scopeOf(list);
  const requireManage = () => {
    requireMethod(ctx, 'POST');
    ctx.security.require(ctx.user, PermissionKind.ManagePermissions, list);
    if (list && !list.hasUniquePerms) {
      // SharePoint refuses to change an inheriting list's assignments: break inheritance first.
      throw errors.badArgument('This operation is not allowed on an object that inherits permissions.');
    }
  };
  const principalIds = () => [...new Set(ctx.store.assignments.filter((a) => a.scope === scope).map((a) => a.principalId))];
  const one = (principalId: number, more: Segment[]): ApiResponse => {
    if (!principalIds().includes(principalId)) throw new SpError(404, '-2146232832, Microsoft.SharePoint.SPException', 'Can not find the principal with id: ' + principalId + '.');
    if (more.length === 0) {
      const method = requireMethod(ctx, 'GET', 'DELETE');
      if (method === 'GET') {
        ctx.security.require(ctx.user, PermissionKind.EnumeratePermissions, list);
        return entityResponse(ctx, assignmentEntity(ctx, scope, principalId), 'SP.RoleAssignment');
      }
      ctx.security.require(ctx.user, PermissionKind.ManagePermissions, list);
      ctx.store.removeAssignment(scope, principalId);
      return noContent();
    }
    const [sub] = more;
    ctx.security.require(ctx.user, PermissionKind.EnumeratePermissions, list);
    const entity = assignmentEntity(ctx, scope, principalId);
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
    ctx.security.require(ctx.user, PermissionKind.EnumeratePermissions, list);
    const items = principalIds().map((id) => assignmentEntity(ctx, scope, id));
    return collectionResponse(ctx, queryEntities(items, ctx.options, 'SP.RoleAssignment', assignmentEntity(ctx, scope, 0)), 'SP.ApiData.RoleAssignments');
  }
  const [op, ...more] = rest;
  switch (op.lower) {
    case 'getbyprincipalid':
      return one(intArg(op), more);
    case 'addroleassignment':
    case 'removeroleassignment': {
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

/** breakroleinheritance(copyRoleAssignments=..,clearSubscopes=..) and resetroleinheritance on a list. */
export function inheritanceRoute(ctx: Ctx, seg: Segment, list: ListRecord | undefined): ApiResponse {
  requireMethod(ctx, 'POST');
  if (!list) throw errors.badArgument('The root web of a site collection has no parent to inherit permissions from.');
  ctx.security.require(ctx.user, PermissionKind.ManagePermissions, list);
  if (seg.lower === 'breakroleinheritance') {
    const copy = boolArg(seg, 'copyroleassignments', true);
    if (!list.hasUniquePerms) {
      ctx.store.setUniquePermissions(list, true, copy);
      // SharePoint keeps the caller able to manage what they just secured.
      if (!copy && ctx.user && !ctx.user.isSiteAdmin) {
        const full = [...ctx.store.roles.values()].find((r) => r.roleTypeKind === 5);
        if (full) ctx.store.addAssignment(list.id, ctx.user.id, full.id);
      }
    }
  } else if (list.hasUniquePerms) {
    ctx.store.setUniquePermissions(list, false, false);
  }
  return noContent();
}

export function effectivePermissionsRoute(ctx: Ctx, list?: ListRecord): ApiResponse {
  requireMethod(ctx, 'GET');
  return json(200, { 'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#SP.ApiData.BasePermissions`, ...permissionsJson(ctx.security.effective(ctx.user, list)) });
}

/** getusereffectivepermissions(@user): anyone may ask about themselves; asking about others needs EnumeratePermissions. */
export function userEffectivePermissionsRoute(ctx: Ctx, seg: Segment, list?: ListRecord): ApiResponse {
  requireMethod(ctx, 'GET');
  const login = stringArg(seg);
  const person = findPerson(login);
  const user = person ? ctx.store.userByLogin(person.loginName) : undefined;
  if (!ctx.user || user?.id !== ctx.user.id) ctx.security.require(ctx.user, PermissionKind.EnumeratePermissions, list);
  return json(200, { 'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#SP.ApiData.BasePermissions`, ...permissionsJson(ctx.security.effective(user, list)) });
}

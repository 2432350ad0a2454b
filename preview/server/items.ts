/**
 * List items: add, read, update (MERGE with IF-Match ETags), delete and recycle, with values
 * validated as SharePoint's REST API does (unknown properties, types, lengths, unique columns; not
 * Required). Queries are in itemQuery.ts, versions in versions.ts, attachments in attachments.ts.
 */
import { randomUUID } from 'crypto';
import { attachmentsRoute } from './attachments';
import { ApiResponse, Ctx, entityResponse, jsonBody, requireMethod, valueResponse } from './context';
import { isoSeconds, parseDate, toSiteMidnight } from './dates';
import { errors, SpError } from './errors';
import { etagOf, itemEntity } from './itemEntity';
import { queryItems } from './itemQuery';
import { intArg, Segment } from './odataPath';
import { PermissionKind } from './permissions';
import { effectivePermissionsRoute, inheritanceRoute, roleAssignmentsRoute, userEffectivePermissionsRoute } from './roles';
import { itemTypeName } from './site';
import { FieldValue, ItemRecord, ListRecord } from './store';
import { versionsRoute } from './versions';
import { validateUpdateListItem } from './validateUpdate';
import { FieldSchema } from './xmlSchema';

const READ_ONLY = new Set(['Id', 'ID', 'Created', 'Modified', 'AuthorId', 'EditorId', 'Author', 'Editor', 'Attachments', 'GUID', 'FileSystemObjectType', 'OData__UIVersionString']);

/** OData's own message when a JSON value cannot be read as the property's type (SharePoint passes it on as is). */
function conversionError(edmType: string): SpError {
  return errors.badQuery(`Cannot convert a primitive value to the expected type '${edmType}'. See the inner exception for more details.`);
}

function coerceValue(ctx: Ctx, f: FieldSchema | undefined, _key: string, raw: unknown): FieldValue {
  const name = f?.internalName ?? 'Title';
  const type = f?.type ?? 'Text';
  const display = f?.displayName ?? 'Title';
  if (raw === null || raw === undefined) return null;
  switch (type) {
    case 'Text':
    case 'Note':
    case 'Choice': {
      if (typeof raw !== 'string') throw conversionError('Edm.String');
      const max = f ? f.maxLength : 255;
      if (type !== 'Note' && max !== undefined && raw.length > max) {
        throw errors.fieldValidation(`The value of the field '${display}' (${name}) is ${raw.length} characters long, more than its maximum length of ${max}.`);
      }
      return raw === '' ? null : raw;
    }
    case 'Number': {
      if (raw === '') return null;
      const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
      if (!Number.isFinite(n)) throw conversionError('Edm.Double');
      return n;
    }
    case 'Boolean':
      if (typeof raw !== 'boolean') throw conversionError('Edm.Boolean');
      return raw;
    case 'DateTime': {
      if (raw === '') return null;
      const ms = typeof raw === 'string' ? parseDate(raw) : undefined;
      if (ms === undefined) throw conversionError('Edm.DateTime');
      return isoSeconds(f?.dateOnly ? toSiteMidnight(ms) : ms);
    }
    case 'User': {
      if (raw === '') return null;
      const id = typeof raw === 'number' ? raw : typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : NaN;
      if (!Number.isInteger(id)) throw conversionError('Edm.Int32');
      if (id === -1) return null;
      if (!ctx.store.users.has(id)) throw new SpError(400, '-2146232832, Microsoft.SharePoint.SPException', `The user with id ${id} (field '${display}') does not exist on this site or is not unique.`);
      return id;
    }
  }
}

/** Validates a JSON body of field values as SharePoint does (unknown properties, types, lengths; not Required). */
function valuesFromBody(ctx: Ctx, list: ListRecord, body: Record<string, unknown>): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  for (const [key, raw] of Object.entries(body)) {
    if (key.startsWith('odata.') || key === 'ContentTypeId') continue;
    if (key === 'Title') {
      out.Title = coerceValue(ctx, undefined, key, raw);
      continue;
    }
    if (READ_ONLY.has(key)) throw errors.badQuery(`The property '${key}' of type '${itemTypeName(list)}' is read only and cannot be set.`);
    const user = list.fields.find((f) => f.type === 'User' && (key === `${f.internalName}Id` || key === `${f.internalName}StringId`));
    if (user) {
      out[user.internalName] = coerceValue(ctx, user, key, raw);
      continue;
    }
    const f = list.fields.find((x) => x.internalName === key && x.type !== 'User');
    if (!f) {
      throw errors.badQuery(`The property '${key}' does not exist on type '${itemTypeName(list)}'. Make sure to only use property names that are defined by the type.`);
    }
    out[f.internalName] = coerceValue(ctx, f, key, raw);
  }
  return out;
}

export function defaultValue(f: FieldSchema): FieldValue {
  if (f.defaultValue === undefined) return null;
  if (f.type === 'Boolean') return f.defaultValue === '1' || f.defaultValue.toLowerCase() === 'true';
  if (f.type === 'Number') return Number(f.defaultValue);
  return f.defaultValue;
}

/** Columns with EnforceUniqueValues: no two items may hold the same (case-insensitive) value. */
function checkUnique(list: ListRecord, values: Record<string, FieldValue>, selfId?: number): void {
  for (const f of list.fields.filter((x) => x.unique)) {
    const v = values[f.internalName];
    if (v === null || v === undefined) continue;
    const key = String(v).toLowerCase();
    for (const other of list.items.values()) {
      if (other.id !== selfId && other.values[f.internalName] !== null && String(other.values[f.internalName]).toLowerCase() === key) {
        throw new SpError(
          400,
          '-2130575169, Microsoft.SharePoint.SPDuplicateValuesFoundException',
          `The list item could not be added or updated because duplicate values were found in the following field(s) in the list: [${f.internalName}].`
        );
      }
    }
  }
}

/** IF-Match: "*" (or absent) matches anything; otherwise the item's current version ("3", W/"3" or "3,..."). */
function checkIfMatch(ctx: Ctx, item: ItemRecord): void {
  const raw = ctx.req.headers['if-match'];
  if (raw === undefined || raw.trim() === '*' || raw.trim() === '') return;
  const version = raw.trim().replace(/^W\//i, '').replace(/"/g, '').split(',')[0].trim();
  if (version !== String(item.version)) throw errors.etagMismatch(raw.trim(), etagOf(item));
}

function addItem(ctx: Ctx, list: ListRecord): ApiResponse {
  ctx.security.require(ctx.user, PermissionKind.AddListItems, list);
  if (list.library) throw errors.badArgument('To add an item to a document library, use SPFileCollection.Add()');
  const values = valuesFromBody(ctx, list, jsonBody(ctx));
  for (const f of list.fields) if (!(f.internalName in values)) values[f.internalName] = defaultValue(f);
  if (!('Title' in values)) values.Title = null;
  checkUnique(list, values);
  const item = ctx.store.addItem(list, values, ctx.user!.id);
  return entityResponse(ctx, itemEntity(ctx, list, item), `SP.Data.${list.url.split('/').pop()}ListItem`, 201, { ETag: etagOf(item) });
}

/**
 * One item. The caller must be able to open the list; an item they cannot see (it has unique
 * permissions that leave them out) does not exist for them, as SharePoint's security-trimmed
 * GetItemById reports; an item they can see but not change answers 403. Permission checks use the
 * item's own scope when it has unique permissions.
 */
function itemRoute(ctx: Ctx, list: ListRecord, itemId: number, rest: Segment[]): ApiResponse {
  const typeName = `SP.Data.${list.url.split('/').pop()}ListItem`;
  const item = () => {
    ctx.security.requireListRead(ctx.user, list);
    const found = list.items.get(itemId);
    if (!found || !ctx.security.canViewItem(ctx.user, list, found)) throw errors.itemNotFound();
    return found;
  };
  const requireOnItem = (kind: number, target: ItemRecord) => ctx.security.require(ctx.user, kind, list, target);
  if (rest.length === 0) {
    const method = requireMethod(ctx, 'GET', 'MERGE', 'PATCH', 'DELETE');
    const current = item();
    if (method === 'GET') return entityResponse(ctx, itemEntity(ctx, list, current), typeName, 200, { ETag: etagOf(current) });
    if (method === 'DELETE') {
      requireOnItem(PermissionKind.DeleteListItems, current);
      checkIfMatch(ctx, current);
      ctx.store.deleteItem(list, itemId);
      return { status: 200, headers: { 'Content-Length': '0' }, body: '' };
    }
    requireOnItem(PermissionKind.EditListItems, current);
    checkIfMatch(ctx, current);
    const values = valuesFromBody(ctx, list, jsonBody(ctx));
    checkUnique(list, { ...current.values, ...values }, current.id);
    const next = ctx.store.updateItem(list, current, { values }, ctx.user!.id);
    return { status: 204, headers: { ETag: etagOf(next) } };
  }
  const [seg, ...more] = rest;
  switch (seg.lower) {
    case 'recycle':
    case 'deletewithparameters': {
      requireMethod(ctx, 'POST');
      requireOnItem(PermissionKind.DeleteListItems, item());
      ctx.store.deleteItem(list, itemId);
      return valueResponse(ctx, randomUUID(), 'Edm.Guid');
    }
    case 'validateupdatelistitem':
      return validateUpdateListItem(ctx, list, item());
    case 'versions':
      return versionsRoute(ctx, list, item(), seg, more);
    case 'attachmentfiles':
      return attachmentsRoute(ctx, list, item(), seg, more);
    case 'roleassignments':
      return roleAssignmentsRoute(ctx, seg, more, list, item());
    case 'breakroleinheritance':
    case 'resetroleinheritance':
      return inheritanceRoute(ctx, seg, list, item());
    case 'effectivebasepermissions': {
      requireMethod(ctx, 'GET');
      return effectivePermissionsRoute(ctx, list, item());
    }
    case 'getusereffectivepermissions':
      return userEffectivePermissionsRoute(ctx, seg, list, item());
    default: {
      // A single property, e.g. items(3)/Title or items(3)/HasUniqueRoleAssignments.
      requireMethod(ctx, 'GET');
      const entity = itemEntity(ctx, list, item());
      if (more.length > 0 || seg.args) throw errors.noResource(ctx.req.path);
      const key = Object.keys(entity.props).find((k) => k.toLowerCase() === seg.lower);
      if (key) return valueResponse(ctx, entity.props[key]);
      const only = Object.keys(entity.selectOnly ?? {}).find((k) => k.toLowerCase() === seg.lower);
      if (only) return valueResponse(ctx, entity.selectOnly![only]());
      throw errors.noResource(ctx.req.path);
    }
  }
}

/** lists(...)/items, items(n), items/getbyid(n). */
export function itemsRoute(ctx: Ctx, list: ListRecord, seg: Segment, rest: Segment[]): ApiResponse {
  if (seg.args) return itemRoute(ctx, list, intArg(seg), rest);
  if (rest.length === 0) {
    const method = requireMethod(ctx, 'GET', 'POST');
    return method === 'GET' ? queryItems(ctx, list) : addItem(ctx, list);
  }
  const [op, ...more] = rest;
  if (op.lower === 'getbyid') return itemRoute(ctx, list, intArg(op), more);
  throw errors.noResource(ctx.req.path);
}

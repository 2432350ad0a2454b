/**
 * web/lists, a list (getbytitle, by id, getlist) and its fields, permissions and items.
 */
import { ApiResponse, collectionResponse, Ctx, entityResponse, jsonBody, noContent, requireMethod, valueResponse } from './context';
import { errors } from './errors';
import { itemsRoute } from './items';
import { addValidateUpdateItem } from './validateUpdate';
import { Entity, queryEntities } from './odataQuery';
import { Segment, stringArg } from './odataPath';
import { PermissionKind, permissionsJson } from './permissions';
import { effectivePermissionsRoute, inheritanceRoute, roleAssignmentsRoute, userEffectivePermissionsRoute } from './roles';
import { entityTypeName, itemTypeName, WEB_PATH } from './site';
import { ListRecord, ReadSecurity, WriteSecurity } from './store';
import { libraryFolderRoute } from './files';
import { FieldSchema } from './xmlSchema';

const FIELD_KINDS: Record<string, { kind: number; odataType: string; display: string }> = {
  Counter: { kind: 5, odataType: 'SP.Field', display: 'Counter' },
  Text: { kind: 2, odataType: 'SP.FieldText', display: 'Single line of text' },
  Note: { kind: 3, odataType: 'SP.FieldMultiLineText', display: 'Multiple lines of text' },
  DateTime: { kind: 4, odataType: 'SP.FieldDateTime', display: 'Date and Time' },
  Choice: { kind: 6, odataType: 'SP.FieldChoice', display: 'Choice' },
  Boolean: { kind: 8, odataType: 'SP.Field', display: 'Yes/No' },
  Number: { kind: 9, odataType: 'SP.FieldNumber', display: 'Number' },
  User: { kind: 20, odataType: 'SP.FieldUser', display: 'Person or Group' },
  Attachments: { kind: 19, odataType: 'SP.Field', display: 'Attachments' },
};

interface FieldView {
  id: string;
  internalName: string;
  title: string;
  type: string;
  required: boolean;
  indexed: boolean;
  unique: boolean;
  readOnly: boolean;
  hidden: boolean;
  maxLength?: number;
  choices?: string[];
  defaultValue?: string;
  dateOnly?: boolean;
  group: string;
}

const BUILT_IN_FIELDS: FieldView[] = [
  { id: '1d22ea11-1e32-424e-89ab-9fedbadb6ce1', internalName: 'ID', title: 'ID', type: 'Counter', required: false, indexed: false, unique: false, readOnly: true, hidden: false, group: '_Hidden' },
  { id: 'fa564e0f-0c70-4ab9-b863-0177e6ddd247', internalName: 'Title', title: 'Title', type: 'Text', required: true, indexed: false, unique: false, readOnly: false, hidden: false, maxLength: 255, group: 'Custom Columns' },
  { id: '8c06beca-0777-48f7-91c7-6da68bc07b69', internalName: 'Created', title: 'Created', type: 'DateTime', required: false, indexed: false, unique: false, readOnly: true, hidden: false, group: '_Hidden' },
  { id: '28cf69c5-fa48-462a-b5cd-27b6f9d2bd5f', internalName: 'Modified', title: 'Modified', type: 'DateTime', required: false, indexed: false, unique: false, readOnly: true, hidden: false, group: '_Hidden' },
  { id: '1df5e554-ec7e-46a6-901d-d85a3881cb18', internalName: 'Author', title: 'Created By', type: 'User', required: false, indexed: false, unique: false, readOnly: true, hidden: false, group: '_Hidden' },
  { id: 'd31655d1-1d5b-4511-95a1-7a09e9b75bf2', internalName: 'Editor', title: 'Modified By', type: 'User', required: false, indexed: false, unique: false, readOnly: true, hidden: false, group: '_Hidden' },
  { id: '67df98f4-9dec-48ff-a553-29bece9c5bf4', internalName: 'Attachments', title: 'Attachments', type: 'Attachments', required: false, indexed: false, unique: false, readOnly: false, hidden: false, group: '_Hidden' },
];

function fieldViews(list: ListRecord): FieldView[] {
  const custom = list.fields.map(
    (f: FieldSchema): FieldView => ({
      id: f.id.replace(/[{}]/g, ''),
      internalName: f.internalName,
      title: f.displayName,
      type: f.type,
      required: f.required,
      indexed: f.indexed,
      unique: f.unique,
      readOnly: false,
      hidden: false,
      maxLength: f.maxLength,
      choices: f.choices,
      defaultValue: f.defaultValue,
      dateOnly: f.dateOnly,
      group: 'Procurement maturity',
    })
  );
  return [...BUILT_IN_FIELDS.filter((f) => f.internalName !== 'Attachments' || list.attachments), ...custom];
}

function fieldEntity(ctx: Ctx, list: ListRecord, f: FieldView): Entity {
  const info = FIELD_KINDS[f.type];
  const props: Record<string, unknown> = {
    CanBeDeleted: !f.readOnly && f.internalName !== 'Title',
    DefaultValue: f.defaultValue ?? null,
    Description: '',
    Direction: 'none',
    EnforceUniqueValues: f.unique,
    EntityPropertyName: f.internalName,
    FieldTypeKind: info.kind,
    Filterable: f.type !== 'Note',
    Group: f.group,
    Hidden: f.hidden,
    Id: f.id,
    Indexed: f.indexed,
    InternalName: f.internalName,
    ReadOnlyField: f.readOnly,
    Required: f.required,
    Sortable: f.type !== 'Note',
    StaticName: f.internalName,
    Title: f.title,
    TypeAsString: f.type,
    TypeDisplayName: info.display,
    TypeShortDescription: info.display,
  };
  if (f.type === 'Text') props.MaxLength = f.maxLength ?? 255;
  if (f.type === 'Choice') {
    props.Choices = f.choices ?? [];
    props.FillInChoice = false;
    props.EditFormat = 0;
  }
  if (f.type === 'DateTime') props.DisplayFormat = f.dateOnly ? 0 : 1;
  if (f.type === 'User') {
    props.SelectionMode = 0;
    props.AllowMultipleValues = false;
    props.LookupField = 'ImnName';
  }
  if (f.type === 'Note') {
    props.NumberOfLines = 6;
    props.RichText = false;
  }
  return {
    meta: {
      'odata.type': info.odataType,
      'odata.id': `${ctx.req.siteUrl}/_api/Web/Lists(guid'${list.id}')/Fields(guid'${f.id}')`,
      'odata.editLink': `Web/Lists(guid'${list.id}')/Fields(guid'${f.id}')`,
    },
    props,
  };
}

function fieldsRoute(ctx: Ctx, list: ListRecord, seg: Segment, rest: Segment[]): ApiResponse {
  requireMethod(ctx, 'GET');
  ctx.security.requireListRead(ctx.user, list);
  const views = fieldViews(list);
  const one = (pred: (f: FieldView) => boolean) => {
    const f = views.find(pred);
    if (!f) throw errors.badArgument(`Column '${seg.args ? stringArg(seg) : rest[0]?.args ? stringArg(rest[0]) : ''}' does not exist. It may have been deleted by another user.`);
    return entityResponse(ctx, fieldEntity(ctx, list, f), 'SP.Field');
  };
  if (seg.args) {
    const id = stringArg(seg).replace(/[{}]/g, '').toLowerCase();
    return one((f) => f.id === id);
  }
  if (rest.length === 0) {
    const entities = views.map((f) => fieldEntity(ctx, list, f));
    return collectionResponse(ctx, queryEntities(entities, ctx.options, 'SP.Field', entities[0]), 'SP.ApiData.Fields');
  }
  const [op] = rest;
  const key = stringArg(op).toLowerCase();
  switch (op.lower) {
    case 'getbyinternalnameortitle':
      return one((f) => f.internalName.toLowerCase() === key || f.title.toLowerCase() === key);
    case 'getbytitle':
      return one((f) => f.title.toLowerCase() === key);
    case 'getbyid':
      return one((f) => f.id === key.replace(/[{}]/g, ''));
    default:
      throw errors.noResource(ctx.req.path);
  }
}

export function listEntity(ctx: Ctx, list: ListRecord): Entity {
  const rootFolder = `${WEB_PATH}/${list.url}`;
  return {
    meta: { 'odata.type': 'SP.List', 'odata.id': `${ctx.req.siteUrl}/_api/Web/Lists(guid'${list.id}')`, 'odata.editLink': `Web/Lists(guid'${list.id}')` },
    props: {
      AllowContentTypes: true,
      BaseTemplate: list.library ? 101 : 100,
      BaseType: list.library ? 1 : 0,
      ContentTypesEnabled: true,
      Created: list.created,
      Description: list.description,
      EnableAttachments: list.attachments,
      EnableFolderCreation: false,
      EnableMinorVersions: false,
      EnableModeration: false,
      EnableVersioning: list.versioning,
      EntityTypeName: entityTypeName(list),
      ForceCheckout: false,
      HasExternalDataSource: false,
      Hidden: false,
      Id: list.id,
      ItemCount: list.items.size,
      LastItemModifiedDate: list.lastItemModified,
      LastItemUserModifiedDate: list.lastItemModified,
      ListItemEntityTypeFullName: itemTypeName(list),
      MajorVersionLimit: 500,
      NoCrawl: false,
      ParentWebUrl: WEB_PATH,
      TemplateFeatureId: list.library ? '00bfea71-e717-4e80-aa17-d0c71b360101' : '00bfea71-de22-43b2-a848-c05709900100',
      Title: list.title,
    },
    selectOnly: {
      HasUniqueRoleAssignments: () => list.hasUniquePerms,
      ReadSecurity: () => list.readSecurity,
      WriteSecurity: () => list.writeSecurity,
      EffectiveBasePermissions: () => permissionsJson(ctx.security.effective(ctx.user, list)),
    },
    nav: {
      RootFolder: () => ({
        meta: { 'odata.type': 'SP.Folder' },
        props: { Exists: true, Name: list.url.split('/').pop(), ServerRelativeUrl: rootFolder, ItemCount: list.items.size, UniqueId: list.id },
      }),
      Fields: () => fieldViews(list).map((f) => fieldEntity(ctx, list, f)),
    },
  };
}

/**
 * MERGE (or PATCH) on a list: its item-level permissions, ReadSecurity (1, 2) and WriteSecurity (1, 2, 4),
 * as a site owner sets them in List settings, Advanced settings. Needs ManageLists on the list. Other
 * list properties cannot be changed here (the lists come from the package's XML).
 */
function updateList(ctx: Ctx, list: ListRecord): ApiResponse {
  ctx.security.require(ctx.user, PermissionKind.ManageLists, list);
  const changes: { readSecurity?: ReadSecurity; writeSecurity?: WriteSecurity } = {};
  for (const [key, value] of Object.entries(jsonBody(ctx))) {
    if (key.startsWith('odata.') || key.startsWith('@odata.')) continue;
    if (key === 'ReadSecurity' || key === 'WriteSecurity') {
      const allowed = key === 'ReadSecurity' ? [1, 2] : [1, 2, 4];
      if (typeof value !== 'number' || !allowed.includes(value)) throw errors.badArgument('Value does not fall within the expected range.');
      if (key === 'ReadSecurity') changes.readSecurity = value as ReadSecurity;
      else changes.writeSecurity = value as WriteSecurity;
      continue;
    }
    if (key in listEntity(ctx, list).props) throw errors.badArgument(`The local list service does not change the list property '${key}'; only ReadSecurity and WriteSecurity.`);
    throw errors.badQuery(`The property '${key}' does not exist on type 'SP.List'. Make sure to only use property names that are defined by the type.`);
  }
  ctx.store.setItemLevelSecurity(list, changes);
  return noContent();
}

function listRoute(ctx: Ctx, list: ListRecord, rest: Segment[]): ApiResponse {
  // SharePoint's list collection is security trimmed: to someone who can open the site but not the list,
  // the list does not exist (404), as for a list that is not there. Someone without the site gets 403.
  if (!ctx.security.canReadList(ctx.user, list) && ctx.security.has(ctx.user, PermissionKind.Open)) throw errors.listNotFound(list.title, ctx.req.siteUrl);
  if (rest.length === 0) {
    const method = requireMethod(ctx, 'GET', 'MERGE', 'PATCH');
    if (method !== 'GET') return updateList(ctx, list);
    ctx.security.requireListRead(ctx.user, list);
    return entityResponse(ctx, listEntity(ctx, list), 'SP.List');
  }
  const [seg, ...more] = rest;
  switch (seg.lower) {
    case 'items':
      return itemsRoute(ctx, list, seg, more);
    case 'getitembyid':
      return itemsRoute(ctx, list, { name: 'items', lower: 'items', args: seg.args }, more);
    case 'fields':
      return fieldsRoute(ctx, list, seg, more);
    case 'addvalidateupdateitemusingpath':
      if (more.length > 0) throw errors.noResource(ctx.req.path);
      return addValidateUpdateItem(ctx, list);
    case 'roleassignments':
      return roleAssignmentsRoute(ctx, seg, more, list);
    case 'breakroleinheritance':
    case 'resetroleinheritance':
      return inheritanceRoute(ctx, seg, list);
    case 'effectivebasepermissions':
      return effectivePermissionsRoute(ctx, list);
    case 'getusereffectivepermissions':
      return userEffectivePermissionsRoute(ctx, seg, list);
    case 'rootfolder':
      // A library's files live in its root folder; otherwise only the folder's own properties (below).
      if (list.library && more.length > 0) return libraryFolderRoute(ctx, list, more);
    // falls through
    default: {
      // A single property, e.g. lists/getbytitle('x')/ItemCount, /HasUniqueRoleAssignments or /RootFolder.
      requireMethod(ctx, 'GET');
      ctx.security.requireListRead(ctx.user, list);
      if (more.length === 0 && !seg.args) {
        const entity = listEntity(ctx, list);
        if (seg.lower === 'rootfolder') return entityResponse(ctx, entity.nav!.RootFolder() as Entity, 'SP.Folder');
        const propKey = Object.keys(entity.props).find((k) => k.toLowerCase() === seg.lower);
        if (propKey) return valueResponse(ctx, entity.props[propKey]);
        const onlyKey = Object.keys(entity.selectOnly ?? {}).find((k) => k.toLowerCase() === seg.lower);
        if (onlyKey) return valueResponse(ctx, entity.selectOnly![onlyKey]());
      }
      throw errors.noResource(ctx.req.path);
    }
  }
}

function visibleLists(ctx: Ctx): ListRecord[] {
  return [...ctx.store.lists.values()].filter((l) => ctx.security.canReadList(ctx.user, l));
}

/** lists, lists/getbytitle('x'), lists('guid') / lists(guid'...'), lists/getbyid('guid'). */
export function listsRoute(ctx: Ctx, seg: Segment, rest: Segment[]): ApiResponse {
  const byId = (id: string): ListRecord => {
    const list = ctx.store.lists.get(id.replace(/[{}]/g, '').toLowerCase());
    if (!list) throw errors.listNotFound(id, ctx.req.siteUrl);
    return list;
  };
  if (seg.args) return listRoute(ctx, byId(stringArg(seg)), rest);
  if (rest.length === 0) {
    requireMethod(ctx, 'GET');
    ctx.security.require(ctx.user, PermissionKind.Open);
    const entities = visibleLists(ctx).map((l) => listEntity(ctx, l));
    const template = listEntity(ctx, [...ctx.store.lists.values()][0]);
    return collectionResponse(ctx, queryEntities(entities, ctx.options, 'SP.List', template), 'SP.ApiData.Lists');
  }
  const [op, ...more] = rest;
  switch (op.lower) {
    case 'getbytitle': {
      const title = stringArg(op);
      const list = ctx.store.listByTitle(title);
      if (!list) throw errors.listNotFound(title, ctx.req.siteUrl);
      return listRoute(ctx, list, more);
    }
    case 'getbyid':
      return listRoute(ctx, byId(stringArg(op)), more);
    default:
      throw errors.noResource(ctx.req.path);
  }
}

/** web/getlist('/sites/procurement/Lists/ActionPlans'). */
export function getListRoute(ctx: Ctx, seg: Segment, rest: Segment[]): ApiResponse {
  const url = stringArg(seg).replace(/\/+$/, '').toLowerCase();
  const list = [...ctx.store.lists.values()].find((l) => `${WEB_PATH}/${l.url}`.toLowerCase() === url || url.endsWith(`${WEB_PATH}/${l.url}`.toLowerCase()));
  if (!list) throw errors.listNotFound(stringArg(seg), ctx.req.siteUrl);
  return listRoute(ctx, list, rest);
}

/**
 * How a list item looks in SharePoint's JSON: its properties (person columns as <Name>Id and
 * <Name>StringId), odata.etag, and the person columns, Author, Editor and AttachmentFiles as
 * navigation properties that $expand can open. HasUniqueRoleAssignments and EffectiveBasePermissions
 * only when $select names them, as SharePoint does.
 */
import { attachmentEntity } from './attachments';
import { Ctx } from './context';
import { findPerson } from './directory';
import { Entity } from './odataQuery';
import { permissionsJson } from './permissions';
import { itemTypeName, WEB_PATH } from './site';
import { ItemRecord, ListRecord } from './store';

/** A person as a list item's lookup into the User Information List (Title, EMail, Name...). */
export function userLookupEntity(ctx: Ctx, id: unknown): Entity | null {
  if (typeof id !== 'number') return null;
  const user = ctx.store.users.get(id);
  if (!user) return null;
  const person = findPerson(user.loginName);
  return {
    meta: { 'odata.type': 'SP.Data.UserInfoItem', 'odata.id': `${ctx.req.siteUrl}/_api/Web/SiteUserInfoList/Items(${id})` },
    props: {
      Id: user.id,
      ID: user.id,
      Title: user.title,
      Name: user.loginName,
      EMail: user.email,
      FirstName: person?.firstName ?? null,
      LastName: person?.lastName ?? null,
      JobTitle: person?.jobTitle ?? null,
      Department: person?.department ?? null,
      UserName: user.email,
      SipAddress: user.email,
      Office: null,
      WorkPhone: null,
      MobilePhone: null,
    },
  };
}

function itemMeta(ctx: Ctx, list: ListRecord, item: ItemRecord): Record<string, unknown> {
  return {
    'odata.type': itemTypeName(list),
    'odata.id': `${ctx.req.siteUrl}/_api/Web/Lists(guid'${list.id}')/Items(${item.id})`,
    'odata.etag': `"${item.version}"`,
    'odata.editLink': `Web/Lists(guid'${list.id}')/Items(${item.id})`,
  };
}

export function itemEntity(ctx: Ctx, list: ListRecord, item: ItemRecord): Entity {
  const props: Record<string, unknown> = {
    FileSystemObjectType: 0,
    Id: item.id,
    ServerRedirectedEmbedUri: null,
    ServerRedirectedEmbedUrl: '',
    ContentTypeId: `${list.library ? '0x010100' : '0x0100'}${list.id.replace(/-/g, '').toUpperCase()}`,
    Title: item.values.Title ?? null,
  };
  if (list.library) {
    // A library item is a file: its name and URL, as SharePoint gives them.
    props.FileLeafRef = item.fileName ?? null;
    props.FileRef = `${WEB_PATH}/${list.url}/${item.fileName ?? ''}`;
  }
  const nav: Record<string, () => Entity | Entity[] | null> = {};
  for (const f of list.fields) {
    const v = item.values[f.internalName] ?? null;
    if (f.type === 'User') {
      props[`${f.internalName}Id`] = v;
      props[`${f.internalName}StringId`] = v === null ? null : String(v);
      nav[f.internalName] = () => userLookupEntity(ctx, v);
    } else props[f.internalName] = v;
  }
  Object.assign(props, {
    ID: item.id,
    Modified: item.modified,
    Created: item.created,
    AuthorId: item.authorId,
    EditorId: item.editorId,
    OData__UIVersionString: `${item.version}.0`,
    Attachments: item.attachments.length > 0,
    GUID: item.guid,
  });
  nav.Author = () => userLookupEntity(ctx, item.authorId);
  nav.Editor = () => userLookupEntity(ctx, item.editorId);
  nav.AttachmentFiles = () => item.attachments.map((n) => attachmentEntity(ctx, list, item.id, n));
  return {
    meta: itemMeta(ctx, list, item),
    props,
    nav,
    selectOnly: {
      HasUniqueRoleAssignments: () => list.uniqueItems.has(item.id),
      EffectiveBasePermissions: () => permissionsJson(ctx.security.effective(ctx.user, list, item)),
    },
  };
}

export function etagOf(item: ItemRecord): string {
  return `"${item.version}"`;
}

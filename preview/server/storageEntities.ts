/**
 * Tenant properties (storage entities): web/GetStorageEntity('key') answers as SharePoint Online does,
 * {Comment, Description, Value}, with nulls for a key that is not set. On a real tenant they are set in
 * the app catalog by an administrator; here the testing switch /_local/storage-entity sets them.
 */
import { ApiResponse, Ctx, json, requireMethod } from './context';
import { errors } from './errors';
import { Segment, stringArg } from './odataPath';
import { PermissionKind } from './permissions';
import { StorageEntity, Store } from './store';

/** GET web/GetStorageEntity('key'): anyone who can open the site may read. */
export function storageEntityRoute(ctx: Ctx, seg: Segment, rest: Segment[]): ApiResponse {
  if (rest.length > 0) throw errors.noResource(ctx.req.path);
  requireMethod(ctx, 'GET');
  ctx.security.require(ctx.user, PermissionKind.Open);
  return storageEntityResponse(ctx, stringArg(seg));
}

/**
 * The property as SharePoint answers it. Storage entities belong to the tenant (its app catalog), not
 * to a site: every site, the root site included, answers with the same values.
 */
export function storageEntityResponse(ctx: Ctx, key: string): ApiResponse {
  const entity = ctx.store.storageEntity(key);
  return json(200, {
    'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#SP.StorageEntity`,
    Comment: entity?.comment ?? null,
    Description: entity?.description ?? null,
    Value: entity?.value ?? null,
  });
}

/**
 * POST /_local/storage-entity {"key","value","description","comment"} sets a property; DELETE with
 * {"key"} (or ?key=) removes it. Written through like every other change.
 */
export function storageEntitySwitch(store: Store, method: string, query: URLSearchParams, body: Buffer): ApiResponse {
  let parsed: Record<string, unknown> = {};
  const text = body.toString('utf8').trim();
  if (text) {
    try {
      parsed = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw errors.badQuery('The storage-entity switch needs a JSON body such as {"key":"x","value":"y"}.');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw errors.badQuery('The storage-entity switch needs a JSON object.');
  }
  const key = typeof parsed.key === 'string' ? parsed.key : query.get('key') ?? '';
  if (!key.trim()) throw errors.badQuery('The storage-entity switch needs a "key".');
  const optional = (name: string): string | null => {
    const v = parsed[name];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') throw errors.badQuery(`"${name}" must be a string.`);
    return v;
  };
  if (method === 'DELETE') {
    store.transaction(() => store.removeStorageEntity(key));
    return json(200, { key, removed: true });
  }
  if (method !== 'POST') throw errors.methodNotAllowed(method, '/_local/storage-entity');
  if (typeof parsed.value !== 'string') throw errors.badQuery('The storage-entity switch needs a string "value".');
  const entity: StorageEntity = { key, value: parsed.value, description: optional('description'), comment: optional('comment') };
  store.transaction(() => store.setStorageEntity(entity));
  return json(200, entity);
}

/**
 * Item queries: $filter and $orderby over the list's columns, the 5,000-item list view threshold,
 * $top (100 by default, as SharePoint) and paging with $skiptoken / odata.nextLink. Results are
 * security trimmed: items with unique permissions the caller cannot view are left out.
 */
import { ApiResponse, collectionResponse, Ctx } from './context';
import { errors } from './errors';
import { itemEntity } from './itemEntity';
import { compileFilter, FieldAccessor, filterFields, parseFilter, ValueKind } from './odataFilter';
import { compareValues } from './odataQuery';
import { ItemRecord, ListRecord } from './store';

/** SharePoint's list view threshold. */
export const LIST_VIEW_THRESHOLD = 5000;
const DEFAULT_TOP = 100;
const MAX_TOP = 5000;

interface ItemColumn extends FieldAccessor<ItemRecord> {
  indexed: boolean;
  /** Multi-line text: SharePoint cannot filter or sort on it. */
  note: boolean;
}

function userProp(ctx: Ctx, id: unknown, prop: string): unknown {
  if (typeof id !== 'number') return null;
  const user = ctx.store.users.get(id);
  if (!user) return null;
  switch (prop) {
    case 'title':
      return user.title;
    case 'email':
      return user.email;
    case 'name':
      return user.loginName;
    default:
      return null;
  }
}

/** Resolves a column path used in $filter/$orderby: Title, NpsStatus, OwnerId, Owner/Id, Owner/Title, Author/Id... */
function itemColumn(ctx: Ctx, list: ListRecord, path: string): ItemColumn {
  const lower = path.toLowerCase();
  const col = (name: string, kind: ValueKind, indexed: boolean, get: (i: ItemRecord) => unknown, note = false): ItemColumn => ({ name, kind, indexed, get, note });
  if (lower === 'id') return col('ID', 'number', true, (i) => i.id);
  if (lower === 'title') return col('Title', 'text', false, (i) => i.values.Title);
  if (lower === 'created') return col('Created', 'date', false, (i) => i.created);
  if (lower === 'modified') return col('Modified', 'date', false, (i) => i.modified);
  if (lower === 'attachments') return col('Attachments', 'boolean', false, (i) => i.attachments.length > 0);
  if (lower === 'guid') return col('GUID', 'guid', false, (i) => i.guid);
  const people: { name: string; indexed: boolean; get: (i: ItemRecord) => unknown }[] = [
    { name: 'Author', indexed: false, get: (i) => i.authorId },
    { name: 'Editor', indexed: false, get: (i) => i.editorId },
    ...list.fields.filter((f) => f.type === 'User').map((f) => ({ name: f.internalName, indexed: f.indexed, get: (i: ItemRecord) => i.values[f.internalName] })),
  ];
  for (const p of people) {
    const n = p.name.toLowerCase();
    if (lower === `${n}id` || lower === `${n}/id`) return col(`${p.name}Id`, 'number', p.indexed, p.get);
    const sub = lower.startsWith(`${n}/`) ? lower.slice(n.length + 1) : undefined;
    if (sub === 'title' || sub === 'email' || sub === 'name') return col(path, 'text', false, (i) => userProp(ctx, p.get(i), sub));
    if (lower === n) throw errors.badQuery(`The field '${p.name}' of type 'User' cannot be used in the query filter expression.`);
  }
  const f = list.fields.find((x) => x.internalName.toLowerCase() === lower);
  if (!f) throw errors.columnNotFound(path);
  const kind: ValueKind = f.type === 'Number' ? 'number' : f.type === 'Boolean' ? 'boolean' : f.type === 'DateTime' ? 'date' : 'text';
  return col(f.internalName, kind, f.indexed, (i) => i.values[f.internalName], f.type === 'Note');
}

interface SkipToken {
  id: number;
  prev: boolean;
  values: Map<string, string>;
}

function parseSkipToken(raw: string): SkipToken {
  const params = new URLSearchParams(raw);
  const id = Number(params.get('p_ID'));
  if (params.get('Paged')?.toUpperCase() !== 'TRUE' || !Number.isInteger(id)) throw errors.badQuery(`The $skiptoken '${raw}' is not valid.`);
  const values = new Map<string, string>();
  for (const [k, v] of params) if (k.startsWith('p_') && k !== 'p_ID') values.set(k.slice(2).toLowerCase(), v);
  return { id, prev: params.get('PagedPrev')?.toUpperCase() === 'TRUE', values };
}

/** The list view threshold: on a list over 5,000 items, filters and sorts must use indexed columns. */
function checkThreshold(list: ListRecord, filterCols: ItemColumn[], firstClause: ((i: ItemRecord) => boolean) | undefined, firstClauseIndexed: boolean, orderCols: ItemColumn[]): void {
  if (list.items.size <= LIST_VIEW_THRESHOLD) return;
  if (orderCols.some((c) => !c.indexed)) throw errors.throttledQuery();
  if (filterCols.every((c) => c.indexed)) return;
  // As in SharePoint: a query may still use other columns when its first clause is on an indexed
  // column and narrows the list to no more than the threshold.
  if (firstClause && firstClauseIndexed) {
    let count = 0;
    for (const item of list.items.values()) if (firstClause(item) && ++count > LIST_VIEW_THRESHOLD) break;
    if (count <= LIST_VIEW_THRESHOLD) return;
  }
  throw errors.throttledQuery();
}

export function queryItems(ctx: Ctx, list: ListRecord): ApiResponse {
  ctx.security.requireListRead(ctx.user, list);
  const { options } = ctx;
  const resolve = (path: string) => itemColumn(ctx, list, path);
  let predicate: ((i: ItemRecord) => boolean) | undefined;
  let filterCols: ItemColumn[] = [];
  let firstClause: ((i: ItemRecord) => boolean) | undefined;
  let firstClauseIndexed = false;
  if (options.filter) {
    const tree = parseFilter(options.filter);
    filterCols = filterFields(tree).map(resolve);
    const note = filterCols.find((c) => c.note);
    if (note) throw errors.badQuery(`The field '${note.name}' of type 'Note' cannot be used in the query filter expression.`);
    predicate = compileFilter(tree, resolve);
    let first = tree;
    while (first.kind === 'and') first = first.left;
    if (first !== tree) {
      firstClause = compileFilter(first, resolve);
      firstClauseIndexed = filterFields(first).every((p) => resolve(p).indexed);
    }
  }
  const orderCols = options.orderby.map((o) => {
    const c = resolve(o.path);
    if (c.note) throw errors.badQuery(`The field '${c.name}' of type 'Note' cannot be used in the query orderby expression.`);
    return { col: c, desc: o.desc };
  });
  checkThreshold(
    list,
    filterCols,
    firstClause,
    firstClauseIndexed,
    orderCols.map((o) => o.col)
  );

  // Security trimming: items the caller cannot view (unique permissions) are silently left out.
  const visible = ctx.security.itemVisibility(ctx.user, list);
  let rows = [...list.items.values()].filter(visible);
  if (predicate) rows = rows.filter(predicate);
  const keyOf = (item: ItemRecord) => orderCols.map((o) => o.col.get(item));
  const compareKeys = (ak: unknown[], aid: number, bk: unknown[], bid: number): number => {
    for (let k = 0; k < orderCols.length; k++) {
      const c = compareValues(ak[k], bk[k], orderCols[k].col.kind);
      if (c !== 0) return orderCols[k].desc ? -c : c;
    }
    return aid - bid;
  };
  if (orderCols.length > 0) rows.sort((a, b) => compareKeys(keyOf(a), a.id, keyOf(b), b.id));
  else rows.sort((a, b) => a.id - b.id);

  const top = Math.min(options.top ?? DEFAULT_TOP, MAX_TOP);
  let start = 0;
  let end: number;
  if (options.skiptoken) {
    const token = parseSkipToken(options.skiptoken);
    let tokenKey: unknown[] | undefined;
    if (orderCols.length > 0) {
      const anchor = list.items.get(token.id);
      if (orderCols.every((o) => token.values.has(o.col.name.toLowerCase()))) {
        tokenKey = orderCols.map((o) => decodeTokenValue(token.values.get(o.col.name.toLowerCase())!, o.col.kind));
      } else if (anchor) tokenKey = keyOf(anchor);
    }
    const after = (item: ItemRecord) => (tokenKey ? compareKeys(keyOf(item), item.id, tokenKey, token.id) > 0 : item.id > token.id);
    const idx = rows.findIndex(after);
    const firstAfter = idx < 0 ? rows.length : idx;
    if (token.prev) {
      // PagedPrev: the page that ends just before the token row.
      const firstBefore = rows.findIndex((item) => !(tokenKey ? compareKeys(keyOf(item), item.id, tokenKey, token.id) < 0 : item.id < token.id));
      const stop = firstBefore < 0 ? rows.length : firstBefore;
      start = Math.max(0, stop - top);
      end = stop;
    } else {
      start = firstAfter;
      end = start + top;
    }
  } else end = top;
  const page = rows.slice(start, end);
  const extra: Record<string, unknown> = {};
  if (end < rows.length && page.length > 0) {
    const last = page[page.length - 1];
    const token = new URLSearchParams({ Paged: 'TRUE', p_ID: String(last.id) });
    orderCols.forEach((o) => token.set(`p_${o.col.name}`, encodeTokenValue(o.col.get(last))));
    const next = new URLSearchParams(ctx.req.query);
    next.set('$skiptoken', token.toString());
    if (!next.has('$top')) next.set('$top', String(top));
    extra['odata.nextLink'] = `${ctx.req.siteUrl}/_api/${ctx.req.path}?${next.toString()}`;
  }
  return collectionResponse(
    ctx,
    page.map((i) => itemEntity(ctx, list, i)),
    `SP.ListData.${list.url.split('/').pop()}ListItems`,
    extra
  );
}

function encodeTokenValue(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

function decodeTokenValue(text: string, kind: ValueKind): unknown {
  if (text === '') return null;
  if (kind === 'number') return Number(text);
  if (kind === 'boolean') return text === 'true';
  return text;
}

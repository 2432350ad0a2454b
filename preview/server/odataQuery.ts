/**
 * The other OData query options ($select, $expand, $orderby, $top, $skip) and the projection of an
 * entity into SharePoint's JSON "minimal metadata" shape. Entities are described once (properties plus
 * lazily computed navigation properties) and every endpoint projects them the same way.
 */
import { errors } from './errors';
import { compileFilter, entityResolver, parseFilter, ValueKind } from './odataFilter';

export interface Entity {
  /** odata.type etc., always emitted first (SharePoint sends them with any $select). */
  meta?: Record<string, unknown>;
  props: Record<string, unknown>;
  /** Navigation properties, only emitted when $expand names them. */
  nav?: Record<string, () => Entity | Entity[] | null>;
  /** Properties SharePoint only returns when $select names them explicitly (e.g. HasUniqueRoleAssignments). */
  selectOnly?: Record<string, () => unknown>;
}

export interface QueryOptions {
  select?: string[];
  expand: string[];
  filter?: string;
  orderby: { path: string; desc: boolean }[];
  top?: number;
  skip?: number;
  skiptoken?: string;
}

function splitList(value: string | null): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function parseQueryOptions(query: URLSearchParams): QueryOptions {
  const options: QueryOptions = { expand: splitList(query.get('$expand')), orderby: [] };
  const select = splitList(query.get('$select'));
  if (select.length > 0) options.select = select;
  for (const p of [...select, ...options.expand]) {
    if (!/^(\*|[A-Za-z_][A-Za-z0-9_]*(\/([A-Za-z_][A-Za-z0-9_]*|\*))*)$/.test(p)) throw errors.badQuery(`The query parameter value '${p}' is not valid.`);
  }
  const filter = query.get('$filter');
  if (filter !== null && filter.trim() !== '') options.filter = filter;
  for (const part of splitList(query.get('$orderby'))) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*(?:\/[A-Za-z_][A-Za-z0-9_]*)?)(?:\s+(asc|desc))?$/i.exec(part);
    if (!m) throw errors.badQuery(`Syntax error in $orderby at '${part}'.`);
    options.orderby.push({ path: m[1], desc: (m[2] ?? '').toLowerCase() === 'desc' });
  }
  const int = (name: string): number | undefined => {
    const raw = query.get(name);
    if (raw === null) return undefined;
    if (!/^\d+$/.test(raw.trim())) throw errors.badQuery(`Invalid value '${raw}' for the query parameter ${name}: it must be a non-negative integer.`);
    return Number(raw.trim());
  };
  options.top = int('$top');
  options.skip = int('$skip');
  const skiptoken = query.get('$skiptoken');
  if (skiptoken !== null) options.skiptoken = skiptoken;
  return options;
}

function findKey(obj: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!obj) return undefined;
  if (name in obj) return name;
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

/** Groups "A/B" paths by their first segment: A -> [B]. */
function byHead(paths: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const p of paths) {
    const [head, ...rest] = p.split('/');
    const key = head.toLowerCase();
    const list = out.get(key) ?? [];
    if (rest.length > 0) list.push(rest.join('/'));
    out.set(key, list);
  }
  return out;
}

/** Projects an entity with $select/$expand into the JSON SharePoint returns. */
export function project(entity: Entity, select: string[] | undefined, expand: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(entity.meta ?? {}) };
  const expands = byHead(expand);
  const navNames = new Map<string, string>();
  for (const [head] of expands) {
    const key = findKey(entity.nav as Record<string, unknown> | undefined, head);
    if (!key) throw errors.propertyNotFound(head);
    navNames.set(head, key);
  }
  const selectAll = !select || select.includes('*');
  const selects = byHead((select ?? []).filter((s) => s !== '*'));
  if (selectAll) Object.assign(out, entity.props);
  for (const [head, sub] of selects) {
    const navKey = navNames.get(head);
    if (navKey) continue; // emitted below with its sub-selection
    if (sub.length > 0) {
      if (findKey(entity.nav as Record<string, unknown> | undefined, head)) {
        throw errors.badQuery(`The query to field '${head}' is not valid. The $select query string must specify the target fields and the $expand query string must contains ${head}.`);
      }
      throw errors.propertyNotFound(head);
    }
    const propKey = findKey(entity.props, head);
    if (propKey) {
      out[propKey] = entity.props[propKey];
      continue;
    }
    const onlyKey = findKey(entity.selectOnly as Record<string, unknown> | undefined, head);
    if (onlyKey) {
      out[onlyKey] = entity.selectOnly![onlyKey]();
      continue;
    }
    const deferred = findKey(entity.nav as Record<string, unknown> | undefined, head);
    if (deferred) {
      // Not expanded: SharePoint leaves it deferred and only says where it could be read.
      const editLink = entity.meta?.['odata.editLink'];
      if (typeof editLink === 'string') out[`${deferred}@odata.navigationLinkUrl`] = `${editLink}/${deferred}`;
      continue;
    }
    throw errors.propertyNotFound(head);
  }
  for (const [head, navKey] of navNames) {
    const subExpand = expands.get(head) ?? [];
    const subSelectRaw = selects.get(head);
    const subSelect = subSelectRaw && subSelectRaw.length > 0 ? subSelectRaw : undefined;
    const value = entity.nav![navKey]();
    if (value === null) out[navKey] = null;
    else if (Array.isArray(value)) out[navKey] = value.map((e) => project(e, subSelect, subExpand));
    else out[navKey] = project(value, subSelect, subExpand);
  }
  return out;
}

function kindOf(v: unknown): ValueKind {
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'boolean';
  return 'text';
}

/** $filter, $orderby, $skip and $top over a small collection of plain entities (lists, users, groups...). */
export function queryEntities(entities: Entity[], options: QueryOptions, typeName: string, template: Entity): Entity[] {
  let rows = entities;
  if (options.filter) {
    const predicate = compileFilter(parseFilter(options.filter), entityResolver(template.props, typeName));
    rows = rows.filter((e) => predicate(e.props));
  }
  if (options.orderby.length > 0) {
    const keys = options.orderby.map((o) => {
      const key = findKey(template.props, o.path);
      if (!key) throw errors.propertyNotFound(o.path);
      return { key, desc: o.desc, kind: kindOf(template.props[key]) };
    });
    rows = [...rows].sort((a, b) => {
      for (const k of keys) {
        const c = compareValues(a.props[k.key], b.props[k.key], k.kind);
        if (c !== 0) return k.desc ? -c : c;
      }
      return 0;
    });
  }
  if (options.skip) rows = rows.slice(options.skip);
  if (options.top !== undefined) rows = rows.slice(0, options.top);
  return rows;
}

/** Orders values the way SharePoint's SQL does: empty first, text case-insensitively. */
export function compareValues(a: unknown, b: unknown, kind: ValueKind): number {
  const empty = (v: unknown) => v === null || v === undefined || v === '';
  if (empty(a) || empty(b)) return empty(a) === empty(b) ? 0 : empty(a) ? -1 : 1;
  if (kind === 'number') return Number(a) - Number(b);
  if (kind === 'boolean') return Number(Boolean(a)) - Number(Boolean(b));
  if (kind === 'date') return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
  const x = String(a).toLowerCase();
  const y = String(b).toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

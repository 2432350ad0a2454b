import { SPFI } from '@pnp/sp';
import { IItems } from '@pnp/sp/items';
import { ConflictError, DataError, toDataError, ValidationError } from '../errors';
import { etagOf } from '../fieldValues';
import { FieldProblem } from '../../domain/validation';
import { FieldDefinition, ListKey, LISTS, TITLE_MAX_LENGTH } from '../schema';

/** SharePoint's page size ceiling; reads fetch whole pages and follow on by ID past 5,000 items. */
export const PAGE_SIZE = 5000;

export type SpItem = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface ReadQuery {
  filter?: string;
  /** Columns to order by, ascending unless `false`; applied after reading, so they need no index. */
  orderBy?: Array<[string, boolean?]>;
  /** Read only these columns (no people expanded), where a view needs a few of many: less to send. */
  select?: readonly string[];
}

/** A list item the app could not use as it stands, named so a person can find and fix it. */
export interface ItemProblem {
  list: string;
  itemId: number;
  title: string;
  field?: string;
  message: string;
}

/** Thrown by a repository's fromItem when an item cannot be used at all; readAll names it and goes on. */
export class ItemProblemError extends Error {
  constructor(
    message: string,
    public readonly field?: string
  ) {
    super(message);
    this.name = 'ItemProblemError';
  }
}

/** The period an item belongs to; an item that names none cannot be used and is named instead. */
export function periodNameOf(item: SpItem, column: string): string {
  const name = typeof item[column] === 'string' ? item[column].trim() : '';
  if (!name) throw new ItemProblemError('It names no period, so it is left out.', column);
  return name;
}

export interface Saved {
  id: number;
  etag: string;
}

/**
 * What every list repository shares: reading whole result sets through indexed filters, optimistic
 * concurrency with ETags, column limits checked before sending, and errors turned into DataErrors.
 * Reads take an optional batched client (`via`) so a view can gather all its reads in one $batch.
 */
export abstract class ListRepository<T> {
  protected abstract readonly select: string[];
  protected abstract readonly expand: string[];

  protected constructor(
    protected readonly sp: SPFI,
    protected readonly key: ListKey
  ) {}

  public get listTitle(): string {
    return LISTS[this.key].title;
  }

  protected abstract fromItem(item: SpItem): T;

  protected items(via: SPFI = this.sp): IItems {
    return via.web.lists.getByTitle(this.listTitle).items;
  }

  /** Always in ID order on the server: paging follows on by ID, and no threshold applies to ID. */
  private queryOf(via: SPFI, query: ReadQuery, afterId?: number): IItems {
    let items = this.items(via).select(...(query.select ?? this.select));
    if (this.expand.length && !query.select) items = items.expand(...this.expand);
    const clauses = [query.filter, afterId !== undefined ? `ID gt ${afterId}` : ''].filter(Boolean) as string[];
    if (clauses.length) items = items.filter(clauses.length === 1 ? clauses[0] : clauses.map((c) => `(${c})`).join(' and '));
    return items.orderBy('ID', true).top(PAGE_SIZE);
  }

  /**
   * Every item matching the query. The first page may go through a batch; a full page means more
   * remain, so the rest follow unbatched, page by page, using the same indexed filter plus ID. The
   * requested order is applied here, so ordering never needs an index (or meets the threshold).
   */
  protected async readAll(query: ReadQuery, via: SPFI = this.sp, problems?: ItemProblem[]): Promise<T[]> {
    let all: SpItem[];
    try {
      let page: SpItem[] = await this.queryOf(via, query)();
      all = [...page];
      while (page.length === PAGE_SIZE) {
        page = await this.queryOf(this.sp, query, page[page.length - 1].Id)();
        all.push(...page);
      }
    } catch (e) {
      throw toDataError(e, this.listTitle, 'read');
    }
    return this.mapItems(this.sortLike(all, query), problems);
  }

  /**
   * Items that cannot be used (typed into SharePoint's own forms, half filled) are left out and named
   * in `problems`, so one bad item never blanks a view.
   */
  protected mapItems(items: SpItem[], problems?: ItemProblem[]): T[] {
    const mapped: T[] = [];
    for (const item of items) {
      try {
        mapped.push(this.fromItem(item));
      } catch (e) {
        if (!(e instanceof ItemProblemError)) throw e;
        problems?.push({ list: this.listTitle, itemId: item.Id, title: String(item.Title ?? ''), field: e.field, message: e.message });
      }
    }
    return mapped;
  }

  private sortLike(items: SpItem[], query: ReadQuery): SpItem[] {
    if (!query.orderBy?.length) return items;
    return [...items].sort((a, b) => {
      for (const [field, asc] of query.orderBy ?? []) {
        const x = a[field];
        const y = b[field];
        if (x === y) continue;
        const order = x === null || x === undefined ? -1 : y === null || y === undefined ? 1 : x < y ? -1 : 1;
        return asc === false ? -order : order;
      }
      return a.Id - b.Id;
    });
  }

  public async getById(id: number, via: SPFI = this.sp): Promise<T> {
    try {
      let item = this.items(via).getById(id).select(...this.select);
      if (this.expand.length) item = item.expand(...this.expand);
      return this.fromItem(await item());
    } catch (e) {
      throw toDataError(e, this.listTitle, 'read');
    }
  }

  /** Text columns over their limit are refused here, naming the column, before anything is sent. */
  protected checkTextLimits(fields: Record<string, unknown>): void {
    const problems: FieldProblem[] = [];
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value !== 'string') continue;
      const field = LISTS[this.key].fields.find((f) => f.internalName === name);
      const limit = name === 'Title' ? TITLE_MAX_LENGTH : field?.type === 'Text' ? field.maxLength ?? TITLE_MAX_LENGTH : undefined;
      if (limit !== undefined && value.length > limit) {
        const label = name === 'Title' ? 'Title' : field?.displayName ?? name;
        problems.push({ field: name, message: `${label} is ${value.length} characters; the limit is ${limit}. Shorten it by ${value.length - limit}.` });
      }
    }
    if (problems.length) throw new ValidationError(problems);
  }

  /**
   * Adds (no id) or updates (with id and the ETag it was read with). When someone else saved first,
   * SharePoint answers 412 and this throws a ConflictError holding their version.
   */
  protected async write(fields: Record<string, unknown>, id?: number, etag?: string): Promise<Saved> {
    this.checkTextLimits(fields);
    try {
      if (id === undefined) {
        const added: SpItem = await this.items().add(fields);
        return { id: added.Id ?? added.ID, etag: etagOf(added) ?? '"1"' };
      }
      const result = (await this.items().getById(id).update(fields, etag ?? '*')) as { etag?: string } | undefined;
      return { id, etag: result?.etag ?? (await this.getEtag(id)) };
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status === 412 && id !== undefined) throw new ConflictError(await this.getById(id));
      if (isDuplicateValue(e)) throw await this.duplicateOf(fields);
      throw toDataError(e, this.listTitle);
    }
  }

  /**
   * SharePoint refused the write because a unique column already holds the value: someone else created
   * the same record first. Repositories with unique columns say what to do (usually: show theirs).
   */
  protected async duplicateOf(fields: Record<string, unknown>): Promise<DataError> {
    const unique = (LISTS[this.key].fields as readonly FieldDefinition[]).filter((f) => f.unique && fields[f.internalName] !== undefined).map((f) => f.displayName);
    return new DataError('duplicate', `This ${unique.join(' and ') || 'record'} already exists in ${this.listTitle}; someone may have just added it. Reload to see it.`, 400);
  }

  private async getEtag(id: number): Promise<string> {
    const item: SpItem = await this.items().getById(id).select('Id')();
    return etagOf(item) ?? '*';
  }

  public async remove(id: number, etag = '*'): Promise<void> {
    try {
      await this.items().getById(id).delete(etag);
    } catch (e) {
      throw toDataError(e, this.listTitle);
    }
  }
}

/** SharePoint's answer when a unique column would hold the same value twice. */
export function isDuplicateValue(e: unknown): boolean {
  const err = e as { status?: number; message?: string };
  return err?.status === 400 && /SPDuplicateValuesFoundException|duplicate values were found/i.test(err.message ?? '');
}

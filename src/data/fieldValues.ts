import { IsoDate, londonCalendarDate } from '../domain/dates';
import { Person } from '../domain/actions';
import { ColumnOf, ListKey, LISTS } from './schema';

/**
 * Conversions between list item values and domain values, and the column names the repositories use,
 * checked against the list model when the module loads so a typo fails every test, not a tenant.
 */

export function col<K extends ListKey, C extends ColumnOf<K>>(list: K, internalName: C): C {
  if (!LISTS[list].fields.some((f) => f.internalName === internalName)) {
    throw new Error(`Column ${internalName} is not in the ${LISTS[list].title} list model`);
  }
  return internalName;
}

type MissingColumn<K extends ListKey, C extends string> = Exclude<ColumnOf<K>, C>;

/**
 * Every column of a list, as a repository reads it: compiles only when `columns` names them all, so a
 * column added to the list model and not read (or written) by its repository fails to compile, and
 * the error names it.
 */
export function everyColumn<K extends ListKey, C extends ColumnOf<K>>(
  list: K,
  columns: readonly C[] & ([MissingColumn<K, C>] extends [never] ? unknown : { notRead: MissingColumn<K, C> })
): readonly C[] {
  for (const c of columns) col(list, c);
  return columns;
}

/**
 * SharePoint keeps a date-only column as midnight in the site's time zone, sent back in UTC: 1 July
 * arrives as 30 June 23:00Z in summer. Read it as the London calendar date it stands for.
 */
export function dateOnlyFromSp(value: string | null | undefined): IsoDate | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  if (isNaN(date.getTime())) return undefined;
  return londonCalendarDate(date);
}

/** Noon UTC is the same calendar date in every UK time zone, whatever the clocks are doing. */
export function dateOnlyToSp(value: IsoDate | undefined): string | null {
  return value ? `${value}T12:00:00Z` : null;
}

export interface SpUser {
  Id: number;
  Title: string;
  EMail?: string;
}

/** The $select entries for an expanded person column. */
export function personSelect(field: string): string[] {
  return [`${field}/Id`, `${field}/Title`, `${field}/EMail`];
}

export function personFromSp(value: SpUser | null | undefined): Person | undefined {
  if (!value || !value.Id) return undefined;
  return { id: value.Id, displayName: value.Title, email: value.EMail || undefined };
}

export function etagOf(item: Record<string, unknown>): string | undefined {
  const etag = item['odata.etag'] ?? (item.__metadata as { etag?: string } | undefined)?.etag;
  return typeof etag === 'string' ? etag : undefined;
}

/** SharePoint's own Created By and Modified By: set by SharePoint from the caller, never by the caller. */
export const SYSTEM_PEOPLE_SELECT = [...personSelect('Author'), ...personSelect('Editor'), 'Created', 'Modified'];
export const SYSTEM_PEOPLE_EXPAND = ['Author', 'Editor'];

import { SPFI } from '@pnp/sp';
import { AssessmentPeriod } from '../domain/periods';
import { formatUkDateTime } from '../domain/dates';
import { parseFramework } from '../framework/loadFramework';
import { Framework } from '../framework/types';
import { DeployedIndex, IndexRepository, IndexVersion, SkippedIndex } from './repositories/indexRepository';

/**
 * Which framework a period is shown with: how history stays true when site owners reword, retire,
 * restore or add indices, in the app or straight in the Maturity indices list.
 *
 * - A signed-off year: the framework recorded in its Sign-off log entry at sign-off (a snapshot that
 *   only approvers and site owners can add and nobody can change). A sign-off with no record (one
 *   made outside the app) is read from the list's version history as at submission.
 * - A submitted year: the framework as it stood when it was submitted, read from each item's version
 *   history (SharePoint keeps a version for every change, form edits included): a rewording since is
 *   not shown, an index added since is not in it, one retired since still is.
 * - A draft (or returned) year: today's framework, so a typo fixed today reaches it; an index retired
 *   since the year assessed it stays in the year, marked retired; one it never assessed leaves it.
 *
 * Retiring is a flag on the item (Retired), never a deletion, so the item and its version history
 * stay; an index is only ever restored, never re-added under its old id.
 */

export type FrameworkBasis = 'today' | 'asSubmitted' | 'signOffRecord';

export interface PeriodFramework {
  framework: Framework;
  /** Items of the list left out because they fail their checks. */
  skipped: SkippedIndex[];
  basis: FrameworkBasis;
  /** For 'asSubmitted': the moment the framework is read as at. */
  asAt?: string;
  /** Anything that made the framework less certain than it should be, in words for the reader. */
  notes: string[];
}

/** When a period's framework is read as at (undefined: today's), and on what basis. */
export function frameworkMoment(period: AssessmentPeriod | undefined): { basis: FrameworkBasis; at?: string } {
  if (!period) return { basis: 'today' };
  if (period.status === 'Signed off') {
    if (period.frameworkSnapshot) return { basis: 'signOffRecord' };
    const at = period.submittedOn ?? period.signedOffOn;
    return at ? { basis: 'asSubmitted', at } : { basis: 'today' };
  }
  if (period.status === 'Submitted' && period.submittedOn) return { basis: 'asSubmitted', at: period.submittedOn };
  return { basis: 'today' };
}

const time = (iso: string | undefined): number => (iso ? Date.parse(iso) : NaN);
const after = (a: string | undefined, b: string): boolean => time(a) > time(b);

/**
 * Items whose version history is needed to read them as at the period's moment: those changed since
 * (an item added since and never changed needs none: it is as it was added).
 */
export function itemsNeedingVersions(deployed: readonly DeployedIndex[], period: AssessmentPeriod | undefined): number[] {
  const { at } = frameworkMoment(period);
  if (!at) return [];
  return deployed.filter((i) => after(i.modified, at) && !(after(i.created, at) && !after(i.modified, i.created ?? at))).map((i) => i.itemId);
}

/**
 * The item as it stood at `at`, from its versions (newest first); undefined when it was not in the
 * framework then; 'unknown' when its versions were needed and could not be read. An item added after
 * `at` that the period nevertheless assessed (its dates were not kept when the list was moved, say)
 * was in the period's framework: it is taken as it was first added. An assessment item means someone
 * assessed the index that year, whatever the dates say.
 */
export function itemAsAt(item: DeployedIndex, versions: readonly IndexVersion[] | undefined, at: string, assessed = false): DeployedIndex | undefined | 'unknown' {
  if (after(item.created, at)) {
    if (!assessed) return undefined;
    if (!after(item.modified, item.created ?? at)) return item;
    const first = versions?.[versions.length - 1];
    return first ? { ...first, itemId: item.itemId, etag: item.etag, created: item.created } : 'unknown';
  }
  if (!after(item.modified, at)) return item;
  if (!versions) return 'unknown';
  const then = versions.find((v) => !after(v.modified, at));
  return then ? { ...then, itemId: item.itemId, etag: item.etag, created: item.created } : undefined;
}

export interface ResolveInput {
  period: AssessmentPeriod | undefined;
  deployed: readonly DeployedIndex[];
  /** Version histories read for this period, by item ID (see itemsNeedingVersions). */
  versions?: ReadonlyMap<number, IndexVersion[]>;
  /** The index ids the period has an assessment of. */
  assessedIds: ReadonlySet<string>;
  /** The built-in framework: its levels, guidance and the strategy's ids. */
  builtIn: Framework;
}

/** The framework a period is shown with (see the top of this file). */
export function resolvePeriodFramework(input: ResolveInput): PeriodFramework {
  const { period, builtIn, assessedIds } = input;
  const notes: string[] = [];
  const moment = frameworkMoment(period);
  if (moment.basis === 'signOffRecord' && period?.frameworkSnapshot) {
    try {
      return { framework: parseFramework(JSON.parse(period.frameworkSnapshot)), skipped: [], basis: 'signOffRecord', notes };
    } catch (e) {
      notes.push(
        `The framework recorded when ${period.name} was signed off could not be read (${(e as Error).message}), so it is shown with the framework as it stood when it was submitted.`
      );
      moment.basis = 'asSubmitted';
      moment.at = period.submittedOn ?? period.signedOffOn;
    }
  }
  if (input.deployed.length === 0) return { framework: builtIn, skipped: [], basis: 'today', notes };

  let items: DeployedIndex[] = [...input.deployed];
  if (moment.at) {
    const at = moment.at;
    const unknown: string[] = [];
    items = [];
    for (const item of input.deployed) {
      const then = itemAsAt(item, input.versions?.get(item.itemId), at, assessedIds.has(item.id));
      if (then === 'unknown') {
        unknown.push(item.title);
        items.push(item);
      } else if (then) items.push(then);
    }
    if (unknown.length) {
      notes.push(`The version history of ${unknown.join(', ')} could not be read, so ${unknown.length === 1 ? 'it is' : 'they are'} shown as ${unknown.length === 1 ? 'it is' : 'they are'} now, not as on ${formatUkDateTime(at)}.`);
    }
  }
  const { framework, skipped } = IndexRepository.toFramework(items, builtIn, { keepRetired: (i) => assessedIds.has(i.id) });
  return { framework, skipped, basis: moment.at ? 'asSubmitted' : 'today', asAt: moment.at, notes };
}

/** Reads the version histories a period needs (none in the usual case), through `via` when given. */
export function readVersions(indices: IndexRepository, itemIds: readonly number[], via?: SPFI): Array<Promise<[number, IndexVersion[] | undefined]>> {
  return itemIds.map((id) =>
    indices.versions(id, via).then(
      (v) => [id, v] as [number, IndexVersion[] | undefined],
      () => [id, undefined] as [number, IndexVersion[] | undefined]
    )
  );
}

/**
 * The framework a period is assessed against, read afresh from the site: what a sign-off records, and
 * what a new period starts from. Not batched: it runs once per sign-off.
 */
export async function readPeriodFramework(indices: IndexRepository, period: AssessmentPeriod | undefined, assessedIds: ReadonlySet<string>, builtIn: Framework): Promise<PeriodFramework> {
  const deployed = await indices.all();
  const needed = itemsNeedingVersions(deployed, period);
  const versions = new Map<number, IndexVersion[]>();
  for (const [id, v] of await Promise.all(readVersions(indices, needed))) if (v) versions.set(id, v);
  return resolvePeriodFramework({ period, deployed, versions, assessedIds, builtIn });
}

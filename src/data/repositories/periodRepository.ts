import { SPFI } from '@pnp/sp';
import { comparePeriodsNewestFirst, isPeriodName, periodDates, PeriodRecord } from '../../domain/periods';
import { DataError, ValidationError } from '../errors';
import { col, everyColumn, dateOnlyFromSp, dateOnlyToSp, etagOf } from '../fieldValues';
import { eq } from '../odata';
import { ItemProblem, ItemProblemError, ListRepository, SpItem } from './listRepository';

const NAME = col('periods', 'NpsPeriodName');
const START = col('periods', 'NpsStartDate');
const END = col('periods', 'NpsEndDate');
const FRAMEWORK = col('periods', 'NpsFrameworkId');
const FRAMEWORK_VERSION = col('periods', 'NpsFrameworkVersion');

/**
 * Financial-year periods. The name ("2025/26") is a unique column, so two people starting the same
 * year at once end up with one period. Officers and approvers may add periods but nobody but site
 * owners may change one; where a period stands in sign-off comes from the sign-off lists.
 */
export class PeriodRepository extends ListRepository<PeriodRecord> {
  protected readonly select = ['Id', 'Title', 'Created', ...everyColumn('periods', [NAME, START, END, FRAMEWORK, FRAMEWORK_VERSION])];
  protected readonly expand: string[] = [];

  constructor(sp: SPFI) {
    super(sp, 'periods');
  }

  protected fromItem(item: SpItem): PeriodRecord {
    const name = typeof item[NAME] === 'string' ? item[NAME].trim() : '';
    if (!name) throw new ItemProblemError('It has no Period (a financial year such as 2025/26), so it is left out.', NAME);
    if (!isPeriodName(name)) throw new ItemProblemError(`"${name}" is not a financial year written like 2025/26, so it is left out.`, NAME);
    const dates = periodDates(name);
    return {
      id: item.Id,
      name,
      // A financial year's dates follow from its name; the columns are there for SharePoint views.
      startDate: dateOnlyFromSp(item[START]) ?? dates.start,
      endDate: dateOnlyFromSp(item[END]) ?? dates.end,
      frameworkId: item[FRAMEWORK] ?? '',
      frameworkVersion: item[FRAMEWORK_VERSION] ?? '',
      created: item.Created,
      etag: etagOf(item),
    };
  }

  /** Newest first. A council has one period a year, so this is always a small read. */
  public async all(via?: SPFI, problems?: ItemProblem[]): Promise<PeriodRecord[]> {
    const periods = await this.readAll({}, via, problems);
    return periods.sort((a, b) => comparePeriodsNewestFirst(a.name, b.name));
  }

  public async byName(name: string): Promise<PeriodRecord | undefined> {
    const [found] = await this.readAll({ filter: eq(NAME, name) });
    return found;
  }

  /** Adds the period; refused with a clear message when it already exists. */
  public async create(name: string, framework: { id: string; version: string }): Promise<PeriodRecord> {
    const { period, created } = await this.ensure(name, framework);
    if (!created) throw new ValidationError([{ field: 'name', message: `The ${name} assessment already exists.` }]);
    return period;
  }

  /** The period, added if it is not there yet: safe to run again after a failure part-way. */
  public async ensure(name: string, framework: { id: string; version: string }): Promise<{ period: PeriodRecord; created: boolean }> {
    if (!isPeriodName(name)) {
      throw new ValidationError([{ field: 'name', message: `"${name}" is not a financial year; write it like 2026/27.` }]);
    }
    const existing = await this.byName(name);
    if (existing) return { period: existing, created: false };
    const { start, end } = periodDates(name);
    try {
      const saved = await this.write({
        Title: name,
        [NAME]: name,
        [START]: dateOnlyToSp(start),
        [END]: dateOnlyToSp(end),
        [FRAMEWORK]: framework.id,
        [FRAMEWORK_VERSION]: framework.version,
      });
      return { period: await this.getById(saved.id), created: true };
    } catch (e) {
      // Someone else added it a moment ago: theirs is the period.
      if (e instanceof DataError && e.kind === 'duplicate') {
        const theirs = await this.byName(name);
        if (theirs) return { period: theirs, created: false };
      }
      throw e;
    }
  }
}

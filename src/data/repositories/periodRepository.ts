import { SPFI } from '@pnp/sp';
import { AssessmentPeriod, comparePeriodsNewestFirst, isPeriodName, periodDates } from '../../domain/periods';
import { applySignOff, PERIOD_STATUSES, PeriodStatus, Role, SignOffAction } from '../../domain/signOff';
import { LIMITS } from '../../domain/limits';
import { DataError, ValidationError } from '../errors';
import { col, dateOnlyFromSp, dateOnlyToSp, etagOf, personFromSp, personSelect } from '../fieldValues';
import { ListRepository, SpItem } from './listRepository';

const START = col('periods', 'NpsStartDate');
const END = col('periods', 'NpsEndDate');
const STATUS = col('periods', 'NpsPeriodStatus');
const SUBMITTED_BY = col('periods', 'NpsSubmittedBy');
const SUBMITTED_ON = col('periods', 'NpsSubmittedOn');
const SIGNED_OFF_BY = col('periods', 'NpsSignedOffBy');
const SIGNED_OFF_ON = col('periods', 'NpsSignedOffOn');
const RETURN_COMMENT = col('periods', 'NpsReturnComment');
const FRAMEWORK = col('periods', 'NpsFrameworkId');
const FRAMEWORK_VERSION = col('periods', 'NpsFrameworkVersion');

/** Financial-year periods and their sign-off. The period name ("2025/26") is the item's Title. */
export class PeriodRepository extends ListRepository<AssessmentPeriod> {
  protected readonly select = [
    'Id', 'Title', START, END, STATUS, SUBMITTED_ON, SIGNED_OFF_ON, RETURN_COMMENT, FRAMEWORK, FRAMEWORK_VERSION,
    ...personSelect(SUBMITTED_BY), ...personSelect(SIGNED_OFF_BY),
  ];
  protected readonly expand = [SUBMITTED_BY, SIGNED_OFF_BY];

  constructor(sp: SPFI) {
    super(sp, 'periods');
  }

  protected fromItem(item: SpItem): AssessmentPeriod {
    return {
      id: item.Id,
      name: item.Title,
      startDate: dateOnlyFromSp(item[START]) ?? '',
      endDate: dateOnlyFromSp(item[END]) ?? '',
      status: PERIOD_STATUSES.indexOf(item[STATUS]) >= 0 ? item[STATUS] : 'Draft',
      submittedBy: personFromSp(item[SUBMITTED_BY]),
      submittedOn: item[SUBMITTED_ON] ?? undefined,
      signedOffBy: personFromSp(item[SIGNED_OFF_BY]),
      signedOffOn: item[SIGNED_OFF_ON] ?? undefined,
      returnComment: item[RETURN_COMMENT] ?? '',
      frameworkId: item[FRAMEWORK] ?? '',
      frameworkVersion: item[FRAMEWORK_VERSION] ?? '',
      etag: etagOf(item),
    };
  }

  /** Newest first. A council has one period a year, so this is always a small read. */
  public async all(via?: SPFI): Promise<AssessmentPeriod[]> {
    const periods = await this.readAll({}, via);
    return periods.sort((a, b) => comparePeriodsNewestFirst(a.name, b.name));
  }

  public async create(name: string, framework: { id: string; version: string }): Promise<AssessmentPeriod> {
    if (!isPeriodName(name)) {
      throw new ValidationError([{ field: 'name', message: `"${name}" is not a financial year; write it like 2026/27.` }]);
    }
    const existing = await this.all();
    if (existing.some((p) => p.name === name)) {
      throw new ValidationError([{ field: 'name', message: `The ${name} assessment already exists.` }]);
    }
    const { start, end } = periodDates(name);
    const saved = await this.write({
      Title: name,
      [START]: dateOnlyToSp(start),
      [END]: dateOnlyToSp(end),
      [STATUS]: 'Draft' as PeriodStatus,
      [FRAMEWORK]: framework.id,
      [FRAMEWORK_VERSION]: framework.version,
    });
    return this.getById(saved.id);
  }

  /**
   * Moves the period through sign-off. `blockers` are what stops submission (from
   * missingForSubmission); a submission with any is refused with the full list.
   */
  public async transition(
    period: AssessmentPeriod,
    action: SignOffAction,
    actor: { role: Role; userId: number },
    options: { comment?: string; blockers?: string[]; now?: Date } = {}
  ): Promise<AssessmentPeriod> {
    if (action === 'submit' && options.blockers?.length) {
      throw new ValidationError(options.blockers.map((message) => ({ field: 'period', message })));
    }
    const comment = options.comment ?? '';
    if (comment.length > LIMITS.returnComment) {
      throw new ValidationError([{ field: 'comment', message: `The comment is ${comment.length} characters; the limit is ${LIMITS.returnComment}.` }]);
    }
    const result = applySignOff(period.status, action, actor.role, comment);
    if (!result.ok) throw new DataError('refused', result.message);
    if (period.id === undefined) throw new DataError('notFound', 'This period has not been saved yet.');
    const now = (options.now ?? new Date()).toISOString();
    const fields: Record<string, unknown> = { [STATUS]: result.to };
    if (action === 'submit') Object.assign(fields, { [`${SUBMITTED_BY}Id`]: actor.userId, [SUBMITTED_ON]: now, [RETURN_COMMENT]: '' });
    if (action === 'signOff') Object.assign(fields, { [`${SIGNED_OFF_BY}Id`]: actor.userId, [SIGNED_OFF_ON]: now });
    if (action === 'return') fields[RETURN_COMMENT] = comment.trim();
    await this.write(fields, period.id, period.etag);
    return this.getById(period.id);
  }
}

import { SPFI } from '@pnp/sp';
import { Decision, DecisionRecord, SubmissionRecord } from '../../domain/signOff';
import { LIMITS } from '../../domain/limits';
import { checkLength, FieldProblem } from '../../domain/validation';
import { ValidationError } from '../errors';
import { col, everyColumn, personFromSp, SYSTEM_PEOPLE_EXPAND, SYSTEM_PEOPLE_SELECT } from '../fieldValues';
import { ItemProblem, ListRepository, periodNameOf, SpItem } from './listRepository';

const SUBMISSION_PERIOD = col('submissions', 'NpsPeriodName');
const NOTE = col('submissions', 'NpsSubmissionNote');
const DECISION_PERIOD = col('signoffs', 'NpsPeriodName');
const DECISION = col('signoffs', 'NpsDecision');
const COMMENT = col('signoffs', 'NpsDecisionComment');
const SNAPSHOT = col('signoffs', 'NpsFrameworkSnapshot');


function checkComment(label: string, text: string): void {
  const problems: FieldProblem[] = [];
  checkLength(problems, 'comment', label, text, LIMITS.returnComment);
  if (problems.length) throw new ValidationError(problems);
}

/**
 * Submissions for sign-off: officers and approvers may add, nobody may change. Who submitted is the
 * entry's Created By, which SharePoint sets from the caller.
 */
export class SubmissionRepository extends ListRepository<SubmissionRecord> {
  protected readonly select = ['Id', 'Title', ...everyColumn('submissions', [SUBMISSION_PERIOD, NOTE]), ...SYSTEM_PEOPLE_SELECT];
  protected readonly expand = SYSTEM_PEOPLE_EXPAND;

  constructor(sp: SPFI) {
    super(sp, 'submissions');
  }

  protected fromItem(item: SpItem): SubmissionRecord {
    return { id: item.Id, periodName: periodNameOf(item, SUBMISSION_PERIOD), note: item[NOTE] ?? '', by: personFromSp(item.Author), on: item.Created };
  }

  /** Every submission of every year: a handful a year, read with the view's other reads. */
  public all(via?: SPFI, problems?: ItemProblem[]): Promise<SubmissionRecord[]> {
    return this.readAll({}, via, problems);
  }

  public async add(periodName: string, note = ''): Promise<SubmissionRecord> {
    checkComment('The note to approvers', note);
    const saved = await this.write({ Title: `${periodName} submitted`, [SUBMISSION_PERIOD]: periodName, [NOTE]: note.trim() });
    return this.getById(saved.id);
  }
}

/**
 * The Sign-off log: only procurement approvers and site owners may add, nobody may change. Who decided
 * is the entry's Created By.
 */
export class SignOffLogRepository extends ListRepository<DecisionRecord> {
  protected readonly select = ['Id', 'Title', ...everyColumn('signoffs', [DECISION_PERIOD, DECISION, COMMENT, SNAPSHOT]), ...SYSTEM_PEOPLE_SELECT];
  protected readonly expand = SYSTEM_PEOPLE_EXPAND;

  constructor(sp: SPFI) {
    super(sp, 'signoffs');
  }

  protected fromItem(item: SpItem): DecisionRecord {
    return {
      id: item.Id,
      periodName: periodNameOf(item, DECISION_PERIOD),
      decision: String(item[DECISION] ?? ''),
      comment: item[COMMENT] ?? '',
      frameworkSnapshot: typeof item[SNAPSHOT] === 'string' ? item[SNAPSHOT] : undefined,
      by: personFromSp(item.Author),
      on: item.Created,
    };
  }

  public all(via?: SPFI, problems?: ItemProblem[]): Promise<DecisionRecord[]> {
    return this.readAll({}, via, problems);
  }

  /** `frameworkSnapshot` goes with a sign-off: the framework the year was assessed against, kept with the record. */
  public async add(periodName: string, decision: Decision, comment = '', frameworkSnapshot?: string): Promise<DecisionRecord> {
    checkComment('The comment', comment);
    const saved = await this.write({
      Title: `${periodName} ${decision.toLowerCase()}`,
      [DECISION_PERIOD]: periodName,
      [DECISION]: decision,
      [COMMENT]: comment.trim(),
      ...(frameworkSnapshot ? { [SNAPSHOT]: frameworkSnapshot } : {}),
    });
    return this.getById(saved.id);
  }
}

import { SPFI } from '@pnp/sp';
import { ReminderEntry } from '../../domain/reminders';
import { col, everyColumn, personFromSp, SYSTEM_PEOPLE_EXPAND, SYSTEM_PEOPLE_SELECT } from '../fieldValues';
import { and, eq } from '../odata';
import { ItemProblem, ListRepository, periodNameOf, SpItem } from './listRepository';

const ACTION_ID = col('reminders', 'NpsActionId');
const OWNER = col('reminders', 'NpsRemindedOwner');
const PERIOD = col('reminders', 'NpsPeriodName');

/**
 * Action reminders: officers and approvers may add, nobody may change. Who sent a reminder is the
 * entry's Created By and when is its Created, both set by SharePoint.
 */
export class ReminderRepository extends ListRepository<ReminderEntry> {
  protected readonly select = ['Id', 'Title', ...everyColumn('reminders', [ACTION_ID, OWNER, PERIOD]), ...SYSTEM_PEOPLE_SELECT];
  protected readonly expand = SYSTEM_PEOPLE_EXPAND;

  constructor(sp: SPFI) {
    super(sp, 'reminders');
  }

  protected fromItem(item: SpItem): ReminderEntry {
    return {
      actionId: Number(item[ACTION_ID]),
      owner: String(item[OWNER] ?? ''),
      periodName: periodNameOf(item, PERIOD),
      sentAt: item.Created,
      sentBy: personFromSp(item.Author)?.displayName,
    };
  }

  /**
   * The period's reminders sent in the 26 hours before `now`: a London calendar day is at most 25 hours
   * long, so this holds all of today's, whatever the clocks did; the domain keeps today's. Read through
   * the indexed period column.
   */
  public recent(periodName: string, now: Date, via?: SPFI, problems?: ItemProblem[]): Promise<ReminderEntry[]> {
    const since = new Date(now.getTime() - 26 * 3600000).toISOString();
    return this.readAll({ filter: and(eq(PERIOD, periodName), `Created ge datetime'${since}'`) }, via, problems);
  }

  public async add(entry: { actionId: number; owner: string; periodName: string }): Promise<void> {
    await this.write({ Title: `Action ${entry.actionId} reminded`, [ACTION_ID]: entry.actionId, [OWNER]: entry.owner, [PERIOD]: entry.periodName });
  }
}

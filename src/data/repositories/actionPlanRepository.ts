import { SPFI } from '@pnp/sp';
import { ACTION_STATUSES, ActionPlanItem, ActionStatus, validateAction } from '../../domain/actions';
import { ValidationError } from '../errors';
import { col, dateOnlyFromSp, dateOnlyToSp, etagOf, personFromSp, personSelect } from '../fieldValues';
import { and, eq } from '../odata';
import { ListRepository, SpItem } from './listRepository';

const PERIOD = col('actions', 'NpsPeriodName');
const INDEX = col('actions', 'NpsIndexId');
const DETAILS = col('actions', 'NpsActionDetails');
const OWNER = col('actions', 'NpsActionOwner');
const DUE = col('actions', 'NpsDueDate');
const STATUS = col('actions', 'NpsActionStatus');
const NOTES = col('actions', 'NpsProgressNotes');

/** Actions against enablers and key areas that close the gap to target. */
export class ActionPlanRepository extends ListRepository<ActionPlanItem> {
  protected readonly select = ['Id', 'Title', 'Modified', PERIOD, INDEX, DETAILS, DUE, STATUS, NOTES, ...personSelect(OWNER)];
  protected readonly expand = [OWNER];

  constructor(sp: SPFI) {
    super(sp, 'actions');
  }

  protected fromItem(item: SpItem): ActionPlanItem {
    const status = ACTION_STATUSES.indexOf(item[STATUS]) >= 0 ? (item[STATUS] as ActionStatus) : 'Not started';
    return {
      id: item.Id,
      periodName: item[PERIOD],
      indexId: item[INDEX],
      title: item.Title ?? '',
      details: item[DETAILS] ?? '',
      owner: personFromSp(item[OWNER]),
      dueDate: dateOnlyFromSp(item[DUE]),
      status,
      progressNotes: item[NOTES] ?? '',
      modified: item.Modified,
      etag: etagOf(item),
    };
  }

  public forPeriod(periodName: string, via?: SPFI): Promise<ActionPlanItem[]> {
    return this.readAll({ filter: eq(PERIOD, periodName), orderBy: [[DUE, true]] }, via);
  }

  /** "My actions": everything the person owns in the period, through the indexed owner column. */
  public ownedBy(periodName: string, ownerId: number, via?: SPFI): Promise<ActionPlanItem[]> {
    return this.readAll({ filter: and(eq(PERIOD, periodName), eq(`${OWNER}Id`, ownerId)), orderBy: [[DUE, true]] }, via);
  }

  public async save(action: ActionPlanItem): Promise<ActionPlanItem> {
    const problems = validateAction(action);
    if (problems.length) throw new ValidationError(problems);
    const saved = await this.write(
      {
        Title: action.title.trim(),
        [PERIOD]: action.periodName,
        [INDEX]: action.indexId,
        [DETAILS]: action.details,
        [`${OWNER}Id`]: action.owner?.id ?? null,
        [DUE]: dateOnlyToSp(action.dueDate),
        [STATUS]: action.status,
        [NOTES]: action.progressNotes,
      },
      action.id,
      action.etag
    );
    return this.getById(saved.id);
  }
}

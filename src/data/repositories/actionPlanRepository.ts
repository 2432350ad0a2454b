import { SPFI } from '@pnp/sp';
import { ACTION_STATUSES, ActionPlanItem, ActionStatus, Person, validateAction } from '../../domain/actions';
import { toDataError, ValidationError } from '../errors';
import { col, everyColumn, dateOnlyFromSp, dateOnlyToSp, etagOf, personFromSp, personSelect } from '../fieldValues';
import { and, eq } from '../odata';
import { ItemProblem, ListRepository, SpItem } from './listRepository';

const PERIOD = col('actions', 'NpsPeriodName');
const INDEX = col('actions', 'NpsIndexId');
const DETAILS = col('actions', 'NpsActionDetails');
const OWNER = col('actions', 'NpsActionOwner');
const DUE = col('actions', 'NpsDueDate');
const STATUS = col('actions', 'NpsActionStatus');
const NOTES = col('actions', 'NpsProgressNotes');
const CARRIED_FROM = col('actions', 'NpsCarriedFromId');

/** Actions against enablers and key areas that close the gap to target. */
export class ActionPlanRepository extends ListRepository<ActionPlanItem> {
  protected readonly select = ['Id', 'Title', 'Modified', ...everyColumn('actions', [PERIOD, INDEX, DETAILS, DUE, STATUS, NOTES, CARRIED_FROM, OWNER]).filter((c) => c !== OWNER), ...personSelect(OWNER)];
  protected readonly expand = [OWNER];

  constructor(sp: SPFI) {
    super(sp, 'actions');
  }

  protected fromItem(item: SpItem): ActionPlanItem {
    const known = ACTION_STATUSES.indexOf(item[STATUS]) >= 0;
    const status = known ? (item[STATUS] as ActionStatus) : 'Not started';
    const problems = known || item[STATUS] === null || item[STATUS] === undefined ? [] : [`Status "${String(item[STATUS])}" is not one of ${ACTION_STATUSES.join(', ')}.`];
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
      problems,
      carriedFromId: typeof item[CARRIED_FROM] === 'number' ? item[CARRIED_FROM] : undefined,
      modified: item.Modified,
      etag: etagOf(item),
    };
  }

  public forPeriod(periodName: string, via?: SPFI, problems?: ItemProblem[]): Promise<ActionPlanItem[]> {
    return this.readAll({ filter: eq(PERIOD, periodName), orderBy: [[DUE, true]] }, via, problems);
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
        // Someone not on the site yet is set below, by their claims.
        [`${OWNER}Id`]: action.owner?.id ? action.owner.id : null,
        [DUE]: dateOnlyToSp(action.dueDate),
        [STATUS]: action.status,
        [NOTES]: action.progressNotes,
        [CARRIED_FROM]: action.carriedFromId ?? null,
      },
      action.id,
      action.etag
    );
    if (action.owner && !action.owner.id && action.owner.loginName) await this.setOwnerByClaims(saved.id, action.owner);
    return this.getById(saved.id);
  }

  /**
   * Sets the owner to someone not yet on the site: SharePoint resolves their claims and adds them to the
   * site as it saves, for anyone who may edit the item. A value it cannot resolve comes back as a field
   * exception, said as a validation problem.
   */
  private async setOwnerByClaims(id: number, owner: Person): Promise<void> {
    let results: Array<{ FieldName?: string; HasException?: boolean; ErrorMessage?: string | null }>;
    try {
      results = await this.items().getById(id).validateUpdateListItem([{ FieldName: OWNER, FieldValue: JSON.stringify([{ Key: owner.loginName }]) }]);
    } catch (e) {
      throw toDataError(e, this.listTitle);
    }
    const failed = results.find((r) => r.HasException);
    if (failed) {
      throw new ValidationError([{ field: 'owner', message: `${owner.displayName} could not be made the owner: ${failed.ErrorMessage || 'SharePoint did not accept this person'}. Choose someone else, or ask a site owner to add them to the site.` }]);
    }
  }
}

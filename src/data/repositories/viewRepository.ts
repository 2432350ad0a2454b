import { SPFI } from '@pnp/sp';
import { LEVEL_TITLES } from '../../domain/levels';
import { truncateCharacters } from '../../domain/validation';
import { GatheredView, ViewInput, ViewInvitation } from '../../domain/views';
import { LEVEL_IDS, LevelId } from '../../framework/types';
import { col, everyColumn, personFromSp, SYSTEM_PEOPLE_EXPAND, SYSTEM_PEOPLE_SELECT } from '../fieldValues';
import { and, eq } from '../odata';
import { TITLE_MAX_LENGTH } from '../schema';
import { ItemProblem, ItemProblemError, ListRepository, periodNameOf, SpItem } from './listRepository';

const PERIOD = col('views', 'NpsPeriodName');
const INDEX = col('views', 'NpsIndexId');
const LEVEL = col('views', 'NpsViewLevel');
const COMMENT = col('views', 'NpsViewComment');
const GIVEN_FOR = col('views', 'NpsGivenFor');

const INVITED_PERIOD = col('viewInvitations', 'NpsPeriodName');
const INVITEE = col('viewInvitations', 'NpsInvitee');
const INDICES = col('viewInvitations', 'NpsInvitedIndices');
const MESSAGE = col('viewInvitations', 'NpsInviteMessage');

function levelFromChoice(choice: unknown): LevelId | undefined {
  return LEVEL_IDS.find((id) => LEVEL_TITLES[id] === choice);
}


/**
 * The Maturity views list: one item per view given. Everyone on it may add and nobody may change an
 * item; SharePoint's item-level read security shows each colleague only the items they created, and
 * officers and approvers (Moderate views) all of them. Who gave a view is its Created By.
 */
export class ViewRepository extends ListRepository<GatheredView> {
  protected readonly select = ['Id', 'Title', ...everyColumn('views', [PERIOD, INDEX, LEVEL, COMMENT, GIVEN_FOR]), ...SYSTEM_PEOPLE_SELECT];
  protected readonly expand = SYSTEM_PEOPLE_EXPAND;

  /** Item titles of views with problems, by item id, so the problem names the item as the list shows it. */
  private readonly titles = new Map<number, string>();

  constructor(sp: SPFI) {
    super(sp, 'views');
  }

  /** A view's item problems, also named in `problems` so the moderator can find and fix them in the list. */
  private nameProblems(views: GatheredView[], problems?: ItemProblem[]): GatheredView[] {
    for (const v of views) {
      for (const message of v.problems ?? []) problems?.push({ list: this.listTitle, itemId: v.id, title: this.titles.get(v.id) ?? '', field: LEVEL, message });
    }
    return views;
  }

  /**
   * An item without a period or an index cannot be placed and is left out (named). One whose level is
   * not one of the five (typed into SharePoint's own form) is kept, without a level and with a problem,
   * so it is seen and never counted.
   */
  protected fromItem(item: SpItem): GatheredView {
    const periodName = periodNameOf(item, PERIOD);
    const indexId = typeof item[INDEX] === 'string' ? item[INDEX].trim() : '';
    if (!indexId) throw new ItemProblemError('It names no key area or enabler, so it is left out.', INDEX);
    const raw = item[LEVEL];
    const level = levelFromChoice(raw);
    const problems: string[] = [];
    if (!level) {
      this.titles.set(item.Id, String(item.Title ?? ''));
      problems.push(
        raw === null || raw === undefined || raw === ''
          ? 'It gives no level, so it does not count as a view.'
          : `Its level "${String(raw)}" is not one of the five maturity levels, so it does not count as a view.`
      );
    }
    const givenFor = typeof item[GIVEN_FOR] === 'string' && item[GIVEN_FOR].trim() ? item[GIVEN_FOR].trim() : undefined;
    return {
      id: item.Id,
      periodName,
      indexId,
      level,
      comment: typeof item[COMMENT] === 'string' ? item[COMMENT] : '',
      givenBy: personFromSp(item.Author),
      ...(givenFor ? { givenFor } : {}),
      created: item.Created,
      ...(problems.length ? { problems } : {}),
    };
  }

  /** The year's views SharePoint lets the caller read (a colleague: their own), oldest first. */
  public async forPeriod(periodName: string, via?: SPFI, problems?: ItemProblem[]): Promise<GatheredView[]> {
    const views = await this.readAll({ filter: eq(PERIOD, periodName), orderBy: [['Created', true]] }, via, problems);
    return this.nameProblems(views, problems);
  }

  /** One index's views in a year, oldest first. */
  public async forIndex(periodName: string, indexId: string, via?: SPFI, problems?: ItemProblem[]): Promise<GatheredView[]> {
    const views = await this.readAll({ filter: and(eq(PERIOD, periodName), eq(INDEX, indexId)), orderBy: [['Created', true]] }, via, problems);
    return this.nameProblems(views, problems);
  }

  /** Records a view as a new item (a changed view is a new one; nobody edits a view). Checked by the caller (giveView). */
  public async add(input: ViewInput): Promise<GatheredView> {
    const saved = await this.write({
      Title: truncateCharacters(`${input.indexId} ${input.periodName}`, TITLE_MAX_LENGTH),
      [PERIOD]: input.periodName,
      [INDEX]: input.indexId,
      [LEVEL]: input.level ? LEVEL_TITLES[input.level] : null,
      [COMMENT]: input.comment.trim(),
      [GIVEN_FOR]: input.givenFor?.trim() || null,
    });
    return this.getById(saved.id);
  }
}

/** What an invitation records: who was asked, about which indices (none: all), with what message. */
export interface InvitationInput {
  periodName: string;
  inviteeLogin: string;
  inviteeName: string;
  indexIds: string[];
  message: string;
}

/**
 * The View invitations list: officers add, nobody changes; officers, approvers and the colleagues
 * asked read it. Created By is who invited, Created when.
 */
export class ViewInvitationRepository extends ListRepository<ViewInvitation> {
  protected readonly select = ['Id', 'Title', ...everyColumn('viewInvitations', [INVITED_PERIOD, INVITEE, INDICES, MESSAGE]), ...SYSTEM_PEOPLE_SELECT];
  protected readonly expand = SYSTEM_PEOPLE_EXPAND;

  constructor(sp: SPFI) {
    super(sp, 'viewInvitations');
  }

  protected fromItem(item: SpItem): ViewInvitation {
    const periodName = periodNameOf(item, INVITED_PERIOD);
    const inviteeLogin = typeof item[INVITEE] === 'string' ? item[INVITEE].trim() : '';
    if (!inviteeLogin) throw new ItemProblemError('It names nobody invited, so it is left out.', INVITEE);
    const indices = typeof item[INDICES] === 'string' ? item[INDICES] : '';
    return {
      id: item.Id,
      periodName,
      inviteeLogin,
      inviteeName: String(item.Title ?? '') || inviteeLogin,
      indexIds: indices.split(/\r?\n/).map((s) => s.trim()).filter(Boolean),
      message: typeof item[MESSAGE] === 'string' ? item[MESSAGE] : '',
      invitedBy: personFromSp(item.Author),
      invitedOn: item.Created,
    };
  }

  public forPeriod(periodName: string, via?: SPFI, problems?: ItemProblem[]): Promise<ViewInvitation[]> {
    return this.readAll({ filter: eq(INVITED_PERIOD, periodName), orderBy: [['Created', true]] }, via, problems);
  }

  /** Every invitation of one person, any year (logins compared as SharePoint compares text: without case). */
  public forPerson(login: string, via?: SPFI, problems?: ItemProblem[]): Promise<ViewInvitation[]> {
    return this.readAll({ filter: eq(INVITEE, login), orderBy: [['Created', true]] }, via, problems);
  }

  /** Every invitation of every year: a few a year, for working out who still needs the group. */
  public all(via?: SPFI, problems?: ItemProblem[]): Promise<ViewInvitation[]> {
    return this.readAll({}, via, problems);
  }

  public async add(input: InvitationInput): Promise<ViewInvitation> {
    const saved = await this.write({
      Title: truncateCharacters(input.inviteeName || input.inviteeLogin, TITLE_MAX_LENGTH),
      [INVITED_PERIOD]: input.periodName,
      [INVITEE]: input.inviteeLogin,
      [INDICES]: input.indexIds.join('\n'),
      [MESSAGE]: input.message.trim(),
    });
    return this.getById(saved.id);
  }
}

import { SPFI } from '@pnp/sp';
import {
  AnswerVersion,
  ChallengeResponse,
  challengeStatus,
  ChallengeState,
  ChallengeStatusRecord,
  ScrutinyChallenge,
  stateChangeFor,
  validateChallenge,
  validateResponse,
  withStatusHistory,
} from '../../domain/scrutiny';
import { formatUkDateTime } from '../../domain/dates';
import { truncateCharacters } from '../../domain/validation';
import { ConflictError, DataError, toDataError, ValidationError } from '../errors';
import { col, everyColumn, etagOf, personFromSp, SYSTEM_PEOPLE_EXPAND, SYSTEM_PEOPLE_SELECT } from '../fieldValues';
import { eq } from '../odata';
import { ItemProblem, ItemProblemError, ListRepository, periodNameOf, SpItem } from './listRepository';

const PERIOD = col('challenges', 'NpsPeriodName');
const INDEX = col('challenges', 'NpsIndexId');
const TEXT = col('challenges', 'NpsChallengeText');
const RESPONSE_CHALLENGE = col('responses', 'NpsChallengeId');
const RESPONSE_PERIOD = col('responses', 'NpsPeriodName');
const RESPONSE_TEXT = col('responses', 'NpsResponse');
const STATUS_OF = col('challenges', 'NpsStatusOf');
const STATE = col('challenges', 'NpsChallengeState');

/** An item of the challenge log as read: a challenge, or an entry closing or reopening one. */
type LogEntry = ScrutinyChallenge & { statusEntry?: ChallengeStatusRecord };

/**
 * The scrutiny challenge log. Councillors may add to it and change nothing in it: a challenge (its
 * text is theirs, fixed once raised), or an entry closing or reopening one of their own (NpsStatusOf
 * names the challenge; only the raiser's entries count). Who raised or closed is SharePoint's Created
 * By. Answers live in their own list, which officers write and councillors read, so an officer can
 * answer but never reword a challenge. Keeping the entries in the challenge list itself means a year's
 * log, with where each challenge stands, is one read.
 */
export class ChallengeRepository extends ListRepository<LogEntry> {
  // The version label tells a challenge changed after it was raised (1.0 is as raised).
  protected readonly select = ['Id', 'Title', ...everyColumn('challenges', [PERIOD, INDEX, TEXT, STATUS_OF, STATE]), ...SYSTEM_PEOPLE_SELECT, 'OData__UIVersionString'];
  protected readonly expand = SYSTEM_PEOPLE_EXPAND;
  public readonly responses: ResponseRepository;

  constructor(sp: SPFI) {
    super(sp, 'challenges');
    this.responses = new ResponseRepository(sp);
  }

  protected fromItem(item: SpItem): LogEntry {
    const periodName = periodNameOf(item, PERIOD);
    const statusOf = Number(item[STATUS_OF]);
    if (item[STATUS_OF] !== null && item[STATUS_OF] !== undefined && Number.isInteger(statusOf) && statusOf > 0) {
      const statusEntry: ChallengeStatusRecord = { id: item.Id, challengeId: statusOf, periodName, state: String(item[STATE] ?? ''), by: personFromSp(item.Author), on: item.Created };
      return { id: item.Id, periodName, indexId: item[INDEX] ?? '', text: item[TEXT] ?? '', response: '', status: 'Open', statusEntry };
    }
    const challenge: LogEntry = {
      id: item.Id,
      periodName,
      indexId: item[INDEX] ?? '',
      text: item[TEXT] ?? '',
      raisedBy: personFromSp(item.Author),
      raisedOn: item.Created,
      response: '',
      status: 'Open',
      etag: etagOf(item),
    };
    // Councillors cannot change a challenge and officers cannot either; a site owner still can. Say so.
    const version = typeof item.OData__UIVersionString === 'string' ? item.OData__UIVersionString : '1.0';
    if (version !== '1.0' || (item.Modified && item.Created && item.Modified !== item.Created)) {
      const editor = personFromSp(item.Editor)?.displayName ?? 'someone';
      challenge.textChanged = `Changed by ${editor} on ${formatUkDateTime(item.Modified)}, after it was raised: the wording the councillor raised is in the item's version history.`;
    }
    return challenge;
  }

  /** The period's challenges with where each stands (open, closed), without their answers (see withResponses). */
  public async forPeriod(periodName: string, via?: SPFI, problems?: ItemProblem[]): Promise<ScrutinyChallenge[]> {
    const entries = await this.readAll({ filter: eq(PERIOD, periodName) }, via, problems);
    const records = entries.filter((e) => e.statusEntry).map((e) => e.statusEntry!);
    return entries.filter((e) => !e.statusEntry).map((c) => withStatusHistory(c, records));
  }

  /** The period's close and reopen entries, as SharePoint recorded them. */
  public async statusEntries(periodName: string): Promise<ChallengeStatusRecord[]> {
    return (await this.readAll({ filter: eq(PERIOD, periodName) })).filter((e) => e.statusEntry).map((e) => e.statusEntry!);
  }

  /**
   * A councillor raises a challenge on a signed-off year. The list grants scrutiny members add-only;
   * that the year is signed off is the app's rule (SharePoint cannot express it), so a challenge found
   * on any other year is shown as not valid.
   */
  public async raise(challenge: ScrutinyChallenge, periodStatus: string): Promise<ScrutinyChallenge> {
    if (periodStatus !== 'Signed off') {
      throw new DataError('refused', `Challenges can be raised only on a signed-off assessment; ${challenge.periodName} is ${periodStatus.toLowerCase()}.`);
    }
    const problems = validateChallenge(challenge);
    if (problems.length) throw new ValidationError(problems);
    const saved = await this.write({
      Title: truncateCharacters(challenge.text.trim().replace(/\s+/g, ' '), 80, { maxCodeUnits: 255 }),
      [PERIOD]: challenge.periodName,
      [INDEX]: challenge.indexId,
      [TEXT]: challenge.text,
    });
    const raised = await this.getById(saved.id);
    return { ...raised, status: 'Open' };
  }

  /** An officer answers, or revises an answer; every earlier answer stays in the version history. */
  public async respond(challenge: ScrutinyChallenge, response: string): Promise<ScrutinyChallenge> {
    const saved = await this.responses.save(challenge, response);
    return withResponses([{ ...challenge }], [saved])[0];
  }

  /**
   * The councillor who raised a challenge closes it (satisfied) or reopens it (wanting a further
   * answer). Anyone else is refused here; SharePoint lets any councillor add an entry, and one made by
   * someone other than the raiser is shown as not valid and changes nothing.
   */
  public async changeState(challenge: ScrutinyChallenge, state: ChallengeState, userId: number): Promise<ScrutinyChallenge> {
    const allowed = stateChangeFor(challenge, userId);
    if (!allowed) throw new DataError('refused', `Only ${challenge.raisedBy?.displayName ?? 'the councillor who raised it'} can close or reopen this challenge.`);
    if (allowed !== state) throw new DataError('refused', state === 'Closed' ? 'This challenge is already closed.' : 'This challenge is not closed, so there is nothing to reopen.');
    if (challenge.id === undefined) throw new DataError('notFound', 'This challenge has not been saved yet.');
    const what = state === 'Closed' ? 'Closed' : 'Reopened';
    await this.write({
      Title: `Challenge ${challenge.id} ${state.toLowerCase()}`,
      [PERIOD]: challenge.periodName,
      [INDEX]: challenge.indexId,
      [TEXT]: `${what} by the councillor who raised challenge ${challenge.id}.`,
      [STATUS_OF]: challenge.id,
      [STATE]: state,
    });
    return withStatusHistory(challenge, await this.statusEntries(challenge.periodName));
  }
}

/** Officers' answers: one item per challenge (a unique column), revised in place with versions. */
export class ResponseRepository extends ListRepository<ChallengeResponse> {
  protected readonly select = ['Id', 'Title', ...everyColumn('responses', [RESPONSE_CHALLENGE, RESPONSE_PERIOD, RESPONSE_TEXT]), ...SYSTEM_PEOPLE_SELECT];
  protected readonly expand = SYSTEM_PEOPLE_EXPAND;

  constructor(sp: SPFI) {
    super(sp, 'responses');
  }

  protected fromItem(item: SpItem): ChallengeResponse {
    const challengeId = Number(item[RESPONSE_CHALLENGE]);
    if (!Number.isInteger(challengeId) || challengeId <= 0) throw new ItemProblemError('It names no challenge, so it is left out.', RESPONSE_CHALLENGE);
    return {
      id: item.Id,
      challengeId,
      periodName: item[RESPONSE_PERIOD] ?? '',
      text: item[RESPONSE_TEXT] ?? '',
      by: personFromSp(item.Editor),
      on: item.Modified,
      etag: etagOf(item),
    };
  }

  public forPeriod(periodName: string, via?: SPFI, problems?: ItemProblem[]): Promise<ChallengeResponse[]> {
    return this.readAll({ filter: eq(RESPONSE_PERIOD, periodName) }, via, problems);
  }

  public async save(challenge: ScrutinyChallenge, text: string): Promise<ChallengeResponse> {
    const problems = validateResponse(text);
    if (problems.length) throw new ValidationError(problems);
    if (challenge.id === undefined) throw new DataError('notFound', 'This challenge has not been saved yet.');
    const fields = { Title: `Response to challenge ${challenge.id}`, [RESPONSE_CHALLENGE]: challenge.id, [RESPONSE_PERIOD]: challenge.periodName, [RESPONSE_TEXT]: text };
    try {
      const saved = await this.write(fields, challenge.responseId, challenge.responseEtag);
      return await this.getById(saved.id);
    } catch (e) {
      if (e instanceof DataError && e.kind === 'duplicate') {
        // Another officer answered first: show their answer beside this one.
        const [theirs] = await this.readAll({ filter: eq(RESPONSE_CHALLENGE, challenge.id) });
        if (theirs) throw new ConflictError(theirs, 'Another officer answered this challenge while you were writing. Compare their answer with yours; yours is kept below.');
      }
      throw e;
    }
  }

  /** Every wording the answer has had, newest first, from SharePoint's version history (Modified By on each). */
  public async history(responseId: number): Promise<AnswerVersion[]> {
    try {
      const versions: SpItem[] = await this.items().getById(responseId).versions();
      return versions.map((v) => ({
        text: String(v[RESPONSE_TEXT] ?? ''),
        by: v.Editor ? { id: Number(v.Editor.LookupId), displayName: String(v.Editor.LookupValue ?? ''), email: v.Editor.Email } : undefined,
        on: String(v.Modified ?? v.Created ?? ''),
        version: String(v.VersionLabel ?? ''),
      }));
    } catch (e) {
      throw toDataError(e, this.listTitle, 'read');
    }
  }
}

/** Challenges with their answers joined on, and where each stands once its answer is known. */
export function withResponses(challenges: ScrutinyChallenge[], responses: ChallengeResponse[]): ScrutinyChallenge[] {
  const byChallenge = new Map(responses.map((r) => [r.challengeId, r] as [number, ChallengeResponse]));
  return challenges.map((c) => {
    const r = c.id === undefined ? undefined : byChallenge.get(c.id);
    if (!r) return { ...c, status: challengeStatus(c) };
    const answered = { ...c, response: r.text, respondedBy: r.by, respondedOn: r.on, responseId: r.id, responseEtag: r.etag };
    return { ...answered, status: challengeStatus(answered) };
  });
}

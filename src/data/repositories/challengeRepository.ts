import { SPFI } from '@pnp/sp';
import { ChallengeResponse, ScrutinyChallenge, validateChallenge, validateResponse } from '../../domain/scrutiny';
import { truncateCharacters } from '../../domain/validation';
import { ConflictError, DataError, ValidationError } from '../errors';
import { col, everyColumn, etagOf, personFromSp, SYSTEM_PEOPLE_EXPAND, SYSTEM_PEOPLE_SELECT } from '../fieldValues';
import { eq } from '../odata';
import { ItemProblem, ItemProblemError, ListRepository, periodNameOf, SpItem } from './listRepository';

const PERIOD = col('challenges', 'NpsPeriodName');
const INDEX = col('challenges', 'NpsIndexId');
const TEXT = col('challenges', 'NpsChallengeText');
const RESPONSE_CHALLENGE = col('responses', 'NpsChallengeId');
const RESPONSE_PERIOD = col('responses', 'NpsPeriodName');
const RESPONSE_TEXT = col('responses', 'NpsResponse');

/**
 * The scrutiny challenge log. Councillors may add challenges and change none (their text is theirs);
 * who raised one is its Created By. Answers live in their own list, which officers write and
 * councillors read, so an officer can answer but never reword a challenge.
 */
export class ChallengeRepository extends ListRepository<ScrutinyChallenge> {
  protected readonly select = ['Id', 'Title', ...everyColumn('challenges', [PERIOD, INDEX, TEXT]), ...SYSTEM_PEOPLE_SELECT];
  protected readonly expand = SYSTEM_PEOPLE_EXPAND;
  public readonly responses: ResponseRepository;

  constructor(sp: SPFI) {
    super(sp, 'challenges');
    this.responses = new ResponseRepository(sp);
  }

  protected fromItem(item: SpItem): ScrutinyChallenge {
    const periodName = periodNameOf(item, PERIOD);
    return {
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
  }

  /** The period's challenges, without their answers (see withResponses). */
  public forPeriod(periodName: string, via?: SPFI, problems?: ItemProblem[]): Promise<ScrutinyChallenge[]> {
    return this.readAll({ filter: eq(PERIOD, periodName) }, via, problems);
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
    return this.getById(saved.id);
  }

  /** An officer answers, or revises an answer; every earlier answer stays in the version history. */
  public async respond(challenge: ScrutinyChallenge, response: string): Promise<ScrutinyChallenge> {
    const saved = await this.responses.save(challenge, response);
    return withResponses([{ ...challenge }], [saved])[0];
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
}

/** Challenges with their answers joined on: answered when an officer has answered. */
export function withResponses(challenges: ScrutinyChallenge[], responses: ChallengeResponse[]): ScrutinyChallenge[] {
  const byChallenge = new Map(responses.map((r) => [r.challengeId, r] as [number, ChallengeResponse]));
  return challenges.map((c) => {
    const r = c.id === undefined ? undefined : byChallenge.get(c.id);
    if (!r) return c;
    return { ...c, response: r.text, respondedBy: r.by, respondedOn: r.on, responseId: r.id, responseEtag: r.etag, status: c.status === 'Closed' ? 'Closed' : 'Answered' };
  });
}

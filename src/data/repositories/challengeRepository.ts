import { SPFI } from '@pnp/sp';
import { CHALLENGE_STATUSES, ScrutinyChallenge, validateChallenge, validateResponse } from '../../domain/scrutiny';
import { ValidationError } from '../errors';
import { col, etagOf, personFromSp, personSelect } from '../fieldValues';
import { eq } from '../odata';
import { ListRepository, SpItem } from './listRepository';

const PERIOD = col('challenges', 'NpsPeriodName');
const INDEX = col('challenges', 'NpsIndexId');
const TEXT = col('challenges', 'NpsChallengeText');
const RAISED_BY = col('challenges', 'NpsRaisedBy');
const RESPONSE = col('challenges', 'NpsResponse');
const RESPONDED_BY = col('challenges', 'NpsRespondedBy');
const RESPONDED_ON = col('challenges', 'NpsRespondedOn');
const STATUS = col('challenges', 'NpsChallengeStatus');

/** The scrutiny challenge log: councillors add challenges, officers answer them. */
export class ChallengeRepository extends ListRepository<ScrutinyChallenge> {
  protected readonly select = ['Id', 'Title', 'Created', PERIOD, INDEX, TEXT, RESPONSE, RESPONDED_ON, STATUS, ...personSelect(RAISED_BY), ...personSelect(RESPONDED_BY)];
  protected readonly expand = [RAISED_BY, RESPONDED_BY];

  constructor(sp: SPFI) {
    super(sp, 'challenges');
  }

  protected fromItem(item: SpItem): ScrutinyChallenge {
    return {
      id: item.Id,
      periodName: item[PERIOD],
      indexId: item[INDEX] ?? '',
      text: item[TEXT] ?? '',
      raisedBy: personFromSp(item[RAISED_BY]),
      raisedOn: item.Created,
      response: item[RESPONSE] ?? '',
      respondedBy: personFromSp(item[RESPONDED_BY]),
      respondedOn: item[RESPONDED_ON] ?? undefined,
      status: CHALLENGE_STATUSES.indexOf(item[STATUS]) >= 0 ? item[STATUS] : 'Open',
      etag: etagOf(item),
    };
  }

  public forPeriod(periodName: string, via?: SPFI): Promise<ScrutinyChallenge[]> {
    return this.readAll({ filter: eq(PERIOD, periodName) }, via);
  }

  /** A councillor raises a challenge. They may add, not edit: the list grants scrutiny members add-only. */
  public async raise(challenge: ScrutinyChallenge, councillorId: number): Promise<ScrutinyChallenge> {
    const problems = validateChallenge(challenge);
    if (problems.length) throw new ValidationError(problems);
    const saved = await this.write({
      Title: challenge.text.trim().slice(0, 80),
      [PERIOD]: challenge.periodName,
      [INDEX]: challenge.indexId,
      [TEXT]: challenge.text,
      [`${RAISED_BY}Id`]: councillorId,
      [STATUS]: 'Open',
    });
    return this.getById(saved.id);
  }

  /** An officer answers; the ETag guards against two officers answering at once. */
  public async respond(challenge: ScrutinyChallenge, response: string, officerId: number, now = new Date()): Promise<ScrutinyChallenge> {
    const problems = validateResponse(response);
    if (problems.length) throw new ValidationError(problems);
    await this.write(
      { [RESPONSE]: response, [`${RESPONDED_BY}Id`]: officerId, [RESPONDED_ON]: now.toISOString(), [STATUS]: 'Answered' },
      challenge.id,
      challenge.etag
    );
    return this.getById(challenge.id as number);
  }
}

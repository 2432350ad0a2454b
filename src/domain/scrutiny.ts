import type { Person } from './actions';
import { formatUkDateTime } from './dates';
import { LIMITS } from './limits';
import { checkLength, checkRequired, FieldProblem } from './validation';

/**
 * A question an overview and scrutiny councillor puts to officers about the assessment. Open until an
 * officer answers it; answered; closed when the councillor who raised it is satisfied. The councillor
 * may reopen it, and it then waits for a further answer. None of this is a column anyone could type
 * into: the text is fixed when raised (councillors may only add challenges), an answer is an officer's
 * entry in Challenge responses, and closing or reopening is an entry the councillor adds to the add-only
 * challenge log, which counts only when the challenge's own raiser made it (SharePoint's Created By).
 */
export type ChallengeStatus = 'Open' | 'Answered' | 'Closed';
export const CHALLENGE_STATUSES: readonly ChallengeStatus[] = ['Open', 'Answered', 'Closed'];

export interface ScrutinyChallenge {
  id?: number;
  periodName: string;
  /** The key area or enabler challenged; empty for a challenge about the assessment as a whole. */
  indexId: string;
  text: string;
  raisedBy?: Person;
  raisedOn?: string;
  response: string;
  respondedBy?: Person;
  respondedOn?: string;
  status: ChallengeStatus;
  /** The answer's own item in Challenge responses, for revising it with its ETag. */
  responseId?: number;
  responseEtag?: string;
  /** Why the challenge does not count (raised on a year that is not signed off, say). */
  problem?: string;
  /**
   * Set when the challenge's text was changed after it was raised (only someone SharePoint still let
   * edit it, a site owner, could): what is shown is not what the councillor raised; the version history is.
   */
  textChanged?: string;
  /** Every close and reopen entry for the challenge, oldest first, valid or not. */
  statusHistory?: ChallengeStatusEvent[];
  etag?: string;
}

/** What a councillor records about their own challenge. */
export type ChallengeState = 'Closed' | 'Reopened';
export const CHALLENGE_STATES: readonly ChallengeState[] = ['Closed', 'Reopened'];

/** An entry closing or reopening a challenge, as SharePoint recorded it in the challenge log (Created By, Created). */
export interface ChallengeStatusRecord {
  id: number;
  challengeId: number;
  periodName: string;
  /** Whatever the list holds, checked here. */
  state: string;
  by?: Person;
  on: string;
}

export interface ChallengeStatusEvent {
  state: ChallengeState | 'Unknown';
  by?: Person;
  on: string;
  valid: boolean;
  /** Why the entry does not count, in words for the person reading the log. */
  problem?: string;
}

/** An officer's answer to one challenge; who answered is SharePoint's Modified By. */
export interface ChallengeResponse {
  id?: number;
  challengeId: number;
  periodName: string;
  text: string;
  by?: Person;
  on?: string;
  etag?: string;
}

export function validateChallenge(c: ScrutinyChallenge): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkRequired(problems, 'text', 'The challenge', c.text);
  checkLength(problems, 'text', 'The challenge', c.text, LIMITS.challenge);
  checkLength(problems, 'response', 'The response', c.response, LIMITS.response);
  return problems;
}

export function validateResponse(response: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  checkRequired(problems, 'response', 'The response', response);
  checkLength(problems, 'response', 'The response', response, LIMITS.response);
  return problems;
}

const who = (p: Person | undefined): string => p?.displayName ?? 'someone no longer on the site';

/**
 * The close and reopen entries of one challenge, checked: only the councillor who raised it may close
 * or reopen it (an entry by anyone else is kept, marked not valid, and changes nothing), a closed
 * challenge can only be reopened and an open one only closed.
 */
export function challengeStatusHistory(challenge: ScrutinyChallenge, records: readonly ChallengeStatusRecord[]): ChallengeStatusEvent[] {
  const own = records
    .filter((r) => r.challengeId === challenge.id)
    .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id));
  let closed = false;
  return own.map((r) => {
    const state = CHALLENGE_STATES.indexOf(r.state as ChallengeState) >= 0 ? (r.state as ChallengeState) : 'Unknown';
    const event: ChallengeStatusEvent = { state, by: r.by, on: r.on, valid: true };
    const when = `${who(r.by)} on ${formatUkDateTime(r.on)}`;
    const refuse = (problem: string): ChallengeStatusEvent => ({ ...event, valid: false, problem });
    if (state === 'Unknown') return refuse(`Scrutiny challenges entry ${r.id} says "${r.state}", which is neither Closed nor Reopened; it does not count.`);
    if (r.periodName !== challenge.periodName) return refuse(`The entry by ${when} names ${r.periodName || 'no year'}, not ${challenge.periodName}; it does not count.`);
    if (!r.by || !challenge.raisedBy || r.by.id !== challenge.raisedBy.id) {
      return refuse(`${state === 'Closed' ? 'Closed' : 'Reopened'} by ${when}, who did not raise it: only ${who(challenge.raisedBy)} can close or reopen it, so this does not count.`);
    }
    if (state === 'Closed' && closed) return refuse(`Closed again by ${when} while already closed; it changes nothing.`);
    if (state === 'Reopened' && !closed) return refuse(`Reopened by ${when} while it was not closed; it changes nothing.`);
    closed = state === 'Closed';
    return event;
  });
}

/**
 * Where a challenge stands: closed when its raiser's latest valid entry closed it; answered when an
 * officer has answered it (after it was last reopened, if it was); otherwise open, awaiting a response.
 */
export function challengeStatus(challenge: Pick<ScrutinyChallenge, 'response' | 'respondedOn' | 'statusHistory'>): ChallengeStatus {
  const valid = (challenge.statusHistory ?? []).filter((e) => e.valid);
  const last = valid[valid.length - 1];
  if (last?.state === 'Closed') return 'Closed';
  const reopenedOn = last?.state === 'Reopened' ? last.on : undefined;
  // An answer counts for a reopened challenge only when it was saved after the reopening. SharePoint
  // dates entries to the second; an answer in the same second is taken as the one that was reopened.
  if (challenge.response && (!reopenedOn || (challenge.respondedOn ?? '') > reopenedOn)) return 'Answered';
  return 'Open';
}

/** The challenge with its checked history and the status that follows from it. */
export function withStatusHistory(challenge: ScrutinyChallenge, records: readonly ChallengeStatusRecord[]): ScrutinyChallenge {
  const statusHistory = challengeStatusHistory(challenge, records);
  return { ...challenge, statusHistory, status: challengeStatus({ ...challenge, statusHistory }) };
}

/** What the person may record about a challenge: only its raiser closes it, and reopens it once closed. */
export function stateChangeFor(challenge: ScrutinyChallenge, userId: number | undefined): ChallengeState | undefined {
  if (userId === undefined || challenge.id === undefined || challenge.problem || !challenge.raisedBy || challenge.raisedBy.id !== userId) return undefined;
  return challenge.status === 'Closed' ? 'Reopened' : 'Closed';
}

/** Whether officers still owe the councillor an answer (challenges that do not count are left out). */
export function isAwaitingResponse(challenge: ScrutinyChallenge): boolean {
  return challenge.status === 'Open' && !challenge.problem;
}

export function awaitingResponseCount(challenges: readonly ScrutinyChallenge[]): number {
  return challenges.filter(isAwaitingResponse).length;
}

/** The reader's own challenges first, then everyone else's, each oldest first. */
export function ownChallengesFirst(challenges: readonly ScrutinyChallenge[], userId: number | undefined): ScrutinyChallenge[] {
  const mine = (c: ScrutinyChallenge): number => (userId !== undefined && c.raisedBy?.id === userId ? 0 : 1);
  // ISO date-times compare as text, in code-unit order (no collator: making one costs tens of ms on first use).
  const byTime = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...challenges].sort((a, b) => mine(a) - mine(b) || byTime(a.raisedOn ?? '', b.raisedOn ?? '') || (a.id ?? 0) - (b.id ?? 0));
}

/** One earlier (or the current) wording of an officer's answer, from the response's version history. */
export interface AnswerVersion {
  text: string;
  by?: Person;
  on: string;
  version: string;
}

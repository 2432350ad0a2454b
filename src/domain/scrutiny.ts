import type { Person } from './actions';
import { LIMITS } from './limits';
import { checkLength, checkRequired, FieldProblem } from './validation';

/** A question an overview and scrutiny councillor puts to officers about the assessment. */
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
  etag?: string;
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

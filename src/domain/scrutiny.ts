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

import type { Person } from './actions';
import { formatUkDateTime } from './dates';
import type { AssessmentPeriod, PeriodRecord } from './periods';

/**
 * Sign-off of a period's assessment: officers submit it, a senior manager signs it off or returns it
 * with a comment, and a signed-off year can be reopened by a senior manager with a reason.
 *
 * Where a period stands is never a column anyone could type into: it is worked out from two
 * append-only SharePoint lists, Submissions (officers and approvers may add) and the Sign-off log
 * (only approvers and site owners may add), using each entry's Created By and Created. Entries that
 * break the rules (a sign-off by the person who submitted, a decision on a year that was not
 * submitted) are kept in the history, marked not valid, and change nothing.
 */

export type PeriodStatus = 'Draft' | 'Submitted' | 'Signed off' | 'Returned';

export const PERIOD_STATUSES: readonly PeriodStatus[] = ['Draft', 'Submitted', 'Signed off', 'Returned'];

export type SignOffAction = 'submit' | 'signOff' | 'return' | 'reopen';

export type Decision = 'Signed off' | 'Returned' | 'Reopened';

export const DECISIONS: readonly Decision[] = ['Signed off', 'Returned', 'Reopened'];

export const DECISION_OF: Record<Exclude<SignOffAction, 'submit'>, Decision> = { signOff: 'Signed off', return: 'Returned', reopen: 'Reopened' };

export type Role = 'officer' | 'approver' | 'scrutiny' | 'owner';

interface Transition {
  from: PeriodStatus[];
  to: PeriodStatus;
  /** Who may take this step. Site owners can do anything an approver can. */
  roles: Role[];
}

const TRANSITIONS: Record<SignOffAction, Transition> = {
  submit: { from: ['Draft', 'Returned'], to: 'Submitted', roles: ['officer', 'approver', 'owner'] },
  signOff: { from: ['Submitted'], to: 'Signed off', roles: ['approver', 'owner'] },
  return: { from: ['Submitted'], to: 'Returned', roles: ['approver', 'owner'] },
  reopen: { from: ['Signed off'], to: 'Draft', roles: ['approver', 'owner'] },
};

const ACTION_NAMES: Record<SignOffAction, string> = {
  submit: 'submit it for sign-off',
  signOff: 'sign it off',
  return: 'return it',
  reopen: 'reopen it',
};

export type TransitionResult = { ok: true; to: PeriodStatus } | { ok: false; message: string };

export interface Actor {
  role: Role;
  userId: number;
}

/**
 * Whether `actor` may take `action` on a period in `status`, and the status it leads to. The person
 * who submitted an assessment cannot sign it off (segregation of duties).
 */
export function applySignOff(status: PeriodStatus, action: SignOffAction, actor: Actor | Role, comment = '', submitterId?: number): TransitionResult {
  const role = typeof actor === 'string' ? actor : actor.role;
  const transition = TRANSITIONS[action];
  if (transition.from.indexOf(status) < 0) {
    return { ok: false, message: `This period is ${status.toLowerCase()}, so you cannot ${ACTION_NAMES[action]}.` };
  }
  if (transition.roles.indexOf(role) < 0) {
    const who = action === 'submit' ? 'procurement officers and approvers' : 'procurement approvers and site owners';
    return { ok: false, message: `Only ${who} can ${ACTION_NAMES[action]}.` };
  }
  if (action === 'signOff' && typeof actor !== 'string' && submitterId !== undefined && actor.userId === submitterId) {
    return { ok: false, message: 'You submitted this assessment, so someone else must sign it off. Ask another procurement approver.' };
  }
  if (action === 'return' && comment.trim() === '') {
    return { ok: false, message: 'Say why the assessment is being returned, so officers know what to change.' };
  }
  if (action === 'reopen' && comment.trim() === '') {
    return { ok: false, message: 'Say why the signed-off assessment is being reopened; the reason is kept in the sign-off log.' };
  }
  return { ok: true, to: transition.to };
}

/** The steps open to `role` on a period in `status`, for showing the right buttons. */
export function availableSignOffActions(status: PeriodStatus, role: Role): SignOffAction[] {
  return (Object.keys(TRANSITIONS) as SignOffAction[]).filter(
    (action) => TRANSITIONS[action].from.indexOf(status) >= 0 && TRANSITIONS[action].roles.indexOf(role) >= 0
  );
}

/** A submitted period waits for sign-off and a signed-off one is the record: neither can be edited. */
export function isPeriodLocked(status: PeriodStatus): boolean {
  return status === 'Submitted' || status === 'Signed off';
}

/** An entry in Submissions, as SharePoint recorded it (Created By, Created). */
export interface SubmissionRecord {
  id: number;
  periodName: string;
  note: string;
  by?: Person;
  on: string;
}

/** An entry in the Sign-off log. `decision` is whatever the list holds, checked here. */
export interface DecisionRecord {
  id: number;
  periodName: string;
  decision: string;
  comment: string;
  /** With a sign-off: the framework (JSON) the year was assessed against, as it stood when signed off. */
  frameworkSnapshot?: string;
  by?: Person;
  on: string;
}

export interface SignOffEvent {
  kind: 'Submitted' | Decision | 'Unknown';
  by?: Person;
  on: string;
  comment: string;
  valid: boolean;
  /** Why the entry does not count, in words for the person reading the history. */
  problem?: string;
}

export interface SignOffState {
  status: PeriodStatus;
  submittedBy?: Person;
  submittedOn?: string;
  signedOffBy?: Person;
  signedOffOn?: string;
  returnedBy?: Person;
  returnComment: string;
  /** The framework recorded with the valid sign-off (JSON), so the record never drifts when it is reworded. */
  frameworkSnapshot?: string;
  /** Every entry, oldest first, valid or not. */
  history: SignOffEvent[];
  /** One line per entry that does not count. */
  problems: string[];
}

const who = (p: Person | undefined): string => p?.displayName ?? 'someone no longer on the site';

/** Where a period stands, from its Submissions and Sign-off log entries (any order, any period). */
export function deriveSignOff(periodName: string, submissions: SubmissionRecord[], decisions: DecisionRecord[]): SignOffState {
  type Entry = { on: string; id: number; submission?: SubmissionRecord; decision?: DecisionRecord };
  const byTime = (a: { on: string; id: number }, b: { on: string; id: number }): number => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id);
  const subs = submissions.filter((x) => x.periodName === periodName).sort(byTime);
  const decs = decisions.filter((x) => x.periodName === periodName).sort(byTime);
  const state: SignOffState = { status: 'Draft', returnComment: '', history: [], problems: [] };
  const refuse = (event: SignOffEvent, problem: string): void => {
    event.valid = false;
    event.problem = problem;
    state.problems.push(problem);
  };
  // Each list is in order by itself (Created, then ID). SharePoint dates entries to the second, so when a
  // submission and a decision share a second, the decision comes first only if one is awaited.
  const next = (): Entry | undefined => {
    const sub = subs[0];
    const dec = decs[0];
    if (!sub && !dec) return undefined;
    const takeDecision = !sub || (dec && (dec.on < sub.on || (dec.on === sub.on && state.status === 'Submitted')));
    if (takeDecision) {
      decs.shift();
      return { on: dec!.on, id: dec!.id, decision: dec };
    }
    subs.shift();
    return { on: sub.on, id: sub.id, submission: sub };
  };
  for (let entry = next(); entry; entry = next()) {
    if (entry.submission) {
      const s = entry.submission;
      const event: SignOffEvent = { kind: 'Submitted', by: s.by, on: s.on, comment: s.note, valid: true };
      if (state.status === 'Signed off') refuse(event, `A submission by ${who(s.by)} on ${formatUkDateTime(s.on)} came after sign-off and does not count.`);
      else {
        state.status = 'Submitted';
        state.submittedBy = s.by;
        state.submittedOn = s.on;
      }
      state.history.push(event);
      continue;
    }
    const d = entry.decision as DecisionRecord;
    const kind = DECISIONS.indexOf(d.decision as Decision) >= 0 ? (d.decision as Decision) : 'Unknown';
    const event: SignOffEvent = { kind, by: d.by, on: d.on, comment: d.comment, valid: true };
    const when = `${who(d.by)} on ${formatUkDateTime(d.on)}`;
    if (kind === 'Unknown') refuse(event, `Sign-off log entry ${d.id} says "${d.decision}", which is not a decision (Signed off, Returned or Reopened); it does not count.`);
    else if (kind === 'Signed off') {
      if (state.status !== 'Submitted') refuse(event, `The sign-off by ${when} is not valid: the assessment had not been submitted.`);
      else if (d.by && state.submittedBy && d.by.id === state.submittedBy.id) {
        refuse(event, `The sign-off by ${when} is not valid: ${who(d.by)} also submitted it, and someone else must sign it off.`);
      } else {
        state.status = 'Signed off';
        state.signedOffBy = d.by;
        state.signedOffOn = d.on;
        state.frameworkSnapshot = d.frameworkSnapshot || undefined;
      }
    } else if (kind === 'Returned') {
      if (state.status !== 'Submitted') refuse(event, `The return by ${when} is not valid: the assessment had not been submitted.`);
      else {
        state.status = 'Returned';
        state.returnedBy = d.by;
        state.returnComment = d.comment;
      }
    } else if (state.status !== 'Signed off') refuse(event, `The reopening by ${when} is not valid: the assessment was not signed off.`);
    else {
      state.status = 'Draft';
      state.signedOffBy = undefined;
      state.signedOffOn = undefined;
      state.frameworkSnapshot = undefined;
    }
    state.history.push(event);
  }
  return state;
}

/** A period record with where it stands in sign-off, worked out from the two sign-off lists. */
export function withSignOff(record: PeriodRecord, submissions: SubmissionRecord[], decisions: DecisionRecord[]): AssessmentPeriod {
  return { ...record, ...deriveSignOff(record.name, submissions, decisions) };
}

/**
 * Sign-off of a period's assessment: officers submit it, a senior manager signs it off or returns it
 * with a comment, and a returned assessment goes back to draft for rework. Signed off is final.
 */

export type PeriodStatus = 'Draft' | 'Submitted' | 'Signed off' | 'Returned';

export const PERIOD_STATUSES: readonly PeriodStatus[] = ['Draft', 'Submitted', 'Signed off', 'Returned'];

export type SignOffAction = 'submit' | 'signOff' | 'return' | 'reopen';

export type Role = 'officer' | 'approver' | 'scrutiny' | 'owner';

interface Transition {
  from: PeriodStatus;
  to: PeriodStatus;
  /** Who may take this step. Site owners can do anything an approver can. */
  roles: Role[];
}

const TRANSITIONS: Record<SignOffAction, Transition> = {
  submit: { from: 'Draft', to: 'Submitted', roles: ['officer', 'approver', 'owner'] },
  signOff: { from: 'Submitted', to: 'Signed off', roles: ['approver', 'owner'] },
  return: { from: 'Submitted', to: 'Returned', roles: ['approver', 'owner'] },
  reopen: { from: 'Returned', to: 'Draft', roles: ['officer', 'approver', 'owner'] },
};

const ACTION_NAMES: Record<SignOffAction, string> = {
  submit: 'submit it for sign-off',
  signOff: 'sign it off',
  return: 'return it',
  reopen: 'reopen it',
};

export type TransitionResult = { ok: true; to: PeriodStatus } | { ok: false; message: string };

/** Whether `role` may take `action` on a period in `status`, and the status it leads to. */
export function applySignOff(status: PeriodStatus, action: SignOffAction, role: Role, comment = ''): TransitionResult {
  const transition = TRANSITIONS[action];
  if (status !== transition.from) {
    return { ok: false, message: `This period is ${status.toLowerCase()}, so you cannot ${ACTION_NAMES[action]}.` };
  }
  if (transition.roles.indexOf(role) < 0) {
    const who = action === 'signOff' || action === 'return' ? 'procurement approvers' : 'procurement officers and approvers';
    return { ok: false, message: `Only ${who} can ${ACTION_NAMES[action]}.` };
  }
  if (action === 'return' && comment.trim() === '') {
    return { ok: false, message: 'Say why the assessment is being returned, so officers know what to change.' };
  }
  return { ok: true, to: transition.to };
}

/** The steps open to `role` on a period in `status`, for showing the right buttons. */
export function availableSignOffActions(status: PeriodStatus, role: Role): SignOffAction[] {
  return (Object.keys(TRANSITIONS) as SignOffAction[]).filter(
    (action) => TRANSITIONS[action].from === status && TRANSITIONS[action].roles.indexOf(role) >= 0
  );
}

/** A submitted period waits for sign-off and a signed-off one is the record: neither can be edited. */
export function isPeriodLocked(status: PeriodStatus): boolean {
  return status === 'Submitted' || status === 'Signed off';
}

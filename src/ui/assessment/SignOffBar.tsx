import * as React from 'react';
import { AssessmentPeriod, nextPeriodName } from '../../domain/periods';
import { formatUkDateTime } from '../../domain/dates';
import { availableSignOffActions, Role, SignOffAction } from '../../domain/signOff';
import { LIMITS } from '../../domain/limits';
import { lengthProblem } from '../../domain/validation';
import { DataError, toDataError } from '../../data/errors';
import { Problem } from '../components/Problem';
import { Button, Notice, TextAreaField } from '../components/Controls';

export interface SignOffBarProps {
  period: AssessmentPeriod;
  role: Role | 'reader';
  /** SharePoint lets this person add to Submissions (officers, approvers). */
  canSubmit: boolean;
  /** SharePoint lets this person add to the Sign-off log (approvers, site owners). */
  canDecide: boolean;
  /** Assessments of a signed-off year that SharePoint does not hold read-only yet. */
  unlockedCount?: number;
  onFinishSignOff?: () => Promise<void>;
  /** What stops submission, one line per index; empty when ready. */
  missing: string[];
  isLatest: boolean;
  onAction: (action: SignOffAction, comment?: string) => Promise<void>;
  onStartNext?: () => Promise<void>;
  /** Which framework the year is shown with (a submitted year: as it stood when submitted). */
  frameworkBasis?: 'today' | 'asSubmitted' | 'signOffRecord';
}

const BUTTONS: Record<SignOffAction, string> = { submit: 'Submit for sign-off', signOff: 'Sign off', return: 'Return for changes', reopen: 'Reopen for changes' };

/** The steps that need a reason, kept in the Sign-off log. */
const COMMENTED: Partial<Record<SignOffAction, { label: string; confirm: string }>> = {
  return: { label: 'Why is it being returned? Officers will see this.', confirm: 'Return with this comment' },
  reopen: { label: 'Why is the signed-off assessment being reopened? This is kept in the sign-off log.', confirm: 'Reopen with this reason' },
};

/** Where the period is in sign-off, and the next step open to this person. */
export function SignOffBar({ period, role, canSubmit, canDecide, unlockedCount, onFinishSignOff, missing, isLatest, onAction, onStartNext, frameworkBasis }: SignOffBarProps): JSX.Element {
  const [showMissing, setShowMissing] = React.useState(false);
  const [returning, setReturning] = React.useState<SignOffAction | undefined>();
  const [comment, setComment] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  /** Why returning failed; the comment box stays open with what was typed. */
  const [returnProblem, setReturnProblem] = React.useState<string | undefined>();
  const [returnError, setReturnError] = React.useState<DataError | undefined>();
  const actions = role === 'reader' ? [] : availableSignOffActions(period.status, role).filter((a) => (a === 'submit' ? canSubmit : canDecide));

  const run = async (action: SignOffAction): Promise<void> => {
    if (action === 'submit' && missing.length) {
      setShowMissing(true);
      return;
    }
    if (COMMENTED[action] && returning !== action) {
      setReturning(action);
      setReturnProblem(undefined);
      setReturnError(undefined);
      return;
    }
    if (COMMENTED[action]) {
      // Too long for SharePoint: say so before sending, and keep the comment to shorten.
      const tooLong = lengthProblem('The comment', comment, LIMITS.returnComment);
      setReturnProblem(tooLong);
      setReturnError(undefined);
      if (tooLong) return;
    }
    setBusy(true);
    try {
      await onAction(action, comment);
      setReturning(undefined);
      setComment('');
    } catch (e) {
      // Not returned (SharePoint busy, the comment refused): the comment box stays open with the comment.
      if (!COMMENTED[action]) throw e;
      setReturnError(toDataError(e));
    } finally {
      setBusy(false);
    }
  };

  let summary = `The ${period.name} assessment is a draft.`;
  if (period.status === 'Submitted') summary = `The ${period.name} assessment was submitted for sign-off by ${period.submittedBy?.displayName ?? 'an officer'} on ${formatUkDateTime(period.submittedOn)}. It cannot be changed while it waits.`;
  if (period.status === 'Signed off') summary = `The ${period.name} assessment was signed off by ${period.signedOffBy?.displayName ?? 'a senior manager'} on ${formatUkDateTime(period.signedOffOn)}. It is the council's record and cannot be changed.`;
  if (period.status === 'Signed off' && period.frameworkSnapshot) summary += ' It is shown with the key areas, enablers and descriptors as they were when it was signed off.';
  if (period.status === 'Submitted' && frameworkBasis === 'asSubmitted') summary += ' It is shown with the key areas, enablers and descriptors as they were when it was submitted.';
  if (period.status === 'Returned') summary = `The ${period.name} assessment was returned for changes by ${period.returnedBy?.displayName ?? 'a senior manager'}: "${period.returnComment}"`;

  return (
    <section className="nps-signoff" aria-label="Sign-off">
      <Notice kind={period.status === 'Signed off' ? 'success' : period.status === 'Returned' ? 'warning' : 'info'}>{summary}</Notice>
      {showMissing && missing.length > 0 && (
        <div role="alert" className="nps-error-summary">
          <p>The assessment cannot be submitted yet. Still missing:</p>
          <ul>
            {missing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      )}
      {period.problems.length > 0 && (
        <Notice kind="severe">
          <p>Some entries in the sign-off record do not count, so they are not shown as the year&rsquo;s status:</p>
          <ul>
            {period.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </Notice>
      )}
      {period.status === 'Signed off' && !!unlockedCount && (
        <Notice kind="warning">
          {unlockedCount === 1 ? '1 assessment of this signed-off year is' : `${unlockedCount} assessments of this signed-off year are`} not yet read-only in SharePoint.
          {canDecide && onFinishSignOff ? ' Choose Finish sign-off to complete it.' : ' A procurement approver can finish the sign-off.'}
        </Notice>
      )}
      {returning && (
        <TextAreaField
          label={COMMENTED[returning]?.label ?? ''}
          required
          value={comment}
          onChange={setComment}
          error={returnProblem}
          note={`${comment.length.toLocaleString('en-GB')} of ${LIMITS.returnComment.toLocaleString('en-GB')} characters`}
        />
      )}
      {returning && returnError && <Problem error={returnError} onDismiss={() => setReturnError(undefined)} />}
      <div className="nps-actions">
        {actions.map((action) =>
          action === 'submit' || action === 'signOff' ? (
            <Button key={action} primary disabled={busy} onClick={() => void run(action)}>
              {BUTTONS[action]}
            </Button>
          ) : (
            <Button key={action} disabled={busy} onClick={() => run(action).catch(() => undefined)}>
              {returning === action ? COMMENTED[action]?.confirm : BUTTONS[action]}
            </Button>
          )
        )}
        {returning && (
          <Button onClick={() => { setReturning(undefined); setReturnProblem(undefined); setReturnError(undefined); }}>
            Cancel
          </Button>
        )}
        {period.status === 'Signed off' && !!unlockedCount && canDecide && onFinishSignOff && (
          <Button primary disabled={busy} onClick={() => { setBusy(true); onFinishSignOff().finally(() => setBusy(false)); }}>
            Finish sign-off
          </Button>
        )}
        {period.status === 'Signed off' && isLatest && onStartNext && role !== 'reader' && role !== 'scrutiny' && canSubmit && (
          <Button disabled={busy} onClick={() => { setBusy(true); onStartNext().finally(() => setBusy(false)); }}>
            {`Start ${nextPeriodName(period.name)} from this assessment`}
          </Button>
        )}
      </div>
    </section>
  );
}

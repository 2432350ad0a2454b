import * as React from 'react';
import { PrimaryButton, DefaultButton } from '@fluentui/react/lib/Button';
import { TextField } from '@fluentui/react/lib/TextField';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { AssessmentPeriod, nextPeriodName } from '../../domain/periods';
import { formatUkDateTime } from '../../domain/dates';
import { availableSignOffActions, Role, SignOffAction } from '../../domain/signOff';

export interface SignOffBarProps {
  period: AssessmentPeriod;
  role: Role | 'reader';
  canEditPeriods: boolean;
  /** What stops submission, one line per index; empty when ready. */
  missing: string[];
  isLatest: boolean;
  onAction: (action: SignOffAction, comment?: string) => Promise<void>;
  onStartNext?: () => Promise<void>;
}

const BUTTONS: Record<SignOffAction, string> = { submit: 'Submit for sign-off', signOff: 'Sign off', return: 'Return for changes', reopen: 'Reopen as draft' };

/** Where the period is in sign-off, and the next step open to this person. */
export function SignOffBar({ period, role, canEditPeriods, missing, isLatest, onAction, onStartNext }: SignOffBarProps): JSX.Element {
  const [showMissing, setShowMissing] = React.useState(false);
  const [returning, setReturning] = React.useState(false);
  const [comment, setComment] = React.useState('');
  const [busy, setBusy] = React.useState(false);
  const actions = role === 'reader' || !canEditPeriods ? [] : availableSignOffActions(period.status, role);

  const run = async (action: SignOffAction): Promise<void> => {
    if (action === 'submit' && missing.length) {
      setShowMissing(true);
      return;
    }
    if (action === 'return' && !returning) {
      setReturning(true);
      return;
    }
    setBusy(true);
    try {
      await onAction(action, comment);
      setReturning(false);
      setComment('');
    } finally {
      setBusy(false);
    }
  };

  let summary = `The ${period.name} assessment is a draft.`;
  if (period.status === 'Submitted') summary = `The ${period.name} assessment was submitted for sign-off by ${period.submittedBy?.displayName ?? 'an officer'} on ${formatUkDateTime(period.submittedOn)}. It cannot be changed while it waits.`;
  if (period.status === 'Signed off') summary = `The ${period.name} assessment was signed off by ${period.signedOffBy?.displayName ?? 'a senior manager'} on ${formatUkDateTime(period.signedOffOn)}. It is the council's record and cannot be changed.`;
  if (period.status === 'Returned') summary = `The ${period.name} assessment was returned for changes: "${period.returnComment}"`;

  return (
    <section className="nps-signoff" aria-label="Sign-off">
      <MessageBar messageBarType={period.status === 'Signed off' ? MessageBarType.success : period.status === 'Returned' ? MessageBarType.warning : MessageBarType.info} isMultiline>
        {summary}
      </MessageBar>
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
      {returning && (
        <TextField label="Why is it being returned? Officers will see this." multiline required value={comment} onChange={(_, v) => setComment(v ?? '')} />
      )}
      <div className="nps-actions">
        {actions.map((action) =>
          action === 'submit' || action === 'signOff' ? (
            <PrimaryButton key={action} disabled={busy} onClick={() => run(action)} text={BUTTONS[action]} />
          ) : (
            <DefaultButton key={action} disabled={busy} onClick={() => run(action)} text={returning && action === 'return' ? 'Return with this comment' : BUTTONS[action]} />
          )
        )}
        {returning && <DefaultButton onClick={() => setReturning(false)} text="Cancel" />}
        {period.status === 'Signed off' && isLatest && onStartNext && role !== 'reader' && role !== 'scrutiny' && canEditPeriods && (
          <DefaultButton disabled={busy} onClick={() => { setBusy(true); onStartNext().finally(() => setBusy(false)); }} text={`Start ${nextPeriodName(period.name)} from this assessment`} />
        )}
      </div>
    </section>
  );
}

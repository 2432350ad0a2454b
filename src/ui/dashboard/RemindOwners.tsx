import * as React from 'react';
import { HostContext } from '../../host';
import { DataServices } from '../../data/services';
import { toDataError } from '../../data/errors';
import { ActionPlanItem } from '../../domain/actions';
import { londonCalendarDate } from '../../domain/dates';
import { reminderReason, reminderReport } from '../../domain/reminders';
import { Role } from '../../domain/signOff';
import { Button, Notice } from '../components/Controls';
import { notificationLinks } from '../links';

export interface RemindOwnersProps {
  host: HostContext;
  services: Pick<DataServices, 'sp' | 'mail' | 'site'>;
  /** Officers and approvers remind (and site owners); SharePoint lets only them add to Action reminders. */
  role: Role | 'reader';
  periodName: string;
  /** The year's actions as the dashboard read them. */
  actions: readonly ActionPlanItem[];
  /** Key area and enabler titles by index id, named in the mail. */
  indexTitles: Readonly<Record<string, string>>;
  /** For tests; now otherwise. */
  now?: Date;
}

export function canRemindOwners(role: Role | 'reader'): boolean {
  return role === 'officer' || role === 'approver' || role === 'owner';
}

type State = { kind: 'idle' } | { kind: 'sending' } | { kind: 'done'; lines: string[]; warn: boolean } | { kind: 'error'; message: string };

/**
 * "Remind action owners": one email to each owner of open actions overdue or due within 14 days, never
 * twice on the same day. The sending code (Graph mail, the Action reminders list) loads when pressed.
 */
export function RemindOwners(props: RemindOwnersProps): JSX.Element | null {
  const { host, services, role, periodName, actions, indexTitles } = props;
  const [state, setState] = React.useState<State>({ kind: 'idle' });
  if (!canRemindOwners(role)) return null;
  const today = londonCalendarDate(props.now ?? new Date());
  const due = actions.filter((a) => reminderReason(a, today)).length;

  const send = async (): Promise<void> => {
    setState({ kind: 'sending' });
    try {
      const { sendActionReminders } = await import(/* webpackChunkName: 'reminders' */ '../../data/reminders');
      const me = await services.site.currentUser();
      const outcome = await sendActionReminders(services, {
        periodName,
        actions,
        indexTitles,
        senderName: me.displayName,
        link: notificationLinks(host.links).officers,
        now: props.now,
      });
      setState({ kind: 'done', lines: reminderReport(outcome), warn: outcome.failed.length + outcome.notRecorded.length > 0 });
    } catch (e) {
      setState({ kind: 'error', message: `No reminders were sent: ${toDataError(e).message}` });
    }
  };

  return (
    <div className="nps-actions">
      <Button onClick={send} disabled={state.kind === 'sending' || due === 0}>
        {state.kind === 'sending' ? 'Sending reminders…' : `Remind action owners (${due} overdue or due within 14 days)`}
      </Button>
      {state.kind === 'done' && (
        <Notice kind={state.warn ? 'warning' : 'success'} onDismiss={() => setState({ kind: 'idle' })}>
          {state.lines.map((line) => (
            <p key={line}>{line}</p>
          ))}
        </Notice>
      )}
      {state.kind === 'error' && (
        <Notice kind="error" onDismiss={() => setState({ kind: 'idle' })}>
          {state.message}
        </Notice>
      )}
    </div>
  );
}

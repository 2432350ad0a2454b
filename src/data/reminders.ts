import { SPFI } from '@pnp/sp';
import { ActionPlanItem } from '../domain/actions';
import { OwnerReminder, planReminders, reminderLine, ReminderOutcome } from '../domain/reminders';
import type { MaybeLinkTo } from '../ui/links';
import { MailSender, toMailError } from './mail';
import { escapeHtml } from './notifications';
import { ReminderRepository } from './repositories/reminderRepository';

/**
 * Reminders to the owners of overdue and soon-due actions: one email each through Microsoft Graph as
 * the person who pressed the button, and one Action reminders entry per action reminded, so nobody is
 * reminded of the same action twice on one UK calendar day. Loaded only when someone sends reminders.
 */

export interface ReminderServices {
  sp: SPFI;
  mail: MailSender;
}

export interface ReminderRequest {
  periodName: string;
  /** The period's actions as the dashboard read them. */
  actions: readonly ActionPlanItem[];
  /** Key area and enabler titles by index id. */
  indexTitles: Readonly<Record<string, string>>;
  senderName: string;
  /** Where the owner updates their actions (notificationLinks(...).officers); omitted when not configured. */
  link?: MaybeLinkTo;
  now?: Date;
}

export function reminderHtml(reminder: OwnerReminder, request: ReminderRequest): { subject: string; html: string } {
  const n = reminder.actions.length;
  const overdue = reminder.actions.filter((a) => a.reason === 'overdue').length;
  const subject = `Procurement maturity ${request.periodName}: ${n === 1 ? '1 action' : `${n} actions`} ${overdue ? 'overdue or due soon' : 'due soon'}`;
  const items = reminder.actions.map((a) => `<li>${escapeHtml(reminderLine(a, request.indexTitles[a.action.indexId]))}</li>`).join('');
  const href = request.link?.({ periodName: request.periodName });
  const html = [
    `<p>${escapeHtml(`Dear ${reminder.owner.displayName},`)}</p>`,
    `<p>${escapeHtml(`${request.senderName} is reminding you of the ${request.periodName} procurement maturity actions you own that are overdue or due within the next 14 days:`)}</p>`,
    `<ul>${items}</ul>`,
    '<p>Please update their progress, or the due date if it has changed.</p>',
    href ? `<p><a href="${escapeHtml(href)}">${escapeHtml(`Open the ${request.periodName} assessment`)}</a></p>` : '',
  ].join('');
  return { subject, html };
}

/**
 * Reads today's reminders, then mails each owner not yet reminded today. A mail that fails is reported
 * by name and not recorded; the other owners are still reminded.
 */
export async function sendActionReminders(services: ReminderServices, request: ReminderRequest): Promise<ReminderOutcome> {
  const now = request.now ?? new Date();
  const log = new ReminderRepository(services.sp);
  const plan = planReminders(request.actions, await log.recent(request.periodName, now), now);
  const outcome: ReminderOutcome = { sent: [], skipped: plan.skipped, failed: [], notRecorded: [] };
  for (const reminder of plan.toSend) {
    const name = reminder.owner.displayName;
    const { subject, html } = reminderHtml(reminder, request);
    try {
      await services.mail.send({ to: [reminder.address], subject, html });
    } catch (e) {
      outcome.failed.push({ name, reason: toMailError(e).message });
      continue;
    }
    outcome.sent.push({ name, count: reminder.actions.length });
    try {
      for (const due of reminder.actions) await log.add({ actionId: due.action.id as number, owner: reminder.address, periodName: request.periodName });
    } catch (e) {
      outcome.notRecorded.push({ name, reason: (e as Error).message });
    }
  }
  return outcome;
}

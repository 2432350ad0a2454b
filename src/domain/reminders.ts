import { ActionPlanItem, Person } from './actions';
import { daysBetween, formatUkDate, IsoDate, londonCalendarDate } from './dates';

/**
 * Reminding action owners: which open actions are overdue or due soon, one reminder per owner listing
 * theirs, and never the same action twice on one UK calendar day. Pure: the data layer reads the
 * actions and today's Action reminders entries and sends the mail.
 */

/** An open action due within this many days (today included) counts as due soon. */
export const DUE_SOON_DAYS = 14;

export type ReminderReason = 'overdue' | 'dueSoon';

/** An entry of the Action reminders list: one action reminded to one owner, by someone, at a time. */
export interface ReminderEntry {
  actionId: number;
  /** The owner's email as recorded. */
  owner: string;
  periodName: string;
  /** When it was sent (the entry's Created, an ISO instant). */
  sentAt: string;
  sentBy?: string;
}

export interface DueAction {
  action: ActionPlanItem;
  reason: ReminderReason;
}

export interface OwnerReminder {
  owner: Person;
  /** Where the mail goes and what the Action reminders entry records. */
  address: string;
  actions: DueAction[];
}

export interface SkippedAction {
  action: ActionPlanItem;
  /** The owner's name, or "No owner". */
  who: string;
  why: 'remindedToday' | 'noAddress';
}

export interface ReminderPlan {
  /** One per owner with something to remind them of today, in name order. */
  toSend: OwnerReminder[];
  skipped: SkippedAction[];
}

/**
 * Why an action needs a reminder today, or undefined when it does not. Complete and cancelled actions
 * never do; an open one does when its due date has passed or is within DUE_SOON_DAYS.
 */
export function reminderReason(action: Pick<ActionPlanItem, 'status' | 'dueDate'>, today: IsoDate): ReminderReason | undefined {
  if (action.status === 'Complete' || action.status === 'Cancelled' || !action.dueDate) return undefined;
  const daysLeft = daysBetween(today, action.dueDate);
  if (daysLeft < 0) return 'overdue';
  return daysLeft <= DUE_SOON_DAYS ? 'dueSoon' : undefined;
}

/** The address an owner is reminded at, and recorded by: their email (a claims login cannot receive mail). */
export function ownerAddress(owner: Person | undefined): string | undefined {
  const address = (owner?.email ?? '').trim();
  return address || undefined;
}

/** The ids of actions reminded on the UK calendar day of `now`. */
export function remindedToday(entries: readonly ReminderEntry[], now: Date): Set<number> {
  const today = londonCalendarDate(now);
  return new Set(entries.filter((e) => !isNaN(new Date(e.sentAt).getTime()) && londonCalendarDate(new Date(e.sentAt)) === today).map((e) => e.actionId));
}

/**
 * Which owners to remind of which actions today: open actions overdue or due within 14 days, grouped by
 * owner (one mail each), most overdue first; actions already reminded today, and actions whose owner has
 * no address, are skipped and named.
 */
export function planReminders(actions: readonly ActionPlanItem[], entries: readonly ReminderEntry[], now: Date): ReminderPlan {
  const today = londonCalendarDate(now);
  const already = remindedToday(entries, now);
  const byOwner = new Map<string, OwnerReminder>();
  const skipped: SkippedAction[] = [];
  for (const action of actions) {
    const reason = reminderReason(action, today);
    if (!reason || action.id === undefined) continue;
    const who = action.owner?.displayName || 'No owner';
    if (already.has(action.id)) {
      skipped.push({ action, who, why: 'remindedToday' });
      continue;
    }
    const address = ownerAddress(action.owner);
    if (!address || !action.owner) {
      skipped.push({ action, who, why: 'noAddress' });
      continue;
    }
    const key = address.toLowerCase();
    const reminder = byOwner.get(key) ?? { owner: action.owner, address, actions: [] };
    reminder.actions.push({ action, reason });
    byOwner.set(key, reminder);
  }
  const toSend = [...byOwner.values()].sort((a, b) => a.owner.displayName.localeCompare(b.owner.displayName));
  for (const r of toSend) r.actions.sort((a, b) => (a.action.dueDate ?? '').localeCompare(b.action.dueDate ?? '') || a.action.title.localeCompare(b.action.title));
  return { toSend, skipped };
}

/** "Review the contracts register (Commercial strategy): due 31 March 2026, overdue" */
export function reminderLine(due: DueAction, indexTitle: string | undefined): string {
  const where = indexTitle ? ` (${indexTitle})` : '';
  return `${due.action.title}${where}: due ${formatUkDate(due.action.dueDate)}, ${due.reason === 'overdue' ? 'overdue' : 'due soon'}`;
}

export interface ReminderOutcome {
  /** Owners mailed, with how many actions each. */
  sent: Array<{ name: string; count: number }>;
  skipped: SkippedAction[];
  /** Owners whose mail was not sent, and why (completes "The reminder to … was not sent: …"). */
  failed: Array<{ name: string; reason: string }>;
  /** Owners mailed whose reminder could not be recorded, so they may be reminded again today. */
  notRecorded: Array<{ name: string; reason: string }>;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** What happened, as sentences for the person who pressed the button. */
export function reminderReport(outcome: ReminderOutcome): string[] {
  const lines: string[] = [];
  if (outcome.sent.length) lines.push(`Reminded ${outcome.sent.map((s) => `${s.name} (${plural(s.count, 'action')})`).join(', ')}.`);
  for (const f of outcome.failed) lines.push(`The reminder to ${f.name} was not sent: ${f.reason.replace(/\.+$/, '')}. Let them know another way.`);
  for (const n of outcome.notRecorded) lines.push(`The reminder to ${n.name} was sent but not recorded (${n.reason.replace(/\.+$/, '')}), so they could be reminded again today.`);
  const today = outcome.skipped.filter((s) => s.why === 'remindedToday');
  const noAddress = outcome.skipped.filter((s) => s.why === 'noAddress');
  const names = (list: SkippedAction[]): string => [...new Set(list.map((s) => s.who))].join(', ');
  if (today.length) lines.push(`Not reminded again today: ${names(today)} (${plural(today.length, 'action')} already reminded today).`);
  if (noAddress.length) lines.push(`Not reminded: ${names(noAddress)} (${plural(noAddress.length, 'action')} whose owner has no email address in SharePoint).`);
  if (!lines.length) lines.push('No open actions are overdue or due within 14 days, so there is nobody to remind.');
  return lines;
}

import { ActionPlanItem, Person } from '../../src/domain/actions';
import { planReminders, reminderLine, reminderReason, reminderReport, ReminderEntry } from '../../src/domain/reminders';

const ANN: Person = { id: 11, displayName: 'Ann Baker', email: 'ann.baker@council.example' };
const BEN: Person = { id: 12, displayName: 'Ben Cole', email: 'Ben.Cole@council.example' };
const NO_MAIL: Person = { id: 13, displayName: 'Cara Dunn' };
// 10:00 on 31 March 2071 in London (summer time: 09:00 UTC).
const NOW = new Date('2071-03-31T09:00:00Z');

let nextId = 1;
function action(title: string, owner: Person | undefined, dueDate: string, status: ActionPlanItem['status'] = 'In progress'): ActionPlanItem {
  return { id: nextId++, periodName: '2070/71', indexId: 'ka1', title, details: '', owner, dueDate, status, progressNotes: '' };
}
const entry = (actionId: number, sentAt: string): ReminderEntry => ({ actionId, owner: 'ann.baker@council.example', periodName: '2070/71', sentAt });

describe('which actions need a reminder', () => {
  it('reminds of open actions overdue or due within 14 days, never of complete or cancelled ones', () => {
    expect(reminderReason({ status: 'In progress', dueDate: '2071-03-30' }, '2071-03-31')).toBe('overdue');
    expect(reminderReason({ status: 'Not started', dueDate: '2071-03-31' }, '2071-03-31')).toBe('dueSoon');
    expect(reminderReason({ status: 'Not started', dueDate: '2071-04-14' }, '2071-03-31')).toBe('dueSoon');
    expect(reminderReason({ status: 'Not started', dueDate: '2071-04-15' }, '2071-03-31')).toBeUndefined();
    expect(reminderReason({ status: 'Complete', dueDate: '2071-03-01' }, '2071-03-31')).toBeUndefined();
    expect(reminderReason({ status: 'Cancelled', dueDate: '2071-03-01' }, '2071-03-31')).toBeUndefined();
  });

  it('groups each owner\'s actions into one reminder, earliest due first, whatever the case of their address', () => {
    const later = action('Train buyers', ANN, '2071-04-10');
    const overdue = action('Publish the register', ANN, '2071-03-01');
    const bens = action('Refresh the strategy', { ...BEN, email: 'ben.cole@council.example' }, '2071-04-01');
    const bens2 = action('Review spend', BEN, '2071-03-20');
    const plan = planReminders([later, overdue, bens, bens2, action('Far off', ANN, '2071-09-30')], [], NOW);
    expect(plan.toSend.map((r) => [r.owner.displayName, r.actions.map((a) => `${a.action.title} (${a.reason})`)])).toEqual([
      ['Ann Baker', ['Publish the register (overdue)', 'Train buyers (dueSoon)']],
      ['Ben Cole', ['Review spend (overdue)', 'Refresh the strategy (dueSoon)']],
    ]);
    expect(plan.skipped).toEqual([]);
  });

  it('skips actions reminded earlier on the same UK day, but not those reminded the day before', () => {
    const a = action('Publish the register', ANN, '2071-03-01');
    const b = action('Train buyers', ANN, '2071-04-10');
    // 23:30 UTC on 30 March is 00:30 on 31 March in London: today. 22:59 UTC is 23:59 on 30 March: yesterday.
    const plan = planReminders([a, b], [entry(a.id!, '2071-03-30T23:30:00Z'), entry(b.id!, '2071-03-30T22:59:00Z')], NOW);
    expect(plan.toSend.map((r) => r.actions.map((x) => x.action.title))).toEqual([['Train buyers']]);
    expect(plan.skipped).toEqual([{ action: a, who: 'Ann Baker', why: 'remindedToday' }]);
  });

  it('skips, and names, an owner SharePoint holds no email address for', () => {
    const plan = planReminders([action('Benchmark', NO_MAIL, '2071-03-01')], [], NOW);
    expect(plan.toSend).toEqual([]);
    expect(reminderReport({ sent: [], failed: [], notRecorded: [], skipped: plan.skipped })).toEqual([
      'Not reminded: Cara Dunn (1 action whose owner has no email address in SharePoint).',
    ]);
  });
});

describe('what the reminder and the report say', () => {
  it('lists an action with its key area or enabler and a UK due date', () => {
    const a = action('Publish the register', ANN, '2071-03-01');
    expect(reminderLine({ action: a, reason: 'overdue' }, 'Commercial strategy')).toBe('Publish the register (Commercial strategy): due 1 March 2071, overdue');
    expect(reminderLine({ action: a, reason: 'dueSoon' }, undefined)).toBe('Publish the register: due 1 March 2071, due soon');
  });

  it('says who was reminded, who was not and why, and when there was nobody to remind', () => {
    const a = action('Publish', ANN, '2071-03-01');
    const skipped = planReminders([a], [entry(a.id!, '2071-03-31T08:00:00Z')], NOW).skipped;
    expect(reminderReport({ sent: [{ name: 'Ben Cole', count: 1 }], failed: [{ name: 'Cara Dunn', reason: 'Microsoft Graph refused it (HTTP 500).' }], notRecorded: [], skipped })).toEqual([
      'Reminded Ben Cole (1 action).',
      'The reminder to Cara Dunn was not sent: Microsoft Graph refused it (HTTP 500). Let them know another way.',
      'Not reminded again today: Ann Baker (1 action already reminded today).',
    ]);
    expect(reminderReport({ sent: [], failed: [], notRecorded: [], skipped: [] })).toEqual(['No open actions are overdue or due within 14 days, so there is nobody to remind.']);
  });
});

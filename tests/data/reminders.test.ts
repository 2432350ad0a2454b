/**
 * Reminding action owners against the local service: one mail per owner listing their overdue and
 * soon-due actions, nobody reminded of the same action twice in a day, a failed mail named and not
 * recorded, and the Action reminders list held append-only by SharePoint itself.
 */
import { sendActionReminders, ReminderRequest } from '../../src/data/reminders';
import { ReminderRepository } from '../../src/data/repositories/reminderRepository';
import { MailError, MailSender } from '../../src/data/mail';
import { LISTS } from '../../src/data/schema';
import { DataServices } from '../../src/data/services';
import { ActionPlanItem } from '../../src/domain/actions';
import { formatUkDate, londonCalendarDate } from '../../src/domain/dates';
import { reminderReport } from '../../src/domain/reminders';
import { npsFramework2018 } from '../../src/framework';
import { notificationLinks } from '../../src/ui/links';
import { DIRECTORY } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, servicesAs, setUpSite, startListService } from '../support/listService';

const framework = npsFramework2018();
const person = (role: string, n = 0) => DIRECTORY.filter((p) => p.role === role)[n];
const OFFICER = person('officer');
const OFFICER_2 = person('officer', 1);
const APPROVER = person('headOfProcurement');
const COUNCILLOR = person('councillor');
const ASSESSMENT_PAGE = 'https://borsetshire.example/sites/procurement/SitePages/Assessment.aspx';
const INDEX = framework.indices[0];
const INDEX_TITLES = Object.fromEntries(framework.indices.map((i) => [i.id, i.title]));

let service: RunningService;
const as = (who: { loginName: string }): DataServices => servicesAs(service, who.loginName);
type Mail = { from: string; to: string[]; subject: string; body: string };
const outbox = async (): Promise<Mail[]> => (await fetch(`${service.url}/_local/outbox`)).json();
const mailsFor = async (periodName: string): Promise<Mail[]> => (await outbox()).filter((m) => m.subject.includes(periodName));
const listPath = `_api/web/lists/getbytitle('${encodeURIComponent(LISTS.reminders.title)}')/items`;

const today = londonCalendarDate(new Date());
function inDays(n: number): string {
  const d = new Date(`${today}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** A year's actions made by an officer: two due for the officer, one for a colleague, and two that are not due. */
async function yearWithActions(name: string): Promise<ActionPlanItem[]> {
  const officer = as(OFFICER);
  await officer.periods.create(name, framework);
  const aisha = await officer.site.currentUser();
  const tom = await as(OFFICER_2).site.currentUser();
  const action = (title: string, owner: typeof aisha, dueDate: string, status: ActionPlanItem['status'] = 'In progress') =>
    officer.actions.save({ periodName: name, indexId: INDEX.id, title, details: '', owner, dueDate, status, progressNotes: '' });
  await action('Publish the contracts register', aisha, inDays(-5));
  await action('Train buyers in social value', aisha, inDays(7), 'Not started');
  await action('Refresh the procurement strategy', tom, inDays(14));
  await action('Benchmark category spend', aisha, inDays(60));
  await action('Close the old framework', tom, inDays(-30), 'Complete');
  return officer.actions.forPeriod(name);
}

const request = (periodName: string, actions: ActionPlanItem[], senderName: string): ReminderRequest => ({
  periodName,
  actions,
  indexTitles: INDEX_TITLES,
  senderName,
  link: notificationLinks({ pages: { assessment: ASSESSMENT_PAGE } }).officers,
});

beforeAll(async () => {
  service = await startListService();
  await setUpSite(service, { officers: [OFFICER.loginName, OFFICER_2.loginName], approvers: [APPROVER.loginName], scrutiny: [COUNCILLOR.loginName] });
}, 120000);

afterAll(async () => {
  await service?.stop();
  if (service) removeDir(service.dataDir);
});

describe('reminding action owners', () => {
  it('mails each owner once, listing their overdue and soon-due open actions, and not the same day twice', async () => {
    const actions = await yearWithActions('2071/72');
    const outcome = await sendActionReminders(as(OFFICER), request('2071/72', actions, OFFICER.displayName));
    expect(outcome.sent).toEqual([
      { name: OFFICER.displayName, count: 2 },
      { name: OFFICER_2.displayName, count: 1 },
    ]);
    expect(reminderReport(outcome)).toEqual([`Reminded ${OFFICER.displayName} (2 actions), ${OFFICER_2.displayName} (1 action).`]);

    const mails = await mailsFor('2071/72');
    expect(mails).toHaveLength(2);
    const toAisha = mails.find((m) => m.to.includes(OFFICER.email))!;
    expect(toAisha).toMatchObject({ from: OFFICER.email, to: [OFFICER.email], subject: 'Procurement maturity 2071/72: 2 actions overdue or due soon' });
    expect(toAisha.body).toContain(`<li>Publish the contracts register (${INDEX.title}): due ${formatUkDate(inDays(-5))}, overdue</li>`);
    expect(toAisha.body).toContain(`<li>Train buyers in social value (${INDEX.title}): due ${formatUkDate(inDays(7))}, due soon</li>`);
    expect(toAisha.body).not.toContain('Benchmark category spend');
    expect(toAisha.body).toContain(`href="${ASSESSMENT_PAGE}?period=2071%2F72"`);
    const toTom = mails.find((m) => m.to.includes(OFFICER_2.email))!;
    expect(toTom.to).toEqual([OFFICER_2.email]);
    expect(toTom.body).toContain('Refresh the procurement strategy');
    expect(toTom.body).not.toContain('Close the old framework');

    // Pressed again the same day: nobody is mailed again, and the report says why.
    const again = await sendActionReminders(as(OFFICER), request('2071/72', actions, OFFICER.displayName));
    expect(again.sent).toEqual([]);
    expect(await mailsFor('2071/72')).toHaveLength(2);
    expect(reminderReport(again)).toEqual([`Not reminded again today: ${OFFICER.displayName}, ${OFFICER_2.displayName} (3 actions already reminded today).`]);
  }, 60000);

  it('records an approver\'s reminders as theirs, and leaves out links when no page is configured', async () => {
    const actions = await yearWithActions('2072/73');
    const outcome = await sendActionReminders(as(APPROVER), { ...request('2072/73', actions, APPROVER.displayName), link: notificationLinks(undefined).officers });
    expect(outcome.sent.map((s) => s.name)).toEqual([OFFICER.displayName, OFFICER_2.displayName]);
    const entries = await new ReminderRepository(as(COUNCILLOR).sp).recent('2072/73', new Date());
    expect(entries).toHaveLength(3);
    expect(new Set(entries.map((e) => e.sentBy))).toEqual(new Set([APPROVER.displayName]));
    expect(entries.map((e) => e.owner).sort()).toEqual([OFFICER.email, OFFICER.email, OFFICER_2.email].sort());
    for (const mail of await mailsFor('2072/73')) {
      expect(mail.from).toBe(APPROVER.email);
      expect(mail.body).not.toContain('href=');
    }
  }, 60000);

  it('names an owner whose mail failed, still reminds the others, and does not record the failed one as sent', async () => {
    const actions = await yearWithActions('2073/74');
    const real = as(OFFICER);
    const failingForTom: MailSender = {
      send: async (message) => {
        if (message.to.includes(OFFICER_2.email)) throw new MailError('busy', 'Microsoft Graph is busy and asked us to wait; try again in a few minutes', 429);
        return real.mail.send(message);
      },
    };
    const outcome = await sendActionReminders({ sp: real.sp, mail: failingForTom }, request('2073/74', actions, OFFICER.displayName));
    expect(outcome.sent).toEqual([{ name: OFFICER.displayName, count: 2 }]);
    expect(reminderReport(outcome)).toContain(`The reminder to ${OFFICER_2.displayName} was not sent: Microsoft Graph is busy and asked us to wait; try again in a few minutes. Let them know another way.`);
    expect((await mailsFor('2073/74')).map((m) => m.to)).toEqual([[OFFICER.email]]);

    // Tom was not recorded, so trying again reminds him (and only him).
    const retry = await sendActionReminders(real, request('2073/74', actions, OFFICER.displayName));
    expect(retry.sent).toEqual([{ name: OFFICER_2.displayName, count: 1 }]);
  }, 60000);

  it('lets officers and approvers add entries but refuses a councillor\'s direct REST write with 403, and nobody may edit one', async () => {
    const post = (who: { loginName: string }, body: Record<string, unknown>, merge = false) =>
      rawFetch(service.siteUrl, merge ? `${listPath}(${body.id})` : listPath, {
        method: 'POST',
        user: who.loginName,
        digest: true,
        headers: { 'Content-Type': 'application/json', ...(merge ? { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' } : {}) },
        body: JSON.stringify(merge ? { NpsRemindedOwner: 'someone.else@borsetshire.example' } : body),
      });
    const entry = { Title: 'Action 1 reminded', NpsActionId: 1, NpsRemindedOwner: OFFICER.email, NpsPeriodName: '2074/75' };
    expect((await post(OFFICER, entry)).status).toBe(201);
    const byApprover = await post(APPROVER, entry);
    expect(byApprover.status).toBe(201);
    expect((await post(COUNCILLOR, entry)).status).toBe(403);
    const added = (await byApprover.json()) as { Id?: number; d?: { Id: number } };
    const id = added.Id ?? added.d?.Id;
    expect((await post(APPROVER, { id }, true)).status).toBe(403);
  }, 60000);
});

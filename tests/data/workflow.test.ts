import { getSPForSite } from '../../src/data/sp';
import { createDataServices, DataServices } from '../../src/data/services';
import { runSiteSetup } from '../../src/data/siteSetup';
import { startNextPeriod, takeSignOffStep } from '../../src/data/periodWorkflow';
import { notifyChallenge, notifySignOff } from '../../src/data/notifications';
import { GROUPS } from '../../src/data/siteService';
import { npsFramework2018 } from '../../src/framework';
import { emptyAssessment } from '../../src/domain/assessment';
import { TEAMS_APP_ID, TEAMS_ASSESSMENT_ENTITY, teamsTabLink, parseTarget } from '../../src/ui/deepLinks';
import { LocalUser } from '../../preview/localUser';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { RunningService, startListService, spAs } from '../support/listService';

const framework = npsFramework2018();
const person = (role: string, n = 0) => DIRECTORY.filter((p) => p.role === role)[n];
const OFFICER = person('officer');
const APPROVER = person('headOfProcurement');
const COUNCILLOR = person('councillor');
const link = (t: { periodName?: string; indexId?: string }) => teamsTabLink(TEAMS_APP_ID, TEAMS_ASSESSMENT_ENTITY, t);

let service: RunningService;
const as = (who: string): DataServices => createDataServices(getSPForSite(service.siteUrl, LocalUser(who)));
const outbox = async (): Promise<Array<{ to: string[]; subject: string; body: string }>> => (await fetch(`${service.url}/_local/outbox`)).json();

beforeAll(async () => {
  service = await startListService();
  const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  await runSiteSetup(owner, framework);
  for (const [group, people] of [[GROUPS.officers, [OFFICER]], [GROUPS.approvers, [APPROVER]], [GROUPS.scrutiny, [COUNCILLOR]]] as const) {
    const [g] = await owner.web.siteGroups.filter(`Title eq '${group}'`)();
    for (const p of people) await owner.web.siteGroups.getById(g.Id).users.add(p.loginName);
  }
}, 60000);

afterAll(async () => {
  await service?.stop();
});

describe('sign-off, notifications and the next period', () => {
  it('emails approvers a link to the period when it is submitted, and officers when it is signed off', async () => {
    const officer = as(OFFICER.loginName);
    const me = await officer.site.currentUser();
    let period = await officer.periods.create('2025/26', framework);
    for (const index of framework.indices) {
      await officer.assessments.save({ ...emptyAssessment('2025/26', index.id), currentLevel: 'developing', targetLevel: 'mature', evidence: `Evidence for ${index.title}` }, me.id);
    }
    await officer.actions.save({ periodName: '2025/26', indexId: 'developing-talent', title: 'Open action', details: '', owner: me, dueDate: '2026-09-30', status: 'In progress', progressNotes: '' });
    await officer.actions.save({ periodName: '2025/26', indexId: 'developing-talent', title: 'Done action', details: '', owner: me, dueDate: '2026-03-31', status: 'Complete', progressNotes: '' });

    const actor = { role: 'officer' as const, userId: me.id, displayName: me.displayName };
    const incomplete = await takeSignOffStep(officer, { period, indices: framework.indices, assessments: [] }, { action: 'submit' }, actor, link).catch((e) => e);
    expect(incomplete.message).toMatch(/^Engaging councillors: no current level, target level or evidence/);
    expect(await outbox()).toEqual([]);
    const assessments = await officer.assessments.forPeriod('2025/26');
    const outcome = await takeSignOffStep(officer, { period, indices: framework.indices, assessments }, { action: 'submit' }, actor, link);
    expect(outcome.warning).toBeUndefined();
    period = outcome.period;
    expect(period.status).toBe('Submitted');
    const [submitted] = await outbox();
    expect(submitted.to).toEqual([APPROVER.email]);
    expect(submitted.subject).toBe('Procurement maturity 2025/26: ready for sign-off');
    const href = /href="([^"]+)"/.exec(submitted.body)![1].replace(/&amp;/g, '&');
    expect(href).toMatch(new RegExp(`^https://teams.microsoft.com/l/entity/${TEAMS_APP_ID}/${TEAMS_ASSESSMENT_ENTITY}\\?`));
    const context = JSON.parse(new URL(href).searchParams.get('context')!);
    expect(parseTarget(context.subEntityId)).toEqual({ periodName: '2025/26', indexId: undefined });

    const approver = as(APPROVER.loginName);
    const head = await approver.site.currentUser();
    const [current] = await approver.periods.all();
    const signedOff = await approver.periods.transition(current, 'signOff', { role: 'approver', userId: head.id });
    expect(signedOff).toMatchObject({ status: 'Signed off', signedOffBy: { displayName: 'Rachel Greenwood' }, submittedBy: { displayName: 'Aisha Khan' } });
    await notifySignOff(approver.sp, signedOff, 'signOff', head.displayName, link);
    expect((await outbox())[0]).toMatchObject({ to: [OFFICER.email], subject: 'Procurement maturity 2025/26: signed off' });
  });

  it('locks a signed-off period against changes of status', async () => {
    const approver = as(APPROVER.loginName);
    const [period] = await approver.periods.all();
    await expect(approver.periods.transition(period, 'return', { role: 'approver', userId: 1 }, { comment: 'Too late' })).rejects.toThrow('This period is signed off, so you cannot return it.');
  });

  it('starts the next year from the signed-off one: levels and targets carried, open actions moved, evidence asked for afresh', async () => {
    const officer = as(OFFICER.loginName);
    const me = await officer.site.currentUser();
    const [signedOff] = await officer.periods.all();
    const report = await startNextPeriod(officer, signedOff, framework, me.id);
    expect(report).toMatchObject({ period: { name: '2026/27', status: 'Draft' }, assessmentsCarried: 14, actionsCarried: 1 });
    const carried = await officer.assessments.forPeriod('2026/27');
    expect(carried.every((a) => a.currentLevel === 'developing' && a.targetLevel === 'mature' && a.evidence === '')).toBe(true);
    expect((await officer.actions.forPeriod('2026/27')).map((a) => a.title)).toEqual(['Open action']);
    await expect(startNextPeriod(officer, (await officer.periods.all())[0], framework, me.id)).rejects.toThrow('Only a signed-off assessment can be carried forward; 2026/27 is draft.');
  });

  it('emails officers a challenge with the councillor\'s words escaped, never as markup', async () => {
    const councillor = as(COUNCILLOR.loginName);
    const cllr = await councillor.site.currentUser();
    const raised = await councillor.challenges.raise({ periodName: '2025/26', indexId: 'obtaining-social-value', text: 'Why <b>only</b> £1m & above?', response: '', status: 'Open' }, cllr.id);
    await notifyChallenge(councillor.sp, raised, 'Obtaining social value', link);
    const [mail] = await outbox();
    expect(mail.subject).toBe('Scrutiny challenge on Obtaining social value (2025/26)');
    expect(mail.body).toContain('Why &lt;b&gt;only&lt;/b&gt; £1m &amp; above?');
    expect(mail.body).not.toContain('<b>');
    const href = /href="([^"]+)"/.exec(mail.body)![1].replace(/&amp;/g, '&');
    expect(parseTarget(JSON.parse(new URL(href).searchParams.get('context')!).subEntityId)).toEqual({ periodName: '2025/26', indexId: 'obtaining-social-value' });
  });
});

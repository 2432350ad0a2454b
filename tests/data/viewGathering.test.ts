/**
 * Gathering colleagues' views against the local service, as each person concerned, over HTTP: the lead
 * officer invites (group, invitation, mail with the link), colleagues give views and read only their
 * own, nobody changes a view, officers and approvers read them all, councillors and people not asked
 * cannot add any, submitting the year closes the gathering, and the agreed level is saved with its
 * moderation note. SharePoint itself enforces each refusal: the direct REST calls prove it.
 */
import { DirectoryChoice } from '../../src/domain/scrutinySharing';
import { emptyAssessment } from '../../src/domain/assessment';
import { LIMITS } from '../../src/domain/limits';
import { ViewInput } from '../../src/domain/views';
import { DataError, ValidationError } from '../../src/data/errors';
import { LISTS } from '../../src/data/schema';
import { DataServices } from '../../src/data/services';
import { GROUPS } from '../../src/data/siteService';
import { closeGathering, giveView, inviteColleagues, InviteRequest, loadGathering } from '../../src/data/viewGathering';
import { loadWorkspace } from '../../src/data/workspace';
import { npsFramework2018 } from '../../src/framework';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, servicesAs, setUpSite, spAs, startListService } from '../support/listService';
import { assessedYear, signOffStep } from '../support/workflow';

const framework = npsFramework2018();
const person = (role: string, n = 0) => DIRECTORY.filter((p) => p.role === role)[n];
const OFFICER = person('officer');
const APPROVER = person('headOfProcurement');
const COUNCILLOR = person('councillor');
const VISITOR = person('other');
const [PRIYA, OWEN, LUCY] = DIRECTORY.filter((p) => p.role === 'colleague');
const ASSESSMENT_PAGE = 'https://borsetshire.example/sites/procurement/SitePages/Procurement-maturity.aspx';
const [FIRST, SECOND, THIRD] = framework.indices;

let service: RunningService;
const as = (who: { loginName: string }): DataServices => servicesAs(service, who.loginName);
const choice = (p: typeof PRIYA): DirectoryChoice => ({ loginName: p.loginName, displayName: p.displayName, email: p.email });
type Mail = { from: string; to: string[]; subject: string; body: string };
const mailsFor = async (periodName: string): Promise<Mail[]> => ((await (await fetch(`${service.url}/_local/outbox`)).json()) as Mail[]).filter((m) => m.subject.includes(periodName));
const viewsPath = `_api/web/lists/getbytitle('${encodeURIComponent(LISTS.views.title)}')/items`;

const invite = (periodName: string, people: typeof PRIYA[], indexIds: string[] = [], who = OFFICER): Promise<{ invited: DirectoryChoice[]; warnings: string[] }> =>
  inviteColleagues(as(who), { periodName, people: people.map(choice), indexIds, message: 'Please give your view before the workshop on Friday.', link: ASSESSMENT_PAGE, senderName: who.displayName });
const view = (periodName: string, indexId: string, level: ViewInput['level'], comment = ''): ViewInput => ({ periodName, indexId, level, comment });

/** A direct REST POST of a view, as SharePoint's own form or a script would send it. */
const post = (who: { loginName: string }, periodName: string, level = 'Mature') =>
  rawFetch(service.siteUrl, viewsPath, {
    method: 'POST',
    user: who.loginName,
    digest: true,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ Title: 'typed by hand', NpsPeriodName: periodName, NpsIndexId: FIRST.id, NpsViewLevel: level }),
  });
const merge = (who: { loginName: string }, id: number) =>
  rawFetch(service.siteUrl, `${viewsPath}(${id})`, {
    method: 'POST',
    user: who.loginName,
    digest: true,
    headers: { 'Content-Type': 'application/json', 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' },
    body: JSON.stringify({ NpsViewLevel: 'Innovator' }),
  });

beforeAll(async () => {
  service = await startListService();
  await setUpSite(service, { officers: [OFFICER.loginName], approvers: [APPROVER.loginName], scrutiny: [COUNCILLOR.loginName] });
  const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  await owner.web.siteGroups.getById((await owner.web.associatedVisitorGroup()).Id).users.add(VISITOR.loginName);
}, 120000);

afterAll(async () => {
  await service?.stop();
  if (service) removeDir(service.dataDir);
});

describe('inviting colleagues', () => {
  it('puts them in the contributors group, records an invitation each and mails each a link to give their views', async () => {
    await as(OFFICER).periods.create('2081/82', framework);
    const outcome = await invite('2081/82', [PRIYA, OWEN], [FIRST.id, SECOND.id]);
    expect(outcome).toEqual({ invited: [choice(PRIYA), choice(OWEN)], warnings: [] });

    const members = await spAs(service.siteUrl, SITE_OWNER.loginName).web.siteGroups.getByName(GROUPS.contributors).users.select('LoginName')();
    expect(members.map((m: { LoginName: string }) => m.LoginName)).toEqual(expect.arrayContaining([PRIYA.loginName, OWEN.loginName]));
    const invitations = await as(OFFICER).viewInvitations.forPeriod('2081/82');
    expect(invitations.map((i) => [i.inviteeLogin, i.inviteeName, i.indexIds, i.invitedBy?.displayName])).toEqual([
      [PRIYA.loginName, PRIYA.displayName, [FIRST.id, SECOND.id], OFFICER.displayName],
      [OWEN.loginName, OWEN.displayName, [FIRST.id, SECOND.id], OFFICER.displayName],
    ]);

    const mails = await mailsFor('2081/82');
    expect(mails.map((m) => m.to).sort()).toEqual([[OWEN.email], [PRIYA.email]]);
    const toPriya = mails.find((m) => m.to[0] === PRIYA.email)!;
    expect(toPriya).toMatchObject({ from: OFFICER.email, subject: 'Procurement maturity 2081/82: your view is asked for' });
    expect(toPriya.body).toContain(`<p>Dear ${PRIYA.displayName},</p>`);
    expect(toPriya.body).toContain(`<li>${FIRST.title}</li>`);
    expect(toPriya.body).toContain('Please give your view before the workshop on Friday.');
    // The link opens the Assessment page on "Give your views" for the year (the & escaped in the HTML).
    expect(toPriya.body).toContain(`href="${ASSESSMENT_PAGE}?period=2081%2F82&amp;views=1"`);

    // What Priya's "Give your views" screen loads: the two indices she was asked about, nothing of anyone else's.
    const state = await loadGathering(as(PRIYA), framework);
    expect(state.period?.name).toBe('2081/82');
    expect(state).toMatchObject({ role: 'reader', canModerate: false, canGiveViews: true, myIndexIds: [FIRST.id, SECOND.id], views: [], problems: [] });
    expect(state.invitations).toHaveLength(2);
    expect(state.submittedAt).toBeUndefined();
  }, 60000);

  it('refuses anyone but the officers (who own the group) with a clear message, and changes nothing', async () => {
    await as(OFFICER).periods.create('2082/83', framework);
    const error = await invite('2082/83', [LUCY], [], APPROVER).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error).toMatchObject({ kind: 'refused', status: 403 });
    expect(error.message).toBe(
      `Only ${GROUPS.officers} (who own the ${GROUPS.contributors} group) and site collection administrators can invite colleagues to give their views. Nothing was changed. If you are a site owner, add yourself to ${GROUPS.officers} first.`
    );
    const members = await spAs(service.siteUrl, SITE_OWNER.loginName).web.siteGroups.getByName(GROUPS.contributors).users.select('LoginName')();
    expect(members.map((m: { LoginName: string }) => m.LoginName)).not.toContain(LUCY.loginName);
    expect(await as(OFFICER).viewInvitations.forPeriod('2082/83')).toEqual([]);
    expect(await mailsFor('2082/83')).toEqual([]);
  }, 60000);

  it('checks the invitation first, naming each problem', async () => {
    await as(OFFICER).periods.create('2083/84', framework);
    const request = (changes: Partial<InviteRequest>): InviteRequest => ({ periodName: '2083/84', people: [choice(LUCY)], indexIds: [], message: '', senderName: OFFICER.displayName, ...changes });
    const problems = async (changes: Partial<InviteRequest>) => ((await inviteColleagues(as(OFFICER), request(changes)).catch((e) => e)) as ValidationError).problems;
    expect(await problems({ people: [] })).toEqual([{ field: 'people', message: 'Choose at least one person to ask for their view.' }]);
    expect(await problems({ indexIds: ['no-such-index'] })).toEqual([{ field: 'indexIds', message: "This key area or enabler is not in the year's framework: no-such-index. Choose again." }]);
    expect(await problems({ message: 'x'.repeat(LIMITS.inviteMessage + 1) })).toEqual([
      { field: 'message', message: `The message is ${(LIMITS.inviteMessage + 1).toLocaleString('en-GB')} characters; the limit is ${LIMITS.inviteMessage.toLocaleString('en-GB')}. Shorten it by 1.` },
    ]);
    expect(await as(OFFICER).viewInvitations.forPeriod('2083/84')).toEqual([]);
  }, 60000);
});

describe('giving views', () => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    await as(OFFICER).periods.create('2084/85', framework);
    await invite('2084/85', [PRIYA, OWEN]);
    await giveView(as(PRIYA), view('2084/85', FIRST.id, 'mature', 'The contracts register is published & used.'));
    await giveView(as(OWEN), view('2084/85', FIRST.id, 'minimum', 'Not in finance, it is not.'));
    await giveView(as(OFFICER), view('2084/85', FIRST.id, 'developing'));
    for (const v of await as(OFFICER).views.forPeriod('2084/85')) ids[v.givenBy!.displayName] = v.id;
  }, 60000);

  it('shows a colleague only their own views, in the app and over REST; officers and approvers read them all', async () => {
    const priya = await loadGathering(as(PRIYA), framework, '2084/85');
    expect(priya.views.map((v) => [v.givenBy?.displayName, v.level, v.comment])).toEqual([[PRIYA.displayName, 'mature', 'The contracts register is published & used.']]);
    expect(priya.myIndexIds).toEqual(framework.indices.map((i) => i.id)); // an invitation naming no index asks about all
    // SharePoint hides Owen's item from her: not in the collection, not by id.
    const collection = await rawFetch(service.siteUrl, `${viewsPath}?$select=Id,NpsViewLevel&$filter=NpsPeriodName eq '2084/85'`, { user: PRIYA.loginName });
    expect(((await collection.json()) as { value: { Id: number }[] }).value.map((i) => i.Id)).toEqual([ids[PRIYA.displayName]]);
    const byId = await rawFetch(service.siteUrl, `${viewsPath}(${ids[OWEN.displayName]})`, { user: PRIYA.loginName });
    expect(byId.status).toBe(404);

    for (const moderator of [OFFICER, APPROVER]) {
      const state = await loadGathering(as(moderator), framework, '2084/85');
      expect(state.canModerate).toBe(true);
      expect(state.views.map((v) => v.givenBy?.displayName).sort()).toEqual([OFFICER.displayName, OWEN.displayName, PRIYA.displayName].sort());
      expect(state.myIndexIds).toHaveLength(framework.indices.length);
    }
  }, 60000);

  it('lets nobody change a view: a colleague\'s MERGE of their own is 403, of another\'s 404 (hidden), an officer\'s 403', async () => {
    expect((await merge(PRIYA, ids[PRIYA.displayName])).status).toBe(403);
    // Owen's view does not exist for Priya (ReadSecurity 2): SharePoint answers as for a missing item.
    expect((await merge(PRIYA, ids[OWEN.displayName])).status).toBe(404);
    expect((await merge(OFFICER, ids[OWEN.displayName])).status).toBe(403);
    const views = await as(APPROVER).views.forPeriod('2084/85');
    expect(views.map((v) => v.level).sort()).toEqual(['developing', 'mature', 'minimum']);
  }, 60000);

  it('refuses views from a councillor, from someone on the site who was not asked, and checks each field', async () => {
    // Councillors have no access to the views list at all: to them it does not exist.
    const councillor = await post(COUNCILLOR, '2084/85');
    expect(councillor.status).toBe(404);
    expect(await councillor.text()).toContain(`List '${LISTS.views.title}' does not exist`);
    // A site visitor reads the list (their own items only) but may not add to it.
    expect((await post(VISITOR, '2084/85')).status).toBe(403);
    await expect(giveView(as(VISITOR), view('2084/85', FIRST.id, 'mature'))).rejects.toMatchObject({ kind: 'validation' });
    // Lucy is in the directory but not on the site.
    expect((await post(LUCY, '2084/85')).status).toBe(403);

    const problems = async (input: ViewInput) => ((await giveView(as(PRIYA), input).catch((e) => e)) as ValidationError).problems;
    expect(await problems(view('2084/85', SECOND.id, undefined))).toEqual([{ field: 'level', message: 'Choose a level: Minimum, Developing, Mature, Leader or Innovator.' }]);
    expect(await problems(view('2084/85', SECOND.id, 'excellent' as never))).toEqual([
      { field: 'level', message: '"excellent" is not one of the five levels: choose Minimum, Developing, Mature, Leader or Innovator.' },
    ]);
    expect(await problems(view('2084/85', SECOND.id, 'mature', 'x'.repeat(LIMITS.viewComment + 2)))).toEqual([
      { field: 'comment', message: `Comment is ${(LIMITS.viewComment + 2).toLocaleString('en-GB')} characters; the limit is ${LIMITS.viewComment.toLocaleString('en-GB')}. Shorten it by 2.` },
    ]);
    expect(await problems({ ...view('2084/85', SECOND.id, 'mature'), givenFor: 'Someone else' })).toEqual([
      { field: 'givenFor', message: "Only the lead officer enters a view given on paper on someone else's behalf; give your own view instead." },
    ]);
    expect((await as(PRIYA).views.forPeriod('2084/85')).map((v) => v.indexId)).toEqual([FIRST.id]);
  }, 60000);

  it('lets a colleague open the assessment page without it failing: the lists they cannot see are not reported as faults', async () => {
    const workspace = await loadWorkspace(as(PRIYA), framework, '2084/85');
    expect(workspace.role).toBe('reader');
    expect(workspace.assessments).toEqual([]);
    expect(workspace.problems).toEqual([]);
    // A councillor's page still names nothing missing either: they read every list but the two of views.
    expect((await loadWorkspace(as(COUNCILLOR), framework, '2084/85')).problems).toEqual([]);
    // A councillor opening the gathering sees no views and may give none.
    const councillor = await loadGathering(as(COUNCILLOR), framework, '2084/85');
    expect(councillor).toMatchObject({ role: 'scrutiny', canModerate: false, canGiveViews: false, views: [], invitations: [], myIndexIds: [], problems: [] });
  }, 60000);

  it('names a view whose level was typed into the list by hand, keeps it without a level, and counts the rest', async () => {
    expect((await post(OFFICER, '2084/85', 'Very mature')).status).toBe(201);
    const state = await loadGathering(as(OFFICER), framework, '2084/85');
    const typed = state.views.find((v) => v.comment === '' && v.level === undefined)!;
    expect(typed.problems).toEqual(['Its level "Very mature" is not one of the five maturity levels, so it does not count as a view.']);
    expect(state.problems).toEqual([
      { list: LISTS.views.title, itemId: typed.id, title: 'typed by hand', field: 'NpsViewLevel', message: 'Its level "Very mature" is not one of the five maturity levels, so it does not count as a view.' },
    ]);
    expect(state.views.filter((v) => v.level)).toHaveLength(3);
  }, 60000);
});

describe('closing the gathering', () => {
  it('takes out of the group, on submission, everyone asked only about years no longer open; SharePoint then refuses their views', async () => {
    await as(OFFICER).periods.create('2085/86', framework);
    await invite('2085/86', [PRIYA]);
    const period = await assessedYear(as(OFFICER), '2086/87');
    await invite('2086/87', [LUCY, PRIYA], [THIRD.id]);
    await giveView(as(LUCY), view('2086/87', THIRD.id, 'leader'));
    expect((await post(LUCY, '2086/87')).status).toBe(201);

    const outcome = await signOffStep(as(OFFICER), 'officer', period, 'submit');
    expect(outcome.period.status).toBe('Submitted');
    expect(outcome.warning).toBeUndefined();
    const members = (await spAs(service.siteUrl, SITE_OWNER.loginName).web.siteGroups.getByName(GROUPS.contributors).users.select('LoginName')()).map((m: { LoginName: string }) => m.LoginName);
    expect(members).not.toContain(LUCY.loginName);
    // Priya is still asked about years in draft.
    expect(members).toContain(PRIYA.loginName);
    expect((await post(LUCY, '2086/87')).status).toBe(403);
    // The app refuses Priya's late view too; SharePoint would take it (she may still add for 2085/86), and it would count as late.
    const late = await giveView(as(PRIYA), view('2086/87', THIRD.id, 'mature')).catch((e) => e);
    expect(late).toMatchObject({ kind: 'refused', message: '2086/87 is submitted, so views can no longer be gathered for it; they are gathered while a year is in draft or returned.' });
    const state = await loadGathering(as(OFFICER), framework, '2086/87');
    expect(state).toMatchObject({ canGiveViews: false, submittedAt: outcome.period.submittedOn });
    expect(state.views.map((v) => v.givenBy?.displayName)).toEqual([LUCY.displayName, LUCY.displayName]);
    await expect(invite('2086/87', [OWEN])).rejects.toMatchObject({ kind: 'refused' });
  }, 120000);

  it('says who it could not take out when the person submitting does not own the group, and the submission stands', async () => {
    const period = await assessedYear(as(OFFICER), '2087/88');
    await invite('2087/88', [LUCY]);
    const outcome = await signOffStep(as(APPROVER), 'approver', period, 'submit');
    expect(outcome.period.status).toBe('Submitted');
    expect(outcome.warning).toContain(`${LUCY.displayName} is still in ${GROUPS.contributors}: only ${GROUPS.officers} can take colleagues out of it.`);
    // The lead officer can finish it.
    expect(await closeGathering(as(OFFICER), '2087/88')).toEqual([]);
    expect((await post(LUCY, '2087/88')).status).toBe(403);
  }, 120000);
});

describe('moderation', () => {
  it('saves the agreed level with its moderation note, kept across a restart of the service', async () => {
    const officer = as(OFFICER);
    await officer.periods.create('2088/89', framework);
    const note = 'Views ranged from Minimum to Mature; agreed Developing: the register is published but not yet used by every directorate.';
    await officer.assessments.save({ ...emptyAssessment('2088/89', FIRST.id), currentLevel: 'developing', targetLevel: 'mature', moderationNote: note });
    await service.restart();
    const [saved] = await as(APPROVER).assessments.forPeriod('2088/89');
    expect(saved).toMatchObject({ indexId: FIRST.id, currentLevel: 'developing', moderationNote: note, lastAssessedBy: { displayName: OFFICER.displayName } });
    const workspace = await loadWorkspace(as(APPROVER), framework, '2088/89');
    expect(workspace.assessments.find((a) => a.indexId === FIRST.id)?.moderationNote).toBe(note);
  }, 120000);
});

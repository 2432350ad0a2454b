import { DataServices } from '../../src/data/services';
import { currentPeriod, startNextPeriod } from '../../src/data/periodWorkflow';
import { ConflictError, DataError } from '../../src/data/errors';
import { LISTS } from '../../src/data/schema';
import { loadWorkspace } from '../../src/data/workspace';
import { npsFramework2018 } from '../../src/framework';
import { emptyAssessment } from '../../src/domain/assessment';
import { AssessmentPeriod } from '../../src/domain/periods';
import { Role } from '../../src/domain/signOff';
import { notificationLinks } from '../../src/ui/links';
import { TEAMS_APP_ID, TEAMS_ASSESSMENT_ENTITY, teamsTabLink, parseTarget } from '../../src/ui/deepLinks';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { assessedYear as assessedYearAs, signOffStep } from '../support/workflow';
import { ASSETS_DIR, rawFetch, RunningService, servicesAs, setUpSite, spAs, startListService } from '../support/listService';

/*
 * The workflow's promises, held by SharePoint: each rule is tried through the app as the person
 * concerned, and again as a direct REST call with that person's own permissions, as anyone could
 * make outside the app. Each test works on its own financial year, so any test can run alone.
 */
const framework = npsFramework2018();
const person = (role: string, n = 0) => DIRECTORY.filter((p) => p.role === role)[n];
const OFFICER = person('officer');
const OFFICER_2 = person('officer', 1);
const APPROVER = person('headOfProcurement');
const APPROVER_2 = person('director');
const COUNCILLOR = person('councillor');
const COUNCILLOR_2 = person('councillor', 1);
const OUTSIDER = person('other');
const DASHBOARD_PAGE = 'https://borsetshire.example/sites/procurement/SitePages/Dashboard.aspx';
const link = notificationLinks({ teamsAssessment: (t) => teamsTabLink(TEAMS_APP_ID, TEAMS_ASSESSMENT_ENTITY, t), pages: { dashboard: DASHBOARD_PAGE } });

let service: RunningService;
const as = (who: { loginName: string }): DataServices => servicesAs(service, who.loginName);
type Mail = { from: string; to: string[]; subject: string; body: string };
const outbox = async (): Promise<Mail[]> => (await fetch(`${service.url}/_local/outbox`)).json();
const listPath = (key: keyof typeof LISTS) => `_api/web/lists/getbytitle('${encodeURIComponent(LISTS[key].title)}')/items`;

/** A direct REST write as a person, with their own digest: what anyone could do outside the app. */
async function restWrite(who: { loginName: string }, path: string, body: Record<string, unknown>, method: 'POST' | 'MERGE' = 'POST'): Promise<Response> {
  return rawFetch(service.siteUrl, path, {
    method: 'POST',
    user: who.loginName,
    digest: true,
    headers: { 'Content-Type': 'application/json', ...(method === 'MERGE' ? { 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' } : {}) },
    body: JSON.stringify(body),
  });
}

/** A year with every index assessed by an officer. */
const assessedYear = (name: string): Promise<AssessmentPeriod> => assessedYearAs(as(OFFICER), name);

const step = (who: { loginName: string }, role: Role, period: AssessmentPeriod, action: 'submit' | 'signOff' | 'return' | 'reopen', comment?: string) =>
  signOffStep(as(who), role, period, action, comment, link);

async function signedOffYear(name: string): Promise<AssessmentPeriod> {
  const submitted = await step(OFFICER, 'officer', await assessedYear(name), 'submit');
  return (await step(APPROVER, 'approver', submitted.period, 'signOff')).period;
}

beforeAll(async () => {
  service = await startListService();
  await setUpSite(service, {
    officers: [OFFICER.loginName, OFFICER_2.loginName],
    approvers: [APPROVER.loginName, APPROVER_2.loginName],
    scrutiny: [COUNCILLOR.loginName, COUNCILLOR_2.loginName],
  });
  const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  await owner.web.siteGroups.getById((await owner.web.associatedVisitorGroup()).Id).users.add(OUTSIDER.loginName);
}, 90000);

afterAll(async () => {
  await service?.stop();
});

describe('sign-off is recorded where only approvers can write it', () => {
  it('takes a year from draft to signed off, names who did each step from SharePoint, and emails a link each time', async () => {
    const period = await assessedYear('2020/21');
    const last = framework.indices[framework.indices.length - 1];
    const [lastSaved] = (await as(OFFICER).assessments.forPeriod('2020/21')).filter((a) => a.indexId === last.id);
    await as(OFFICER).assessments.save({ ...lastSaved, evidence: '', currentLevel: undefined });
    // What is missing is checked against the list as it is now, not the page's copy.
    const incomplete = await step(OFFICER, 'officer', period, 'submit').catch((e) => e);
    expect(incomplete).toBeInstanceOf(DataError);
    expect(incomplete.message).toBe(`${last.title}: no current level or evidence`);
    expect((await currentPeriod(as(OFFICER), '2020/21')).status).toBe('Draft');
    await as(OFFICER).assessments.save({ ...(await as(OFFICER).assessments.byKey('2020/21', last.id))!, currentLevel: 'developing', evidence: 'Now there is evidence' });

    const submitted = await step(OFFICER, 'officer', period, 'submit');
    expect(submitted.warning).toBeUndefined();
    expect(submitted.period).toMatchObject({ status: 'Submitted', submittedBy: { displayName: OFFICER.displayName } });
    const ready = (await outbox()).find((m) => m.subject === 'Procurement maturity 2020/21: ready for sign-off')!;
    expect(ready.from).toBe(OFFICER.email);
    expect(ready.to.sort()).toEqual([APPROVER.email, APPROVER_2.email].sort());
    const href = /href="([^"]+)"/.exec(ready.body)![1].replace(/&amp;/g, '&');
    // Approvers are sent to the dashboard page in SharePoint, where they sign off.
    expect(href).toBe(`${DASHBOARD_PAGE}?period=2020%2F21`);
    expect(parseTarget(new URL(href).search)).toEqual({ periodName: '2020/21', indexId: undefined });

    const signed = await step(APPROVER, 'approver', submitted.period, 'signOff');
    expect(signed.warning).toBeUndefined();
    expect(signed.period).toMatchObject({ status: 'Signed off', signedOffBy: { displayName: APPROVER.displayName }, submittedBy: { displayName: OFFICER.displayName }, problems: [] });
    expect((await outbox()).find((m) => m.subject === 'Procurement maturity 2020/21: signed off')).toMatchObject({ from: APPROVER.email });
    // Everyone reads the same record, from the sign-off lists.
    const asCouncillor = await loadWorkspace(as(COUNCILLOR), framework, '2020/21');
    expect(asCouncillor.period).toMatchObject({ status: 'Signed off', signedOffBy: { displayName: APPROVER.displayName } });
    expect(asCouncillor.period!.history.map((h) => h.kind)).toEqual(['Submitted', 'Signed off']);
  }, 60000);

  it('refuses an officer who tries to sign off: the app says so and SharePoint answers 403 to a direct write', async () => {
    const period = (await step(OFFICER, 'officer', await assessedYear('2019/20'), 'submit')).period;
    await expect(step(OFFICER, 'officer', period, 'signOff')).rejects.toThrow('Only procurement approvers and site owners can sign it off.');
    const forged = await restWrite(OFFICER, listPath('signoffs'), { Title: 'forged', NpsPeriodName: '2019/20', NpsDecision: 'Signed off' });
    expect(forged.status).toBe(403);
    // The period record cannot be changed by officers either (they may add a year, not edit one).
    const periodItem = await restWrite(OFFICER, `${listPath('periods')}(${period.id})`, { NpsFrameworkVersion: 'edited' }, 'MERGE');
    expect(periodItem.status).toBe(403);
    expect((await currentPeriod(as(APPROVER), '2019/20')).status).toBe('Submitted');
  }, 60000);

  it('refuses a sign-off by the person who submitted, and shows one made outside the app as not valid', async () => {
    const period = (await step(APPROVER, 'approver', await assessedYear('2018/19'), 'submit')).period;
    await expect(step(APPROVER, 'approver', period, 'signOff')).rejects.toThrow(/You submitted this assessment, so someone else must sign it off/);
    // SharePoint lets an approver add to the log, so the same person can write a sign-off directly...
    const direct = await restWrite(APPROVER, listPath('signoffs'), { Title: 'self', NpsPeriodName: '2018/19', NpsDecision: 'Signed off' });
    expect(direct.status).toBe(201);
    // ...and the app shows it for what it is: the year is still waiting for someone else's sign-off.
    const seen = await loadWorkspace(as(OFFICER), framework, '2018/19');
    expect(seen.period!.status).toBe('Submitted');
    expect(seen.period!.problems).toEqual([expect.stringMatching(new RegExp(`The sign-off by ${APPROVER.displayName} on .* is not valid: ${APPROVER.displayName} also submitted it`))]);
    // Another approver's sign-off counts.
    const signed = await step(APPROVER_2, 'approver', seen.period!, 'signOff');
    expect(signed.period).toMatchObject({ status: 'Signed off', signedOffBy: { displayName: APPROVER_2.displayName } });
  }, 60000);

  it('never shows a decision on a year that was not submitted as a status', async () => {
    await assessedYear('2017/18');
    const direct = await restWrite(APPROVER, listPath('signoffs'), { Title: 'early', NpsPeriodName: '2017/18', NpsDecision: 'Signed off' });
    expect(direct.status).toBe(201);
    const period = await currentPeriod(as(OFFICER), '2017/18');
    expect(period.status).toBe('Draft');
    expect(period.problems[0]).toMatch(/is not valid: the assessment had not been submitted/);
  }, 60000);
});

describe('a signed-off year is read-only in SharePoint', () => {
  it('refuses officers\' edits to its assessments, in the app and over REST, until an approver reopens it with a reason', async () => {
    const period = await signedOffYear('2016/17');
    const [first] = await as(OFFICER).assessments.forPeriod('2016/17');
    expect(first.locked).toBe(true);
    const viaApp = await as(OFFICER).assessments.save({ ...first, currentLevel: 'innovator' }).catch((e) => e);
    expect(viaApp).toBeInstanceOf(DataError);
    expect(viaApp.kind).toBe('readOnly');
    const viaRest = await restWrite(OFFICER, `${listPath('assessments')}(${first.id})`, { NpsCurrentLevel: 'Innovator' }, 'MERGE');
    expect(viaRest.status).toBe(403);
    const deleted = await rawFetch(service.siteUrl, `${listPath('assessments')}(${first.id})`, { method: 'POST', user: OFFICER.loginName, digest: true, headers: { 'X-HTTP-Method': 'DELETE', 'IF-MATCH': '*' } });
    expect(deleted.status).toBe(403);
    // Councillors and colleagues still read it.
    expect(await as(COUNCILLOR).assessments.forPeriod('2016/17')).toHaveLength(14);
    expect(await as(OUTSIDER).assessments.forPeriod('2016/17')).toHaveLength(14);
    // Action plans stay editable through the year.
    const action = await as(OFFICER).actions.save({ periodName: '2016/17', indexId: 'developing-talent', title: 'Keep going', details: '', owner: await as(OFFICER).site.currentUser(), dueDate: '2026-12-31', status: 'In progress', progressNotes: '' });
    expect((await as(OFFICER_2).actions.save({ ...action, progressNotes: 'Still going' })).progressNotes).toBe('Still going');

    await expect(step(APPROVER, 'approver', period, 'reopen', '')).rejects.toThrow(/Say why the signed-off assessment is being reopened/);
    const reopened = await step(APPROVER, 'approver', period, 'reopen', 'The SME figure was wrong.');
    expect(reopened.period.status).toBe('Draft');
    const [again] = await as(OFFICER).assessments.forPeriod('2016/17');
    expect(again.locked).toBe(false);
    expect((await as(OFFICER).assessments.save({ ...again, rationale: 'Corrected' })).rationale).toBe('Corrected');
  }, 90000);

  it('flags an assessment changed after sign-off as not part of the signed-off record', async () => {
    await signedOffYear('2015/16');
    const [first] = await as(APPROVER).assessments.forPeriod('2015/16');
    // Approvers keep the right to unlock, so SharePoint lets them write; the app says what it means.
    await new Promise((r) => setTimeout(r, 1100));
    await as(APPROVER).assessments.save({ ...first, rationale: 'Changed later' });
    const seen = await loadWorkspace(as(COUNCILLOR), framework, '2015/16');
    const changed = seen.assessments.find((a) => a.id === first.id)!;
    expect(changed.problems).toEqual([expect.stringMatching(new RegExp(`Changed by ${APPROVER.displayName} on .*after the year was signed off.*this is not the signed-off record`))]);
  }, 60000);
});

describe('a signed-off year keeps the framework it was assessed against', () => {
  it('shows its original descriptors and a since-retired index after site owners change the Maturity indices list directly', async () => {
    await signedOffYear('2002/03');
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    const indicesList = owner.web.lists.getByTitle(LISTS.indices.title).items;
    const deployed = await as(OFFICER).indices.all();
    const reworded = deployed.find((i) => i.id === 'engaging-councillors')!;
    const retired = deployed.find((i) => i.id === 'embedding-change')!;
    const before = reworded.descriptors.leader;
    try {
      // Typed into SharePoint's own list form after sign-off: a rewording, and a retirement.
      await indicesList.getById(reworded.itemId).update({ NpsDescriptorLeader: 'Reworded after sign-off.' });
      await indicesList.getById(retired.itemId).update({ NpsRetired: true });
      const record = await loadWorkspace(as(COUNCILLOR), framework, '2002/03');
      expect(record.frameworkAsSignedOff).toBe(true);
      expect(record.framework.indices.find((i) => i.id === 'engaging-councillors')!.descriptors.leader).toBe(before);
      expect(record.framework.indices.map((i) => i.id)).toContain('embedding-change');
      // A year not signed off follows today's framework.
      await as(OFFICER).periods.create('2003/04', framework);
      const draft = await loadWorkspace(as(OFFICER), framework, '2003/04');
      expect(draft.frameworkAsSignedOff).toBe(false);
      expect(draft.framework.indices.find((i) => i.id === 'engaging-councillors')!.descriptors.leader).toBe('Reworded after sign-off.');
      expect(draft.framework.indices.map((i) => i.id)).not.toContain('embedding-change');
    } finally {
      await indicesList.getById(reworded.itemId).update({ NpsDescriptorLeader: before });
      await indicesList.getById(retired.itemId).update({ NpsRetired: false });
    }
  }, 90000);
});

describe('nothing is lost and nothing is doubled', () => {
  it('keeps one assessment when two officers save the first one of an index at once, and shows the second the other\'s', async () => {
    await as(OFFICER).periods.create('2014/15', framework);
    const results = await Promise.allSettled([
      as(OFFICER).assessments.save({ ...emptyAssessment('2014/15', 'engaging-councillors'), currentLevel: 'mature', evidence: 'Aisha\'s' }),
      as(OFFICER_2).assessments.save({ ...emptyAssessment('2014/15', 'engaging-councillors'), currentLevel: 'developing', evidence: 'Tom\'s' }),
    ]);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(failed[0].reason).toBeInstanceOf(ConflictError);
    const kept = await as(OFFICER).assessments.forPeriod('2014/15');
    expect(kept).toHaveLength(1);
    expect(failed[0].reason.serverCopy).toMatchObject({ id: kept[0].id, evidence: kept[0].evidence });
  }, 60000);

  it('keeps one period per name, enforced by SharePoint', async () => {
    await as(OFFICER).periods.create('2013/14', framework);
    await expect(as(OFFICER_2).periods.create('2013/14', framework)).rejects.toThrow('The 2013/14 assessment already exists.');
    const direct = await restWrite(OFFICER_2, listPath('periods'), { Title: '2013/14', NpsPeriodName: '2013/14' });
    expect(direct.status).toBe(400);
    expect((await as(OFFICER).periods.all()).filter((p) => p.name === '2013/14')).toHaveLength(1);
  }, 60000);

  it('finishes starting next year when run again after stopping part-way', async () => {
    const from = await signedOffYear('2011/12');
    const officer = as(OFFICER);
    const me = await officer.site.currentUser();
    await officer.actions.save({ periodName: '2011/12', indexId: 'developing-talent', title: 'Open action', details: '', owner: me, dueDate: '2026-09-30', status: 'In progress', progressNotes: '' });
    await officer.actions.save({ periodName: '2011/12', indexId: 'developing-talent', title: 'Done action', details: '', owner: me, dueDate: '2026-03-31', status: 'Complete', progressNotes: '' });
    // A first run that stopped after the period and two assessments were written.
    await officer.periods.create('2012/13', framework);
    const previous = await officer.assessments.forPeriod('2011/12');
    for (const a of previous.slice(0, 2)) await officer.assessments.save({ ...emptyAssessment('2012/13', a.indexId), currentLevel: a.currentLevel });
    const report = await startNextPeriod(officer, from, framework);
    expect(report).toMatchObject({ period: { name: '2012/13', status: 'Draft' }, assessmentsCarried: 12, actionsCarried: 1 });
    const again = await startNextPeriod(officer, from, framework);
    expect(again).toMatchObject({ assessmentsCarried: 0, actionsCarried: 0 });
    expect(await officer.assessments.forPeriod('2012/13')).toHaveLength(14);
    expect((await officer.actions.forPeriod('2012/13')).map((a) => a.title)).toEqual(['Open action']);
  }, 90000);
});

describe('who did it comes from SharePoint', () => {
  it('names the last assessor from Modified By, which no caller can set', async () => {
    await as(OFFICER).periods.create('2010/11', framework);
    const saved = await as(OFFICER).assessments.save({ ...emptyAssessment('2010/11', 'engaging-councillors'), currentLevel: 'mature' });
    const edited = await as(OFFICER_2).assessments.save({ ...saved, rationale: 'Tom checked it' });
    expect(edited).toMatchObject({ lastAssessedBy: { displayName: OFFICER_2.displayName }, createdBy: { displayName: OFFICER.displayName } });
    const forged = await restWrite(OFFICER, `${listPath('assessments')}(${saved.id})`, { EditorId: 6 }, 'MERGE');
    expect(forged.status).toBe(400);
  }, 60000);
});

describe('challenges belong to the councillor who raised them', () => {
  it('lets a councillor raise a challenge only on a signed-off year, under their own name', async () => {
    await signedOffYear('2009/10');
    await assessedYear('2008/09');
    await expect(as(COUNCILLOR).challenges.raise({ periodName: '2008/09', indexId: '', text: 'Why?', response: '', status: 'Open' }, 'Draft')).rejects.toThrow(
      'Challenges can be raised only on a signed-off assessment; 2008/09 is draft.'
    );
    const raised = await as(COUNCILLOR).challenges.raise({ periodName: '2009/10', indexId: 'obtaining-social-value', text: 'Why only £1m?', response: '', status: 'Open' }, 'Signed off');
    expect(raised).toMatchObject({ raisedBy: { displayName: COUNCILLOR.displayName }, status: 'Open' });
    // There is no column to put another councillor's name in, or to mark it answered.
    const forged = await restWrite(COUNCILLOR_2, listPath('challenges'), { Title: 'x', NpsPeriodName: '2009/10', NpsChallengeText: 'Signed by someone else', NpsRaisedById: 1 });
    expect(forged.status).toBe(400);
    // A challenge found on a year that is not signed off is shown as not valid.
    const onDraft = await restWrite(COUNCILLOR, listPath('challenges'), { Title: 'draft', NpsPeriodName: '2008/09', NpsChallengeText: 'On a draft' });
    expect(onDraft.status).toBe(201);
    const draftView = await loadWorkspace(as(OFFICER), framework, '2008/09');
    expect(draftView.challenges[0].problem).toMatch(/Raised while 2008\/09 was draft; challenges count only on a signed-off year/);
  }, 90000);

  it('lets officers answer but never reword a challenge, and councillors neither reword nor answer', async () => {
    await signedOffYear('2007/08');
    const raised = await as(COUNCILLOR).challenges.raise({ periodName: '2007/08', indexId: 'engaging-local-smes', text: 'What share goes to SMEs?', response: '', status: 'Open' }, 'Signed off');
    expect((await restWrite(OFFICER, `${listPath('challenges')}(${raised.id})`, { NpsChallengeText: 'Reworded by an officer' }, 'MERGE')).status).toBe(403);
    expect((await restWrite(COUNCILLOR, `${listPath('challenges')}(${raised.id})`, { NpsChallengeText: 'Reworded later' }, 'MERGE')).status).toBe(403);
    expect((await restWrite(COUNCILLOR, listPath('responses'), { Title: 'x', NpsChallengeId: raised.id, NpsPeriodName: '2007/08', NpsResponse: 'Self-answered' })).status).toBe(403);
    const answered = await as(OFFICER).challenges.respond(raised, '38 per cent.');
    expect(answered).toMatchObject({ status: 'Answered', response: '38 per cent.', respondedBy: { displayName: OFFICER.displayName }, raisedBy: { displayName: COUNCILLOR.displayName } });
    const revised = await as(OFFICER_2).challenges.respond(answered, '38 per cent, up from 31.');
    expect(revised).toMatchObject({ response: '38 per cent, up from 31.', respondedBy: { displayName: OFFICER_2.displayName } });
    const seen = await loadWorkspace(as(COUNCILLOR), framework, '2007/08');
    expect(seen.challenges).toEqual([expect.objectContaining({ text: 'What share goes to SMEs?', response: '38 per cent, up from 31.', status: 'Answered' })]);
  }, 90000);
});

describe('the framework is the site owners\' to change', () => {
  it('refuses officers and approvers who write to the Maturity indices list', async () => {
    const [index] = await as(OFFICER).indices.all();
    for (const who of [OFFICER, APPROVER]) {
      expect((await restWrite(who, listPath('indices'), { Title: 'Mine', NpsIndexId: `mine-${who.loginName}`, NpsIndexKind: 'Key area' })).status).toBe(403);
      expect((await restWrite(who, `${listPath('indices')}(${index.itemId})`, { Title: 'Renamed' }, 'MERGE')).status).toBe(403);
    }
  }, 60000);
});

describe('bad items in the lists are named, never the default, never blank the view', () => {
  it('leaves out a period with only a Title, names it, and keeps the real year as the default', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    const junk = await owner.web.lists.getByTitle(LISTS.periods.title).items.add({ Title: 'Zzz junk' });
    const ws = await loadWorkspace(as(OFFICER), framework);
    expect(ws.periods.every((p) => /^\d{4}\/\d{2}$/.test(p.name))).toBe(true);
    expect(ws.problems).toContainEqual(expect.objectContaining({ list: 'Assessment periods', itemId: junk.Id, title: 'Zzz junk', message: expect.stringMatching(/no Period/) }));
    await owner.web.lists.getByTitle(LISTS.periods.title).items.getById(junk.Id).delete();
  }, 60000);

  it('flags a level typed into the list that is not one of the five, rather than showing "Not set"', async () => {
    await as(OFFICER).periods.create('2006/07', framework);
    const typed = await restWrite(OFFICER, listPath('assessments'), { Title: 'typed', NpsAssessmentKey: '2006/07|engaging-councillors', NpsPeriodName: '2006/07', NpsIndexId: 'engaging-councillors', NpsCurrentLevel: 'Expert' });
    expect(typed.status).toBe(201);
    const [a] = await as(OFFICER).assessments.forPeriod('2006/07');
    expect(a.currentLevel).toBeUndefined();
    expect(a.problems).toEqual(['Current level "Expert" is not one of the five maturity levels.']);
    const blocked = await step(OFFICER, 'officer', await currentPeriod(as(OFFICER), '2006/07'), 'submit').catch((e) => e);
    expect(blocked.message).toMatch(/Engaging councillors: Current level "Expert" is not one of the five maturity levels/);
  }, 60000);

  it('names a list missing from the site and still shows the rest', async () => {
    const assets = mkdtempSync(join(tmpdir(), 'assets-'));
    for (const name of readdirSync(ASSETS_DIR)) copyFileSync(join(ASSETS_DIR, name), join(assets, name));
    const elements = readFileSync(join(assets, 'elements.xml'), 'utf8').replace(/\s*<ListInstance CustomSchema="schema-responses.xml"[^>]*\/>/, '');
    writeFileSync(join(assets, 'elements.xml'), elements);
    const partial = await startListService({ assetsDir: assets });
    try {
      const owner = servicesAs(partial, SITE_OWNER.loginName);
      await owner.periods.create('2005/06', framework);
      const ws = await loadWorkspace(owner, framework, '2005/06');
      expect(ws.period?.name).toBe('2005/06');
      expect(ws.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/the list "Challenge responses" is missing/) })]);
    } finally {
      await partial.stop();
    }
  }, 60000);
});

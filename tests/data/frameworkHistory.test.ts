import { DataServices } from '../../src/data/services';
import { startNextPeriod, takeSignOffStep } from '../../src/data/periodWorkflow';
import { addLocalIndex, readSiteFramework, retireIndex, rewordIndex } from '../../src/data/frameworkEditing';
import { LISTS } from '../../src/data/schema';
import { loadWorkspace, Workspace } from '../../src/data/workspace';
import { emptyAssessment } from '../../src/domain/assessment';
import { Role, SignOffAction } from '../../src/domain/signOff';
import { buildTrends } from '../../src/domain/trends';
import { npsFramework2018 } from '../../src/framework';
import { indexToDraft, IndexDraft } from '../../src/framework/localIndex';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, RunningService, servicesAs, setUpSite, spAs, startListService } from '../support/listService';

/*
 * History stays true: each year is shown with the framework it was assessed against, whatever site
 * owners change afterwards, in the app or straight in the Maturity indices list. Signed-off years
 * keep their sign-off record, submitted ones the framework as it stood when submitted, drafts follow
 * today's framework but keep an index retired after they assessed it. Each test works on its own
 * financial years and its own local indices.
 */
const builtIn = npsFramework2018();
const person = (role: string) => DIRECTORY.find((p) => p.role === role)!;
const OFFICER = person('officer');
const APPROVER = person('headOfProcurement');
const COUNCILLOR = person('councillor');

let service: RunningService;
const as = (who: { loginName: string }): DataServices => servicesAs(service, who.loginName);
const owner = (): DataServices => as(SITE_OWNER);
const ownerList = () => spAs(service.siteUrl, SITE_OWNER.loginName).web.lists.getByTitle(LISTS.indices.title).items;
const site = () => readSiteFramework(owner().indices, builtIn);
const ids = (w: Workspace): string[] => w.framework.indices.map((i) => i.id);
const indexIn = (w: Workspace, id: string) => w.framework.indices.find((i) => i.id === id);
/** SharePoint dates changes to the second: a change meant to come after a step waits for the next second. */
const nextSecond = () => new Promise((resolve) => setTimeout(resolve, 1100));

function localDraft(title: string): IndexDraft {
  return {
    kind: 'keyArea',
    themeId: 'behaving-commercially',
    title,
    description: `${title}, as the council describes it.`,
    whatItIs: `What ${title} is.`,
    whyItIsImportant: `Why ${title} matters.`,
    descriptors: { minimum: `${title} 1.`, developing: `${title} 2.`, mature: `${title} 3.`, leader: `${title} 4.`, innovator: `${title} 5.` },
  };
}

/** A year in which an officer has assessed every index the year's framework holds. */
async function assessedYear(name: string): Promise<Workspace> {
  const officer = as(OFFICER);
  await officer.periods.create(name, builtIn);
  const year = await loadWorkspace(officer, builtIn, name);
  for (const index of year.framework.indices) {
    await officer.assessments.save({ ...emptyAssessment(name, index.id), currentLevel: 'developing', targetLevel: 'mature', evidence: `Evidence for ${index.title} in ${name}` });
  }
  return loadWorkspace(officer, builtIn, name);
}

/** One sign-off step, as the view takes it: with the framework the view shows for the year. */
async function step(who: { loginName: string }, role: Role, name: string, action: SignOffAction): Promise<void> {
  const services = as(who);
  const view = await loadWorkspace(services, builtIn, name);
  const me = await services.site.currentUser();
  await takeSignOffStep(services, { period: view.period!, framework: view.framework, assessments: view.assessments }, { action }, { role, userId: me.id, displayName: me.displayName });
}

async function signedOffYear(name: string): Promise<void> {
  await assessedYear(name);
  await step(OFFICER, 'officer', name, 'submit');
  await step(APPROVER, 'approver', name, 'signOff');
}

beforeAll(async () => {
  service = await startListService();
  await setUpSite(service, { officers: [OFFICER.loginName], approvers: [APPROVER.loginName], scrutiny: [COUNCILLOR.loginName] });
}, 90000);

afterAll(async () => {
  await service?.stop();
});

describe('a signed-off year', () => {
  it('keeps its original descriptors, its since-retired indices and none added since, after changes in the app and straight in the list', async () => {
    const assessedLocal = await addLocalIndex(owner().indices, await site(), localDraft('Contract savings tracking'));
    await signedOffYear('2050/51');
    const asSignedOff = await loadWorkspace(as(COUNCILLOR), builtIn, '2050/51');
    const localBefore = indexIn(asSignedOff, assessedLocal.id)!;
    const councillorsBefore = indexIn(asSignedOff, 'engaging-councillors')!;

    // In the app: reword the local index, retire it, add another.
    await rewordIndex(owner().indices, await site(), assessedLocal.id, { ...indexToDraft(localBefore), descriptors: { ...localBefore.descriptors, mature: 'Reworded in the app.' } });
    await retireIndex(owner().indices, await site(), assessedLocal.id);
    const later = await addLocalIndex(owner().indices, await site(), localDraft('Supplier diversity'));
    // Straight in the list, as in SharePoint's own form: reword a strategy descriptor, retire an enabler.
    const councillors = (await owner().indices.byIndexId('engaging-councillors'))!;
    const change = (await owner().indices.byIndexId('embedding-change'))!;
    try {
      await ownerList().getById(councillors.itemId).update({ NpsDescriptorLeader: 'Typed into the list form after sign-off.', Title: 'Engaging members' });
      await ownerList().getById(change.itemId).update({ NpsRetired: true });

      for (const who of [COUNCILLOR, OFFICER, APPROVER]) {
        // The scrutiny review, the dashboard (with every year's assessments) and the exports all read this.
        const record = await loadWorkspace(as(who), builtIn, '2050/51', undefined, { allAssessments: true });
        expect(record.frameworkAsSignedOff).toBe(true);
        expect(indexIn(record, 'engaging-councillors')).toMatchObject({ title: 'Engaging councillors', descriptors: councillorsBefore.descriptors });
        expect(indexIn(record, 'embedding-change')).toBeDefined();
        expect(indexIn(record, assessedLocal.id)).toMatchObject({ title: 'Contract savings tracking', origin: 'local', descriptors: localBefore.descriptors });
        expect(indexIn(record, assessedLocal.id)?.retired).toBeUndefined();
        expect(ids(record)).not.toContain(later.id);
        expect(record.framework.indices).toHaveLength(15);
      }
      // Today's framework has all of it.
      const today = await readSiteFramework(owner().indices, builtIn);
      expect(today.framework.indices.find((i) => i.id === 'engaging-councillors')?.descriptors.leader).toBe('Typed into the list form after sign-off.');
    } finally {
      await ownerList().getById(councillors.itemId).update({ NpsDescriptorLeader: councillors.descriptors.leader, Title: councillors.title });
      await ownerList().getById(change.itemId).update({ NpsRetired: false });
      await retireIndex(owner().indices, await site(), later.id);
    }
  }, 120000);

  it('is shown as it was when submitted when its sign-off was written outside the app, without a record of the framework', async () => {
    await assessedYear('2051/52');
    await step(OFFICER, 'officer', '2051/52', 'submit');
    const local = (await readSiteFramework(owner().indices, builtIn)).framework.indices.filter((i) => i.origin === 'local' && !i.retired);
    await nextSecond();
    const vcse = (await owner().indices.byIndexId('enabling-vcse-engagement'))!;
    await ownerList().getById(vcse.itemId).update({ NpsDescriptorMinimum: 'Reworded after submission.' });
    try {
      // An approver writes the sign-off straight into the Sign-off log, with no framework record.
      const signOff = await rawFetch(service.siteUrl, `_api/web/lists/getbytitle('${encodeURIComponent(LISTS.signoffs.title)}')/items`, {
        method: 'POST',
        user: APPROVER.loginName,
        digest: true,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ Title: 'direct', NpsPeriodName: '2051/52', NpsDecision: 'Signed off' }),
      });
      expect(signOff.status).toBe(201);
      const record = await loadWorkspace(as(COUNCILLOR), builtIn, '2051/52');
      expect(record.period?.status).toBe('Signed off');
      expect(record.frameworkBasis).toBe('asSubmitted');
      expect(indexIn(record, 'enabling-vcse-engagement')?.descriptors.minimum).toBe(vcse.descriptors.minimum);
      expect(ids(record)).toEqual(expect.arrayContaining(local.map((i) => i.id)));
    } finally {
      await ownerList().getById(vcse.itemId).update({ NpsDescriptorMinimum: vcse.descriptors.minimum });
    }
  }, 120000);
});

describe('a submitted year', () => {
  it('is shown, and signed off, with the framework as it stood when it was submitted', async () => {
    const kept = await addLocalIndex(owner().indices, await site(), localDraft('Commercial training'));
    await assessedYear('2052/53');
    await step(OFFICER, 'officer', '2052/53', 'submit');
    const submitted = await loadWorkspace(as(APPROVER), builtIn, '2052/53');
    await nextSecond();

    // After submission: a rewording, a retirement and a new index, in the app and in the list.
    const risk = (await owner().indices.byIndexId('managing-strategic-risk'))!;
    await ownerList().getById(risk.itemId).update({ NpsDescriptorInnovator: 'Reworded while waiting for sign-off.' });
    await retireIndex(owner().indices, await site(), kept.id);
    const added = await addLocalIndex(owner().indices, await site(), localDraft('Social enterprise pipeline'));
    try {
      const waiting = await loadWorkspace(as(APPROVER), builtIn, '2052/53');
      expect(waiting.frameworkBasis).toBe('asSubmitted');
      expect(waiting.framework).toEqual(submitted.framework);
      expect(indexIn(waiting, 'managing-strategic-risk')?.descriptors.innovator).toBe(risk.descriptors.innovator);
      expect(indexIn(waiting, kept.id)?.retired).toBeUndefined();
      expect(ids(waiting)).not.toContain(added.id);

      // The sign-off records exactly that framework, read afresh from the site, not the page's copy.
      await step(APPROVER, 'approver', '2052/53', 'signOff');
      const record = await loadWorkspace(as(COUNCILLOR), builtIn, '2052/53');
      expect(record.frameworkAsSignedOff).toBe(true);
      expect(record.framework).toEqual(submitted.framework);
    } finally {
      await ownerList().getById(risk.itemId).update({ NpsDescriptorInnovator: risk.descriptors.innovator });
      await retireIndex(owner().indices, await site(), added.id);
    }
  }, 120000);
});

describe('a draft year', () => {
  it('takes rewording at once, keeps an index retired after it assessed it, and drops one it never assessed', async () => {
    const assessed = await addLocalIndex(owner().indices, await site(), localDraft('Category plans'));
    const notAssessed = await addLocalIndex(owner().indices, await site(), localDraft('Spend analytics'));
    await as(OFFICER).periods.create('2053/54', builtIn);
    await as(OFFICER).assessments.save({ ...emptyAssessment('2053/54', assessed.id), currentLevel: 'mature', evidence: 'Category plans for five categories.' });

    await retireIndex(owner().indices, await site(), assessed.id);
    await retireIndex(owner().indices, await site(), notAssessed.id);
    await rewordIndex(owner().indices, await site(), 'engaging-senior-managers', { ...indexToDraft(builtIn.indices.find((i) => i.id === 'engaging-senior-managers')!), title: 'Engaging senior leaders' });
    try {
      const draft = await loadWorkspace(as(OFFICER), builtIn, '2053/54');
      expect(draft.frameworkBasis).toBe('today');
      expect(indexIn(draft, 'engaging-senior-managers')).toMatchObject({ title: 'Engaging senior leaders', origin: 'reworded' });
      expect(indexIn(draft, assessed.id)).toMatchObject({ retired: true, title: 'Category plans', origin: 'local' });
      expect(ids(draft)).not.toContain(notAssessed.id);
      expect(draft.assessments.find((a) => a.indexId === assessed.id)?.currentLevel).toBe('mature');

      // A new year starts from today's framework: the retired index leaves it.
      await assessedYear('2054/55');
      await step(OFFICER, 'officer', '2054/55', 'submit');
      await step(APPROVER, 'approver', '2054/55', 'signOff');
      const next = await startNextPeriod(as(OFFICER), (await loadWorkspace(as(OFFICER), builtIn, '2054/55')).period!, builtIn);
      const nextYear = await loadWorkspace(as(OFFICER), builtIn, next.period.name);
      expect(ids(nextYear)).not.toContain(assessed.id);
      expect(nextYear.assessments.map((a) => a.indexId)).not.toContain(assessed.id);
    } finally {
      const managers = (await owner().indices.byIndexId('engaging-senior-managers'))!;
      await ownerList().getById(managers.itemId).update({ Title: 'Engaging senior managers' });
    }
  }, 150000);

  it('names an assessment whose index was deleted from the list rather than retired, instead of dropping it silently', async () => {
    const doomed = await addLocalIndex(owner().indices, await site(), localDraft('Short-lived index'));
    await as(OFFICER).periods.create('2056/57', builtIn);
    const saved = await as(OFFICER).assessments.save({ ...emptyAssessment('2056/57', doomed.id), currentLevel: 'minimum', evidence: 'Some evidence' });
    await ownerList().getById(doomed.itemId).delete();
    const draft = await loadWorkspace(as(OFFICER), builtIn, '2056/57');
    expect(ids(draft)).not.toContain(doomed.id);
    expect(draft.problems.map((p) => p.message)).toContain(
      `Maturity assessments item ${saved.id} assesses the index ${doomed.id}, which is not in the framework 2056/57 is shown with (it may have been deleted from Maturity indices rather than retired), so it is not shown.`
    );
  }, 60000);
});

describe('trends across years', () => {
  it('match indices by id and say where an index was not in a year\'s framework', async () => {
    await signedOffYear('2060/61');
    const added = await addLocalIndex(owner().indices, await site(), localDraft('Income from contracts'));
    await assessedYear('2061/62');
    try {
      const years = await Promise.all(['2060/61', '2061/62'].map((name) => loadWorkspace(as(APPROVER), builtIn, name, undefined, { allAssessments: true })));
      const newest = years[1];
      const table = buildTrends({
        indices: newest.framework.indices,
        periods: years.map((w) => w.period!),
        assessmentsByPeriod: Object.fromEntries(years.map((w) => [w.period!.name, w.assessments])),
        indexIdsByPeriod: Object.fromEntries(years.map((w) => [w.period!.name, new Set(ids(w))])),
        selectedPeriodName: '2061/62',
      });
      const row = table.rows.find((r) => r.indexId === added.id)!;
      expect(row.cells.map((c) => c.label)).toEqual(['Not in the framework', 'Developing']);
      expect(table.rows.find((r) => r.indexId === 'engaging-councillors')!.cells.map((c) => c.label)).toEqual(['Developing', 'Developing']);
    } finally {
      await retireIndex(owner().indices, await site(), added.id);
    }
  }, 120000);
});

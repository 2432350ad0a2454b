import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { getSPForSite } from '../../src/data/sp';
import { DataServices } from '../../src/data/services';
import { currentPeriod } from '../../src/data/periodWorkflow';
import { runSiteSetup } from '../../src/data/siteSetup';
import { loadWorkspace } from '../../src/data/workspace';
import { ConflictError, DataError, ValidationError } from '../../src/data/errors';
import { GROUPS } from '../../src/data/siteService';
import { LISTS } from '../../src/data/schema';
import { npsFramework2018 } from '../../src/framework';
import { emptyAssessment } from '../../src/domain/assessment';
import { AssessmentPeriod } from '../../src/domain/periods';
import { Role } from '../../src/domain/signOff';
import { LocalUser } from '../../preview/localUser';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { assessedYear, signOffStep } from '../support/workflow';
import { ASSETS_DIR, removeDir, RunningService, servicesAs, setUpSite, startListService, spAs } from '../support/listService';

/*
 * Each test works on its own financial year (or its own site, when it reads everything on the site),
 * so any test can run alone. Set-up and group membership are shared, in beforeAll.
 */
const framework = npsFramework2018();
const login = (role: string, n = 0): string => DIRECTORY.filter((p) => p.role === role)[n].loginName;
const OFFICER = login('officer');
const OFFICER_2 = login('officer', 1);
const COUNCILLOR = login('councillor');
const OUTSIDER = login('other');
const APPROVER = login('headOfProcurement');

let service: RunningService;
const as = (who: string): DataServices => servicesAs(service, who);

/** Counts the HTTP requests the code under test really sends. */
async function countRequests<T>(work: () => Promise<T>): Promise<{ result: T; requests: string[] }> {
  const original = globalThis.fetch;
  const requests: string[] = [];
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    requests.push(`${init?.method ?? 'GET'} ${String(input).replace(/^https?:\/\/[^/]+\/sites\/procurement/, '')}`);
    return original(input, init);
  }) as typeof fetch;
  try {
    return { result: await work(), requests };
  } finally {
    globalThis.fetch = original;
  }
}

/** Runs set-up and puts the people of these tests in the app's groups (and the outsider in Visitors). */
async function setUpWithPeople(site: RunningService): Promise<void> {
  await setUpSite(site, { officers: [OFFICER, OFFICER_2], approvers: [APPROVER], scrutiny: [COUNCILLOR] });
  const owner = spAs(site.siteUrl, SITE_OWNER.loginName);
  await owner.web.siteGroups.getById((await owner.web.associatedVisitorGroup()).Id).users.add(OUTSIDER);
}

/** A site of the test's own, set up with the same people, for a test that reads everything on a site. */
async function withOwnSite<T>(work: (site: RunningService) => Promise<T>): Promise<T> {
  const site = await startListService();
  try {
    await setUpWithPeople(site);
    return await work(site);
  } finally {
    await site.stop();
    removeDir(site.dataDir);
  }
}

/** A period of the test's own with one assessment of Engaging councillors at Developing. */
async function periodWithOneAssessment(officer: DataServices, name: string) {
  await officer.periods.create(name, framework);
  return officer.assessments.save({ ...emptyAssessment(name, 'engaging-councillors'), currentLevel: 'developing', targetLevel: 'leader', evidence: `Evidence for ${name}` });
}

const step = async (who: string, role: Role, period: AssessmentPeriod, action: 'submit' | 'signOff'): Promise<AssessmentPeriod> => (await signOffStep(as(who), role, period, action)).period;

/** A year of the test's own with every index assessed, submitted by an officer and signed off by an approver. */
async function signedOffYear(name: string): Promise<AssessmentPeriod> {
  const submitted = await step(OFFICER, 'officer', await assessedYear(as(OFFICER), name), 'submit');
  return step(APPROVER, 'approver', submitted, 'signOff');
}

beforeAll(async () => {
  service = await startListService();
  await setUpWithPeople(service);
}, 60000);

afterAll(async () => {
  await service?.stop();
  if (service) removeDir(service.dataDir);
});

describe('site set-up', () => {
  it('creates the groups, permissions and framework once, however often it runs', async () => {
    // A site of its own: the shared one is set up before the tests start.
    const fresh = await startListService();
    try {
      const owner = spAs(fresh.siteUrl, SITE_OWNER.loginName);
      const first = await runSiteSetup(owner, framework);
      expect(first.done).toEqual(expect.arrayContaining([`Created the SharePoint group ${GROUPS.officers}`, 'Created the permission level "Add items only"', 'Created the permission level "Approve and lock"']));
      const groupsAfterFirst = (await owner.web.siteGroups()).map((g: { Title: string }) => g.Title).sort();
      const assignmentsAfterFirst = await owner.web.lists.getByTitle(LISTS.challenges.title).roleAssignments();

      const second = await runSiteSetup(owner, framework);
      expect(second.done).toEqual([]);
      expect(second.alreadyInPlace).toContain(`Group ${GROUPS.officers} exists`);
      expect((await owner.web.siteGroups()).map((g: { Title: string }) => g.Title).sort()).toEqual(groupsAfterFirst);
      expect(await owner.web.lists.getByTitle(LISTS.challenges.title).roleAssignments()).toHaveLength(assignmentsAfterFirst.length);
      expect(await servicesAs(fresh, SITE_OWNER.loginName).indices.all()).toHaveLength(14);
    } finally {
      await fresh.stop();
      removeDir(fresh.dataDir);
    }
  }, 60000);

  it('refuses to run on a site without the app\'s lists, saying what to do', async () => {
    const assets = mkdtempSync(join(tmpdir(), 'assets-'));
    for (const name of readdirSync(ASSETS_DIR)) copyFileSync(join(ASSETS_DIR, name), join(assets, name));
    const elements = readFileSync(join(assets, 'elements.xml'), 'utf8').replace(/\s*<ListInstance CustomSchema="schema-challenges.xml"[^>]*\/>/, '');
    writeFileSync(join(assets, 'elements.xml'), elements);
    const bare = await startListService({ assetsDir: assets });
    try {
      const sp = getSPForSite(bare.siteUrl, LocalUser(SITE_OWNER.loginName));
      await expect(runSiteSetup(sp, framework)).rejects.toThrow(/lists are missing from this site \(Scrutiny challenges\)/);
      const error = await servicesAs(bare, SITE_OWNER.loginName).challenges.forPeriod('2025/26').catch((e) => e);
      expect(error).toBeInstanceOf(DataError);
      expect(error.kind).toBe('notSetUp');
      expect(error.message).toMatch(/not set up on this site: the list "Scrutiny challenges" is missing/);
    } finally {
      await bare.stop();
    }
  }, 60000);
});

describe('repositories over HTTP', () => {
  it('saves an assessment and reads it back the same, dates and people included', async () => {
    const officer = as(OFFICER);
    const period = await officer.periods.create('2025/26', framework);
    expect(period).toMatchObject({ name: '2025/26', startDate: '2025-04-01', endDate: '2026-03-31' });
    const saved = await officer.assessments.save(
      { ...emptyAssessment('2025/26', 'engaging-councillors'), currentLevel: 'developing', targetLevel: 'leader', targetDate: '2026-07-01', rationale: 'Why', evidence: 'Cabinet report', evidenceLinks: [{ url: 'https://borsetshire.sharepoint.com/sites/procurement/Evidence/report.docx', description: 'Report' }] }
    );
    const [read] = await as(OFFICER_2).assessments.forPeriod('2025/26');
    expect(read).toEqual(saved);
    expect(read).toMatchObject({ currentLevel: 'developing', targetLevel: 'leader', targetDate: '2026-07-01', lastAssessedBy: { displayName: 'Aisha Khan' } });
  });

  it('reads everything a view needs in one $batch round trip', async () => {
    await periodWithOneAssessment(as(OFFICER), '2024/25');
    const { result, requests } = await countRequests(() => loadWorkspace(as(OFFICER), framework, '2024/25'));
    expect(requests.filter((r) => r.includes('/_api/$batch'))).toHaveLength(1);
    expect(requests.filter((r) => !r.includes('/_api/contextinfo'))).toHaveLength(1);
    expect(result.assessments).toHaveLength(1);
    expect(result.role).toBe('officer');
    expect(result.access.assessments.canEdit).toBe(true);
    expect(result.framework.indices).toHaveLength(14);
  });

  it('opens the newest period in one round trip when no period is named', async () => {
    // Which period is newest depends on every period of the site, so this test has a site of its own.
    await withOwnSite(async (site) => {
      const officer = servicesAs(site, OFFICER);
      await periodWithOneAssessment(officer, '2024/25');
      await periodWithOneAssessment(officer, '2025/26');
      const { result, requests } = await countRequests(() => loadWorkspace(officer, framework, undefined, '2026-11-25'));
      expect(result.period?.name).toBe('2025/26');
      expect(result.assessments).toHaveLength(1);
      expect(requests.filter((r) => r.includes('/_api/$batch'))).toHaveLength(1);
      // A newest period outside the guess still loads, with a second batch.
      const late = await countRequests(() => loadWorkspace(officer, framework, undefined, '2030-01-01'));
      expect(late.result.assessments).toHaveLength(1);
      expect(late.requests.filter((r) => r.includes('/_api/$batch'))).toHaveLength(2);
    });
  }, 60000);

  it('raises a conflict carrying the other person\'s version when a save is stale, and changes nothing', async () => {
    await periodWithOneAssessment(as(OFFICER), '2023/24');
    const [mine] = await as(OFFICER).assessments.forPeriod('2023/24');
    const [theirs] = await as(OFFICER_2).assessments.forPeriod('2023/24');
    const theirSaved = await as(OFFICER_2).assessments.save({ ...theirs, evidence: 'Tom\'s evidence' });
    const error = await as(OFFICER).assessments.save({ ...mine, evidence: 'Aisha\'s evidence' }).catch((e) => e);
    expect(error).toBeInstanceOf(ConflictError);
    expect(error.serverCopy).toEqual(theirSaved);
    const [now] = await as(OFFICER).assessments.forPeriod('2023/24');
    expect(now.evidence).toBe('Tom\'s evidence');
  });

  it('keeps a quote in text from breaking or widening a filter', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    const list = owner.web.lists.getByTitle(LISTS.indices.title);
    await list.items.add({ Title: "Members' training", NpsIndexId: "members'-training", NpsIndexKind: 'Key area', NpsSortOrder: 50, NpsRetired: true });
    const indices = as(OFFICER).indices;
    expect((await indices.byIndexId("members'-training"))?.title).toBe("Members' training");
    expect(await indices.byIndexId("x' or NpsIndexId ne '")).toBeUndefined();
  });

  it('refuses text over a column\'s limit before sending anything', async () => {
    const officer = as(OFFICER);
    const me = await officer.site.currentUser();
    const { result, requests } = await countRequests(() =>
      officer.actions.save({ periodName: '2022/23', indexId: 'developing-talent', title: 'x'.repeat(300), details: '', owner: me, dueDate: '2026-12-31', status: 'Not started', progressNotes: '' }).catch((e) => e)
    );
    expect(result).toBeInstanceOf(ValidationError);
    expect(result.message).toBe('Action is 300 characters; the limit is 255. Shorten it by 45.');
    expect(requests).toEqual([]);
  });

  it('tells a councillor they have read-only access when they try to change an assessment', async () => {
    await periodWithOneAssessment(as(OFFICER), '2021/22');
    const councillor = as(COUNCILLOR);
    const [a] = await councillor.assessments.forPeriod('2021/22');
    const error = await councillor.assessments.save({ ...a, currentLevel: 'innovator' }).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe('readOnly');
    expect(error.message).toMatch(/read-only access/);
    const [after] = await as(OFFICER).assessments.forPeriod('2021/22');
    expect(after.currentLevel).toBe('developing');
    const ws = await loadWorkspace(councillor, framework, '2021/22');
    expect(ws.role).toBe('scrutiny');
    expect(ws.access.assessments.canEdit).toBe(false);
    expect(ws.access.challenges).toEqual({ canAdd: true, canEdit: false });
    expect(ws.access.responses).toEqual({ canAdd: false, canEdit: false });
  });

  it('lets a councillor raise a challenge but not answer one, and an officer answer it', async () => {
    await signedOffYear('2020/21');
    const councillor = as(COUNCILLOR);
    const { status } = await currentPeriod(councillor, '2020/21');
    const raised = await councillor.challenges.raise({ periodName: '2020/21', indexId: 'engaging-councillors', text: 'Is "developing" fair?', response: '', status: 'Open' }, status);
    const edit = await councillor.challenges.respond(raised, 'Answering my own challenge').catch((e) => e);
    expect(edit.kind).toBe('readOnly');
    const officer = as(OFFICER);
    const answered = await officer.challenges.respond(raised, 'Yes: see the training log.');
    expect(answered).toMatchObject({ status: 'Answered', response: 'Yes: see the training log.', respondedBy: { displayName: 'Aisha Khan' }, raisedBy: { displayName: 'Cllr Helen Marsh' } });
  }, 60000);

  it('waits out throttling (429 with Retry-After) and then succeeds', async () => {
    // It reads every period of the site, so it has a site of its own.
    await withOwnSite(async (site) => {
      const officer = servicesAs(site, OFFICER);
      await officer.periods.create('2019/20', framework);
      await fetch(`${site.url}/_local/throttle`, { method: 'POST', body: JSON.stringify({ count: 2, status: 429, retryAfter: 1 }) });
      const started = Date.now();
      const periods = await officer.periods.all();
      expect(periods.map((p) => p.name)).toEqual(['2019/20']);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    });
  }, 60000);

  it('says SharePoint is busy when throttling outlasts the retries', async () => {
    await fetch(`${service.url}/_local/throttle`, { method: 'POST', body: JSON.stringify({ count: 10, status: 503, retryAfter: 0 }) });
    const error = await as(OFFICER).periods.all().catch((e) => e);
    await fetch(`${service.url}/_local/throttle`, { method: 'POST', body: JSON.stringify({ count: 0 }) });
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe('throttled');
    expect(error.message).toMatch(/SharePoint is busy/);
  });

  it('reads every action of a period past 5,000 items through indexed filters', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    const me = await as(OFFICER).site.currentUser();
    const list = owner.web.lists.getByTitle(LISTS.actions.title);
    for (let start = 0; start < 5100; start += 300) {
      const [batched, execute] = owner.batched();
      for (let i = start; i < Math.min(start + 300, 5100); i++) {
        batched.web.lists.getByTitle(LISTS.actions.title).items.add({
          Title: `Action ${i}`, NpsPeriodName: i < 5050 ? '2030/31' : '2031/32', NpsIndexId: 'developing-talent', NpsActionOwnerId: me.id,
          NpsDueDate: `2031-01-${String((i % 28) + 1).padStart(2, '0')}T12:00:00Z`, NpsActionStatus: 'Not started',
        });
      }
      await execute();
    }
    expect((await list.select('ItemCount')()).ItemCount).toBeGreaterThanOrEqual(5100);
    const actions = await as(OFFICER).actions.forPeriod('2030/31');
    expect(actions).toHaveLength(5050);
    expect(new Set(actions.map((a) => a.id)).size).toBe(5050);
    expect(actions[0].dueDate! <= actions[actions.length - 1].dueDate!).toBe(true);
    expect(await as(OFFICER).actions.ownedBy('2031/32', me.id)).toHaveLength(50);
  }, 120000);
});

/**
 * `npm start -- --reset --scale` (the benchmark's large site): twelve financial years, every index
 * assessed in each, the past eleven signed off, 600 actions and 300 challenges, most answered. Loaded
 * as the preview loads it and read back through the REST API, as the people who use it.
 */
import { seedDemo } from '../../preview/seed/demoSeed';
import { SCALE } from '../../preview/seed/scaleSeed';
import { peopleWithRole } from '../../preview/server/directory';
import { withSignOff } from '../../src/domain/signOff';
import { DataServices } from '../../src/data/services';
import { asDemoLoader, rawFetch, removeDir, RunningService, servicesAs, startListService } from '../support/listService';

let service: RunningService;
let councillor: DataServices;
let seedMs = 0;

beforeAll(async () => {
  service = await startListService();
  const started = Date.now();
  await asDemoLoader(service.url, () => seedDemo(service.siteUrl, () => undefined, { scale: true }));
  seedMs = Date.now() - started;
  councillor = servicesAs(service, peopleWithRole('councillor')[0].loginName);
}, 180000);

afterAll(async () => {
  await service?.stop();
  if (service) removeDir(service.dataDir);
});

async function itemCount(list: string): Promise<number> {
  const res = await rawFetch(service.siteUrl, `_api/web/lists/getByTitle('${encodeURIComponent(list)}')?$select=ItemCount`, { user: peopleWithRole('councillor')[0].loginName });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ItemCount: number }).ItemCount;
}

describe('the large demo site (--scale)', () => {
  it('holds twelve years, every index assessed in each, 600 actions and 300 challenges', async () => {
    expect(await itemCount('Assessment periods')).toBe(SCALE.periods);
    expect(await itemCount('Maturity assessments')).toBe(SCALE.periods * 14);
    expect(await itemCount('Action plans')).toBe(600);
    expect(await itemCount('Scrutiny challenges')).toBe(300);
    const responses = await itemCount('Challenge responses');
    expect(responses).toBeGreaterThan(0);
    expect(responses).toBeLessThan(300);
    // Written in well under the time CI gives the benchmark.
    expect(seedMs).toBeLessThan(150000);
  });

  it('has financial years 2014/15 to 2025/26, each earlier year submitted by an officer and signed off by the head of procurement the May after it ended', async () => {
    const [records, submissions, decisions] = await Promise.all([councillor.periods.all(), councillor.submissions.all(), councillor.signOffs.all()]);
    const periods = records.map((r) => withSignOff(r, submissions, decisions)).sort((a, b) => a.name.localeCompare(b.name));
    expect(periods.map((p) => p.name)).toEqual(['2014/15', '2015/16', '2016/17', '2017/18', '2018/19', '2019/20', '2020/21', '2021/22', '2022/23', '2023/24', '2024/25', '2025/26']);
    expect(periods.map((p) => p.status)).toEqual([...Array(11).fill('Signed off'), 'Draft']);
    for (const p of periods.slice(0, 11)) {
      const yearEnd = Number(p.name.slice(0, 4)) + 1;
      expect(p.submittedBy?.displayName).toBe('Aisha Khan');
      expect(p.signedOffBy?.displayName).toBe('Rachel Greenwood');
      expect(p.signedOffOn?.startsWith(`${yearEnd}-05-20`)).toBe(true);
    }
  });

  it('has every index of every year assessed, with a current level, a target and evidence', async () => {
    // Every year's levels (what the dashboard's trends read), then each year in full.
    expect(await councillor.assessments.all()).toHaveLength(SCALE.periods * 14);
    const periods = await councillor.periods.all();
    const assessments = (await Promise.all(periods.map((p) => councillor.assessments.forPeriod(p.name)))).flat();
    expect(assessments).toHaveLength(SCALE.periods * 14);
    const byPeriod = new Map<string, number>();
    for (const a of assessments) byPeriod.set(a.periodName, (byPeriod.get(a.periodName) ?? 0) + 1);
    expect([...byPeriod.values()]).toEqual(Array(SCALE.periods).fill(14));
    expect(assessments.every((a) => a.currentLevel && a.targetLevel && a.evidence && !a.problems?.length)).toBe(true);
    // Signed-off years are locked as a sign-off leaves them; the draft year is not.
    expect(assessments.filter((a) => a.locked).length).toBe(11 * 14);
  });

  it('has challenges raised by councillors on signed-off years and answered by officers', async () => {
    const councillors = peopleWithRole('councillor').map((p) => p.displayName);
    const officers = peopleWithRole('officer').map((p) => p.displayName);
    const challenges = await councillor.challenges.forPeriod('2019/20');
    const responses = await councillor.challenges.responses.forPeriod('2019/20');
    expect(challenges.length).toBeGreaterThan(20);
    expect(challenges.every((c) => councillors.includes(c.raisedBy?.displayName ?? '') && c.raisedOn?.startsWith('2020-07'))).toBe(true);
    expect(responses.length).toBeGreaterThan(0);
    expect(responses.every((r) => officers.includes(r.by?.displayName ?? '') && r.on?.startsWith('2020-08'))).toBe(true);
    expect(await councillor.challenges.forPeriod('2025/26')).toEqual([]);
  });
});

/**
 * `npm start -- --reset` (the demo story): besides its three years, three colleagues outside procurement
 * were asked for their views of the draft year and gave them, two of them two levels apart on one index,
 * through the product's own code; each reads only their own.
 */
import { seedDemo } from '../../preview/seed/demoSeed';
import { peopleWithRole } from '../../preview/server/directory';
import { GROUPS } from '../../src/data/siteService';
import { loadGathering } from '../../src/data/viewGathering';
import { levelRank } from '../../src/domain/levels';
import { npsFramework2018 } from '../../src/framework';
import { asDemoLoader, removeDir, RunningService, servicesAs, startListService } from '../support/listService';

let service: RunningService;
const framework = npsFramework2018();

beforeAll(async () => {
  service = await startListService();
  await asDemoLoader(service.url, () => seedDemo(service.siteUrl));
}, 180000);

afterAll(async () => {
  await service?.stop();
  if (service) removeDir(service.dataDir);
});

it('has colleagues asked for their views of the draft year, two of them two levels apart on one index', async () => {
  const colleagues = peopleWithRole('colleague');
  const lead = servicesAs(service, peopleWithRole('officer')[0].loginName);
  const members = await lead.sp.web.siteGroups.getByName(GROUPS.contributors).users.select('LoginName')();
  expect(members.map((m: { LoginName: string }) => m.LoginName).sort()).toEqual(colleagues.map((c) => c.loginName).sort());

  const moderator = await loadGathering(lead, framework, '2025/26');
  expect(moderator.period?.status).toBe('Draft');
  expect(moderator.invitations).toHaveLength(colleagues.length);
  expect(new Set(moderator.views.map((v) => v.givenBy?.displayName))).toEqual(new Set(colleagues.map((c) => c.displayName)));
  const byIndex = new Map<string, number[]>();
  for (const v of moderator.views) byIndex.set(v.indexId, [...(byIndex.get(v.indexId) ?? []), levelRank(v.level!)]);
  const spreads = [...byIndex.entries()].filter(([, ranks]) => Math.max(...ranks) - Math.min(...ranks) >= 2).map(([id]) => id);
  expect(spreads).toEqual(['obtaining-social-value']);

  for (const c of colleagues) {
    const own = await loadGathering(servicesAs(service, c.loginName), framework);
    expect(own.period?.name).toBe('2025/26');
    expect(own).toMatchObject({ canGiveViews: true, canModerate: false, problems: [] });
    expect(new Set(own.views.map((v) => v.givenBy?.displayName))).toEqual(new Set([c.displayName]));
  }
}, 60000);

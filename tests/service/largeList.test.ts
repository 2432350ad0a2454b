/**
 * A list past SharePoint's 5,000-item list view threshold, filled through real $batch requests:
 * paging by ID walks every item, indexed filters work, non-indexed filters and sorts get the
 * SPQueryThrottledException SharePoint answers with.
 */
import { SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import type { SPFI } from '@pnp/sp';

const COUNT = 5100;
const PERIODS = ['2023/24', '2024/25', '2025/26'];

let service: RunningService;
let sp: SPFI;
let fillMs = 0;

beforeAll(async () => {
  service = await startListService();
  sp = spAs(service.siteUrl, SITE_OWNER.loginName);
  const started = Date.now();
  const [batched, execute] = sp.batched({ maxRequests: 300 });
  const target = batched.web.lists.getByTitle('Action plans');
  const pending: Promise<unknown>[] = [];
  for (let i = 1; i <= COUNT; i++) {
    pending.push(
      target.items.add({
        Title: `Action ${i}`,
        NpsPeriodName: PERIODS[i % 3],
        NpsIndexId: `KA${(i % 10) + 1}`,
        NpsActionStatus: i % 2 === 0 ? 'In progress' : 'Not started',
        NpsDueDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-15T00:00:00Z`,
      })
    );
  }
  const all = Promise.all(pending);
  await execute();
  await all;
  fillMs = Date.now() - started;
}, 60000);

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

const list = () => sp.web.lists.getByTitle('Action plans');

it(`adds ${COUNT} items through $batch in reasonable time`, async () => {
  expect((await list().select('ItemCount')()).ItemCount).toBe(COUNT);
  // Measured: a few seconds on a 2-core machine; the bound only catches pathological slowness.
  expect(fillMs).toBeLessThan(40000);
  console.log(`Filled ${COUNT} items through $batch in ${fillMs} ms`);
});

it('returns 100 items by default and walks every page by ID with odata.nextLink', async () => {
  expect(await list().items.select('Id')()).toHaveLength(100);
  const sizes: number[] = [];
  const ids: number[] = [];
  for await (const page of list().items.select('Id').top(2000)) {
    sizes.push(page.length);
    ids.push(...page.map((i: { Id: number }) => i.Id));
  }
  expect(sizes).toEqual([2000, 2000, 1100]);
  expect(new Set(ids).size).toBe(COUNT);
  expect(ids).toEqual([...ids].sort((a, b) => a - b));
});

it('allows filters and sorts on indexed columns past the threshold', async () => {
  const period = await list().items.filter(`NpsPeriodName eq '2024/25'`).select('Id').top(5000)();
  expect(period).toHaveLength(COUNT / 3);
  const sorted = await list().items.filter(`NpsActionStatus eq 'In progress'`).orderBy('NpsDueDate', false).select('NpsDueDate').top(3)();
  expect(sorted.map((i: { NpsDueDate: string }) => i.NpsDueDate)).toEqual(['2026-11-15T00:00:00Z', '2026-11-15T00:00:00Z', '2026-11-15T00:00:00Z']); // in-progress items fall due in odd months
  expect(await list().items.filter('Id gt 5095').select('Id')()).toHaveLength(5);
  // A non-indexed column is fine after an indexed first clause that selects fewer than 5,000 items.
  const narrowed = await list().items.filter(`NpsPeriodName eq '2024/25' and Title eq 'Action 4'`).select('Title')();
  expect(narrowed.map((i: { Title: string }) => i.Title)).toEqual(['Action 4']);
});

it('answers 500 SPQueryThrottledException for non-indexed filters and sorts', async () => {
  for (const query of [`$filter=Title eq 'Action 5'`, `$filter=Title eq 'Action 4' and NpsPeriodName eq '2024/25'`, '$orderby=Title', '$orderby=Created desc']) {
    const res = await rawFetch(service.siteUrl, `_api/web/lists/getbytitle('Action%20plans')/items?${encodeURI(query)}`);
    expect({ query, status: res.status }).toEqual({ query, status: 500 });
    const body = await res.json();
    expect(body['odata.error'].code).toContain('SPQueryThrottledException');
    expect(body['odata.error'].message.value).toBe('The attempted operation is prohibited because it exceeds the list view threshold.');
  }
  await expect(list().items.filter(`startswith(Title,'Action 5')`)()).rejects.toMatchObject({ status: 500 });
});

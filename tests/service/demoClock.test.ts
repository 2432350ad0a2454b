import { rawFetch, RunningService, startListService } from '../support/listService';

/*
 * The demo loader may date what it writes (X-Local-Clock), so the preview's past years read as past.
 * It is honoured only together with the loader's X-Local-Seed header; nobody else can back-date.
 */
let service: RunningService;
beforeAll(async () => {
  service = await startListService();
}, 30000);
afterAll(async () => {
  await service?.stop();
});

async function addPeriodItem(title: string, headers: Record<string, string>): Promise<{ Created: string; Modified: string }> {
  const res = await rawFetch(service.siteUrl, "_api/web/lists/getbytitle('Assessment%20periods')/items", {
    method: 'POST',
    digest: true,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ Title: title }),
  });
  expect(res.status).toBe(201);
  return res.json();
}

describe('the demo loader\'s clock', () => {
  it('dates an item written by the demo loader at the time it names', async () => {
    const item = await addPeriodItem('dated', { 'X-Local-Seed': '1', 'X-Local-Clock': '2024-05-20T14:30:00Z' });
    expect(item.Created).toBe('2024-05-20T14:30:00Z');
    expect(item.Modified).toBe('2024-05-20T14:30:00Z');
  });

  it('ignores the clock from anyone but the demo loader', async () => {
    const before = Date.now();
    const item = await addPeriodItem('not dated', { 'X-Local-Clock': '2024-05-20T14:30:00Z' });
    expect(Date.parse(item.Created)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000);
  });
});

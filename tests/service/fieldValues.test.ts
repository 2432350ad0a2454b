/**
 * Values SharePoint refuses: duplicates in a unique column (on add and update, inside $batch, and
 * under concurrent adds), and dates that do not exist or fall outside 1900-01-01 .. 8900-12-31.
 */
import { SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import { FIXTURE_ASSETS, RECORDS } from './fixtures/lists';
import type { SPFI } from '@pnp/sp';

let service: RunningService;
let sp: SPFI;

beforeAll(async () => {
  service = await startListService({ assetsDir: FIXTURE_ASSETS });
  sp = spAs(service.siteUrl, SITE_OWNER.loginName);
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

const records = () => sp.web.lists.getByTitle(RECORDS);
const DUPLICATE_CODE = 'Microsoft.SharePoint.SPDuplicateValuesFoundException';

function expectDuplicate(err: { status: number; message: string }): void {
  expect(err.status).toBe(400);
  expect(err.message).toContain(DUPLICATE_CODE);
  expect(err.message).toContain('duplicate values were found in the following field(s) in the list: [RecKey]');
}

describe('unique columns', () => {
  it('refuses a duplicate on add and on update with SPDuplicateValuesFoundException', async () => {
    const first = await records().items.add({ Title: 'First', RecKey: 'DUP-1' });
    const second = await records().items.add({ Title: 'Second', RecKey: 'DUP-2' });
    expectDuplicate(await records().items.add({ Title: 'Again', RecKey: 'dup-1' }).catch((e) => e));
    expectDuplicate(await records().items.getById(second.Id).update({ RecKey: 'DUP-1' }).catch((e) => e));
    expect((await records().items.getById(second.Id)()).RecKey).toBe('DUP-2');
    expect((await records().items.getById(first.Id)()).RecKey).toBe('DUP-1');
  });

  it('refuses a duplicate inside $batch in its own part, including one added earlier in the same batch', async () => {
    const existing = await records().items.add({ Title: 'Batch existing', RecKey: 'B-1' });
    const [batched, execute] = sp.batched();
    const list = batched.web.lists.getByTitle(RECORDS);
    const results = Promise.allSettled([
      list.items.add({ Title: 'Batch new', RecKey: 'B-2' }),
      list.items.add({ Title: 'Batch duplicate of new', RecKey: 'B-2' }),
      list.items.add({ Title: 'Batch duplicate of existing', RecKey: 'b-1' }),
      list.items.getById(existing.Id).update({ RecKey: 'B-2' }),
    ]);
    await execute();
    const [ok, dupNew, dupExisting, dupUpdate] = await results;
    expect(ok.status).toBe('fulfilled');
    for (const r of [dupNew, dupExisting, dupUpdate]) expectDuplicate((r as PromiseRejectedResult).reason);
    const values = (await records().items.filter(`startswith(RecKey,'B-')`).select('RecKey')()).map((i: { RecKey: string }) => i.RecKey);
    expect(values.sort()).toEqual(['B-1', 'B-2']);
  });

  it('lets exactly one of two concurrent adds of the same value through', async () => {
    const post = () =>
      rawFetch(service.siteUrl, `_api/web/lists/getbytitle('${RECORDS}')/items`, {
        method: 'POST',
        user: SITE_OWNER.email,
        digest: true,
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ Title: 'Racing', RecKey: 'RACE-1' }),
      });
    const responses = await Promise.all([post(), post()]);
    expect(responses.map((r) => r.status).sort()).toEqual([201, 400]);
    const refused = responses.find((r) => r.status === 400)!;
    expect((await refused.json())['odata.error'].code).toContain(DUPLICATE_CODE);
    expect(await records().items.filter(`RecKey eq 'RACE-1'`)()).toHaveLength(1);
  });
});

describe('dates', () => {
  const CONVERSION = "Cannot convert a primitive value to the expected type 'Edm.DateTime'. See the inner exception for more details.";
  const refused = async (values: Record<string, unknown>) => {
    const res = await rawFetch(service.siteUrl, `_api/web/lists/getbytitle('${RECORDS}')/items`, {
      method: 'POST',
      user: SITE_OWNER.email,
      digest: true,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ Title: 'refused', ...values }),
    });
    expect(res.status).toBe(400);
    expect((await res.json())['odata.error'].message.value).toBe(CONVERSION);
  };

  it('refuses dates that do not exist instead of rolling them over', async () => {
    await refused({ RecWhen: '2026-02-31T12:00:00Z' });
    await refused({ RecDay: '2026-04-31' });
    await refused({ RecDay: '2023-02-29' });
    await refused({ RecWhen: '2026-07-01T24:00:00Z' });
    await refused({ RecWhen: '2026-13-01T00:00:00Z' });
    const leap = await records().items.add({ Title: 'leap day', RecDay: '2024-02-29' });
    expect(leap.RecDay).toBe('2024-02-29T00:00:00Z');
    expect(await records().items.filter(`Title eq 'refused'`)()).toEqual([]);
  });

  it('refuses dates before 1900-01-01 or after 8900-12-31 (0001-01-01 is not read as 1901)', async () => {
    await refused({ RecWhen: '0001-01-01T00:00:00Z' });
    await refused({ RecDay: '0001-01-01' });
    await refused({ RecWhen: '1899-12-31T23:59:59Z' });
    await refused({ RecWhen: '1900-01-01T00:30:00+01:00' });
    await refused({ RecWhen: '8901-01-01T00:00:00Z' });
    const edges = await records().items.add({ Title: 'edges', RecWhen: '1900-01-01T00:00:00Z', RecDay: '8900-12-31' });
    expect(edges.RecWhen).toBe('1900-01-01T00:00:00Z');
    expect(edges.RecDay).toBe('8900-12-31T00:00:00Z');
  });

  it('refuses an impossible date on update too, changing nothing', async () => {
    const item = await records().items.add({ Title: 'to update', RecWhen: '2026-03-31T10:00:00Z' });
    const err = await records().items.getById(item.Id).update({ RecWhen: '2026-02-30T10:00:00Z' }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.message).toContain("expected type 'Edm.DateTime'");
    expect((await records().items.getById(item.Id)()).RecWhen).toBe('2026-03-31T10:00:00Z');
  });
});

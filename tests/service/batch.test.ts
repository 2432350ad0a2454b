/**
 * $batch exactly as PnPjs's sp.batched() sends and parses it: reads and writes in one request, each
 * part with its own result, ETags passed back, failures reported only in their own part.
 */
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import type { SPFI } from '@pnp/sp';

const visitor = DIRECTORY.find((p) => p.role === 'councillor')!;

let service: RunningService;
let sp: SPFI;

beforeAll(async () => {
  service = await startListService();
  sp = spAs(service.siteUrl, SITE_OWNER.loginName);
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

describe('$batch', () => {
  it('runs reads and writes in one request, each answered in its own part', async () => {
    const existing = await sp.web.lists.getByTitle('Action plans').items.add({ Title: 'Existing', NpsPeriodName: '2025/26', NpsIndexId: 'KA4' });
    const [batched, execute] = sp.batched();
    const list = batched.web.lists.getByTitle('Action plans');
    const adds = [1, 2, 3].map((n) => list.items.add({ Title: `Batched ${n}`, NpsPeriodName: '2025/26', NpsIndexId: `KA${n}` }));
    const read = list.items.getById(existing.Id)();
    const update = list.items.getById(existing.Id).update({ NpsActionStatus: 'In progress' }, '"1"');
    const stale = list.items.getById(existing.Id).update({ NpsActionStatus: 'Complete' }, '"1"');
    const bad = list.items.add({ Title: 'bad', NpsNoSuchField: 1 });
    const web = batched.web.select('Title')();
    const all = Promise.allSettled([...adds, read, update, stale, bad, web]);
    await execute();
    const results = await all;
    const [a1, a2, a3, r, u, s, b, w] = results;
    for (const a of [a1, a2, a3]) {
      expect(a.status).toBe('fulfilled');
      expect((a as PromiseFulfilledResult<{ 'odata.etag': string }>).value['odata.etag']).toBe('"1"');
    }
    expect((r as PromiseFulfilledResult<{ Title: string }>).value.Title).toBe('Existing');
    expect((u as PromiseFulfilledResult<{ etag: string }>).value.etag).toBe('"2"');
    expect(s.status).toBe('rejected');
    expect((s as PromiseRejectedResult).reason.status).toBe(412);
    expect(b.status).toBe('rejected');
    expect((b as PromiseRejectedResult).reason.status).toBe(400);
    expect((w as PromiseFulfilledResult<{ Title: string }>).value.Title).toBe('Procurement');
    // The failed parts changed nothing; the good ones were committed.
    const after = await sp.web.lists.getByTitle('Action plans').items.select('Title', 'NpsActionStatus').orderBy('Id')();
    expect(after.map((i: { Title: string }) => i.Title)).toEqual(['Existing', 'Batched 1', 'Batched 2', 'Batched 3']);
    expect(after[0].NpsActionStatus).toBe('In progress');
  });

  it('applies the caller\'s permissions to every part', async () => {
    await sp.web.siteGroups.getByName('Procurement Visitors').users.add(visitor.loginName);
    const asVisitor = spAs(service.siteUrl, visitor.loginName);
    const [batched, execute] = asVisitor.batched();
    const list = batched.web.lists.getByTitle('Action plans');
    const read = list.items.select('Id')();
    const add = list.items.add({ Title: 'Visitor write' });
    const [, results] = await Promise.all([execute(), Promise.allSettled([read, add])]);
    expect(results[0].status).toBe('fulfilled');
    expect(results[1].status).toBe('rejected');
    expect((results[1] as PromiseRejectedResult).reason.status).toBe(403);
  });

  it('needs the form digest on the $batch request', async () => {
    const boundary = 'batch_test';
    const body = [
      `--${boundary}`,
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `GET ${service.siteUrl}/_api/web HTTP/1.1`,
      'Accept: application/json',
      '',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const headers = { 'Content-Type': `multipart/mixed; boundary=${boundary}` };
    const without = await rawFetch(service.siteUrl, '_api/$batch', { method: 'POST', body, headers });
    expect(without.status).toBe(403);
    const withDigest = await rawFetch(service.siteUrl, '_api/$batch', { method: 'POST', body, headers, digest: true });
    expect(withDigest.status).toBe(200);
    const text = await withDigest.text();
    expect(withDigest.headers.get('content-type')).toMatch(/^multipart\/mixed; boundary=batchresponse_/);
    expect(text).toMatch(/^--batchresponse_[0-9a-f-]+\r\nContent-Type: application\/http\r\n/);
    expect(text).toContain('HTTP/1.1 200 OK');
    expect(text).toContain('"Title":"Procurement"');
    expect(text.endsWith('--\r\n')).toBe(true);
  });

  it('answers a malformed batch body with 400', async () => {
    const res = await rawFetch(service.siteUrl, '_api/$batch', {
      method: 'POST',
      body: '--batch_x\r\nContent-Type: application/http\r\n\r\nNOT A REQUEST LINE\r\n',
      headers: { 'Content-Type': 'multipart/mixed; boundary=batch_x' },
      digest: true,
    });
    expect(res.status).toBe(400);
    expect((await res.json())['odata.error']).toBeDefined();
  });
});

/**
 * Start-up readiness: started not ready (--not-ready, as npm start does while it loads the demo data),
 * the service answers 503 with Retry-After: 1 to everything except the loader (X-Local-Seed: 1) and the
 * health/ready switches; once marked ready it answers normally, and a PnPjs client that asked meanwhile
 * simply waits. A malformed request never stops the process.
 */
import { connect } from 'net';
import { SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import { FIXTURE_ASSETS, RECORDS } from './fixtures/lists';

let service: RunningService;

// Each test has a service of its own, started not ready, so any test can run alone.
beforeEach(async () => {
  service = await startListService({ assetsDir: FIXTURE_ASSETS, extraArgs: ['--not-ready'] });
});

afterEach(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

it('answers 503 with Retry-After until marked ready, while the loader gets through', async () => {
  const api = await rawFetch(service.siteUrl, '_api/web', { user: SITE_OWNER.email });
  expect(api.status).toBe(503);
  expect(api.headers.get('retry-after')).toBe('1');
  expect(api.headers.get('content-type')).toContain('text/plain');
  expect(await api.text()).toMatch(/starting/);
  const page = await fetch(`${service.url}/`);
  expect(page.status).toBe(503);
  expect(page.headers.get('retry-after')).toBe('1');
  const attachment = await fetch(`${service.siteUrl}/Lists/TestRecords/Attachments/1/a.txt`);
  expect(attachment.status).toBe(503);
  expect((await fetch(`${service.url}/_local/outbox`)).status).toBe(503);

  const health = await (await fetch(`${service.url}/_local/health`)).json();
  expect(health).toMatchObject({ status: 'starting', ready: false });

  // The demo loader marks its requests and can read and write.
  const seed = { 'X-Local-Seed': '1' };
  const web = await rawFetch(service.siteUrl, '_api/web', { user: SITE_OWNER.email, headers: seed });
  expect(web.status).toBe(200);
  const ctx = await rawFetch(service.siteUrl, '_api/contextinfo', { method: 'POST', user: SITE_OWNER.email, headers: seed });
  const digest = ((await ctx.json()) as { FormDigestValue: string }).FormDigestValue;
  const added = await rawFetch(service.siteUrl, `_api/web/lists/getbytitle('${RECORDS}')/items`, {
    method: 'POST',
    user: SITE_OWNER.email,
    headers: { ...seed, 'Content-Type': 'application/json', 'X-RequestDigest': digest },
    body: JSON.stringify({ Title: 'Loaded by the seed' }),
  });
  expect(added.status).toBe(201);

  // A PnPjs client asking meanwhile waits (it retries a 503 after Retry-After) and gets its answer once ready.
  const waiting = spAs(service.siteUrl, SITE_OWNER.loginName).web.lists.getByTitle(RECORDS).items.select('Title')();
  await new Promise((r) => setTimeout(r, 300));
  const ready = await (await fetch(`${service.url}/_local/ready`, { method: 'POST' })).json();
  expect(ready).toEqual({ ready: true });
  expect((await waiting).map((i: { Title: string }) => i.Title)).toEqual(['Loaded by the seed']);

  expect((await rawFetch(service.siteUrl, '_api/web', { user: SITE_OWNER.email })).status).toBe(200);
  expect(await (await fetch(`${service.url}/_local/health`)).json()).toMatchObject({ status: 'ok', ready: true });
});

it('answers a malformed request with 400 and keeps running', async () => {
  // Once ready, as after the demo data has loaded.
  expect(await (await fetch(`${service.url}/_local/ready`, { method: 'POST' })).json()).toEqual({ ready: true });
  const port = new URL(service.url).port;
  const reply = await new Promise<string>((resolve, reject) => {
    const socket = connect(Number(port), '127.0.0.1', () => socket.write('GET /_api/web HTTP/1.1\r\nHost: bad host\r\nConnection: close\r\n\r\n'));
    let text = '';
    socket.on('data', (d) => (text += d.toString()));
    socket.on('end', () => resolve(text));
    socket.on('error', reject);
  });
  expect(reply.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
  expect((await rawFetch(service.siteUrl, '_api/web', { user: SITE_OWNER.email })).status).toBe(200);
  expect(service.stderr()).not.toMatch(/Invalid URL/);
});

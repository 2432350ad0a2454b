/**
 * Tenant properties (storage entities): web/GetStorageEntity('key') answers with SharePoint's shape
 * (nulls for an unknown key), readable by anyone who can open the site; set and removed through the
 * /_local/storage-entity testing switch and kept across restarts.
 */
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';

const councillor = DIRECTORY.find((p) => p.role === 'councillor')!;
const outsider = DIRECTORY.find((p) => p.role === 'other')!;

let service: RunningService;

beforeAll(async () => {
  service = await startListService();
  await spAs(service.siteUrl, SITE_OWNER.loginName).web.siteGroups.getByName('Procurement Visitors').users.add(councillor.loginName);
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

const setEntity = (body: unknown, method = 'POST') =>
  fetch(`${service.url}/_local/storage-entity`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
const getEntity = async (key: string, user = councillor.email) => {
  const res = await rawFetch(service.siteUrl, `_api/web/GetStorageEntity('${encodeURIComponent(key)}')`, { user });
  return { status: res.status, body: await res.json() };
};

it('answers an unknown key with nulls in the same shape', async () => {
  const { status, body } = await getEntity('NpsToolkitNotSet');
  expect(status).toBe(200);
  expect(body).toEqual({ 'odata.metadata': `${service.siteUrl}/_api/$metadata#SP.StorageEntity`, Comment: null, Description: null, Value: null });
});

it('returns a property set through the switch to anyone who can open the site, and keeps it across a restart', async () => {
  const set = await setEntity({ key: 'NpsToolkitSettings', value: '{"framework":"2018"}', description: 'Toolkit settings', comment: 'Set by the tenant admin' });
  expect(set.status).toBe(200);
  const expected = { Comment: 'Set by the tenant admin', Description: 'Toolkit settings', Value: '{"framework":"2018"}' };
  expect((await getEntity('NpsToolkitSettings')).body).toMatchObject(expected);
  // Through PnPjs as the product reads it.
  const viaPnp = await spAs(service.siteUrl, councillor.loginName).web.getStorageEntity('NpsToolkitSettings');
  expect(viaPnp).toMatchObject(expected);
  // Someone who cannot open the site cannot read it.
  expect((await getEntity('NpsToolkitSettings', outsider.email)).status).toBe(403);
  // Optional parts may be left out; setting again replaces the value.
  await setEntity({ key: 'NpsToolkitSettings', value: 'v2' });
  expect((await getEntity('NpsToolkitSettings')).body).toMatchObject({ Comment: null, Description: null, Value: 'v2' });

  await service.kill9();
  await service.restart();
  expect((await getEntity('NpsToolkitSettings')).body).toMatchObject({ Value: 'v2' });
});

it('removes a property with DELETE and refuses a switch call without a key or value', async () => {
  await setEntity({ key: 'NpsTemporary', value: 'x' });
  const removed = await setEntity({ key: 'NpsTemporary' }, 'DELETE');
  expect(removed.status).toBe(200);
  expect((await getEntity('NpsTemporary')).body).toMatchObject({ Value: null });
  expect((await setEntity({ value: 'no key' })).status).toBe(400);
  expect((await setEntity({ key: 'NoValue' })).status).toBe(400);
  expect((await fetch(`${service.url}/_local/storage-entity`, { method: 'POST', body: 'not json' })).status).toBe(400);
});

/**
 * Item-level permissions of a list (List settings, Advanced settings; SP.List.ReadSecurity and
 * WriteSecurity) as SharePoint Online enforces them, over real HTTP as each kind of caller: set by a
 * MERGE on the list, read with $select; with ReadSecurity 2 each person reads only the items they
 * created, in queries (filters, order, paging), by id, in $batch, versions and attachments; with
 * WriteSecurity 2 they change only their own, with 4 nobody adds or changes; anyone with Override List
 * Behaviors (CancelCheckout: Full Control, Design, a custom level with it, a site collection admin)
 * is not limited. Settings survive kill -9. A list someone on the site cannot open does not exist to them.
 */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { PermissionKind } from '@pnp/sp/security';
import type { SPFI } from '@pnp/sp';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { ROLE_IDS } from '../../preview/server/permissions';
import { rawFetch, removeDir, REPO_ROOT, RunningService, spAs, startListService } from '../support/listService';
import { FIXTURE_ASSETS, NOTES, RECORDS } from './fixtures/lists';

const byRole = (role: string) => DIRECTORY.filter((p) => p.role === role);
const [aisha, tom] = byRole('officer');
const head = byRole('headOfProcurement')[0];
const [councillor, david, susan] = byRole('councillor');
const kevin = byRole('other')[0];
const martin = byRole('director')[0];

let service: RunningService;
let owner: SPFI;
const as = (p: { loginName: string }) => spAs(service.siteUrl, p.loginName);
const records = (sp: SPFI) => sp.web.lists.getByTitle(RECORDS);
const notes = (sp: SPFI) => sp.web.lists.getByTitle(NOTES);
const recordsPath = `_api/web/lists/getbytitle('${encodeURIComponent(RECORDS)}')`;
const notesPath = `_api/web/lists/getbytitle('${encodeURIComponent(NOTES)}')`;

async function settingsOf(path: string, who = SITE_OWNER): Promise<{ ReadSecurity: number; WriteSecurity: number }> {
  const res = await rawFetch(service.siteUrl, `${path}?$select=ReadSecurity,WriteSecurity,Title`, { user: who.loginName });
  expect(res.status).toBe(200);
  return res.json();
}

/** MERGE on the list, as PnPjs's list.update sends it. */
function setList(path: string, body: Record<string, unknown>, who = SITE_OWNER, method: 'MERGE' | 'PATCH' = 'MERGE'): Promise<Response> {
  return rawFetch(service.siteUrl, path, {
    method: method === 'MERGE' ? 'POST' : 'PATCH',
    user: who.loginName,
    digest: true,
    headers: { 'Content-Type': 'application/json', 'IF-MATCH': '*', ...(method === 'MERGE' ? { 'X-HTTP-Method': 'MERGE' } : {}) },
    body: JSON.stringify(body),
  });
}

const titles = async (sp: SPFI, list = records) => (await list(sp).items.select('Title').top(5000)()).map((i: { Title: string }) => i.Title).sort();

beforeAll(async () => {
  service = await startListService({ assetsDir: FIXTURE_ASSETS });
  owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  const addTo = async (group: string, login: string) => owner.web.siteGroups.getByName(group).users.add(login);
  await addTo('Procurement Members', aisha.loginName);
  await addTo('Procurement Members', tom.loginName);
  await addTo('Procurement Owners', head.loginName);
  await addTo('Procurement Visitors', councillor.loginName);
  await addTo('Procurement Visitors', susan.loginName);
  // David: Design on the site (has CancelCheckout). Kevin: Read plus Override List Behaviors, a custom level.
  const davidId = (await owner.web.ensureUser(david.loginName)).Id;
  await owner.web.roleAssignments.add(davidId, ROLE_IDS.design);
  const read = await owner.web.roleDefinitions.getByType(2).select('BasePermissions')();
  const override = await owner.web.roleDefinitions.add('Read and override list behaviours', 'Read, and read every item whatever the list says', 300, {
    High: Number(read.BasePermissions.High),
    Low: Number(read.BasePermissions.Low) + 2 ** (PermissionKind.CancelCheckout - 1),
  });
  await owner.web.roleAssignments.add((await owner.web.ensureUser(kevin.loginName)).Id, override.data.Id);
}, 60000);

afterAll(async () => {
  await service?.stop();
  if (service) removeDir(service.dataDir);
});

describe('setting item-level permissions', () => {
  it('reads 1 and 1 by default, takes a MERGE or PATCH from someone who may manage the list, and refuses bad values and readers', async () => {
    expect(await settingsOf(recordsPath)).toMatchObject({ ReadSecurity: 1, WriteSecurity: 1, Title: RECORDS });
    // Read has no ManageLists: refused, nothing changed.
    expect((await setList(recordsPath, { ReadSecurity: 2 }, councillor)).status).toBe(403);
    expect((await setList(recordsPath, { ReadSecurity: 3 })).status).toBe(400);
    expect((await setList(recordsPath, { WriteSecurity: 3 })).status).toBe(400);
    expect((await setList(recordsPath, { ReadSecurity: '2' })).status).toBe(400);
    expect((await setList(recordsPath, { Title: 'Renamed' })).status).toBe(400);
    expect(await settingsOf(recordsPath)).toMatchObject({ ReadSecurity: 1, WriteSecurity: 1 });

    // PnPjs's own list.update (POST with X-HTTP-Method: MERGE).
    await records(owner).update({ ReadSecurity: 2 });
    expect(await settingsOf(recordsPath)).toMatchObject({ ReadSecurity: 2, WriteSecurity: 1 });
    expect((await setList(recordsPath, { WriteSecurity: 2 }, SITE_OWNER, 'PATCH')).status).toBe(204);
    expect(await settingsOf(recordsPath)).toMatchObject({ ReadSecurity: 2, WriteSecurity: 2 });
    // Not part of the list's default properties, as in SharePoint: only when $select names them.
    const plain = (await (await rawFetch(service.siteUrl, recordsPath, { user: SITE_OWNER.loginName })).json()) as Record<string, unknown>;
    expect(plain.ReadSecurity).toBeUndefined();
    expect(await records(owner).select('ReadSecurity')()).toMatchObject({ ReadSecurity: 2 });
    await records(owner).update({ ReadSecurity: 1, WriteSecurity: 1 });
  });
});

describe('ReadSecurity 2: each person reads only their own items', () => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    for (const [who, n] of [[aisha, 3], [tom, 2]] as const) {
      for (let i = 1; i <= n; i++) ids[`${who.firstName} ${i}`] = (await records(as(who)).items.add({ Title: `${who.firstName} ${i}` })).Id;
    }
    ids['Tom with attachment'] = (await records(as(tom)).items.add({ Title: 'Tom with attachment' })).Id;
    await records(as(tom)).items.getById(ids['Tom with attachment']).attachmentFiles.add('note.txt', 'Tom only');
    await records(as(tom)).items.getById(ids['Tom 1']).update({ Title: 'Tom 1' });
    await records(owner).update({ ReadSecurity: 2 });
  });
  afterAll(async () => {
    await records(owner).update({ ReadSecurity: 1 });
  });

  it('leaves others\' items out of queries, whatever the filter, order and page size', async () => {
    expect(await titles(as(aisha))).toEqual(['Aisha 1', 'Aisha 2', 'Aisha 3']);
    expect(await titles(as(tom))).toEqual(['Tom 1', 'Tom 2', 'Tom with attachment']);
    // A filter that names someone else's item finds nothing; ordering and paging see only one's own.
    expect(await records(as(aisha)).items.filter(`Title eq 'Tom 1'`)()).toEqual([]);
    expect(await records(as(aisha)).items.filter(`Id eq ${ids['Tom 1']}`)()).toEqual([]);
    const firstPage = await rawFetch(service.siteUrl, `${recordsPath}/items?$select=Title&$orderby=Title desc&$top=2`, { user: aisha.loginName });
    const page1 = (await firstPage.json()) as { value: { Title: string }[]; 'odata.nextLink'?: string };
    expect(page1.value.map((i) => i.Title)).toEqual(['Aisha 3', 'Aisha 2']);
    expect(page1['odata.nextLink']).toBeDefined();
    const next = await fetch(page1['odata.nextLink']!, { headers: { Accept: 'application/json', 'X-Local-User': aisha.loginName } });
    const page2 = (await next.json()) as { value: { Title: string }[]; 'odata.nextLink'?: string };
    expect(page2.value.map((i) => i.Title)).toEqual(['Aisha 1']);
    expect(page2['odata.nextLink']).toBeUndefined();
    // Someone who created nothing reads nothing, though Read lets them open the list.
    expect(await titles(as(councillor))).toEqual([]);
  });

  it('answers 404 for someone else\'s item by id, and for its versions, attachments and properties; 403 for its attachment file', async () => {
    const id = ids['Tom with attachment'];
    const base = `${recordsPath}/items(${id})`;
    for (const path of [base, `${recordsPath}/items/getbyid(${id})`, `${base}/versions`, `${base}/AttachmentFiles`, `${base}/AttachmentFiles('note.txt')/$value`, `${base}/Title`]) {
      const res = await rawFetch(service.siteUrl, path, { user: aisha.loginName });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      if (path === base) expect(await res.text()).toContain('Item does not exist. It may have been deleted by another user.');
    }
    expect((await rawFetch(service.siteUrl, `${recordsPath}/items(${ids['Tom 1']})/versions`, { user: aisha.loginName })).status).toBe(404);
    const file = await fetch(`${service.siteUrl}/Lists/TestRecords/Attachments/${id}/note.txt`, { headers: { 'X-Local-User': aisha.email } });
    expect(file.status).toBe(403);
    // Tom reads his own, versions and attachment included.
    expect((await records(as(tom)).items.getById(ids['Tom 1']).versions()).length).toBe(2);
    expect(await records(as(tom)).items.getById(id).attachmentFiles.getByName('note.txt').getText()).toBe('Tom only');
  });

  it('trims $batch parts the same way', async () => {
    const [batched, execute] = as(aisha).batched();
    const all = records(batched).items.select('Title').top(5000)();
    const mine = records(batched).items.getById(ids['Aisha 1'])();
    const theirs = records(batched).items.getById(ids['Tom 2'])();
    const settled = Promise.allSettled([all, mine, theirs]);
    await execute();
    const [a, m, t] = await settled;
    expect((a as PromiseFulfilledResult<{ Title: string }[]>).value.map((i) => i.Title).sort()).toEqual(['Aisha 1', 'Aisha 2', 'Aisha 3']);
    expect((m as PromiseFulfilledResult<{ Title: string }>).value.Title).toBe('Aisha 1');
    expect((t as PromiseRejectedResult).reason.status).toBe(404);
  });

  it('does not limit Full Control, Design, a level with Override List Behaviors, or a site collection admin; Edit and Read are limited', async () => {
    const everything = ['Aisha 1', 'Aisha 2', 'Aisha 3', 'Tom 1', 'Tom 2', 'Tom with attachment'];
    for (const who of [SITE_OWNER, head, david, kevin]) expect({ who: who.displayName, titles: await titles(as(who)) }).toEqual({ who: who.displayName, titles: everything });
    expect((await records(as(head)).items.getById(ids['Tom 1'])()).Title).toBe('Tom 1');
    expect(await records(as(kevin)).items.getById(ids['Tom with attachment']).attachmentFiles.getByName('note.txt').getText()).toBe('Tom only');
    // Whether someone is limited shows in their permissions on the list: CancelCheckout (9).
    expect(await records(as(kevin)).currentUserHasPermissions(PermissionKind.CancelCheckout)).toBe(true);
    expect(await records(as(aisha)).currentUserHasPermissions(PermissionKind.CancelCheckout)).toBe(false);
    expect(await records(as(councillor)).currentUserHasPermissions(PermissionKind.CancelCheckout)).toBe(false);
  });

  it('keeps the settings and the trimming across kill -9 and a restart', async () => {
    await records(owner).update({ WriteSecurity: 2 });
    await service.kill9();
    await service.restart();
    expect(await settingsOf(recordsPath)).toMatchObject({ ReadSecurity: 2, WriteSecurity: 2 });
    expect(await titles(as(aisha))).toEqual(['Aisha 1', 'Aisha 2', 'Aisha 3']);
    expect((await rawFetch(service.siteUrl, `${recordsPath}/items(${ids['Tom 1']})`, { user: aisha.loginName })).status).toBe(404);
    await records(owner).update({ WriteSecurity: 1 });
  });
});

describe('WriteSecurity', () => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    ids.aisha = (await notes(as(aisha)).items.add({ Title: 'Aisha\'s note' })).Id;
    ids.tom = (await notes(as(tom)).items.add({ Title: 'Tom\'s note' })).Id;
  });
  const merge = (who: { loginName: string }, id: number, title: string) =>
    rawFetch(service.siteUrl, `${notesPath}/items(${id})`, {
      method: 'POST',
      user: who.loginName,
      digest: true,
      headers: { 'Content-Type': 'application/json', 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' },
      body: JSON.stringify({ Title: title }),
    });
  const post = (who: { loginName: string }, title: string) =>
    rawFetch(service.siteUrl, `${notesPath}/items`, { method: 'POST', user: who.loginName, digest: true, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ Title: title }) });

  it('2: people still read everything (ReadSecurity 1) but change and delete only their own; overriders change anything', async () => {
    await notes(owner).update({ WriteSecurity: 2 });
    expect(await titles(as(aisha), notes)).toEqual(["Aisha's note", "Tom's note"]);
    expect((await merge(aisha, ids.aisha, "Aisha's note (edited)")).status).toBe(204);
    const refused = await merge(aisha, ids.tom, 'Not hers');
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('Access denied.');
    expect((await rawFetch(service.siteUrl, `${notesPath}/items(${ids.tom})`, { method: 'DELETE', user: aisha.loginName, digest: true, headers: { 'IF-MATCH': '*' } })).status).toBe(403);
    // The form path and attachments follow the same rule.
    const viaForm = await rawFetch(service.siteUrl, `${notesPath}/items(${ids.tom})/validateupdatelistitem`, {
      method: 'POST',
      user: aisha.loginName,
      digest: true,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ formValues: [{ FieldName: 'Title', FieldValue: 'Not hers either' }] }),
    });
    expect(viaForm.status).toBe(403);
    // Adding is still open to anyone who may add.
    expect((await post(aisha, 'Another of Aisha\'s')).status).toBe(201);
    expect((await merge(head, ids.tom, "Tom's note (edited by the head of procurement)")).status).toBe(204);
    expect((await notes(owner).items.getById(ids.tom)()).Title).toBe("Tom's note (edited by the head of procurement)");
  });

  it('4: nobody without Override List Behaviors adds or changes an item, through any path', async () => {
    await notes(owner).update({ WriteSecurity: 4 });
    expect((await post(aisha, 'Refused')).status).toBe(403);
    expect((await merge(aisha, ids.aisha, 'Refused')).status).toBe(403);
    const form = await rawFetch(service.siteUrl, `${notesPath}/AddValidateUpdateItemUsingPath`, {
      method: 'POST',
      user: tom.loginName,
      digest: true,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ listItemCreateInfo: { FolderPath: { DecodedUrl: '' }, UnderlyingObjectType: 0 }, formValues: [{ FieldName: 'Title', FieldValue: 'Refused' }] }),
    });
    expect(form.status).toBe(403);
    expect((await post(head, 'The head of procurement may')).status).toBe(201);
    expect((await post(david, 'Design may')).status).toBe(201);
    await notes(owner).update({ WriteSecurity: 1 });
    expect((await post(aisha, 'Open again')).status).toBe(201);
  });
});

describe('a list someone cannot open', () => {
  it('does not exist (404) to someone on the site, and is access denied (403) to someone not on it', async () => {
    await notes(owner).breakRoleInheritance(true, false);
    const visitors = await owner.web.siteGroups.getByName('Procurement Visitors')();
    await notes(owner).roleAssignments.remove(visitors.Id, ROLE_IDS.read);
    for (const path of [notesPath, `${notesPath}/items`, `${notesPath}/items(${1})`, `${notesPath}/fields`]) {
      const res = await rawFetch(service.siteUrl, path, { user: susan.loginName });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expect(await res.text()).toContain(`List '${NOTES}' does not exist at site with URL '${service.siteUrl}'.`);
    }
    // Not in the site's lists either; the list she can read still opens.
    expect((await as(susan).web.lists.select('Title')()).map((l: { Title: string }) => l.Title)).toEqual([RECORDS]);
    expect((await rawFetch(service.siteUrl, recordsPath, { user: susan.loginName })).status).toBe(200);
    // Martin is not on the site at all.
    expect((await rawFetch(service.siteUrl, notesPath, { user: martin.loginName })).status).toBe(403);
    await notes(owner).resetRoleInheritance();
  });
});

describe('a data directory from before item-level permissions', () => {
  it('opens with every list reading and writing all items (1), and takes the settings from then on', async () => {
    await records(owner).update({ ReadSecurity: 2 });
    await service.stop();
    const node = join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node');
    const script = `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(process.argv[1]);
      db.exec('ALTER TABLE lists DROP COLUMN read_security; ALTER TABLE lists DROP COLUMN write_security;'); db.close();`;
    const dropped = spawnSync(Number(process.versions.node.split('.')[0]) >= 22 || !existsSync(node) ? process.execPath : node, ['-e', script, join(service.dataDir, 'site.db')], { encoding: 'utf8' });
    expect(dropped.stderr).not.toMatch(/Error/);
    expect(dropped.status).toBe(0);
    await service.restart();
    expect(await settingsOf(recordsPath)).toMatchObject({ ReadSecurity: 1, WriteSecurity: 1 });
    expect(await titles(as(aisha))).toContain('Tom 1');
    await records(owner).update({ ReadSecurity: 2 });
    expect(await titles(as(aisha))).not.toContain('Tom 1');
  });
});

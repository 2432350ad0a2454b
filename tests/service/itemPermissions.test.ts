/**
 * Item-level permissions as SharePoint does them: breaking and resetting an item's inheritance, its
 * role assignments, effective permissions on the item, security-trimmed reads (queries, $batch,
 * attachments, versions), 403 on changes the item's own scope does not allow, Limited Access on the
 * list and web for someone given only an item, list inheritance changes that leave items alone unless
 * clearSubscopes, and unique item scopes surviving kill -9 and older data directories.
 */
import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { PermissionKind } from '@pnp/sp/security';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { ROLE_IDS } from '../../preview/server/permissions';
import { rawFetch, removeDir, REPO_ROOT, RunningService, spAs, startListService } from '../support/listService';
import { FIXTURE_ASSETS, NOTES, RECORDS } from './fixtures/lists';
import type { SPFI } from '@pnp/sp';

const byRole = (role: string) => DIRECTORY.filter((p) => p.role === role);
const [aisha, tom] = byRole('officer');
const head = byRole('headOfProcurement')[0];
const [councillor, david, susan] = byRole('councillor');
const kevin = byRole('other')[0];
const martin = byRole('director')[0];

let service: RunningService;
let owner: SPFI;
const ids: Record<string, number> = {};

interface Assignment {
  PrincipalId: number;
  Member: { Title: string };
  RoleDefinitionBindings: { Name: string }[];
}

beforeAll(async () => {
  service = await startListService({ assetsDir: FIXTURE_ASSETS });
  owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  const addTo = async (group: string, login: string) => owner.web.siteGroups.getByName(group).users.add(login);
  await addTo('Procurement Members', aisha.loginName);
  await addTo('Procurement Members', tom.loginName);
  await addTo('Procurement Visitors', councillor.loginName);
  await addTo('Procurement Owners', head.loginName);
  // Kevin, David, Martin and Susan have no access to the site except what a test gives them on an item.
  for (const p of [aisha, tom, head, councillor, kevin, david, martin, susan]) ids[p.email] = (await owner.web.ensureUser(p.loginName)).Id;
  for (const g of ['Procurement Owners', 'Procurement Members', 'Procurement Visitors']) ids[g] = (await owner.web.siteGroups.getByName(g)()).Id;
}, 30000);

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

const as = (p: { loginName: string }) => spAs(service.siteUrl, p.loginName);
const actions = (sp: SPFI) => sp.web.lists.getByTitle(RECORDS);
const assessments = (sp: SPFI) => sp.web.lists.getByTitle(NOTES);
const add = async (title: string, list = actions) => (await list(owner).items.add({ Title: title })).Id as number;
const unique = async (id: number, list = actions) =>
  ((await list(owner).items.getById(id).select('HasUniqueRoleAssignments')()) as unknown as { HasUniqueRoleAssignments: boolean }).HasUniqueRoleAssignments;
const assignments = async (id: number, list = actions): Promise<Record<string, string[]>> => {
  const all = (await list(owner).items.getById(id).roleAssignments.expand('Member', 'RoleDefinitionBindings')()) as unknown as Assignment[];
  return Object.fromEntries(all.map((a) => [a.Member.Title, a.RoleDefinitionBindings.map((r) => r.Name)]));
};
const titles = async (sp: SPFI, list = actions) => (await list(sp).items.select('Title').top(5000)()).map((i: { Title: string }) => i.Title);
const denied = (err: { status: number; message: string }) => {
  expect(err.status).toBe(403);
  expect(err.message).toContain('-2147024891, System.UnauthorizedAccessException');
  expect(err.message).toContain('Access denied. You do not have permission to perform this action or access this resource.');
};

describe('breaking an item\'s inheritance', () => {
  it('copies the parent\'s assignments when asked; narrowing them hides the item from the others', async () => {
    const id = await add('Shared with Aisha only');
    const other = await add('Still shared with everyone');
    expect(await unique(id)).toBe(false);
    await actions(owner).items.getById(id).breakRoleInheritance(true, false);
    expect(await unique(id)).toBe(true);
    expect(await assignments(id)).toEqual({ 'Procurement Owners': ['Full Control'], 'Procurement Members': ['Edit'], 'Procurement Visitors': ['Read'] });

    const item = actions(owner).items.getById(id);
    await item.roleAssignments.remove(ids['Procurement Members'], ROLE_IDS.edit);
    await item.roleAssignments.getById(ids['Procurement Visitors']).delete();
    await item.roleAssignments.add(ids[aisha.email], ROLE_IDS.contribute);
    expect(await assignments(id)).toEqual({ 'Procurement Owners': ['Full Control'], [aisha.displayName]: ['Contribute'] });
    const one = (await item.roleAssignments.getById(ids[aisha.email]).expand('RoleDefinitionBindings')()) as unknown as Assignment;
    expect(one.RoleDefinitionBindings.map((r) => r.Name)).toEqual(['Contribute']);

    // Aisha reads and edits it; Tom (same group) and a visitor no longer see it at all.
    expect((await actions(as(aisha)).items.getById(id)()).Title).toBe('Shared with Aisha only');
    await actions(as(aisha)).items.getById(id).update({ Title: 'Shared with Aisha only (edited)' });
    expect(await titles(as(aisha))).toEqual(expect.arrayContaining(['Shared with Aisha only (edited)', 'Still shared with everyone']));
    for (const person of [tom, councillor]) {
      const seen = await titles(as(person));
      expect(seen).toContain('Still shared with everyone');
      expect(seen).not.toContain('Shared with Aisha only (edited)');
      const hidden = await rawFetch(service.siteUrl, `_api/web/lists/getbytitle('${RECORDS}')/items(${id})`, { user: person.email });
      expect(hidden.status).toBe(404);
      expect((await hidden.json())['odata.error'].message.value).toBe('Item does not exist. It may have been deleted by another user.');
    }
    await expect(actions(as(tom)).items.getById(id).update({ Title: 'no' })).rejects.toMatchObject({ status: 404 });
    // A query with a filter is trimmed the same way (Id ge: only this test's items, whatever ran before it).
    const filtered = await actions(as(tom)).items.filter(`startswith(Title,'S') and Id ge ${id}`).select('Id')();
    expect(filtered.map((i: { Id: number }) => i.Id)).toEqual([other]);
    // The site owner (site collection admin) still sees everything.
    expect(await titles(owner)).toContain('Shared with Aisha only (edited)');
  });

  it('without copying leaves only the caller with Full Control, or nobody when the caller is a site collection admin', async () => {
    const byAdmin = await add('Broken by the admin');
    await actions(owner).items.getById(byAdmin).breakRoleInheritance(false, false);
    expect(await assignments(byAdmin)).toEqual({});
    expect(await titles(as(aisha))).not.toContain('Broken by the admin');
    expect((await actions(owner).items.getById(byAdmin)()).Title).toBe('Broken by the admin');

    // Rachel has Full Control through Procurement Owners but is not a site collection admin.
    const byHead = await add('Broken by the head of procurement');
    await actions(as(head)).items.getById(byHead).breakRoleInheritance(false, false);
    expect(await assignments(byHead)).toEqual({ [head.displayName]: ['Full Control'] });
    expect(await titles(as(head))).toContain('Broken by the head of procurement');
    expect(await titles(as(aisha))).not.toContain('Broken by the head of procurement');
  });

  it('resetroleinheritance drops the item\'s own assignments and it inherits again', async () => {
    const id = await add('Reset me');
    const item = actions(owner).items.getById(id);
    await item.breakRoleInheritance(false, false);
    await item.roleAssignments.add(ids[david.email], ROLE_IDS.read);
    expect(await titles(as(david))).toEqual(['Reset me']);
    expect(await titles(as(tom))).not.toContain('Reset me');
    await item.resetRoleInheritance();
    expect(await unique(id)).toBe(false);
    expect(await titles(as(tom))).toContain('Reset me');
    expect(await assignments(id)).toEqual({ 'Procurement Owners': ['Full Control'], 'Procurement Members': ['Edit'], 'Procurement Visitors': ['Read'] });
    // David's assignment went with the reset.
    await expect(actions(as(david)).items()).rejects.toMatchObject({ status: 403 });
  });
});

describe('who may change or read an item\'s permissions', () => {
  it('needs ManagePermissions to change and EnumeratePermissions to read, on the item', async () => {
    const id = await add('Guarded');
    const asAisha = actions(as(aisha)).items.getById(id);
    denied(await asAisha.breakRoleInheritance(true, false).catch((e) => e));
    denied(await asAisha.roleAssignments().catch((e) => e));
    denied(await asAisha.resetRoleInheritance().catch((e) => e));
    // Asking about someone else needs EnumeratePermissions too; about oneself is fine.
    denied(await asAisha.getUserEffectivePermissions(tom.loginName).catch((e) => e));
    expect(await asAisha.userHasPermissions(aisha.loginName, PermissionKind.EditListItems)).toBe(true);
    // An inheriting item's assignments cannot be changed: break inheritance first.
    const inheriting = await actions(owner).items.getById(id).roleAssignments.add(ids[martin.email], ROLE_IDS.read).catch((e) => e);
    expect(inheriting.status).toBe(400);
    expect(inheriting.message).toContain('inherits permissions');
    await actions(owner).items.getById(id).breakRoleInheritance(true, false);
    denied(await asAisha.roleAssignments.add(ids[aisha.email], ROLE_IDS.fullControl).catch((e) => e));
    // Full Control on the item alone is enough to manage it.
    await actions(owner).items.getById(id).roleAssignments.add(ids[aisha.email], ROLE_IDS.fullControl);
    await asAisha.roleAssignments.remove(ids['Procurement Visitors'], ROLE_IDS.read);
    expect(Object.keys(await assignments(id)).sort()).toEqual([aisha.displayName, 'Procurement Members', 'Procurement Owners'].sort());
  });
});

describe('changes check the item\'s own scope', () => {
  it('answers 403 to someone who can see the item but not edit, delete or attach to it', async () => {
    const id = await add('Read-only for members');
    await actions(owner).items.getById(id).attachmentFiles.add('brief.txt', 'the brief');
    const item = actions(owner).items.getById(id);
    await item.breakRoleInheritance(true, false);
    await item.roleAssignments.remove(ids['Procurement Members'], ROLE_IDS.edit);
    await item.roleAssignments.add(ids['Procurement Members'], ROLE_IDS.read);
    await item.roleAssignments.add(ids[aisha.email], ROLE_IDS.contribute);

    const asTom = actions(as(tom)).items.getById(id);
    expect((await asTom()).Title).toBe('Read-only for members');
    expect(await asTom.currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(true);
    expect(await asTom.currentUserHasPermissions(PermissionKind.EditListItems)).toBe(false);
    denied(await asTom.update({ Title: 'changed' }).catch((e) => e));
    denied(await asTom.delete().catch((e) => e));
    denied(await asTom.recycle().catch((e) => e));
    denied(await asTom.attachmentFiles.add('more.txt', 'x').catch((e) => e));
    denied(await asTom.attachmentFiles.getByName('brief.txt').delete().catch((e) => e));
    // Reading the attachment and the versions is allowed.
    expect(await asTom.attachmentFiles.getByName('brief.txt').getText()).toBe('the brief');
    expect((await asTom.versions()).length).toBeGreaterThan(0);
    // Tom can still edit other items of the list (the list's scope gives Members Edit).
    const other = await add('Editable by members');
    await actions(as(tom)).items.getById(other).update({ Title: 'Edited by Tom' });
    // Aisha's own Contribute assignment on the item lets her edit it.
    await actions(as(aisha)).items.getById(id).update({ Title: 'Read-only for members (edited by Aisha)' });
    expect((await asTom()).Title).toBe('Read-only for members (edited by Aisha)');
  });

  it('refuses the attachments and versions of an item the caller cannot see', async () => {
    const id = await add('Hidden with attachment');
    await actions(owner).items.getById(id).attachmentFiles.add('secret.txt', 'secret');
    await actions(owner).items.getById(id).breakRoleInheritance(false, false);
    const base = `_api/web/lists/getbytitle('${RECORDS}')/items(${id})`;
    for (const path of [`${base}/AttachmentFiles`, `${base}/AttachmentFiles('secret.txt')/$value`, `${base}/versions`, `${base}/EffectiveBasePermissions`]) {
      expect((await rawFetch(service.siteUrl, path, { user: tom.email })).status).toBe(404);
    }
    const file = await fetch(`${service.siteUrl}/Lists/TestRecords/Attachments/${id}/secret.txt`, { headers: { 'X-Local-User': tom.email } });
    expect(file.status).toBe(403);
    const mine = await fetch(`${service.siteUrl}/Lists/TestRecords/Attachments/${id}/secret.txt`, { headers: { 'X-Local-User': SITE_OWNER.email } });
    expect(await mine.text()).toBe('secret');
  });

  it('trims and refuses $batch parts the same way', async () => {
    const hidden = await add('Hidden in a batch');
    const readable = await add('Readable in a batch');
    await actions(owner).items.getById(hidden).breakRoleInheritance(false, false);
    await actions(owner).items.getById(readable).breakRoleInheritance(true, false);
    await actions(owner).items.getById(readable).roleAssignments.remove(ids['Procurement Members'], ROLE_IDS.edit);
    await actions(owner).items.getById(readable).roleAssignments.add(ids['Procurement Members'], ROLE_IDS.read);
    const [batched, execute] = as(tom).batched();
    const list = actions(batched);
    const all = list.items.select('Id').top(5000)();
    const getHidden = list.items.getById(hidden)();
    const getReadable = list.items.getById(readable)();
    const update = list.items.getById(readable).update({ Title: 'not allowed' });
    const settled = Promise.allSettled([all, getHidden, getReadable, update]);
    await execute();
    const [a, h, r, u] = await settled;
    const seen = (a as PromiseFulfilledResult<{ Id: number }[]>).value.map((i) => i.Id);
    expect(seen).toContain(readable);
    expect(seen).not.toContain(hidden);
    expect((h as PromiseRejectedResult).reason.status).toBe(404);
    expect((r as PromiseFulfilledResult<{ Title: string }>).value.Title).toBe('Readable in a batch');
    denied((u as PromiseRejectedResult).reason);
  });
});

describe('permissions only on one item', () => {
  it('give Limited Access on the list and web: the page loads and the query shows only that item', async () => {
    const id = await add('Shared with Kevin');
    await actions(owner).items.getById(id).breakRoleInheritance(false, false);
    await actions(owner).items.getById(id).roleAssignments.add(ids[kevin.email], ROLE_IDS.read);
    const k = as(kevin);
    // The web and the list open; Limited Access has Open but not ViewListItems.
    expect((await k.web.select('Title')()).Title).toBe('Procurement');
    expect(await k.web.currentUserHasPermissions(PermissionKind.Open)).toBe(true);
    expect(await k.web.currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(false);
    expect((await actions(k).select('Title')()).Title).toBe(RECORDS);
    expect(await actions(k).currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(false);
    expect((await k.web.lists.select('Title')()).map((l: { Title: string }) => l.Title)).toEqual([RECORDS]);
    // Only the shared item, which Kevin can read but not change.
    expect(await titles(k)).toEqual(['Shared with Kevin']);
    expect((await actions(k).items.getById(id)()).Title).toBe('Shared with Kevin');
    expect(await actions(k).items.getById(id).currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(true);
    denied(await actions(k).items.getById(id).update({ Title: 'x' }).catch((e) => e));
    denied(await actions(k).items.add({ Title: 'x' }).catch((e) => e));
    // Lists he was given nothing in do not exist for him, as SharePoint's security-trimmed lists answer.
    const closed = await k.web.lists.getByTitle(NOTES).items().catch((e) => e);
    expect(closed.status).toBe(404);
    expect(closed.message).toContain(`List '${NOTES}' does not exist at site with URL`);
    // The owner can ask what Kevin has on the item.
    const perms = await actions(owner).items.getById(id).getUserEffectivePermissions(kevin.loginName);
    expect(owner.web.hasPermissions(perms, PermissionKind.ViewListItems)).toBe(true);
    expect(owner.web.hasPermissions(perms, PermissionKind.EditListItems)).toBe(false);
  });
});

describe('list inheritance and its items', () => {
  it('breaking or resetting the list leaves items\' own permissions alone unless clearSubscopes', async () => {
    const id = await add('Own permissions in notes', assessments);
    const item = assessments(owner).items.getById(id);
    await item.breakRoleInheritance(false, false);
    await item.roleAssignments.add(ids[tom.email], ROLE_IDS.read);
    const list = assessments(owner);
    await list.breakRoleInheritance(true, false);
    expect(await unique(id, assessments)).toBe(true);
    expect(await assignments(id, assessments)).toEqual({ [tom.displayName]: ['Read'] });
    // Tom (Edit on the list through Members) can read the item but not edit it.
    denied(await assessments(as(tom)).items.getById(id).update({ Title: 'x' }).catch((e) => e));
    await list.resetRoleInheritance();
    expect(await unique(id, assessments)).toBe(true);
    expect(await titles(as(aisha), assessments)).not.toContain('Own permissions in notes');
    await list.breakRoleInheritance(true, true);
    expect(await unique(id, assessments)).toBe(false);
    expect(await titles(as(aisha), assessments)).toContain('Own permissions in notes');
    await list.resetRoleInheritance();
    // Some twenty requests, each a permission change saved to disk: more than jest's 5 s on a busy machine.
  }, 30000);

  it('deleting an item removes its own permissions', async () => {
    const id = await add('Deleted with its permissions');
    await actions(owner).items.getById(id).breakRoleInheritance(false, false);
    await actions(owner).items.getById(id).roleAssignments.add(ids[martin.email], ROLE_IDS.read);
    expect(await titles(as(martin))).toEqual(['Deleted with its permissions']);
    await actions(owner).items.getById(id).delete();
    // Martin's only grant went with the item: no Limited Access on the site any more.
    await expect(as(martin).web()).rejects.toMatchObject({ status: 403 });
  });
});

describe('durability', () => {
  it('keeps unique item permissions across kill -9, and opens a data directory from before item permissions', async () => {
    const id = await add('Survives a crash');
    await actions(owner).items.getById(id).breakRoleInheritance(false, false);
    await actions(owner).items.getById(id).roleAssignments.add(ids[susan.email], ROLE_IDS.contribute);
    await service.kill9();
    await service.restart();
    expect(await unique(id)).toBe(true);
    expect(await assignments(id)).toEqual({ [susan.displayName]: ['Contribute'] });
    expect(await titles(as(susan))).toEqual(['Survives a crash']);

    // A data directory written before item permissions and storage entities existed has neither table.
    await service.stop();
    const node = join(REPO_ROOT, 'node_modules', 'node', 'bin', 'node');
    const script = `const { DatabaseSync } = require('node:sqlite'); const db = new DatabaseSync(process.argv[1]);
      db.exec("DROP TABLE unique_items; DROP TABLE storage_entities; DELETE FROM role_assignments WHERE scope LIKE '%/items/%';"); db.close();`;
    const dropped = spawnSync(Number(process.versions.node.split('.')[0]) >= 22 || !existsSync(node) ? process.execPath : node, ['-e', script, join(service.dataDir, 'site.db')], {
      encoding: 'utf8',
    });
    expect(dropped.status).toBe(0);
    await service.restart();
    expect(await unique(id)).toBe(false);
    expect(await titles(owner)).toContain('Survives a crash');
    await actions(owner).items.getById(id).breakRoleInheritance(true, false);
    expect(await unique(id)).toBe(true);
  });
});

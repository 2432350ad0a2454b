/**
 * Identity and permissions: a new team site's groups and roles, ensureuser, group membership, role
 * assignments, custom role definitions, broken inheritance and the 401/403 answers SharePoint gives.
 */
import { PermissionKind } from '@pnp/sp/security';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import type { SPFI } from '@pnp/sp';

const byRole = (role: string) => DIRECTORY.filter((p) => p.role === role);
const [aisha, tom, megan] = byRole('officer');
const councillor = byRole('councillor')[0];
const outsider = byRole('other')[0];
const head = byRole('headOfProcurement')[0];

let service: RunningService;
let owner: SPFI;

beforeAll(async () => {
  service = await startListService();
  owner = spAs(service.siteUrl, SITE_OWNER.loginName);
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

const items = (sp: SPFI) => sp.web.lists.getByTitle('Action plans').items;

describe('a new team site', () => {
  // A site of their own that no other test has changed, whatever order the tests run in.
  let fresh: RunningService;
  let newSite: SPFI;
  beforeAll(async () => {
    fresh = await startListService();
    newSite = spAs(fresh.siteUrl, SITE_OWNER.loginName);
  });
  afterAll(async () => {
    await fresh.stop();
    removeDir(fresh.dataDir);
  });

  it('has the owner as the only site user, a site collection admin in Procurement Owners', async () => {
    const users = await newSite.web.siteUsers();
    expect(users.map((u: { LoginName: string }) => u.LoginName)).toEqual([SITE_OWNER.loginName]);
    const me = (await newSite.web.currentUser.expand('Groups')()) as unknown as { IsSiteAdmin: boolean; Groups: { Title: string }[] };
    expect(me.IsSiteAdmin).toBe(true);
    expect(me.Groups.map((g: { Title: string }) => g.Title)).toEqual(['Procurement Owners']);
    expect((await newSite.web.currentUser.groups()).map((g: { Title: string }) => g.Title)).toEqual(['Procurement Owners']);
  });

  it('has the three default groups with Full Control, Edit and Read on the web', async () => {
    const assignments = (await newSite.web.roleAssignments.expand('Member', 'RoleDefinitionBindings')()) as unknown as {
      Member: { Title: string };
      RoleDefinitionBindings: { Name: string }[];
    }[];
    const map = Object.fromEntries(assignments.map((a) => [a.Member.Title, a.RoleDefinitionBindings.map((r) => r.Name)]));
    expect(map).toEqual({ 'Procurement Owners': ['Full Control'], 'Procurement Members': ['Edit'], 'Procurement Visitors': ['Read'] });
    const groups = await newSite.web.siteGroups.select('Title', 'OwnerTitle')();
    expect(groups.map((g: { Title: string }) => g.Title).sort()).toEqual(['Procurement Members', 'Procurement Owners', 'Procurement Visitors']);
  });

  it('has SharePoint\'s role definitions with their ids and masks', async () => {
    const read = await newSite.web.roleDefinitions.getByName('Read')();
    expect(read).toMatchObject({ Id: 1073741826, RoleTypeKind: 2, BasePermissions: { High: '176', Low: '138612833' } });
    const full = await newSite.web.roleDefinitions.getByType(5)();
    expect(full).toMatchObject({ Id: 1073741829, Name: 'Full Control' });
    const all = await newSite.web.roleDefinitions();
    const ids = Object.fromEntries(all.map((r: { Name: string; Id: number }) => [r.Name, r.Id]));
    expect(ids).toMatchObject({ 'Full Control': 1073741829, Design: 1073741828, Edit: 1073741830, Contribute: 1073741827, Read: 1073741826 });
    expect(all.find((r: { Name: string }) => r.Name === 'Edit')!.BasePermissions).toEqual({ High: '432', Low: '1011030767' });
  });
});

describe('who is calling', () => {
  it('answers 401 for someone outside the directory', async () => {
    const res = await rawFetch(service.siteUrl, '_api/web', { user: 'stranger@elsewhere.example' });
    expect(res.status).toBe(401);
    expect((await res.json())['odata.error'].code).toContain('UnauthorizedAccessException');
  });

  it('answers 403 to a directory person who has no access to the site, and accepts the localUser cookie', async () => {
    const res = await rawFetch(service.siteUrl, `_api/web/lists/getbytitle('Action%20plans')/items`, { user: outsider.email });
    expect(res.status).toBe(403);
    expect((await res.json())['odata.error'].message.value).toContain('Access denied');
    const cookie = await rawFetch(service.siteUrl, '_api/web/currentuser', { headers: { Cookie: `localUser=${encodeURIComponent(outsider.loginName)}` } });
    expect(cookie.status).toBe(403);
    const asOwner = await rawFetch(service.siteUrl, '_api/web/currentuser', { headers: { Cookie: `localUser=${encodeURIComponent(SITE_OWNER.email)}` } });
    expect((await asOwner.json()).LoginName).toBe(SITE_OWNER.loginName);
  });

  it('ensureuser adds directory people to the site and answers 404 for anyone else', async () => {
    const user = await owner.web.ensureUser(aisha.email);
    expect(user).toMatchObject({ LoginName: aisha.loginName, Title: aisha.displayName, Email: aisha.email, PrincipalType: 1 });
    expect((await owner.web.siteUsers.getByEmail(aisha.email)()).Id).toBe(user.Id);
    expect((await owner.web.getUserById(user.Id)()).LoginName).toBe(aisha.loginName);
    expect((await owner.web.siteUsers.getByLoginName(aisha.loginName)()).Id).toBe(user.Id);
    const err = await owner.web.ensureUser('i:0#.f|membership|nobody@borsetshire.example').catch((e) => e);
    expect(err.status).toBe(404);
  });
});

describe('permissions follow group membership and role assignments', () => {
  it('lets a Visitor read but not add (403 with SharePoint\'s access denied)', async () => {
    await owner.web.siteGroups.getByName('Procurement Visitors').users.add(councillor.loginName);
    const visitor = spAs(service.siteUrl, councillor.loginName);
    await items(owner).add({ Title: 'Visible to visitors' });
    expect((await items(visitor)()).length).toBeGreaterThan(0);
    const err = await items(visitor).add({ Title: 'not allowed' }).catch((e) => e);
    expect(err.status).toBe(403);
    expect(err.message).toContain('System.UnauthorizedAccessException');
    const list = visitor.web.lists.getByTitle('Action plans');
    expect(await list.currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(true);
    expect(await list.currentUserHasPermissions(PermissionKind.AddListItems)).toBe(false);
    expect(await owner.web.currentUserHasPermissions(PermissionKind.ManagePermissions)).toBe(true);
  });

  it('lets a Member add, edit and delete items but not manage permissions', async () => {
    await owner.web.siteGroups.getByName('Procurement Members').users.add(aisha.loginName);
    const member = spAs(service.siteUrl, aisha.email);
    const added = await items(member).add({ Title: 'Member item' });
    await items(member).getById(added.Id).update({ Title: 'Member item (edited)' });
    await items(member).getById(added.Id).delete();
    const err = await member.web.roleAssignments.add(added.AuthorId, 1073741829).catch((e) => e);
    expect(err.status).toBe(403);
    expect(await member.web.currentUserHasPermissions(PermissionKind.ManagePermissions)).toBe(false);
    const perms = await member.web.getUserEffectivePermissions(aisha.loginName);
    expect(member.web.hasPermissions(perms, PermissionKind.EditListItems)).toBe(true);
  });

  it('supports a custom add-only role: the holder can add but not update or delete', async () => {
    // ViewListItems, AddListItems, Open, ViewPages.
    const low = (1 << 0) | (1 << 1) | (1 << 16) | (1 << 17);
    const created = await owner.web.roleDefinitions.add('Add only', 'Can add items, not change them', 200, { High: 0, Low: low });
    expect(created.data.Id).toBeGreaterThan(1073741829);
    const tomUser = await owner.web.ensureUser(tom.loginName);
    await owner.web.roleAssignments.add(tomUser.Id, created.data.Id);
    const adder = spAs(service.siteUrl, tom.loginName);
    const added = await items(adder).add({ Title: 'Added by the add-only role' });
    expect(added.AuthorId).toBe(tomUser.Id);
    await expect(items(adder).getById(added.Id).update({ Title: 'changed' })).rejects.toMatchObject({ status: 403 });
    await expect(items(adder).getById(added.Id).delete()).rejects.toMatchObject({ status: 403 });
    expect((await items(owner).getById(added.Id)()).Title).toBe('Added by the add-only role');
    await owner.web.roleAssignments.remove(tomUser.Id, created.data.Id);
    await expect(items(adder).add({ Title: 'no longer' })).rejects.toMatchObject({ status: 403 });
  });

  it('breaking inheritance on a list without copying removes the site groups\' access to it', async () => {
    await owner.web.siteGroups.getByName('Procurement Members').users.add(aisha.loginName);
    const member = spAs(service.siteUrl, aisha.loginName);
    const challenges = owner.web.lists.getByTitle('Scrutiny challenges');
    const unique = async () => ((await challenges.select('HasUniqueRoleAssignments')()) as unknown as { HasUniqueRoleAssignments: boolean }).HasUniqueRoleAssignments;
    expect(await unique()).toBe(false);
    // Role assignments cannot be changed on an inheriting list.
    const inheriting = await challenges.roleAssignments.add(6, 1073741826).catch((e) => e);
    expect(inheriting.status).toBe(400);
    await challenges.breakRoleInheritance(false, true);
    expect(await unique()).toBe(true);
    // To someone on the site, a list they may not open does not exist (404), as SharePoint answers.
    await expect(member.web.lists.getByTitle('Scrutiny challenges').items()).rejects.toMatchObject({ status: 404 });
    const membersGroup = await owner.web.siteGroups.getByName('Procurement Members')();
    const contribute = await owner.web.roleDefinitions.getByName('Contribute')();
    await challenges.roleAssignments.add(membersGroup.Id, contribute.Id);
    expect(await member.web.lists.getByTitle('Scrutiny challenges').items()).toEqual([]);
    // Other lists still inherit from the web.
    expect(Array.isArray(await items(member)())).toBe(true);
  });
});

describe('group membership', () => {
  it('only the group owner or someone with ManagePermissions can change membership', async () => {
    // A Member: someone who can use the site, but not manage its groups.
    await owner.web.siteGroups.getByName('Procurement Members').users.add(aisha.loginName);
    const member = spAs(service.siteUrl, aisha.loginName);
    const denied = await member.web.siteGroups.getByName('Procurement Visitors').users.add(megan.loginName).catch((e) => e);
    expect(denied.status).toBe(403);
    const approvers = await owner.web.siteGroups.add({ Title: 'Procurement Approvers', Description: 'Sign off the assessment' });
    expect(approvers.Id).toBeGreaterThan(0);
    await owner.web.siteGroups.getById(approvers.Id).users.add(head.loginName);
    const users = await owner.web.siteGroups.getById(approvers.Id).users();
    expect(users.map((u: { LoginName: string }) => u.LoginName)).toEqual([head.loginName]);
    await owner.web.siteGroups.getById(approvers.Id).users.removeByLoginName(head.loginName);
    expect(await owner.web.siteGroups.getById(approvers.Id).users()).toEqual([]);
    const dup = await owner.web.siteGroups.add({ Title: 'procurement approvers' }).catch((e) => e);
    expect(dup.status).toBe(400);
    const cannotCreate = await member.web.siteGroups.add({ Title: 'Not allowed' }).catch((e) => e);
    expect(cannotCreate.status).toBe(403);
  });
});

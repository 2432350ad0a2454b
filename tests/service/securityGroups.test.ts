/**
 * Entra ID security groups on a site: ensureuser adds a group by its claim (c:0t.c|tenant|<objectId>) as a
 * principal of type SecurityGroup; it can be put in SharePoint groups and given roles, and its members
 * (also through nested groups) then have those permissions, though web/currentuser/groups lists only
 * the SharePoint groups a person is directly in. The people picker finds the groups.
 */
import { PermissionKind } from '@pnp/sp/security';
import {
  DIRECTORY,
  PROCUREMENT_M365_GROUP,
  PROCUREMENT_TEAM,
  RESOURCES_DIRECTORATE,
  securityGroupClaim,
  SITE_OWNER,
} from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import type { SPFI } from '@pnp/sp';

const person = (email: string) => DIRECTORY.find((p) => p.email.startsWith(email))!;
const daniel = person('daniel.osei');
const megan = person('megan.obrien');
const martin = person('martin.ellis');
const kevin = person('kevin.doyle');
const teamClaim = securityGroupClaim(PROCUREMENT_TEAM.objectId);
const directorateClaim = securityGroupClaim(RESOURCES_DIRECTORATE.objectId);

let service: RunningService;
let owner: SPFI;

beforeAll(async () => {
  service = await startListService();
  owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  await owner.web.lists.getByTitle('Action plans').items.add({ Title: 'Seen through a security group' });
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

const as = (p: { loginName: string }) => spAs(service.siteUrl, p.loginName);
const actions = (sp: SPFI) => sp.web.lists.getByTitle('Action plans').items;
const siteUserLogins = async () => (await owner.web.siteUsers()).map((u: { LoginName: string }) => u.LoginName.toLowerCase());

describe('the demo directory', () => {
  it('has security groups with SharePoint claim login names, one nested in the other', () => {
    expect(PROCUREMENT_TEAM).toMatchObject({ kind: 'security', displayName: 'Procurement Team' });
    expect(teamClaim).toBe(`c:0t.c|tenant|${PROCUREMENT_TEAM.objectId}`);
    expect(PROCUREMENT_TEAM.members).toContain(daniel.loginName);
    expect(RESOURCES_DIRECTORATE.members).toEqual(expect.arrayContaining([martin.loginName, teamClaim]));
  });
});

describe('a security group on the site', () => {
  it('is added by ensureuser as a SecurityGroup principal and listed with the site users', async () => {
    const group = await owner.web.ensureUser(teamClaim);
    expect(group).toMatchObject({ LoginName: teamClaim, Title: 'Procurement Team', PrincipalType: 4, IsSiteAdmin: false, UserPrincipalName: null });
    const again = await owner.web.ensureUser(teamClaim.toUpperCase());
    expect(again.Id).toBe(group.Id);
    const listed = await owner.web.siteUsers.filter('PrincipalType eq 4')();
    expect(listed.map((u: { LoginName: string }) => u.LoginName)).toEqual([teamClaim]);
    const unknown = await rawFetch(service.siteUrl, '_api/web/ensureuser', {
      method: 'POST',
      digest: true,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ logonName: 'c:0t.c|tenant|00000000-0000-0000-0000-000000000000' }),
    });
    expect(unknown.status).toBe(404);
  });

  it('gives its members, also of nested groups, the roles it has, without making them site users first', async () => {
    // Nobody from the directorate can read yet; Daniel is not on the site.
    expect((await rawFetch(service.siteUrl, '_api/web', { user: daniel.email })).status).toBe(403);
    expect(await siteUserLogins()).not.toContain(daniel.loginName.toLowerCase());
    const directorate = await owner.web.ensureUser(directorateClaim);
    await owner.web.roleAssignments.add(directorate.Id, 1073741826); // Read
    // Martin is in the directorate; Daniel through the Procurement Team nested in it.
    for (const p of [martin, daniel]) {
      expect((await actions(as(p))()).map((i: { Title: string }) => i.Title)).toEqual(['Seen through a security group']);
      await expect(actions(as(p)).add({ Title: 'not with Read' })).rejects.toMatchObject({ status: 403 });
    }
    // Visiting the site added them to its users (the User Information List), as SharePoint does.
    expect(await siteUserLogins()).toEqual(expect.arrayContaining([daniel.loginName.toLowerCase(), martin.loginName.toLowerCase()]));
    // Kevin is in neither group.
    expect((await rawFetch(service.siteUrl, '_api/web', { user: kevin.email })).status).toBe(403);
  });

  it('can be put in a SharePoint group; its members then have the group\'s permissions but are not listed in it', async () => {
    await owner.web.siteGroups.getByName('Procurement Members').users.add(teamClaim);
    const members = await owner.web.siteGroups.getByName('Procurement Members').users();
    expect(members.map((u: { LoginName: string; PrincipalType: number }) => [u.LoginName, u.PrincipalType])).toEqual([[teamClaim, 4]]);

    const added = await actions(as(daniel)).add({ Title: 'Added through the Procurement Team' });
    expect(added.Title).toBe('Added through the Procurement Team');
    expect(await as(daniel).web.currentUserHasPermissions(PermissionKind.EditListItems)).toBe(true);
    expect(await as(daniel).web.currentUserHasPermissions(PermissionKind.ManagePermissions)).toBe(false);
    // As in SharePoint: currentuser/groups lists only groups Daniel is directly in (none), so roles must come from permissions.
    expect(await as(daniel).web.currentUser.groups()).toEqual([]);
    const me = (await as(daniel).web.currentUser.expand('Groups')()) as unknown as { Groups: unknown[] };
    expect(me.Groups).toEqual([]);
    // Effective permissions, as the owner and as Daniel himself, count the group.
    const perms = await owner.web.getUserEffectivePermissions(daniel.loginName);
    expect(owner.web.hasPermissions(perms, PermissionKind.EditListItems)).toBe(true);
    const groupPerms = await owner.web.getUserEffectivePermissions(teamClaim);
    expect(owner.web.hasPermissions(groupPerms, PermissionKind.EditListItems)).toBe(true);
    // Megan, also in the team and never on the site before, gets the same on her first request.
    expect(await as(megan).web.currentUserHasPermissions(PermissionKind.AddListItems)).toBe(true);
  });

  it('counts its members as members of a SharePoint group it is in, for hidden membership', async () => {
    const panel = await owner.web.siteGroups.add({ Title: 'Innovation panel' });
    await expect(as(daniel).web.siteGroups.getById(panel.Id).users()).rejects.toMatchObject({ status: 403 });
    await owner.web.siteGroups.getById(panel.Id).users.add(teamClaim);
    expect((await as(daniel).web.siteGroups.getById(panel.Id).users()).map((u: { LoginName: string }) => u.LoginName)).toEqual([teamClaim]);
  });

  it('stops counting once it is taken out of the SharePoint group', async () => {
    const team = await owner.web.siteUsers.getByLoginName(teamClaim)();
    await owner.web.siteGroups.getByName('Procurement Members').users.removeById(team.Id);
    await expect(actions(as(daniel)).add({ Title: 'no longer' })).rejects.toMatchObject({ status: 403 });
    // Still Read through the directorate.
    expect((await actions(as(daniel))()).length).toBeGreaterThan(0);
  });

  it('can be given a role directly, like a user', async () => {
    const team = await owner.web.siteUsers.getByLoginName(teamClaim)();
    await owner.web.roleAssignments.add(team.Id, 1073741827); // Contribute
    expect(await as(daniel).web.currentUserHasPermissions(PermissionKind.AddListItems)).toBe(true);
    const assignments = (await owner.web.roleAssignments.expand('Member', 'RoleDefinitionBindings')()) as unknown as {
      Member: { LoginName: string; PrincipalType: number };
      RoleDefinitionBindings: { Name: string }[];
    }[];
    const mine = assignments.find((a) => a.Member.LoginName === teamClaim)!;
    expect(mine.Member.PrincipalType).toBe(4);
    expect(mine.RoleDefinitionBindings.map((r) => r.Name)).toEqual(['Contribute']);
    await owner.web.roleAssignments.remove(team.Id, 1073741827);
    await expect(actions(as(daniel)).add({ Title: 'no longer' })).rejects.toMatchObject({ status: 403 });
  });
});

describe('the people picker', () => {
  const search = (PrincipalType: number, QueryString: string) =>
    owner.profiles.clientPeoplePickerSearchUser({ MaximumEntitySuggestions: 10, PrincipalSource: 15, PrincipalType, QueryString });

  it('finds security groups (and Microsoft 365 groups) when PrincipalType includes 4, and not otherwise', async () => {
    const found = await search(4, 'procurement');
    expect(found.map((e: { Key: string; EntityType: string }) => [e.Key, e.EntityType])).toEqual([
      [teamClaim, 'SecGroup'],
      [`c:0o.c|federateddirectoryclaimprovider|${PROCUREMENT_M365_GROUP.objectId}`, 'FormsRole'],
    ]);
    expect(found[0]).toMatchObject({ DisplayText: 'Procurement Team', IsResolved: true, ProviderName: 'Tenant' });
    expect(found[0].EntityData).toMatchObject({ ObjectId: PROCUREMENT_TEAM.objectId });
    expect((await search(15, 'finance')).map((e: { Key: string }) => e.Key)).toEqual([directorateClaim]);
    expect((await search(1, 'procurement')).filter((e: { EntityType: string }) => e.EntityType !== 'User')).toEqual([]);
    const resolved = await owner.profiles.clientPeoplePickerResolveUser({ MaximumEntitySuggestions: 10, PrincipalSource: 15, PrincipalType: 15, QueryString: teamClaim });
    expect(resolved).toMatchObject({ Key: teamClaim, IsResolved: true, EntityType: 'SecGroup' });
  });
});

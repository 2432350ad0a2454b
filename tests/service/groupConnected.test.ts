/**
 * A Teams-connected site (--group-connected): the Owners group holds the Microsoft 365 group's owners
 * claim and the Members group its members claim, so the group's people have Full Control or Edit
 * without being direct members of any SharePoint group; the site collection admin stays.
 */
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { PermissionKind } from '@pnp/sp/security';
import { DIRECTORY, m365MembersClaim, m365OwnersClaim, PROCUREMENT_M365_GROUP, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import type { SPFI } from '@pnp/sp';

const person = (email: string) => DIRECTORY.find((p) => p.email.startsWith(email))!;
const rachel = person('rachel.greenwood');
const aisha = person('aisha.khan');
const kevin = person('kevin.doyle');
const megan = person('megan.obrien');
const ownersClaim = m365OwnersClaim(PROCUREMENT_M365_GROUP.objectId);
const membersClaim = m365MembersClaim(PROCUREMENT_M365_GROUP.objectId);

const users = (sp: SPFI, group: string) => sp.web.siteGroups.getByName(group).users();
const pairs = (list: { LoginName: string; PrincipalType: number }[]) => list.map((u) => [u.LoginName, u.PrincipalType]);

describe('a group-connected site', () => {
  let service: RunningService;
  let owner: SPFI;
  const as = (p: { loginName: string }) => spAs(service.siteUrl, p.loginName);

  beforeAll(async () => {
    service = await startListService({ extraArgs: ['--group-connected'] });
    owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  });

  afterAll(async () => {
    await service.stop();
    removeDir(service.dataDir);
  });

  it("has the Microsoft 365 group's claims in its Owners and Members groups and nobody directly", async () => {
    expect(pairs(await users(owner, 'Procurement Owners'))).toEqual([[ownersClaim, 4]]);
    expect(pairs(await users(owner, 'Procurement Members'))).toEqual([[membersClaim, 4]]);
    expect(await users(owner, 'Procurement Visitors')).toEqual([]);
    const claims = await owner.web.siteUsers.filter('PrincipalType eq 4')();
    expect(Object.fromEntries(claims.map((u: { LoginName: string; Title: string }) => [u.LoginName, u.Title]))).toEqual({
      [ownersClaim]: 'Procurement Owners',
      [membersClaim]: 'Procurement Members',
    });
  });

  it('keeps the site collection admin, who is not in the Owners group', async () => {
    const me = await owner.web.currentUser();
    expect(me).toMatchObject({ LoginName: SITE_OWNER.loginName, IsSiteAdmin: true });
    expect(await owner.web.currentUser.groups()).toEqual([]);
    expect(await owner.web.currentUserHasPermissions(PermissionKind.ManagePermissions)).toBe(true);
  });

  it("gives the group's owners Full Control and its members Edit through the claims", async () => {
    // Rachel owns the Microsoft 365 group: Full Control, without being in any SharePoint group.
    expect(await as(rachel).web.currentUserHasPermissions(PermissionKind.ManagePermissions)).toBe(true);
    expect(await as(rachel).web.currentUser.groups()).toEqual([]);
    expect((await as(rachel).web.currentUser()).IsSiteAdmin).toBe(false);
    // Aisha and Kevin are members: Edit.
    for (const p of [aisha, kevin]) {
      const added = await as(p).web.lists.getByTitle('Action plans').items.add({ Title: `Added by ${p.displayName}` });
      expect(added.Id).toBeGreaterThan(0);
      expect(await as(p).web.currentUserHasPermissions(PermissionKind.ManagePermissions)).toBe(false);
      expect(await as(p).web.currentUser.groups()).toEqual([]);
    }
    const perms = await owner.web.getUserEffectivePermissions(kevin.loginName);
    expect(owner.web.hasPermissions(perms, PermissionKind.EditListItems)).toBe(true);
    // Megan is not in the Microsoft 365 group.
    expect((await rawFetch(service.siteUrl, '_api/web', { user: megan.email })).status).toBe(403);
  });

  it('lets an owner through the group manage the site: add people to its groups', async () => {
    await as(rachel).web.siteGroups.getByName('Procurement Visitors').users.add(megan.loginName);
    expect(await as(megan).web.currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(true);
    expect((await as(megan).web.currentUser.groups()).map((g: { Title: string }) => g.Title)).toEqual(['Procurement Visitors']);
  });

  it('names its group on the site and reports it in health', async () => {
    const site = (await (await rawFetch(service.siteUrl, '_api/site')).json()) as { GroupId: string };
    expect(site.GroupId).toBe(PROCUREMENT_M365_GROUP.objectId);
    expect((await owner.web.select('WebTemplate')()).WebTemplate).toBe('GROUP');
    expect(await (await fetch(`${service.url}/_local/health`)).json()).toMatchObject({ groupConnected: true });
  });

  it('stays connected when started again without the switch', async () => {
    await service.stop();
    const plain = await startListService({ dataDir: service.dataDir });
    try {
      expect(pairs(await users(spAs(plain.siteUrl, SITE_OWNER.loginName), 'Procurement Owners'))).toEqual([[ownersClaim, 4]]);
      expect(await (await fetch(`${plain.url}/_local/health`)).json()).toMatchObject({ groupConnected: true });
      expect(await spAs(plain.siteUrl, aisha.loginName).web.currentUserHasPermissions(PermissionKind.AddListItems)).toBe(true);
    } finally {
      await plain.stop();
    }
  });
});

describe('a plain team site', () => {
  it('has no group, and is connected ("groupified") when started with the switch, keeping its direct members', async () => {
    const data = mkdtempSync(join(tmpdir(), 'groupify-'));
    const first = await startListService({ dataDir: data });
    const owner = spAs(first.siteUrl, SITE_OWNER.loginName);
    expect(((await (await rawFetch(first.siteUrl, '_api/site')).json()) as { GroupId: string }).GroupId).toBe('00000000-0000-0000-0000-000000000000');
    expect((await owner.web.select('WebTemplate')()).WebTemplate).toBe('STS');
    expect((await rawFetch(first.siteUrl, '_api/web', { user: aisha.email })).status).toBe(403);
    await first.stop();

    const second = await startListService({ dataDir: data, extraArgs: ['--group-connected'] });
    const again = spAs(second.siteUrl, SITE_OWNER.loginName);
    expect(pairs(await users(again, 'Procurement Owners'))).toEqual([[SITE_OWNER.loginName, 1], [ownersClaim, 4]]);
    expect(pairs(await users(again, 'Procurement Members'))).toEqual([[membersClaim, 4]]);
    expect(await spAs(second.siteUrl, aisha.loginName).web.currentUserHasPermissions(PermissionKind.AddListItems)).toBe(true);
    await second.stop();
    removeDir(data);
  });
});

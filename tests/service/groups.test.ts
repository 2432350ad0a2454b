/**
 * SharePoint groups created over REST: OnlyAllowMembersViewMembership defaults to true as in SharePoint
 * Online, so only members, the group's owner and people with ManagePermissions can list its members;
 * the group's settings can be changed with MERGE.
 */
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import type { SPFI } from '@pnp/sp';

const byRole = (role: string) => DIRECTORY.filter((p) => p.role === role);
const [aisha, tom, megan] = byRole('officer');
const head = byRole('headOfProcurement')[0];
const director = byRole('director')[0];
const councillor = byRole('councillor')[0];

let service: RunningService;
let owner: SPFI;

beforeAll(async () => {
  service = await startListService();
  owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  for (const p of [aisha, tom, megan]) await owner.web.siteGroups.getByName('Procurement Members').users.add(p.loginName);
  await owner.web.siteGroups.getByName('Procurement Visitors').users.add(councillor.loginName);
  // Rachel has ManagePermissions through Procurement Owners but is not a site collection admin.
  await owner.web.siteGroups.getByName('Procurement Owners').users.add(head.loginName);
  await owner.web.siteGroups.getByName('Procurement Visitors').users.add(director.loginName);
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

const as = (p: { loginName: string }) => spAs(service.siteUrl, p.loginName);
const logins = (users: { LoginName: string }[]) => users.map((u) => u.LoginName);

async function expectDenied(promise: Promise<unknown>): Promise<void> {
  const err = (await promise.catch((e) => e)) as { status: number; message: string };
  expect(err.status).toBe(403);
  expect(err.message).toContain('System.UnauthorizedAccessException');
}

describe('groups created over REST', () => {
  it('default to OnlyAllowMembersViewMembership: true, as SharePoint Online does', async () => {
    const group = await owner.web.siteGroups.add({ Title: 'Sign-off panel', Description: 'Signs off the assessment' });
    expect(group).toMatchObject({ Title: 'Sign-off panel', OnlyAllowMembersViewMembership: true, AllowMembersEditMembership: false });
    expect((await owner.web.siteGroups.getById(group.Id)()).OnlyAllowMembersViewMembership).toBe(true);
    const open = await owner.web.siteGroups.add({ Title: 'Open panel', OnlyAllowMembersViewMembership: false });
    expect(open.OnlyAllowMembersViewMembership).toBe(false);
    // The site's own groups keep their visible membership.
    expect(logins(await as(councillor).web.siteGroups.getByName('Procurement Members').users())).toEqual(expect.arrayContaining([aisha.loginName]));
  });

  it('show their members only to members, the owner and people with ManagePermissions', async () => {
    const group = await owner.web.siteGroups.add({ Title: 'Approvers panel' });
    await owner.web.siteGroups.getById(group.Id).users.add(megan.loginName);
    // A member sees the members.
    expect(logins(await as(megan).web.siteGroups.getById(group.Id).users())).toEqual([megan.loginName]);
    // Someone outside the group without ManagePermissions does not, by id, by name or through $expand.
    await expectDenied(as(aisha).web.siteGroups.getById(group.Id).users());
    await expectDenied(as(aisha).web.siteGroups.getByName('Approvers panel').users());
    await expectDenied(as(aisha).web.siteGroups.getById(group.Id).users.getById(1)());
    const expanded = await rawFetch(service.siteUrl, `_api/web/sitegroups/getbyid(${group.Id})?$expand=Users`, { user: aisha.email });
    expect(expanded.status).toBe(403);
    // The group itself is still visible.
    expect((await as(aisha).web.siteGroups.getById(group.Id)()).Title).toBe('Approvers panel');
    // ManagePermissions (Procurement Owners) and the site collection admin see the members.
    expect(logins(await as(head).web.siteGroups.getByName('Approvers panel').users())).toEqual([megan.loginName]);
    expect(logins(await owner.web.siteGroups.getById(group.Id).users())).toEqual([megan.loginName]);
    // The group's owner does, even without being a member.
    const tomUser = await owner.web.ensureUser(tom.loginName);
    await owner.web.siteGroups.getById(group.Id).setUserAsOwner(tomUser.Id);
    expect(logins(await as(tom).web.siteGroups.getById(group.Id).users())).toEqual([megan.loginName]);
  });

  it('take MERGE of Title, Description, OnlyAllowMembersViewMembership and AllowMembersEditMembership', async () => {
    const group = await owner.web.siteGroups.add({ Title: 'Review board' });
    await owner.web.siteGroups.getById(group.Id).users.add(megan.loginName);
    await expectDenied(as(director).web.siteGroups.getById(group.Id).users());
    await owner.web.siteGroups.getById(group.Id).update({
      Title: 'Review board (2026)',
      Description: 'Reviews the self-assessment',
      OnlyAllowMembersViewMembership: false,
      AllowMembersEditMembership: true,
    });
    const after = await owner.web.siteGroups.getById(group.Id)();
    expect(after).toMatchObject({ Title: 'Review board (2026)', Description: 'Reviews the self-assessment', OnlyAllowMembersViewMembership: false, AllowMembersEditMembership: true });
    expect(logins(await as(director).web.siteGroups.getById(group.Id).users())).toEqual([megan.loginName]);
    // AllowMembersEditMembership lets a member add people.
    await as(megan).web.siteGroups.getById(group.Id).users.add(aisha.loginName);
    expect(logins(await owner.web.siteGroups.getById(group.Id).users()).sort()).toEqual([aisha.loginName, megan.loginName].sort());
    // Only the owner or someone with ManagePermissions may change the settings; unknown properties are refused.
    await expectDenied(as(director).web.siteGroups.getById(group.Id).update({ OnlyAllowMembersViewMembership: true }));
    const unknown = await owner.web.siteGroups.getById(group.Id).update({ NoSuchProperty: 1 } as never).catch((e) => e);
    expect(unknown.status).toBe(400);
  });
});

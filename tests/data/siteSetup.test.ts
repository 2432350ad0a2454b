import { SPFI } from '@pnp/sp';
import { ADD_ONLY_PERMISSIONS, ADD_ONLY_ROLE, APPROVE_ROLE, MODERATE_PERMISSIONS, MODERATE_ROLE, NO_ACCESS, PERMISSION_PLAN, runSiteSetup } from '../../src/data/siteSetup';
import { GROUPS } from '../../src/data/siteService';
import { loadWorkspace } from '../../src/data/workspace';
import { LIST_KEYS, LISTS } from '../../src/data/schema';
import { npsFramework2018 } from '../../src/framework';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { RunningService, servicesAs, spAs, startListService } from '../support/listService';

/*
 * Set-up as a site owner runs it on a real site: exactly the permissions the design needs, with
 * SharePoint's own permission bits, safe to run again from any state a stopped run can leave.
 * Each test starts its own site.
 */
const framework = npsFramework2018();
const OFFICER = DIRECTORY.filter((p) => p.role === 'officer')[0];
const OUTSIDER = DIRECTORY.filter((p) => p.role === 'other')[0];

type Assignment = { PrincipalId: number; Member: { Title: string }; RoleDefinitionBindings: Array<{ Name: string }> };

/** Each list's permissions as "principal: level" lines, sorted, Limited Access left out. */
async function permissionsOf(sp: SPFI): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const key of LIST_KEYS) {
    const assignments: Assignment[] = await sp.web.lists.getByTitle(LISTS[key].title).roleAssignments.expand('Member', 'RoleDefinitionBindings')();
    out[key] = assignments
      .flatMap((a) => a.RoleDefinitionBindings.filter((r) => r.Name !== 'Limited Access').map((r) => `${a.Member.Title}: ${r.Name}`))
      .sort();
  }
  return out;
}

let service: RunningService;
beforeEach(async () => {
  service = await startListService();
}, 30000);
afterEach(async () => {
  await service?.stop();
});

describe('site set-up', () => {
  it('grants exactly the plan on every list, keeping the site\'s members and visitors able to read', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    await runSiteSetup(owner, framework);
    const permissions = await permissionsOf(owner);
    for (const key of LIST_KEYS) {
      const plan = PERMISSION_PLAN[key];
      const groups = (Object.keys(GROUPS) as Array<keyof typeof GROUPS>).filter((g) => plan[g] !== NO_ACCESS);
      expect({ key, permissions: permissions[key] }).toEqual({
        key,
        permissions: [
          ...groups.map((g) => `${GROUPS[g]}: ${plan[g]}`),
          'Procurement Members: Read',
          'Procurement Owners: Full Control',
          'Procurement Visitors: Read',
        ].sort(),
      });
    }
    expect(permissions.signoffs).toContain(`${GROUPS.approvers}: ${ADD_ONLY_ROLE}`);
    expect(permissions.assessments).toContain(`${GROUPS.approvers}: ${APPROVE_ROLE}`);
    // Colleagues asked for views: add their own views, read what giving one needs, and nothing else.
    expect(permissions.views).toEqual(expect.arrayContaining([`${GROUPS.contributors}: ${ADD_ONLY_ROLE}`, `${GROUPS.officers}: ${MODERATE_ROLE}`, `${GROUPS.approvers}: ${MODERATE_ROLE}`]));
    for (const key of ['indices', 'periods', 'submissions', 'signoffs', 'viewInvitations'] as const) expect(permissions[key]).toContain(`${GROUPS.contributors}: Read`);
    for (const key of ['assessments', 'actions', 'challenges', 'responses', 'scrutinySharing', 'reminders', 'committeePacks'] as const) {
      expect(permissions[key].some((line) => line.startsWith(GROUPS.contributors))).toBe(false);
    }
    expect(permissions.views.some((line) => line.startsWith(GROUPS.scrutiny))).toBe(false);
    expect(permissions.viewInvitations.some((line) => line.startsWith(GROUPS.scrutiny))).toBe(false);
  }, 60000);

  it('makes the views list item-level secured, creates the contributors group owned by the officers, and says so once', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    const report = await runSiteSetup(owner, framework);
    const words = `${LISTS.views.title}: each person reads only the items they created, and each person changes only the items they created (item-level permissions)`;
    expect(report.done).toEqual(expect.arrayContaining([`Created the SharePoint group ${GROUPS.contributors}`, `Created the permission level "${MODERATE_ROLE}"`, words]));
    expect(await owner.web.lists.getByTitle(LISTS.views.title).select('ReadSecurity', 'WriteSecurity')()).toMatchObject({ ReadSecurity: 2, WriteSecurity: 2 });
    expect(await owner.web.lists.getByTitle(LISTS.viewInvitations.title).select('ReadSecurity')()).toMatchObject({ ReadSecurity: 1 });
    const [group] = await owner.web.siteGroups.filter(`Title eq '${GROUPS.contributors}'`).select('OwnerTitle', 'OnlyAllowMembersViewMembership')();
    expect(group).toMatchObject({ OwnerTitle: GROUPS.officers, OnlyAllowMembersViewMembership: false });
    const site = (await owner.web.roleAssignments.expand('Member', 'RoleDefinitionBindings')()) as unknown as Assignment[];
    expect(site.find((a) => a.Member.Title === GROUPS.contributors)?.RoleDefinitionBindings.map((r) => r.Name)).toEqual(['Read']);

    // Someone turning item-level security off by hand, or giving the colleagues more: set-up puts it back.
    await owner.web.lists.getByTitle(LISTS.views.title).update({ ReadSecurity: 1 });
    const contributors = (await owner.web.siteGroups.getByName(GROUPS.contributors).select('Id')()) as { Id: number };
    const read = (await owner.web.roleDefinitions.getByType(2).select('Id')()) as { Id: number };
    await owner.web.lists.getByTitle(LISTS.assessments.title).roleAssignments.add(contributors.Id, read.Id);
    const again = await runSiteSetup(owner, framework);
    expect(again.done).toEqual([`${LISTS.assessments.title}: removed Read from ${GROUPS.contributors}`, words]);
    expect(await owner.web.lists.getByTitle(LISTS.views.title).select('ReadSecurity')()).toMatchObject({ ReadSecurity: 2 });
    const third = await runSiteSetup(owner, framework);
    expect(third.done).toEqual([]);
    expect(third.alreadyInPlace).toContain(words);
  }, 90000);

  it('defines "Moderate views" as "Add items only" plus Override List Behaviors (CancelCheckout, 9), and nothing else', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    await runSiteSetup(owner, framework);
    const [moderate] = await owner.web.roleDefinitions.filter(`Name eq '${MODERATE_ROLE}'`).select('BasePermissions')();
    const bits = (m: { High: string | number; Low: string | number }) => (BigInt(m.High) << 32n) | BigInt(m.Low);
    expect(bits(moderate.BasePermissions)).toBe(bits(MODERATE_PERMISSIONS));
    expect(bits(MODERATE_PERMISSIONS)).toBe(bits(ADD_ONLY_PERMISSIONS) | (1n << 8n));
    expect((bits(MODERATE_PERMISSIONS) >> 2n) & 1n).toBe(0n); // no EditListItems (3)
  }, 60000);

  it('defines "Add items only" with SharePoint\'s PermissionKind bits: what Read gives plus adding items, nothing more', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    await runSiteSetup(owner, framework);
    const [addOnly] = await owner.web.roleDefinitions.filter(`Name eq '${ADD_ONLY_ROLE}'`).select('BasePermissions')();
    const read = await owner.web.roleDefinitions.getByType(2).select('BasePermissions')();
    const bits = (m: { High: string | number; Low: string | number }) => (BigInt(m.High) << 32n) | BigInt(m.Low);
    // PermissionKind n is bit n-1: AddListItems 2, ApplyThemeAndBorder 20, ManagePermissions 26, AddDelPrivateWebParts 29, UseRemoteAPIs 38.
    const kind = (n: number) => (bits(addOnly.BasePermissions) >> BigInt(n - 1)) & 1n;
    expect([kind(2), kind(38), kind(20), kind(26), kind(29), kind(3), kind(4)]).toEqual([1n, 1n, 0n, 0n, 0n, 0n, 0n]);
    // Nothing beyond what Read gives, except adding items.
    expect(bits(addOnly.BasePermissions) & ~(bits(read.BasePermissions) | 2n)).toBe(0n);
    expect(bits(addOnly.BasePermissions)).toBe(bits(ADD_ONLY_PERMISSIONS));
  }, 60000);

  it('ends with the plan when run again after a run stopped part-way, and says what it changed', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    await runSiteSetup(owner, framework);
    const planned = await permissionsOf(owner);
    // What a stopped run (or a hand edit) can leave: a list still inheriting, a stray Contribute copied
    // from the site, a group missing, and the add-only level with the wrong bits.
    const actions = owner.web.lists.getByTitle(LISTS.indices.title);
    const officers = (await owner.web.siteGroups.getByName(GROUPS.officers).select('Id')()) as { Id: number };
    const contribute = (await owner.web.roleDefinitions.getByType(3).select('Id')()) as { Id: number };
    await actions.roleAssignments.add(officers.Id, contribute.Id);
    await owner.web.lists.getByTitle(LISTS.signoffs.title).resetRoleInheritance();
    const [addOnly] = await owner.web.roleDefinitions.filter(`Name eq '${ADD_ONLY_ROLE}'`).select('Id')();
    await owner.web.roleDefinitions.getById(addOnly.Id).update({ BasePermissions: { High: 0, Low: 2 ** 19 + 1 } } as never);
    const scrutiny = (await owner.web.siteGroups.getByName(GROUPS.scrutiny).select('Id')()) as { Id: number };
    await owner.web.siteGroups.removeById(scrutiny.Id);

    const report = await runSiteSetup(owner, framework);
    expect(report.done).toEqual(
      expect.arrayContaining([
        `Created the SharePoint group ${GROUPS.scrutiny}`,
        `Corrected the permissions of the level "${ADD_ONLY_ROLE}"`,
        expect.stringMatching(new RegExp(`^${LISTS.indices.title}: removed Contribute from ${GROUPS.officers}`)),
        expect.stringMatching(new RegExp(`^${LISTS.signoffs.title}: gave it its own permissions`)),
      ])
    );
    expect(await permissionsOf(owner)).toEqual(planned);
    const again = await runSiteSetup(owner, framework);
    expect(again.done).toEqual([]);
  }, 90000);

  it('lets everyone on the site see who is in the app\'s groups, so officers can email approvers', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    await runSiteSetup(owner, framework);
    const [group] = await owner.web.siteGroups.filter(`Title eq '${GROUPS.approvers}'`).select('OnlyAllowMembersViewMembership', 'OwnerTitle')();
    expect(group).toMatchObject({ OnlyAllowMembersViewMembership: false, OwnerTitle: 'Procurement Owners' });
  }, 60000);

  it('treats whoever SharePoint lets manage the site as a site owner, not anyone in a group called "... Owners"', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    await runSiteSetup(owner, framework);
    const fake = await owner.web.siteGroups.add({ Title: 'Fake Owners' });
    await owner.web.siteGroups.getById(fake.Id).users.add(OUTSIDER.loginName);
    await owner.web.siteGroups.getById((await owner.web.associatedVisitorGroup()).Id).users.add(OUTSIDER.loginName);
    expect((await loadWorkspace(servicesAs(service, OUTSIDER.loginName), framework)).role).toBe('reader');
    await owner.web.siteGroups.getById((await owner.web.associatedOwnerGroup()).Id).users.add(OFFICER.loginName);
    const officer = await loadWorkspace(servicesAs(service, OFFICER.loginName), framework);
    expect(officer.user.isSiteAdmin).toBe(false);
    expect(officer.role).toBe('owner');
  }, 60000);
});

import { SPFI } from '@pnp/sp';
import { Framework } from '../framework/types';
import { toDataError, DataError } from './errors';
import { IndexRepository } from './repositories/indexRepository';
import { LIST_KEYS, LISTS, ListKey } from './schema';
import { BasePermissions, GROUPS } from './siteService';

/**
 * Site set-up, run by a site owner from the Assessment web part. Every step brings the site to the
 * plan below from whatever state it finds (new, half set up by a run that stopped, or changed by hand),
 * so running it again is always safe, and the report says what it changed and what was in place.
 */

/** SharePoint's PermissionKind values (SP.PermissionKind), counted from 1 as SharePoint does. */
const Kind = {
  ViewListItems: 1,
  AddListItems: 2,
  OpenItems: 6,
  ViewVersions: 7,
  CancelCheckout: 9,
  ViewFormPages: 13,
  Open: 17,
  ViewPages: 18,
  ManagePermissions: 26,
  BrowseUserInfo: 28,
  UseClientIntegration: 37,
  UseRemoteAPIs: 38,
  CreateAlerts: 40,
  EnumeratePermissions: 63,
} as const;

function maskOf(kinds: number[]): { High: number; Low: number } {
  let high = 0;
  let low = 0;
  for (const kind of kinds) {
    const bit = kind - 1;
    if (bit < 32) low += 2 ** bit;
    else high += 2 ** (bit - 32);
  }
  return { High: high, Low: low };
}

function orMasks(a: BasePermissions, b: BasePermissions): { High: number; Low: number } {
  const or = (x: number | string, y: number | string): number => Number((BigInt(x) | BigInt(y)) & BigInt(0xffffffff));
  return { High: or(a.High, b.High), Low: or(a.Low, b.Low) };
}

function sameMask(a: BasePermissions, b: BasePermissions): boolean {
  return String(a.High) === String(b.High) && String(a.Low) === String(b.Low);
}

/** For entries that must never change once written (challenges, submissions, sign-offs, periods). */
export const ADD_ONLY_ROLE = 'Add items only';
export const ADD_ONLY_PERMISSIONS = maskOf([
  Kind.ViewListItems, Kind.AddListItems, Kind.OpenItems, Kind.ViewVersions, Kind.ViewFormPages, Kind.Open, Kind.ViewPages,
  Kind.BrowseUserInfo, Kind.UseClientIntegration, Kind.UseRemoteAPIs, Kind.CreateAlerts,
]);

/** Approvers on the assessments: Contribute, plus making a signed-off year's items read-only and back. */
export const APPROVE_ROLE = 'Approve and lock';
const APPROVE_EXTRA = maskOf([Kind.ManagePermissions, Kind.EnumeratePermissions]);

/**
 * Officers and approvers on the Maturity views list: add (a view of their own, or one given on paper),
 * and read everyone's, which the list's item-level read security otherwise limits to one's own.
 * SharePoint lets whoever has Override List Behaviors (CancelCheckout) read every item.
 */
export const MODERATE_ROLE = 'Moderate views';
export const MODERATE_PERMISSIONS = maskOf([
  Kind.ViewListItems, Kind.AddListItems, Kind.OpenItems, Kind.ViewVersions, Kind.CancelCheckout, Kind.ViewFormPages, Kind.Open, Kind.ViewPages,
  Kind.BrowseUserInfo, Kind.UseClientIntegration, Kind.UseRemoteAPIs, Kind.CreateAlerts,
]);

/** In the plan: no access at all; set-up removes whatever the group has there. */
export const NO_ACCESS = 'None';

type RoleName = 'Read' | 'Contribute' | 'Full Control' | typeof ADD_ONLY_ROLE | typeof APPROVE_ROLE | typeof MODERATE_ROLE;
type PlannedRole = RoleName | typeof NO_ACCESS;
type GroupKey = keyof typeof GROUPS;

/**
 * Access to the site itself: officers and approvers contribute (evidence documents, and the people
 * picker's ensureUser needs it); councillors and colleagues asked for views read, which also lets the
 * web parts' pages load for them.
 */
export const SITE_PLAN: Record<GroupKey, RoleName> = { officers: 'Contribute', approvers: 'Contribute', scrutiny: 'Read', contributors: 'Read' };

/**
 * Who may do what, list by list: exactly these, and nothing copied from the site survives. Site owners
 * have Full Control and the site's members and visitors read every list. None means no access at all.
 *
 * Colleagues asked for views (contributors) see only what giving a view needs: the framework, the years
 * and where each stands, the invitations, and their own views (add-only, and the views list's item-level
 * read security shows each person only their own). Every other list does not exist for them.
 */
export const PERMISSION_PLAN: Record<ListKey, Record<GroupKey, PlannedRole>> = {
  indices: { officers: 'Read', approvers: 'Read', scrutiny: 'Read', contributors: 'Read' },
  periods: { officers: ADD_ONLY_ROLE, approvers: ADD_ONLY_ROLE, scrutiny: 'Read', contributors: 'Read' },
  submissions: { officers: ADD_ONLY_ROLE, approvers: ADD_ONLY_ROLE, scrutiny: 'Read', contributors: 'Read' },
  signoffs: { officers: 'Read', approvers: ADD_ONLY_ROLE, scrutiny: 'Read', contributors: 'Read' },
  assessments: { officers: 'Contribute', approvers: APPROVE_ROLE, scrutiny: 'Read', contributors: NO_ACCESS },
  actions: { officers: 'Contribute', approvers: 'Contribute', scrutiny: 'Read', contributors: NO_ACCESS },
  challenges: { officers: 'Read', approvers: 'Read', scrutiny: ADD_ONLY_ROLE, contributors: NO_ACCESS },
  responses: { officers: 'Contribute', approvers: 'Contribute', scrutiny: 'Read', contributors: NO_ACCESS },
  // Who shared the review with whom: approvers (and owners) record it, nobody changes it.
  scrutinySharing: { officers: 'Read', approvers: ADD_ONLY_ROLE, scrutiny: 'Read', contributors: NO_ACCESS },
  // Action reminders: officers and approvers record each reminder sent; nobody changes one.
  reminders: { officers: ADD_ONLY_ROLE, approvers: ADD_ONLY_ROLE, scrutiny: 'Read', contributors: NO_ACCESS },
  // Committee packs: officers and approvers make (and remake) them; councillors read what is shared.
  committeePacks: { officers: 'Contribute', approvers: 'Contribute', scrutiny: 'Read', contributors: NO_ACCESS },
  // Colleagues' views: everyone adds, nobody changes one; officers and approvers read all (Moderate views),
  // a colleague only their own (ReadSecurity 2, below). Councillors review the agreed level, not the views.
  views: { officers: MODERATE_ROLE, approvers: MODERATE_ROLE, scrutiny: NO_ACCESS, contributors: ADD_ONLY_ROLE },
  // Who was asked: officers invite; approvers and the colleagues asked read.
  viewInvitations: { officers: ADD_ONLY_ROLE, approvers: 'Read', scrutiny: NO_ACCESS, contributors: 'Read' },
};

/**
 * Item-level permissions (List settings, Advanced settings) set-up gives a list: each person reads and
 * changes only the items they created, unless their level has Override List Behaviors (Moderate views,
 * Full Control). Every other list reads and writes all items (1).
 */
export const ITEM_LEVEL_PLAN: Partial<Record<ListKey, { readSecurity: 1 | 2; writeSecurity: 1 | 2 | 4 }>> = {
  views: { readSecurity: 2, writeSecurity: 2 },
};

/**
 * Who owns each of the app's groups, and so may change who is in it. Scrutiny members are owned by the
 * approvers, who share the review with councillors; the colleagues asked for views by the officers, who
 * invite them (a group's owner, and site collection administrators, change its membership; its members cannot).
 */
export const GROUP_OWNERS: Record<GroupKey, GroupKey | 'owners'> = { officers: 'owners', approvers: 'owners', scrutiny: 'approvers', contributors: 'officers' };

export interface SetupReport {
  done: string[];
  alreadyInPlace: string[];
}

interface Principal {
  Id: number;
  Title: string;
}

interface Assignment {
  PrincipalId: number;
  Member?: { Title?: string };
  RoleDefinitionBindings: Array<{ Id: number; Name: string }>;
}

export async function runSiteSetup(sp: SPFI, framework: Framework): Promise<SetupReport> {
  const report: SetupReport = { done: [], alreadyInPlace: [] };
  try {
    await checkLists(sp);
    const owners: Principal = await sp.web.associatedOwnerGroup.select('Id', 'Title')();
    const members = await optionalGroup(() => sp.web.associatedMemberGroup.select('Id', 'Title')());
    const visitors = await optionalGroup(() => sp.web.associatedVisitorGroup.select('Id', 'Title')());
    const groups = {} as Record<GroupKey, Principal>;
    // Owners first: a group owned by another of the app's groups needs that group to exist.
    const ownerFirst = (Object.keys(GROUPS) as GroupKey[]).sort((a, b) => (GROUP_OWNERS[a] === 'owners' ? 0 : 1) - (GROUP_OWNERS[b] === 'owners' ? 0 : 1));
    for (const key of ownerFirst) {
      const ownerKey = GROUP_OWNERS[key];
      groups[key] = await ensureGroup(sp, GROUPS[key], ownerKey === 'owners' ? owners : groups[ownerKey], report);
    }
    const roles = await ensureRoles(sp, report);
    await checkOwnPermissions(sp);
    await applySitePermissions(sp, groups, roles, report);
    const readers = [members, visitors].filter((g): g is Principal => !!g);
    for (const listKey of LIST_KEYS) await applyListPermissions(sp, listKey, owners, readers, groups, roles, report);
    for (const listKey of LIST_KEYS) await applyItemLevelSecurity(sp, listKey, report);

    const indices = new IndexRepository(sp);
    if ((await indices.all()).length === 0) {
      const added = await indices.seed(framework);
      report.done.push(`Added the ${added.length} key areas and enablers of the ${framework.title} to ${LISTS.indices.title}`);
    } else {
      report.alreadyInPlace.push(`${LISTS.indices.title} already holds the framework (left as the site owners tailored it)`);
      const corrections = await indices.applyCorrections(framework);
      report.done.push(...corrections.changed);
      report.alreadyInPlace.push(...corrections.leftAlone);
    }
    return report;
  } catch (e) {
    throw toDataError(e);
  }
}

async function optionalGroup(read: () => Promise<Principal>): Promise<Principal | undefined> {
  try {
    const group = await read();
    return group?.Id ? group : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A subsite that inherits its parent's permissions cannot be given site access of its own without
 * changing the parent's: say so and what to do, rather than change another site.
 */
async function checkOwnPermissions(sp: SPFI): Promise<void> {
  const web = (await sp.web.select('HasUniqueRoleAssignments', 'Url')()) as unknown as { HasUniqueRoleAssignments?: boolean; Url?: string };
  if (web.HasUniqueRoleAssignments === false) {
    throw new DataError(
      'refused',
      `This site (${web.Url ?? 'a subsite'}) inherits its permissions from its parent site, so giving the app's groups access here would change the parent site too. ` +
        'A site owner should choose Site settings, Site permissions, Stop Inheriting Permissions, then run set-up again. Nothing else was changed on the parent site.'
    );
  }
}

async function checkLists(sp: SPFI): Promise<void> {
  const titles = new Set((await sp.web.lists.select('Title')()).map((l: { Title: string }) => l.Title));
  const missing = LIST_KEYS.filter((k) => !titles.has(LISTS[k].title)).map((k) => LISTS[k].title);
  if (missing.length) {
    throw new DataError(
      'notSetUp',
      `The app's lists are missing from this site (${missing.join(', ')}). Add the lists package to this site (Site contents, New, App, Procurement maturity toolkit lists), wait a minute for its lists, then run set-up again.`
    );
  }
}

/**
 * The app's groups, each owned by the group GROUP_OWNERS names. Officers read the approvers' membership to
 * email them, so membership is visible to everyone on the site (SharePoint's default hides it).
 */
async function ensureGroup(sp: SPFI, title: string, owners: Principal, report: SetupReport): Promise<Principal> {
  const found: Array<Principal & { OnlyAllowMembersViewMembership?: boolean; OwnerTitle?: string }> = await sp.web.siteGroups
    .filter(`Title eq '${title.replace(/'/g, "''")}'`)
    .select('Id', 'Title', 'OnlyAllowMembersViewMembership', 'OwnerTitle')();
  let group = found[0];
  if (!group) {
    const created = await sp.web.siteGroups.add({ Title: title, Description: `Procurement maturity toolkit: ${title.toLowerCase()}. Managed by ${owners.Title}.` });
    group = { Id: created.Id, Title: created.Title, OnlyAllowMembersViewMembership: true, OwnerTitle: '' };
    report.done.push(`Created the SharePoint group ${title}`);
  } else {
    report.alreadyInPlace.push(`Group ${title} exists`);
  }
  const changes: string[] = [];
  if (group.OnlyAllowMembersViewMembership !== false) {
    await sp.web.siteGroups.getById(group.Id).update({ OnlyAllowMembersViewMembership: false });
    changes.push('everyone on the site can see who is in it');
  }
  if (group.OwnerTitle !== owners.Title) {
    await sp.web.siteGroups.getById(group.Id).setUserAsOwner(owners.Id);
    changes.push(`${owners.Title} own it`);
  }
  if (changes.length) report.done.push(`${title}: ${changes.join('; ')}`);
  return { Id: group.Id, Title: group.Title };
}

async function ensureRoles(sp: SPFI, report: SetupReport): Promise<Record<RoleName, number>> {
  const existing: Array<{ Id: number; Name: string; RoleTypeKind: number; BasePermissions: BasePermissions }> = await sp.web.roleDefinitions.select(
    'Id',
    'Name',
    'RoleTypeKind',
    'BasePermissions'
  )();
  const builtIn = (kind: number, name: string): (typeof existing)[number] => {
    const role = existing.find((r) => r.RoleTypeKind === kind);
    if (!role) throw new DataError('refused', `This site has no ${name} permission level, so set-up cannot grant access. Ask the SharePoint administrator to restore it.`);
    return role;
  };
  const read = builtIn(2, 'Read');
  const contribute = builtIn(3, 'Contribute');
  const fullControl = builtIn(5, 'Full Control');
  const ensure = async (name: string, description: string, mask: { High: number; Low: number }, order: number): Promise<number> => {
    const role = existing.find((r) => r.Name === name);
    if (!role) {
      const created = await sp.web.roleDefinitions.add(name, description, order, mask);
      report.done.push(`Created the permission level "${name}"`);
      return created.data.Id;
    }
    if (!sameMask(role.BasePermissions, mask)) {
      await sp.web.roleDefinitions.getById(role.Id).update({ BasePermissions: { ...mask, __metadata: { type: 'SP.BasePermissions' } } as never });
      report.done.push(`Corrected the permissions of the level "${name}"`);
    } else report.alreadyInPlace.push(`Permission level "${name}" is as planned`);
    return role.Id;
  };
  const addOnly = await ensure(ADD_ONLY_ROLE, 'Can view and add list items, but not edit or delete them.', ADD_ONLY_PERMISSIONS, 250);
  const approve = await ensure(APPROVE_ROLE, 'Can contribute, and make a signed-off year read-only or editable again.', orMasks(contribute.BasePermissions, APPROVE_EXTRA), 251);
  const moderate = await ensure(MODERATE_ROLE, "Can view and add list items, and read everyone's items where each person otherwise sees only their own; cannot edit or delete them.", MODERATE_PERMISSIONS, 252);
  return { Read: read.Id, Contribute: contribute.Id, 'Full Control': fullControl.Id, [ADD_ONLY_ROLE]: addOnly, [APPROVE_ROLE]: approve, [MODERATE_ROLE]: moderate };
}

async function applySitePermissions(sp: SPFI, groups: Record<GroupKey, Principal>, roles: Record<RoleName, number>, report: SetupReport): Promise<void> {
  const assignments: Assignment[] = await sp.web.roleAssignments.expand('RoleDefinitionBindings')();
  const granted: string[] = [];
  for (const key of Object.keys(GROUPS) as GroupKey[]) {
    const role = roles[SITE_PLAN[key]];
    if (assignments.some((a) => a.PrincipalId === groups[key].Id && a.RoleDefinitionBindings.some((r) => r.Id === role))) continue;
    await sp.web.roleAssignments.add(groups[key].Id, role);
    granted.push(`${groups[key].Title}: ${SITE_PLAN[key]}`);
  }
  if (granted.length) report.done.push(`Site access: granted ${granted.join('; ')}`);
  else report.alreadyInPlace.push('Site access for the groups is in place');
}

/** Makes the list's permissions exactly the plan: adds what is missing, removes everything else. */
async function applyListPermissions(
  sp: SPFI,
  listKey: ListKey,
  owners: Principal,
  readers: Principal[],
  groups: Record<GroupKey, Principal>,
  roles: Record<RoleName, number>,
  report: SetupReport
): Promise<void> {
  const title = LISTS[listKey].title;
  const list = sp.web.lists.getByTitle(title);
  const changes: string[] = [];
  const { HasUniqueRoleAssignments } = (await list.select('HasUniqueRoleAssignments')()) as unknown as { HasUniqueRoleAssignments: boolean };
  if (!HasUniqueRoleAssignments) {
    await list.breakRoleInheritance(true, false);
    changes.push('gave it its own permissions');
  }
  const plan = new Map<number, { title: string; roles: number[] }>();
  plan.set(owners.Id, { title: owners.Title, roles: [roles['Full Control']] });
  for (const reader of readers) plan.set(reader.Id, { title: reader.Title, roles: [roles.Read] });
  for (const key of Object.keys(GROUPS) as GroupKey[]) {
    const planned = PERMISSION_PLAN[listKey][key];
    plan.set(groups[key].Id, { title: groups[key].Title, roles: planned === NO_ACCESS ? [] : [roles[planned]] });
  }

  const assignments: Assignment[] = await list.roleAssignments.expand('Member', 'RoleDefinitionBindings')();
  for (const a of assignments) {
    const wanted = plan.get(a.PrincipalId)?.roles ?? [];
    for (const binding of a.RoleDefinitionBindings) {
      if (wanted.indexOf(binding.Id) >= 0 || binding.Name === 'Limited Access') continue;
      await list.roleAssignments.remove(a.PrincipalId, binding.Id);
      changes.push(`removed ${binding.Name} from ${a.Member?.Title ?? `principal ${a.PrincipalId}`}`);
    }
  }
  for (const [principalId, { title: who, roles: wanted }] of plan) {
    // A plan of no access (None) needs nothing added; anything the principal had was removed above.
    const current = assignments.find((a) => a.PrincipalId === principalId)?.RoleDefinitionBindings.map((r) => r.Id) ?? [];
    for (const roleId of wanted) {
      if (current.indexOf(roleId) >= 0) continue;
      await list.roleAssignments.add(principalId, roleId);
      const name = (Object.keys(roles) as RoleName[]).find((n) => roles[n] === roleId) ?? String(roleId);
      changes.push(`granted ${who} ${name}`);
    }
  }
  if (changes.length) report.done.push(`${title}: ${changes.join('; ')}`);
  else report.alreadyInPlace.push(`${title} permissions are as planned`);
}

const READ_SECURITY_WORDS = { 1: 'everyone reads every item', 2: 'each person reads only the items they created' } as const;
const WRITE_SECURITY_WORDS = { 1: 'everyone may change every item', 2: 'each person changes only the items they created', 4: 'nobody changes items' } as const;

/**
 * The list's item-level permissions (SP.List.ReadSecurity, WriteSecurity) as ITEM_LEVEL_PLAN says, set
 * by a MERGE on the list when they differ. Lists the plan does not name are left as they are.
 */
async function applyItemLevelSecurity(sp: SPFI, listKey: ListKey, report: SetupReport): Promise<void> {
  const wanted = ITEM_LEVEL_PLAN[listKey];
  if (!wanted) return;
  const title = LISTS[listKey].title;
  const list = sp.web.lists.getByTitle(title);
  const current = (await list.select('ReadSecurity', 'WriteSecurity')()) as unknown as { ReadSecurity?: number; WriteSecurity?: number };
  const words = `${READ_SECURITY_WORDS[wanted.readSecurity]}, and ${WRITE_SECURITY_WORDS[wanted.writeSecurity]} (item-level permissions)`;
  if (current.ReadSecurity === wanted.readSecurity && current.WriteSecurity === wanted.writeSecurity) {
    report.alreadyInPlace.push(`${title}: ${words}`);
    return;
  }
  await list.update({ ReadSecurity: wanted.readSecurity, WriteSecurity: wanted.writeSecurity });
  report.done.push(`${title}: ${words}`);
}

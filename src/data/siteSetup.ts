import { SPFI } from '@pnp/sp';
import { Framework } from '../framework/types';
import { toDataError, DataError } from './errors';
import { IndexRepository } from './repositories/indexRepository';
import { LIST_KEYS, LISTS, ListKey } from './schema';
import { GROUPS } from './siteService';

/**
 * Site set-up, run by a site owner from the Assessment web part. Idempotent: it creates what is
 * missing, leaves what exists, and reports both, so running it again is always safe.
 */

/** A role for scrutiny councillors on the challenge log: they may add challenges, not change any. */
export const ADD_ONLY_ROLE = 'Add items only';
const ADD_ONLY_BITS = [1, 2, 6, 7, 13, 17, 18, 20, 28, 29]; // View/Add items, open, versions, forms, pages, user info, remote APIs
export const ADD_ONLY_PERMISSIONS = { High: 0, Low: ADD_ONLY_BITS.reduce((mask, bit) => mask + 2 ** (bit - 1), 0) };

type RoleName = 'Read' | 'Contribute' | typeof ADD_ONLY_ROLE;
type GroupKey = keyof typeof GROUPS;

/**
 * Access to the site itself: officers and approvers contribute (evidence documents, and the people
 * picker's ensureUser needs it); councillors read, which also lets the web parts' pages load for them.
 */
export const SITE_PLAN: Record<GroupKey, RoleName> = { officers: 'Contribute', approvers: 'Contribute', scrutiny: 'Read' };

/** Who may do what, list by list. Owners keep Full Control through their own group everywhere. */
export const PERMISSION_PLAN: Record<ListKey, Record<GroupKey, RoleName>> = {
  indices: { officers: 'Read', approvers: 'Read', scrutiny: 'Read' },
  periods: { officers: 'Contribute', approvers: 'Contribute', scrutiny: 'Read' },
  assessments: { officers: 'Contribute', approvers: 'Contribute', scrutiny: 'Read' },
  actions: { officers: 'Contribute', approvers: 'Contribute', scrutiny: 'Read' },
  challenges: { officers: 'Contribute', approvers: 'Contribute', scrutiny: ADD_ONLY_ROLE },
};

export interface SetupReport {
  done: string[];
  alreadyInPlace: string[];
}

interface Principal {
  Id: number;
  Title: string;
}

export async function runSiteSetup(sp: SPFI, framework: Framework): Promise<SetupReport> {
  const report: SetupReport = { done: [], alreadyInPlace: [] };
  try {
    await checkLists(sp);
    const owners: Principal = await sp.web.associatedOwnerGroup.select('Id', 'Title')();
    const groups = {} as Record<GroupKey, Principal>;
    for (const key of Object.keys(GROUPS) as GroupKey[]) groups[key] = await ensureGroup(sp, GROUPS[key], owners, report);
    const roles = await ensureRoles(sp, report);
    await applySitePermissions(sp, groups, roles, report);
    for (const listKey of LIST_KEYS) await applyListPermissions(sp, listKey, owners, groups, roles, report);

    const indices = new IndexRepository(sp);
    if ((await indices.all()).length === 0) {
      const added = await indices.seed(framework);
      report.done.push(`Added the ${added.length} key areas and enablers of the ${framework.title} to ${LISTS.indices.title}`);
    } else {
      report.alreadyInPlace.push(`${LISTS.indices.title} already holds the framework (left as the site owners tailored it)`);
    }
    return report;
  } catch (e) {
    throw toDataError(e);
  }
}

async function checkLists(sp: SPFI): Promise<void> {
  const titles = new Set((await sp.web.lists.select('Title')()).map((l: { Title: string }) => l.Title));
  const missing = LIST_KEYS.filter((k) => !titles.has(LISTS[k].title)).map((k) => LISTS[k].title);
  if (missing.length) {
    throw new DataError(
      'notSetUp',
      `The app's lists are missing from this site (${missing.join(', ')}). Add the Procurement maturity toolkit app to this site (Site contents, New, App), wait a minute for its lists, then run set-up again.`
    );
  }
}

async function ensureGroup(sp: SPFI, title: string, owners: Principal, report: SetupReport): Promise<Principal> {
  const found = await sp.web.siteGroups.filter(`Title eq '${title.replace(/'/g, "''")}'`).select('Id', 'Title')();
  if (found.length) {
    report.alreadyInPlace.push(`Group ${title} exists`);
    return found[0];
  }
  const created = await sp.web.siteGroups.add({ Title: title, Description: `Procurement maturity toolkit: ${title.toLowerCase()}. Managed by ${owners.Title}.` });
  report.done.push(`Created the SharePoint group ${title}`);
  return { Id: created.Id, Title: created.Title };
}

async function ensureRoles(sp: SPFI, report: SetupReport): Promise<Record<RoleName, number>> {
  const existing: Array<{ Id: number; Name: string }> = await sp.web.roleDefinitions.select('Id', 'Name')();
  const byName = (name: string): number | undefined => existing.find((r) => r.Name === name)?.Id;
  let addOnly: number;
  const existingAddOnly = byName(ADD_ONLY_ROLE);
  if (existingAddOnly === undefined) {
    const created = await sp.web.roleDefinitions.add(ADD_ONLY_ROLE, 'Can view and add list items, but not edit or delete them.', 250, ADD_ONLY_PERMISSIONS);
    addOnly = created.data.Id;
    report.done.push(`Created the permission level "${ADD_ONLY_ROLE}" for scrutiny members`);
  } else {
    addOnly = existingAddOnly;
    report.alreadyInPlace.push(`Permission level "${ADD_ONLY_ROLE}" exists`);
  }
  const read = byName('Read');
  const contribute = byName('Contribute');
  if (read === undefined || contribute === undefined) {
    throw new DataError('refused', 'This site has no Read or Contribute permission level, so set-up cannot grant access. Ask the SharePoint administrator to restore them.');
  }
  return { Read: read, Contribute: contribute, [ADD_ONLY_ROLE]: addOnly };
}

async function applySitePermissions(sp: SPFI, groups: Record<GroupKey, Principal>, roles: Record<RoleName, number>, report: SetupReport): Promise<void> {
  const assignments: Array<{ PrincipalId: number; RoleDefinitionBindings: Array<{ Id: number }> }> = await sp.web.roleAssignments.expand('RoleDefinitionBindings')();
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

async function applyListPermissions(
  sp: SPFI,
  listKey: ListKey,
  owners: Principal,
  groups: Record<GroupKey, Principal>,
  roles: Record<RoleName, number>,
  report: SetupReport
): Promise<void> {
  const list = sp.web.lists.getByTitle(LISTS[listKey].title);
  const { HasUniqueRoleAssignments } = (await list.select('HasUniqueRoleAssignments')()) as unknown as { HasUniqueRoleAssignments: boolean };
  if (!HasUniqueRoleAssignments) {
    // Copying keeps owners and visitors; the site's members lose edit here, because editing and
    // signing off are granted through the app's own groups.
    await list.breakRoleInheritance(true, false);
    const members: Principal = await sp.web.associatedMemberGroup.select('Id', 'Title')();
    await list.roleAssignments.getById(members.Id).delete();
    report.done.push(`Gave ${LISTS[listKey].title} its own permissions (${members.Title} now edit only through the app's groups)`);
  }
  const assignments: Array<{ PrincipalId: number; RoleDefinitionBindings: Array<{ Id: number }> }> = await list.roleAssignments.expand('RoleDefinitionBindings')();
  const has = (principalId: number, roleId: number): boolean =>
    assignments.some((a) => a.PrincipalId === principalId && a.RoleDefinitionBindings.some((r) => r.Id === roleId));
  const fullControl = (await sp.web.roleDefinitions.getByType(5).select('Id')()).Id;
  if (!has(owners.Id, fullControl)) await list.roleAssignments.add(owners.Id, fullControl);

  const granted: string[] = [];
  for (const key of Object.keys(GROUPS) as GroupKey[]) {
    const role = PERMISSION_PLAN[listKey][key];
    if (has(groups[key].Id, roles[role])) continue;
    await list.roleAssignments.add(groups[key].Id, roles[role]);
    granted.push(`${groups[key].Title}: ${role}`);
  }
  if (granted.length) report.done.push(`${LISTS[listKey].title}: granted ${granted.join('; ')}`);
  else report.alreadyInPlace.push(`${LISTS[listKey].title} permissions are in place`);
}

import { SPFI } from '@pnp/sp';
import { IItems } from '@pnp/sp/items';
import { IRoleAssignments } from '@pnp/sp/security';
import { IndexAssessment } from '../domain/assessment';
import { toDataError } from './errors';
import { hasPermission, BasePermissions, PermissionKind, GROUPS } from './siteService';
import { LISTS } from './schema';

/**
 * Signed-off years are read-only at the SharePoint level: at sign-off each of the year's assessments
 * gets its own permissions, copied from the list, with every principal that could edit (officers, the
 * site's members) brought down to Read. Site owners keep Full Control and approvers keep the level
 * that lets them reopen the year, which resets the items to the list's permissions.
 *
 * Both directions are idempotent, so a sign-off or reopening that stopped part-way is finished by
 * running it again. Each direction takes three $batch round trips however many items there are.
 */

interface RoleAssignment {
  PrincipalId: number;
  RoleDefinitionBindings: Array<{ Id: number; Name: string; BasePermissions: BasePermissions }>;
}

export interface LockReport {
  locked: number;
  alreadyLocked: number;
}

function itemsOf(sp: SPFI): IItems {
  return sp.web.lists.getByTitle(LISTS.assessments.title).items;
}

async function allInBatch<T>(sp: SPFI, calls: (batched: SPFI) => Array<Promise<T>>): Promise<T[]> {
  const [batched, execute] = sp.batched();
  const pending = calls(batched).map((p) => p.then((value) => ({ ok: true as const, value }), (error: unknown) => ({ ok: false as const, error })));
  await execute();
  const results = await Promise.all(pending);
  const failed = results.find((r) => !r.ok);
  if (failed && !failed.ok) throw failed.error;
  return results.map((r) => (r as { value: T }).value);
}

export async function lockAssessments(sp: SPFI, assessments: IndexAssessment[]): Promise<LockReport> {
  const saved = assessments.filter((a) => a.id !== undefined);
  if (saved.length === 0) return { locked: 0, alreadyLocked: 0 };
  try {
    const [owners, approvers, read] = await Promise.all([
      sp.web.associatedOwnerGroup.select('Id')() as Promise<{ Id: number }>,
      sp.web.siteGroups.getByName(GROUPS.approvers).select('Id')() as Promise<{ Id: number }>,
      sp.web.roleDefinitions.getByType(2).select('Id')() as Promise<{ Id: number }>,
    ]);
    const keep = new Set([owners.Id, approvers.Id]);
    const toBreak = saved.filter((a) => !a.locked);
    if (toBreak.length) await allInBatch(sp, (b) => toBreak.map((a) => itemsOf(b).getById(a.id as number).breakRoleInheritance(true, false)));
    const assignments = await allInBatch(sp, (b) =>
      saved.map((a) => itemsOf(b).getById(a.id as number).roleAssignments.expand('RoleDefinitionBindings')() as Promise<RoleAssignment[]>)
    );
    const changes: Array<(b: SPFI) => Promise<void>> = [];
    saved.forEach((a, i) => {
      for (const assignment of assignments[i]) {
        if (keep.has(assignment.PrincipalId)) continue;
        const editing = assignment.RoleDefinitionBindings.filter((r) => hasPermission(r.BasePermissions, PermissionKind.EditListItems));
        if (editing.length === 0) continue;
        const item = (b: SPFI): IRoleAssignments => itemsOf(b).getById(a.id as number).roleAssignments;
        for (const role of editing) changes.push((b) => item(b).remove(assignment.PrincipalId, role.Id));
        if (!assignment.RoleDefinitionBindings.some((r) => r.Id === read.Id)) changes.push((b) => item(b).add(assignment.PrincipalId, read.Id));
      }
    });
    if (changes.length) await allInBatch(sp, (b) => changes.map((change) => change(b)));
    return { locked: toBreak.length, alreadyLocked: saved.length - toBreak.length };
  } catch (e) {
    throw toDataError(e, LISTS.assessments.title);
  }
}

/** Gives the year's assessments back the list's permissions (on return to draft). */
export async function unlockAssessments(sp: SPFI, assessments: IndexAssessment[]): Promise<number> {
  const locked = assessments.filter((a) => a.id !== undefined && a.locked);
  if (locked.length === 0) return 0;
  try {
    await allInBatch(sp, (b) => locked.map((a) => itemsOf(b).getById(a.id as number).resetRoleInheritance()));
    return locked.length;
  } catch (e) {
    throw toDataError(e, LISTS.assessments.title);
  }
}

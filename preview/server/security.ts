/**
 * Effective permissions as SharePoint computes them: the union of the role definitions bound to the
 * user, or to any SharePoint group the user is in, on the securable object that holds the role
 * assignments (the list when it has unique permissions, otherwise the web). Site collection
 * administrators have everything. Someone with permissions only on a uniquely secured list gets
 * Limited Access on the web, as SharePoint grants automatically.
 */
import { errors } from './errors';
import { FULL_MASK, hasKind, LIMITED_ACCESS_MASK, Mask } from './permissions';
import { GroupRecord, ListRecord, Store, UserRecord } from './store';

export class Security {
  constructor(private readonly store: Store) {}

  groupsOf(userId: number): GroupRecord[] {
    return [...this.store.groups.values()].filter((g) => g.members.has(userId));
  }

  private principalsOf(user: UserRecord): Set<number> {
    return new Set([user.id, ...this.groupsOf(user.id).map((g) => g.id)]);
  }

  scopeOf(list?: ListRecord): string {
    return list && list.hasUniquePerms ? list.id : 'web';
  }

  private maskOn(scope: string, principals: Set<number>): Mask {
    let m = 0n;
    for (const a of this.store.assignments) {
      if (a.scope !== scope || !principals.has(a.principalId)) continue;
      const role = this.store.roles.get(a.roleId);
      if (role) m |= role.mask;
    }
    return m;
  }

  /** The caller's permissions on the web, or on a list. A directory person who is not a site user has none. */
  effective(user: UserRecord | undefined, list?: ListRecord): Mask {
    if (!user) return 0n;
    if (user.isSiteAdmin) return FULL_MASK;
    const principals = this.principalsOf(user);
    let m = this.maskOn(this.scopeOf(list), principals);
    if (!list) {
      const onUniqueList = [...this.store.lists.values()].some((l) => l.hasUniquePerms && this.maskOn(l.id, principals) !== 0n);
      if (onUniqueList) m |= LIMITED_ACCESS_MASK;
    }
    return m;
  }

  has(user: UserRecord | undefined, kind: number, list?: ListRecord): boolean {
    return hasKind(this.effective(user, list), kind);
  }

  require(user: UserRecord | undefined, kind: number, list?: ListRecord): void {
    if (!this.has(user, kind, list)) throw errors.accessDenied();
  }

  /** Group membership can be changed by its owner (a user, or members of an owning group) or by anyone with ManagePermissions. */
  canManageGroup(user: UserRecord | undefined, group: GroupRecord, managePermissions: boolean): boolean {
    if (!user) return false;
    if (managePermissions || user.isSiteAdmin) return true;
    if (group.ownerId === user.id) return true;
    const owner = this.store.groups.get(group.ownerId);
    if (owner && owner.members.has(user.id)) return true;
    return group.allowMembersEditMembership && group.members.has(user.id);
  }
}

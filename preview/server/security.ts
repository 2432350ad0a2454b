/**
 * Effective permissions as SharePoint computes them: the union of the role definitions bound to the
 * user, or to any SharePoint group the user is in, on the securable object that holds the role
 * assignments (an item or list with unique permissions, otherwise the nearest parent that has them,
 * up to the web). Site collection administrators have everything. Someone given permissions only on
 * a uniquely secured list or item gets Limited Access on its parents (the list and the web), as
 * SharePoint grants automatically, so pages and queries can reach what they were given.
 */
import { errors } from './errors';
import { FULL_MASK, hasKind, LIMITED_ACCESS_MASK, Mask, PermissionKind } from './permissions';
import { GroupRecord, ItemRecord, itemScope, ListRecord, Store, UserRecord } from './store';

export class Security {
  constructor(private readonly store: Store) {}

  groupsOf(userId: number): GroupRecord[] {
    return [...this.store.groups.values()].filter((g) => g.members.has(userId));
  }

  private principalsOf(user: UserRecord): Set<number> {
    return new Set([user.id, ...this.groupsOf(user.id).map((g) => g.id)]);
  }

  /** Where the role assignments that apply to the web, a list or an item are kept. */
  scopeOf(list?: ListRecord, item?: ItemRecord): string {
    if (list && item && list.uniqueItems.has(item.id)) return itemScope(list.id, item.id);
    return list && list.hasUniquePerms ? list.id : 'web';
  }

  /** The scope an object inherits from (for copyRoleAssignments when breaking inheritance). */
  parentScopeOf(list?: ListRecord, item?: ItemRecord): string {
    if (item) return this.scopeOf(list);
    return 'web';
  }

  hasUniqueAssignments(list?: ListRecord, item?: ItemRecord): boolean {
    if (item) return !!list && list.uniqueItems.has(item.id);
    return list ? list.hasUniquePerms : true;
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

  /** Whether the principals hold any permission on a uniquely secured object below the web (or below one list). */
  private grantedBelow(principals: Set<number>, list?: ListRecord): boolean {
    const prefix = list ? `${list.id}/` : undefined;
    return this.store.assignments.some((a) => {
      if (a.scope === 'web' || !principals.has(a.principalId)) return false;
      if (prefix && !a.scope.startsWith(prefix)) return false;
      return (this.store.roles.get(a.roleId)?.mask ?? 0n) !== 0n;
    });
  }

  /** The caller's permissions on the web, a list, or an item. A directory person who is not a site user has none. */
  effective(user: UserRecord | undefined, list?: ListRecord, item?: ItemRecord): Mask {
    if (!user) return 0n;
    if (user.isSiteAdmin) return FULL_MASK;
    const principals = this.principalsOf(user);
    let m = this.maskOn(this.scopeOf(list, item), principals);
    if (!item && this.grantedBelow(principals, list)) m |= LIMITED_ACCESS_MASK;
    return m;
  }

  has(user: UserRecord | undefined, kind: number, list?: ListRecord, item?: ItemRecord): boolean {
    return hasKind(this.effective(user, list, item), kind);
  }

  require(user: UserRecord | undefined, kind: number, list?: ListRecord, item?: ItemRecord): void {
    if (!this.has(user, kind, list, item)) throw errors.accessDenied();
  }

  /**
   * Whether the caller may open a list (its properties, fields, item queries): ViewListItems on it, or
   * Limited Access through an item of it they were given permissions on. Items are trimmed separately.
   */
  canReadList(user: UserRecord | undefined, list: ListRecord): boolean {
    if (this.has(user, PermissionKind.ViewListItems, list)) return true;
    return !!user && list.uniqueItems.size > 0 && this.grantedBelow(this.principalsOf(user), list);
  }

  requireListRead(user: UserRecord | undefined, list: ListRecord): void {
    if (!this.canReadList(user, list)) throw errors.accessDenied();
  }

  /** A predicate telling which of a list's items the caller can see (ViewListItems on each item's scope). */
  itemVisibility(user: UserRecord | undefined, list: ListRecord): (item: ItemRecord) => boolean {
    if (!user) return () => false;
    if (user.isSiteAdmin) return () => true;
    const principals = this.principalsOf(user);
    const onList = hasKind(this.maskOn(this.scopeOf(list), principals), PermissionKind.ViewListItems);
    if (list.uniqueItems.size === 0) return () => onList;
    // One pass over the assignments (not one per item): the caller's mask on each scope.
    const masks = new Map<string, Mask>();
    for (const a of this.store.assignments) {
      if (!principals.has(a.principalId)) continue;
      masks.set(a.scope, (masks.get(a.scope) ?? 0n) | (this.store.roles.get(a.roleId)?.mask ?? 0n));
    }
    return (item) => (list.uniqueItems.has(item.id) ? hasKind(masks.get(itemScope(list.id, item.id)) ?? 0n, PermissionKind.ViewListItems) : onList);
  }

  canViewItem(user: UserRecord | undefined, list: ListRecord, item: ItemRecord): boolean {
    return this.has(user, PermissionKind.ViewListItems, list, item);
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

  /**
   * Who may see a group's members: anyone who can browse user information, unless the group has
   * OnlyAllowMembersViewMembership; then only its members, its owner and people with ManagePermissions.
   */
  canViewMembership(user: UserRecord | undefined, group: GroupRecord): boolean {
    if (!this.has(user, PermissionKind.BrowseUserInfo)) return false;
    if (!group.onlyAllowMembersViewMembership) return true;
    if (group.members.has(user!.id)) return true;
    const owner = this.store.groups.get(group.ownerId);
    if (group.ownerId === user!.id || (owner && owner.members.has(user!.id))) return true;
    return this.has(user, PermissionKind.ManagePermissions);
  }
}

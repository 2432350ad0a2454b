/**
 * Effective permissions as SharePoint computes them: the union of the role definitions bound to the
 * user, to the Entra ID groups the user is in (security groups, directly or nested, and Microsoft 365
 * group claims) that were added to the site, or to any SharePoint group the user or one of those
 * groups is in, on the securable object that holds the role
 * assignments (an item or list with unique permissions, otherwise the nearest parent that has them,
 * up to the web). Site collection administrators have everything. Someone given permissions only on
 * a uniquely secured list or item gets Limited Access on its parents (the list and the web), as
 * SharePoint grants automatically, so pages and queries can reach what they were given.
 */
import { claimsContaining } from './directory';
import { errors } from './errors';
import { FULL_MASK, hasKind, LIMITED_ACCESS_MASK, Mask, PermissionKind } from './permissions';
import { GroupRecord, ItemRecord, itemScope, ListRecord, Store, UserRecord } from './store';

export class Security {
  constructor(private readonly store: Store) {}

  /**
   * The SharePoint groups a user is DIRECTLY in, as web/currentuser/groups and a user's Groups answer:
   * groups they are in only through an Entra ID group are not listed (their permissions still count).
   */
  groupsOf(userId: number): GroupRecord[] {
    return [...this.store.groups.values()].filter((g) => g.members.has(userId));
  }

  /** Site principals of the directory group claims a person or group (by login name) is in, transitively. */
  private claimPrincipalIds(loginName: string): number[] {
    const ids: number[] = [];
    for (const claim of claimsContaining(loginName)) {
      const principal = this.store.userByLogin(claim.loginName);
      if (principal) ids.push(principal.id);
    }
    return ids;
  }

  /** The principals whose role assignments count for a login: itself, its group claims on the site, and their SharePoint groups. */
  private principalsOfLogin(ownId: number | undefined, loginName: string): Set<number> {
    const direct = [...(ownId === undefined ? [] : [ownId]), ...this.claimPrincipalIds(loginName)];
    const all = new Set(direct);
    for (const g of this.store.groups.values()) if (direct.some((id) => g.members.has(id))) all.add(g.id);
    return all;
  }

  private principalsOf(user: UserRecord): Set<number> {
    return this.principalsOfLogin(user.id, user.loginName);
  }

  /** Whether a user is in a SharePoint group, directly or through an Entra ID group in it (SharePoint checks the token's claims). */
  inGroup(user: UserRecord, group: GroupRecord): boolean {
    if (group.members.has(user.id)) return true;
    return this.claimPrincipalIds(user.loginName).some((id) => group.members.has(id));
  }

  /** A group's owner: the user, an Entra ID group the user is in, or a SharePoint group the user is in. */
  private isGroupOwner(user: UserRecord, group: GroupRecord): boolean {
    if (group.ownerId === user.id || this.claimPrincipalIds(user.loginName).includes(group.ownerId)) return true;
    const owner = this.store.groups.get(group.ownerId);
    return !!owner && this.inGroup(user, owner);
  }

  /**
   * Whether someone who is not yet a site user has permissions through an Entra ID group given access
   * to the site; SharePoint adds such a person to the User Information List when they first visit.
   */
  reachesThroughGroups(loginName: string): boolean {
    const principals = this.principalsOfLogin(undefined, loginName);
    if (principals.size === 0) return false;
    return this.store.assignments.some((a) => principals.has(a.principalId) && (this.store.roles.get(a.roleId)?.mask ?? 0n) !== 0n);
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
    return this.maskFor(this.principalsOf(user), list, item);
  }

  /**
   * The permissions of a person or directory group by login name, also when they are not yet a site
   * user (then only through the Entra ID groups they are in), as getusereffectivepermissions answers.
   */
  effectiveForLogin(loginName: string, list?: ListRecord, item?: ItemRecord): Mask {
    const user = this.store.userByLogin(loginName);
    if (user) return this.effective(user, list, item);
    return this.maskFor(this.principalsOfLogin(undefined, loginName), list, item);
  }

  private maskFor(principals: Set<number>, list?: ListRecord, item?: ItemRecord): Mask {
    let m = this.maskOn(this.scopeOf(list, item), principals);
    if (!item && this.grantedBelow(principals, list)) m |= LIMITED_ACCESS_MASK;
    return m;
  }

  has(user: UserRecord | undefined, kind: number, list?: ListRecord, item?: ItemRecord): boolean {
    return hasKind(this.effective(user, list, item), kind);
  }

  /**
   * Refuses (403) unless the caller has the permission. On a list with item-level permissions,
   * creating, editing and deleting also follow its WriteSecurity (see mayWrite).
   */
  require(user: UserRecord | undefined, kind: number, list?: ListRecord, item?: ItemRecord): void {
    if (!this.has(user, kind, list, item)) throw errors.accessDenied();
    if (list && !this.mayWrite(user, kind, list, item)) throw errors.accessDenied();
  }

  /**
   * Whether item-level permissions leave the caller alone: site collection admins, and anyone with
   * CancelCheckout ("Override List Behaviors") on the list (Full Control, Design, or a custom level
   * with it), as SharePoint's Advanced settings page says.
   */
  overridesItemLevel(user: UserRecord | undefined, list: ListRecord): boolean {
    return !!user && (user.isSiteAdmin || this.has(user, PermissionKind.CancelCheckout, list));
  }

  /** ReadSecurity 2: the caller reads only the items they created (Created By), unless they override it. */
  private readsOnlyOwn(user: UserRecord | undefined, list: ListRecord): boolean {
    return list.readSecurity === 2 && !this.overridesItemLevel(user, list);
  }

  /**
   * WriteSecurity: 2, the caller edits and deletes only items they created; 4, nobody creates, edits or
   * deletes items; both unless they override item-level permissions. Checked after the permission itself.
   */
  private mayWrite(user: UserRecord | undefined, kind: number, list: ListRecord, item?: ItemRecord): boolean {
    if (list.writeSecurity === 1) return true;
    const writes = kind === PermissionKind.AddListItems || kind === PermissionKind.EditListItems || kind === PermissionKind.DeleteListItems;
    if (!writes || this.overridesItemLevel(user, list)) return true;
    if (list.writeSecurity === 4) return false;
    return kind === PermissionKind.AddListItems || !item || item.authorId === user?.id;
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
    const permitted = this.permittedItems(user, list);
    if (!this.readsOnlyOwn(user, list)) return permitted;
    return (item) => item.authorId === user.id && permitted(item);
  }

  /** Which items the caller's permissions let them view, before item-level read security. */
  private permittedItems(user: UserRecord, list: ListRecord): (item: ItemRecord) => boolean {
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

  /** ViewListItems on the item's scope, and on a ReadSecurity 2 list an item the caller created (unless they override it). */
  canViewItem(user: UserRecord | undefined, list: ListRecord, item: ItemRecord): boolean {
    if (!this.has(user, PermissionKind.ViewListItems, list, item)) return false;
    return !this.readsOnlyOwn(user, list) || item.authorId === user?.id;
  }

  /** Group membership can be changed by its owner (a user, or members of an owning group) or by anyone with ManagePermissions. */
  canManageGroup(user: UserRecord | undefined, group: GroupRecord, managePermissions: boolean): boolean {
    if (!user) return false;
    if (managePermissions || user.isSiteAdmin) return true;
    if (this.isGroupOwner(user, group)) return true;
    return group.allowMembersEditMembership && this.inGroup(user, group);
  }

  /**
   * Who may see a group's members: anyone who can browse user information, unless the group has
   * OnlyAllowMembersViewMembership; then only its members, its owner and people with ManagePermissions.
   */
  canViewMembership(user: UserRecord | undefined, group: GroupRecord): boolean {
    if (!this.has(user, PermissionKind.BrowseUserInfo)) return false;
    if (!group.onlyAllowMembersViewMembership) return true;
    if (this.inGroup(user!, group) || this.isGroupOwner(user!, group)) return true;
    return this.has(user, PermissionKind.ManagePermissions);
  }
}

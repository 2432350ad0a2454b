import { SPFI } from '@pnp/sp';
import { Person } from '../domain/actions';
import { Role } from '../domain/signOff';
import { toDataError } from './errors';
import { ListKey, LISTS } from './schema';

/** The SharePoint groups set-up creates; their names are what site owners see and manage. */
export const GROUPS = {
  officers: 'Procurement officers',
  approvers: 'Procurement approvers',
  scrutiny: 'Scrutiny members',
  /** Colleagues the lead officer asks for their views (issue 13); owned by Procurement officers, who add them. */
  contributors: 'Maturity view contributors',
} as const;

export interface CurrentUser extends Person {
  loginName: string;
  isSiteAdmin: boolean;
  groups: string[];
  /** SharePoint says the person may manage the site's permissions: a site owner, however they came in. */
  managesSite: boolean;
}

/** Base permission bits (SP.PermissionKind), counted from 1 as SharePoint does. */
export const PermissionKind = {
  ViewListItems: 1,
  AddListItems: 2,
  EditListItems: 3,
  DeleteListItems: 4,
  /** "Override List Behaviors": reads (and edits) every item whatever a list's item-level permissions say. */
  CancelCheckout: 9,
  ManagePermissions: 26,
  EnumeratePermissions: 63,
} as const;

export interface BasePermissions {
  High: number | string;
  Low: number | string;
}

export function hasPermission(perms: BasePermissions, kind: number): boolean {
  const bit = kind - 1;
  const low = Number(perms.Low);
  const high = Number(perms.High);
  // Bitwise operators work on 32-bit signed ints; the unsigned shift keeps bit 31 readable.
  return bit < 32 ? ((low >>> bit) & 1) === 1 : ((high >>> (bit - 32)) & 1) === 1;
}

/** What SharePoint lets the person do on the lists that decide the role. */
export interface RoleEvidence {
  signOffs: ListAccess;
  assessments: ListAccess;
  challenges: ListAccess;
}

/**
 * The person's role in the app, from what SharePoint says they may do, never from group names: site
 * owners are whoever may manage the site's permissions (the owners group, a Microsoft 365 group's
 * owners, site collection admins); approvers may add to the Sign-off log; officers may edit
 * assessments; councillors may add challenges. So membership through an Entra ID security group or a
 * Teams-connected site's Microsoft 365 group counts as SharePoint counts it. Anyone else reads only.
 */
export function roleOf(user: CurrentUser, access: RoleEvidence): Role | 'reader' {
  if (user.isSiteAdmin || user.managesSite) return 'owner';
  if (access.signOffs.canAdd) return 'approver';
  if (access.assessments.canEdit) return 'officer';
  if (access.challenges.canAdd) return 'scrutiny';
  return 'reader';
}

/**
 * Someone whose only part in the app is giving their views when asked (in Maturity view contributors,
 * with no officer, approver, councillor or owner role): the assessment's other lists are not theirs to see.
 */
export function onlyGivesViews(user: CurrentUser, role: Role | 'reader'): boolean {
  return role === 'reader' && user.groups.some((g) => g.toLowerCase() === GROUPS.contributors.toLowerCase());
}

export interface ListAccess {
  canAdd: boolean;
  canEdit: boolean;
}

export interface PersonSuggestion {
  key: string;
  displayName: string;
  email: string;
  jobTitle: string;
}

export class SiteService {
  constructor(private readonly sp: SPFI) {}

  public async currentUser(via: SPFI = this.sp): Promise<CurrentUser> {
    try {
      const [u, web] = await Promise.all([
        via.web.currentUser.select('Id', 'Title', 'Email', 'LoginName', 'IsSiteAdmin', 'Groups/Title').expand('Groups')(),
        via.web.select('EffectiveBasePermissions')() as Promise<{ EffectiveBasePermissions?: BasePermissions }>,
      ]);
      return {
        managesSite: !!web.EffectiveBasePermissions && hasPermission(web.EffectiveBasePermissions, PermissionKind.ManagePermissions),
        id: u.Id,
        displayName: u.Title,
        email: u.Email,
        loginName: u.LoginName,
        isSiteAdmin: !!u.IsSiteAdmin,
        groups: ((u as unknown as { Groups?: Array<{ Title: string }> }).Groups ?? []).map((g) => g.Title),
      };
    } catch (e) {
      throw toDataError(e, undefined, 'read');
    }
  }

  /** What SharePoint itself lets the person do on a list: the truth behind showing edit controls. */
  public async access(listKey: ListKey, via: SPFI = this.sp): Promise<ListAccess> {
    const perms = await this.listPermissions(listKey, via);
    return { canAdd: hasPermission(perms, PermissionKind.AddListItems), canEdit: hasPermission(perms, PermissionKind.EditListItems) };
  }

  /** The person's effective permissions on a list (its EffectiveBasePermissions), for checks ListAccess does not name. */
  public async listPermissions(listKey: ListKey, via: SPFI = this.sp): Promise<BasePermissions> {
    try {
      const list = await via.web.lists.getByTitle(LISTS[listKey].title).select('EffectiveBasePermissions')();
      return (list as unknown as { EffectiveBasePermissions: BasePermissions }).EffectiveBasePermissions;
    } catch (e) {
      throw toDataError(e, LISTS[listKey].title, 'read');
    }
  }

  /** People search as SharePoint's own people picker does it, over the council's directory. */
  public async searchPeople(query: string): Promise<PersonSuggestion[]> {
    if (query.trim().length < 2) return [];
    try {
      const entities = await this.sp.profiles.clientPeoplePickerSearchUser({
        AllowEmailAddresses: false,
        AllowMultipleEntities: false,
        MaximumEntitySuggestions: 10,
        PrincipalSource: 15,
        PrincipalType: 1,
        QueryString: query.trim(),
      });
      return entities.map((e) => ({
        key: e.Key,
        displayName: e.DisplayText,
        email: (e.EntityData as { Email?: string } | undefined)?.Email ?? '',
        jobTitle: (e.EntityData as { Title?: string } | undefined)?.Title ?? e.Description ?? '',
      }));
    } catch (e) {
      throw toDataError(e);
    }
  }

  /**
   * Makes sure a chosen person is a user of this site, so a person column can point at them. SharePoint
   * refuses ensureUser to people without enough permission on the site for someone it has not seen
   * yet: then the person is returned by their claims (id 0), and SharePoint adds them when the item that
   * names them is saved (validateUpdateListItem, which any editor of the item may use).
   */
  public async ensurePerson(loginName: string, displayName?: string): Promise<Person> {
    try {
      const user = await this.sp.web.ensureUser(loginName);
      return { id: user.Id, displayName: user.Title, email: user.Email };
    } catch (e) {
      const status = (e as { status?: number }).status;
      if (status === 403 || status === 401) return { id: 0, displayName: displayName || loginName, loginName };
      throw toDataError(e);
    }
  }
}

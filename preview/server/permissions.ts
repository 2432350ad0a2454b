/**
 * SharePoint base permissions. A permission mask is 64 bits (High:Low); PermissionKind n is bit n-1,
 * exactly as PnPjs's hasPermissions() reads EffectiveBasePermissions. The built-in role definitions
 * carry the ids and masks a new SharePoint Online team site has.
 */

export const PermissionKind = {
  ViewListItems: 1,
  AddListItems: 2,
  EditListItems: 3,
  DeleteListItems: 4,
  ApproveItems: 5,
  OpenItems: 6,
  ViewVersions: 7,
  DeleteVersions: 8,
  /**
   * "Override List Behaviors" in the UI: discard or check in someone else's document, and read and edit
   * every item of a list whose item-level permissions (ReadSecurity/WriteSecurity) would otherwise limit
   * the caller to their own. Full Control and Design have it; Edit, Contribute and Read do not.
   */
  CancelCheckout: 9,
  ManageLists: 12,
  ViewFormPages: 13,
  Open: 17,
  ViewPages: 18,
  CreateGroups: 25,
  ManagePermissions: 26,
  BrowseDirectories: 27,
  BrowseUserInfo: 28,
  ManageWeb: 31,
  UseRemoteAPIs: 38,
  EnumeratePermissions: 63,
} as const;

export type Mask = bigint;

export function mask(high: number | string, low: number | string): Mask {
  return (BigInt(high) << 32n) | BigInt(low);
}

export function maskHigh(m: Mask): string {
  return String((m >> 32n) & 0xffffffffn);
}

export function maskLow(m: Mask): string {
  return String(m & 0xffffffffn);
}

export function hasKind(m: Mask, kind: number): boolean {
  return ((m >> BigInt(kind - 1)) & 1n) === 1n;
}

/** What SharePoint reports for a site collection administrator and Full Control. */
export const FULL_MASK = mask(2147483647, 4294967295);
/** Given automatically on the web to anyone with permissions only on a list with unique permissions. */
export const LIMITED_ACCESS_MASK = mask(48, 134287360);

export interface RoleDefinition {
  id: number;
  name: string;
  description: string;
  mask: Mask;
  order: number;
  roleTypeKind: number;
  hidden: boolean;
}

export const ROLE_IDS = {
  limitedAccess: 1073741825,
  read: 1073741826,
  contribute: 1073741827,
  design: 1073741828,
  fullControl: 1073741829,
  edit: 1073741830,
};

/** The first id SharePoint hands to a custom role definition on a new site. */
export const FIRST_CUSTOM_ROLE_ID = 1073741928;

export const BUILT_IN_ROLES: RoleDefinition[] = [
  { id: ROLE_IDS.fullControl, name: 'Full Control', description: 'Has full control.', mask: FULL_MASK, order: 1, roleTypeKind: 5, hidden: false },
  {
    id: ROLE_IDS.design,
    name: 'Design',
    description: 'Can view, add, update, delete, approve, and customize.',
    mask: mask(432, 1012866047),
    order: 32,
    roleTypeKind: 4,
    hidden: false,
  },
  {
    id: ROLE_IDS.edit,
    name: 'Edit',
    description: 'Can add, edit and delete lists; can view, add, update and delete list items and documents.',
    mask: mask(432, 1011030767),
    order: 48,
    roleTypeKind: 6,
    hidden: false,
  },
  {
    id: ROLE_IDS.contribute,
    name: 'Contribute',
    description: 'Can view, add, update, and delete list items and documents.',
    mask: mask(432, 1011028719),
    order: 64,
    roleTypeKind: 3,
    hidden: false,
  },
  { id: ROLE_IDS.read, name: 'Read', description: 'Can view pages and list items and download documents.', mask: mask(176, 138612833), order: 128, roleTypeKind: 2, hidden: false },
  {
    id: ROLE_IDS.limitedAccess,
    name: 'Limited Access',
    description: 'Can view specific lists, document libraries, list items, folders, or documents when given permissions.',
    mask: LIMITED_ACCESS_MASK,
    order: 160,
    roleTypeKind: 1,
    hidden: true,
  },
];

export function permissionsJson(m: Mask): { High: string; Low: string } {
  return { High: maskHigh(m), Low: maskLow(m) };
}

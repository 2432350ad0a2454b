/**
 * The demo "Microsoft 365 tenant" of a fictional council: the people the local list service knows.
 * Only people listed here can call the service (X-Local-User header or localUser cookie) or be added to
 * the site with ensureuser / the people picker. Plain data, no Node imports, so the demo seed and the
 * tests can import it too.
 */

export type DirectoryRole = 'siteOwner' | 'officer' | 'headOfProcurement' | 'director' | 'councillor' | 'other';

export interface DirectoryPerson {
  /** Claims login name as SharePoint Online shows it: i:0#.f|membership|<email>. */
  loginName: string;
  email: string;
  displayName: string;
  firstName: string;
  lastName: string;
  jobTitle: string;
  department: string;
  /** Entra ID object id (stable, fictional). */
  objectId: string;
  /** What the person does in the product's story; the seed uses it to place people in groups. */
  role: DirectoryRole;
}

export const TENANT_DOMAIN = 'borsetshire.example';
export const ORGANISATION = 'Borsetshire County Council';

function person(
  firstName: string,
  lastName: string,
  displayName: string,
  jobTitle: string,
  department: string,
  role: DirectoryRole,
  objectId: string,
  emailLocal = `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '')
): DirectoryPerson {
  const email = `${emailLocal}@${TENANT_DOMAIN}`;
  return { loginName: `i:0#.f|membership|${email}`, email, displayName, firstName, lastName, jobTitle, department, objectId, role };
}

export const DIRECTORY: readonly DirectoryPerson[] = [
  person('Gareth', 'Pryce', 'Gareth Pryce', 'Digital Workplace Manager (SharePoint administrator)', 'IT and Digital', 'siteOwner', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e01'),
  person('Aisha', 'Khan', 'Aisha Khan', 'Senior Procurement Officer', 'Procurement', 'officer', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e02'),
  person('Tom', 'Whitfield', 'Tom Whitfield', 'Procurement Officer', 'Procurement', 'officer', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e03'),
  person('Megan', "O'Brien", "Megan O'Brien", 'Procurement Officer', 'Procurement', 'officer', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e04', 'megan.obrien'),
  person('Daniel', 'Osei', 'Daniel Osei', 'Category Manager (Social Care)', 'Procurement', 'officer', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e05'),
  person('Rachel', 'Greenwood', 'Rachel Greenwood', 'Head of Procurement', 'Procurement', 'headOfProcurement', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e06'),
  person('Martin', 'Ellis', 'Martin Ellis', 'Director of Finance and Resources', 'Finance and Resources', 'director', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e07'),
  person('Helen', 'Marsh', 'Cllr Helen Marsh', 'Chair, Resources Overview and Scrutiny Committee', 'Democratic Services', 'councillor', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e08'),
  person('David', 'Okafor', 'Cllr David Okafor', 'Member, Resources Overview and Scrutiny Committee', 'Democratic Services', 'councillor', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e09'),
  person('Susan', 'Pike', 'Cllr Susan Pike', 'Vice-chair, Resources Overview and Scrutiny Committee', 'Democratic Services', 'councillor', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e10'),
  person('Kevin', 'Doyle', 'Kevin Doyle', 'Highways Inspector', 'Highways and Transport', 'other', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e11'),
];

/** The site owner: site collection administrator and the default caller. */
export const SITE_OWNER: DirectoryPerson = DIRECTORY[0];

/** Finds a person by login name or email, case-insensitively (also accepts a bare email inside a claim). */
export function findPerson(loginOrEmail: string): DirectoryPerson | undefined {
  const key = loginOrEmail.trim().toLowerCase();
  if (!key) return undefined;
  const email = key.includes('|') ? key.slice(key.lastIndexOf('|') + 1) : key;
  return DIRECTORY.find((p) => p.loginName.toLowerCase() === key || p.email.toLowerCase() === email);
}

export function peopleWithRole(role: DirectoryRole): DirectoryPerson[] {
  return DIRECTORY.filter((p) => p.role === role);
}

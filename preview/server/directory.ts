/**
 * The demo "Microsoft 365 tenant" of a fictional council: the people the local list service knows.
 * Only people listed here can call the service (X-Local-User header or localUser cookie) or be added to
 * the site with ensureuser / the people picker. Plain data, no Node imports, so the demo seed and the
 * tests can import it too.
 */

/** 'colleague': someone outside procurement the lead officer asks for their view of the council's level (issue 13). */
export type DirectoryRole = 'siteOwner' | 'officer' | 'headOfProcurement' | 'director' | 'councillor' | 'colleague' | 'other';

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
  /**
   * Newly arrived (a councillor elected at the last election): in the tenant's directory but not yet on
   * the procurement site. The demo leaves them out of the site's groups, so the review can be shared with them.
   */
  newMember?: boolean;
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

function newMember(p: DirectoryPerson): DirectoryPerson {
  return { ...p, newMember: true };
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
  newMember(person('Omar', 'Haddad', 'Cllr Omar Haddad', 'Member, Resources Overview and Scrutiny Committee (elected May 2026)', 'Democratic Services', 'councillor', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e12')),
  person('Priya', 'Shah', 'Priya Shah', 'Head of Commissioning', 'Adult Social Care', 'colleague', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e13'),
  person('Owen', 'Hughes', 'Owen Hughes', 'Finance Business Partner', 'Finance and Resources', 'colleague', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e14'),
  person('Lucy', 'Carter', 'Lucy Carter', 'Senior Contracts Lawyer', 'Legal Services', 'colleague', '3f1c2a7e-5b1d-4c6e-9a0f-1d2b3c4d5e15'),
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

/** The people of a role the demo puts in the site's groups: everyone but new members, who are shared with later. */
export function peopleWithRole(role: DirectoryRole): DirectoryPerson[] {
  return DIRECTORY.filter((p) => p.role === role && !p.newMember);
}

// ---- groups ---------------------------------------------------------------------------------------

/**
 * Groups of the tenant's Entra ID. A security group reaches SharePoint as one claim,
 * c:0t.c|tenant|<objectId>; a Microsoft 365 group as two, its members
 * (c:0o.c|federateddirectoryclaimprovider|<objectId>) and its owners (the same with "_o"). Either can be
 * added to a site (ensureuser) as a principal of type SecurityGroup (4), put in SharePoint groups and
 * given roles; people in the group then have those permissions without being in the SharePoint group.
 */
export interface DirectoryGroup {
  kind: 'security' | 'microsoft365';
  objectId: string;
  displayName: string;
  description: string;
  /** Mail-enabled groups only (every Microsoft 365 group is). */
  mail: string | null;
  /** Login names of people, or claims of security groups nested in this one. */
  members: readonly string[];
  /** Microsoft 365 groups: login names of the owners (Teams makes owners members too). */
  owners: readonly string[];
}

/** A claim SharePoint knows a directory group by: a site principal of type SecurityGroup. */
export interface DirectoryClaim {
  loginName: string;
  /** The principal's Title on a site. */
  displayName: string;
  email: string;
  group: DirectoryGroup;
  /** 'owners' for a Microsoft 365 group's owners claim (_o); 'members' otherwise. */
  part: 'members' | 'owners';
}

export const securityGroupClaim = (objectId: string): string => `c:0t.c|tenant|${objectId}`;
export const m365MembersClaim = (objectId: string): string => `c:0o.c|federateddirectoryclaimprovider|${objectId}`;
export const m365OwnersClaim = (objectId: string): string => `${m365MembersClaim(objectId)}_o`;

const login = (email: string): string => `i:0#.f|membership|${email}@${TENANT_DOMAIN}`;

/** Every procurement officer. Added to a site's groups, it gives them access without naming them one by one. */
export const PROCUREMENT_TEAM: DirectoryGroup = {
  kind: 'security',
  objectId: '5c0e7d4a-2b9f-4e31-8a6d-0f4b3c2d1e01',
  displayName: 'Procurement Team',
  description: 'Security group: the procurement officers',
  mail: null,
  members: [login('aisha.khan'), login('tom.whitfield'), login('megan.obrien'), login('daniel.osei')],
  owners: [],
};

/** The directorate's staff: its director, the head of procurement and (nested) the Procurement Team. */
export const RESOURCES_DIRECTORATE: DirectoryGroup = {
  kind: 'security',
  objectId: '5c0e7d4a-2b9f-4e31-8a6d-0f4b3c2d1e02',
  displayName: 'Finance and Resources Directorate',
  description: 'Security group: everyone in Finance and Resources, with the Procurement Team nested in it',
  mail: null,
  members: [login('martin.ellis'), login('rachel.greenwood'), securityGroupClaim(PROCUREMENT_TEAM.objectId)],
  owners: [],
};

/**
 * The Microsoft 365 group (the team in Teams) a group-connected procurement site belongs to
 * (--group-connected): owners Gareth Pryce and Rachel Greenwood; members the owners, two officers and
 * Kevin Doyle, a colleague from Highways who only reads on the ordinary site.
 */
export const PROCUREMENT_M365_GROUP: DirectoryGroup = {
  kind: 'microsoft365',
  objectId: '9d4b1f6e-3c2a-4f8b-b7e5-6a1c0d9e8f01',
  displayName: 'Procurement',
  description: 'Microsoft 365 group of the procurement team (Teams)',
  mail: `procurement@${TENANT_DOMAIN}`,
  members: [login('gareth.pryce'), login('rachel.greenwood'), login('aisha.khan'), login('tom.whitfield'), login('kevin.doyle')],
  owners: [login('gareth.pryce'), login('rachel.greenwood')],
};

export const DIRECTORY_GROUPS: readonly DirectoryGroup[] = [PROCUREMENT_TEAM, RESOURCES_DIRECTORATE, PROCUREMENT_M365_GROUP];

/** Every group claim of the tenant, as a site shows the principal (Title, Email). */
export const DIRECTORY_CLAIMS: readonly DirectoryClaim[] = DIRECTORY_GROUPS.flatMap((group): DirectoryClaim[] =>
  group.kind === 'security'
    ? [{ loginName: securityGroupClaim(group.objectId), displayName: group.displayName, email: group.mail ?? '', group, part: 'members' }]
    : [
        { loginName: m365MembersClaim(group.objectId), displayName: `${group.displayName} Members`, email: group.mail ?? '', group, part: 'members' },
        { loginName: m365OwnersClaim(group.objectId), displayName: `${group.displayName} Owners`, email: '', group, part: 'owners' },
      ]
);

/** A group claim by its login name (any case). */
export function findClaim(loginName: string): DirectoryClaim | undefined {
  const key = loginName.trim().toLowerCase();
  return DIRECTORY_CLAIMS.find((c) => c.loginName.toLowerCase() === key);
}

/** Whether a login name is a group claim (a principal of type SecurityGroup), known or not. */
export function isGroupClaim(loginName: string): boolean {
  return /^c:0t\.c\|tenant\||^c:0o\.c\|federateddirectoryclaimprovider\|/i.test(loginName.trim());
}

function directMembers(claim: DirectoryClaim): readonly string[] {
  return claim.part === 'owners' ? claim.group.owners : claim.group.members;
}

/**
 * The group claims whose membership includes a person or group (by login name), directly or through
 * nested security groups, as Entra ID resolves a user's groups for SharePoint.
 */
export function claimsContaining(loginName: string): DirectoryClaim[] {
  const reached = new Set([loginName.trim().toLowerCase()]);
  const found: DirectoryClaim[] = [];
  for (let grew = true; grew; ) {
    grew = false;
    for (const claim of DIRECTORY_CLAIMS) {
      const key = claim.loginName.toLowerCase();
      if (reached.has(key)) continue;
      if (directMembers(claim).some((m) => reached.has(m.toLowerCase()))) {
        reached.add(key);
        found.push(claim);
        grew = true;
      }
    }
  }
  return found;
}

/** People (directory entries) who are in a group claim, directly or through nested groups. */
export function peopleInClaim(claim: DirectoryClaim): DirectoryPerson[] {
  return DIRECTORY.filter((p) => claimsContaining(p.loginName).some((c) => c.loginName === claim.loginName));
}

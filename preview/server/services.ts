/**
 * Site-wide service endpoints: contextinfo (form digest), SP.Web.ShareObject, SendEmail (into the
 * local outbox), the people picker and user profile properties, all from the demo directory.
 */
import { ApiResponse, Ctx, entityResponse, json, jsonBody, requireMethod, valueResponse } from './context';
import { DIRECTORY, DIRECTORY_CLAIMS, DirectoryClaim, DirectoryPerson, findClaim, findPerson } from './directory';
import { errors, SpError } from './errors';
import { Segment, stringArg } from './odataPath';
import { PermissionKind } from './permissions';
import { ensureDirectoryUser } from './principals';
import { WEB_TITLE } from './site';
import { libraryOf } from './files';

export function contextInfo(ctx: Ctx): ApiResponse {
  requireMethod(ctx, 'POST');
  const digest = ctx.issueDigest();
  return json(200, {
    'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#SP.ContextWebInformation`,
    FormDigestTimeoutSeconds: digest.timeoutSeconds,
    FormDigestValue: digest.value,
    LibraryVersion: '16.0.25919.12007',
    SiteFullUrl: ctx.req.siteUrl,
    SupportedSchemaVersions: ['14.0.0.0', '15.0.0.0'],
    WebFullUrl: ctx.req.siteUrl,
  });
}

function stringList(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return value.split(/[;,]/).map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(value)) return value.map(String);
  const results = (value as { results?: unknown }).results;
  if (Array.isArray(results)) return results.map(String);
  throw errors.badQuery('Recipients must be a list of email addresses or login names.');
}

function resolveRecipients(list: string[]): DirectoryPerson[] {
  return list.map((r) => {
    const p = findPerson(r);
    if (!p) throw new SpError(400, '-2130575186, Microsoft.SharePoint.SPException', 'The e-mail message cannot be sent. Make sure the e-mail has a valid recipient.');
    return p;
  });
}

/** SP.Utilities.Utility.SendEmail: recipients must be people of the organisation; the message lands in the outbox. */
export function sendEmail(ctx: Ctx): ApiResponse {
  requireMethod(ctx, 'POST');
  ctx.security.require(ctx.user, PermissionKind.Open);
  const props = (jsonBody(ctx).properties ?? {}) as Record<string, unknown>;
  const to = resolveRecipients(stringList(props.To));
  if (to.length === 0) throw new SpError(400, '-2130575186, Microsoft.SharePoint.SPException', 'The e-mail message cannot be sent. Make sure the e-mail has a valid recipient.');
  const cc = resolveRecipients(stringList(props.CC));
  const bcc = resolveRecipients(stringList(props.BCC));
  ctx.store.addOutbox({
    kind: 'email',
    from: typeof props.From === 'string' && props.From ? props.From : ctx.person.email,
    to: to.map((p) => p.email),
    cc: cc.map((p) => p.email),
    bcc: bcc.map((p) => p.email),
    subject: typeof props.Subject === 'string' ? props.Subject : '',
    body: typeof props.Body === 'string' ? props.Body : '',
  });
  return json(200, { 'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#Edm.Null`, 'odata.null': true });
}

/**
 * Whether a URL given to ShareObject is the site itself (its address, or the page SharePoint's "Share
 * site" uses, _layouts/15/aclinv.aspx) rather than an object in it (a page, a file).
 */
function isSiteUrl(ctx: Ctx, url: string): boolean {
  const plain = url.split(/[?#]/)[0].replace(/\/+$/, '').toLowerCase();
  const site = ctx.req.siteUrl.replace(/\/+$/, '').toLowerCase();
  return plain === site || plain === `${site}/_layouts/15/aclinv.aspx`;
}

/** The name SharePoint gives the shared object in the invitation: the page or file name, else the site's title. */
function objectName(url: string): string {
  const path = url.split(/[?#]/)[0].replace(/\/+$/, '');
  const last = decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
  return last.replace(/\.aspx$/i, '').replace(/-/g, ' ') || WEB_TITLE;
}

/**
 * SP.Web.ShareObject, as SharePoint Online answers it for people of the organisation:
 * - Sharing the site itself (its URL or aclinv.aspx) needs ManagePermissions; a role is granted on the site.
 * - Sharing an object in it (a page, a file) is open to anyone who can edit it, as on a site whose
 *   sharing settings let members share files and folders (SharePoint Online's default); pages and files
 *   here inherit the site's permissions, so that is EditListItems on the site (or on the library file
 *   named). The role is granted on that object only (kept in object_shares, /_local/shares), not on the site.
 * - With "group:<id>" the people are put in that SharePoint group, which only someone who may change
 *   the group's membership can do (its owner, a site collection administrator).
 * Everyone named is resolved in the directory and added to the site's users. With sendEmail, SharePoint
 * sends the invitation: the message and a link to what was shared (here, into the outbox).
 */
export function shareObject(ctx: Ctx): ApiResponse {
  requireMethod(ctx, 'POST');
  const body = jsonBody(ctx);
  const url = typeof body.url === 'string' && body.url.trim() ? body.url.trim() : ctx.req.siteUrl;
  const site = isSiteUrl(ctx, url);
  if (site) ctx.security.require(ctx.user, PermissionKind.ManagePermissions);
  else {
    const file = (() => {
      try {
        return libraryOf(ctx, new URL(url, ctx.req.siteUrl).pathname);
      } catch {
        return undefined;
      }
    })();
    const item = file?.rest ? [...file.list.items.values()].find((i) => i.fileName?.toLowerCase() === file.rest.toLowerCase()) : undefined;
    ctx.security.require(ctx.user, PermissionKind.EditListItems, item ? file?.list : undefined, item);
  }
  let keys: string[] = [];
  try {
    const parsed = JSON.parse(String(body.peoplePickerInput ?? '[]')) as unknown;
    const entries = Array.isArray(parsed) ? parsed : [parsed];
    keys = entries.map((e) => (typeof e === 'string' ? e : String((e as { Key?: unknown }).Key ?? (e as { EntityData?: { Email?: string } }).EntityData?.Email ?? '')));
  } catch {
    throw errors.badArgument('peoplePickerInput must be the JSON the people picker produces.');
  }
  const roleValue = String(body.roleValue ?? '').replace(/\s+/g, '');
  const roleMatch = /^role:(\d+)$/i.exec(roleValue);
  const groupMatch = /^group:(\d+)$/i.exec(roleValue);
  const role = roleMatch ? ctx.store.roles.get(Number(roleMatch[1])) : undefined;
  const group = groupMatch ? ctx.store.groups.get(Number(groupMatch[1])) : undefined;
  if (!role && !group) throw errors.badArgument(`The roleValue '${String(body.roleValue ?? '')}' is not a known role ("role:<id>") or group ("group:<id>").`);
  if (group && !ctx.security.canManageGroup(ctx.user, group, ctx.security.has(ctx.user, PermissionKind.ManagePermissions))) throw errors.accessDenied();

  const results: Record<string, unknown>[] = [];
  const invited: DirectoryPerson[] = [];
  for (const key of keys) {
    const person = findPerson(key);
    if (!person) {
      results.push({ AllowedRoles: [], CurrentRole: 0, DisplayName: key, Email: null, InvitationLink: null, IsUserKnown: false, Message: "Couldn't find the user.", Status: false, User: key });
      continue;
    }
    const user = ensureDirectoryUser(ctx, person.loginName);
    if (role && site && (ctx.security.effective(user) & role.mask) !== role.mask) ctx.store.addAssignment('web', user.id, role.id);
    if (role && !site) ctx.store.addObjectShare({ url: url.split('#')[0], principalId: user.id, roleId: role.id, sharedBy: ctx.user!.id });
    if (group) ctx.store.addGroupMember(group, user.id);
    invited.push(person);
    results.push({
      AllowedRoles: [],
      CurrentRole: role ? role.roleTypeKind : 0,
      DisplayName: person.displayName,
      Email: person.email,
      InvitationLink: null,
      IsUserKnown: true,
      Message: null,
      Status: true,
      User: person.loginName,
    });
  }
  const name = site ? WEB_TITLE : objectName(url);
  if (invited.length > 0 && body.sendEmail === true) {
    const from = ctx.user?.title ?? ctx.person.displayName;
    const message = typeof body.emailBody === 'string' ? body.emailBody.trim() : '';
    ctx.store.addOutbox({
      kind: 'share',
      from: ctx.person.email,
      to: invited.map((p) => p.email),
      cc: [],
      bcc: [],
      subject: typeof body.emailSubject === 'string' && body.emailSubject ? body.emailSubject : `${from} has shared '${name}' with you`,
      body: [`${from} has shared '${name}' with you.`, message, `Open: ${url}`].filter(Boolean).join('\n\n'),
    });
  }
  const ok = invited.length > 0;
  return entityResponse(
    ctx,
    {
      meta: { 'odata.type': 'SP.SharingResult' },
      props: {
        ErrorMessage: ok ? null : "Couldn't resolve the users.",
        IconUrl: null,
        InvitedUsers: null,
        Name: name,
        PermissionsPageRelativeUrl: '/sites/procurement/_layouts/15/user.aspx',
        StatusCode: ok ? 0 : -1,
        UniquelyPermissionedUsers: role && !site ? results : [],
        Url: url,
        UsersAddedToGroup: role && !site ? [] : results,
      },
      nav: { GroupsSharedWith: () => (group ? [{ props: { Id: group.id, Title: group.title } }] : []), UsersWithAccessRequests: () => [] },
    },
    'SP.SharingResult'
  );
}

// ---- people picker ------------------------------------------------------------------------------------------

function pickerEntity(p: DirectoryPerson): Record<string, unknown> {
  return {
    Key: p.loginName,
    Description: p.email,
    DisplayText: p.displayName,
    EntityType: 'User',
    ProviderDisplayName: 'Tenant',
    ProviderName: 'Tenant',
    IsResolved: true,
    EntityData: { IsAltSecIdPresent: 'False', ObjectId: p.objectId, Title: p.jobTitle, Email: p.email, MobilePhone: '', OtherMails: '', Department: p.department },
    MultipleMatches: [],
  };
}

/**
 * An Entra ID group as the people picker offers it: a security group as SecGroup from the Tenant
 * provider, a Microsoft 365 group (its members claim) as FormsRole from the federated directory provider.
 */
function groupPickerEntity(c: DirectoryClaim): Record<string, unknown> {
  const security = c.group.kind === 'security';
  return {
    Key: c.loginName,
    Description: c.group.description,
    DisplayText: c.group.displayName,
    EntityType: security ? 'SecGroup' : 'FormsRole',
    ProviderDisplayName: security ? 'Tenant' : 'Azure AD',
    ProviderName: security ? 'Tenant' : 'FederatedDirectoryClaimProvider',
    IsResolved: true,
    EntityData: { ObjectId: c.group.objectId, DisplayName: c.group.displayName, Email: c.group.mail ?? '', PrincipalType: security ? 'SecurityGroup' : 'UNIFIED GROUP' },
    MultipleMatches: [],
  };
}

function groupMatches(c: DirectoryClaim, q: string): boolean {
  const name = c.group.displayName.toLowerCase();
  return name.startsWith(q) || name.split(/\s+/).some((w) => w.startsWith(q)) || (c.group.mail ?? '').toLowerCase().startsWith(q);
}

function matches(p: DirectoryPerson, q: string): boolean {
  const words = [p.displayName, p.firstName, p.lastName, `${p.firstName} ${p.lastName}`, p.email, p.displayName.replace(/^Cllr\s+/i, '')];
  return words.some((w) => w.toLowerCase().startsWith(q)) || p.displayName.toLowerCase().split(/\s+/).some((w) => w.startsWith(q));
}

/** ClientPeoplePickerWebServiceInterface.clientPeoplePickerSearchUser / ResolveUser. */
export function peoplePicker(ctx: Ctx, resolve: boolean): ApiResponse {
  requireMethod(ctx, 'POST');
  ctx.security.require(ctx.user, PermissionKind.Open);
  const params = (jsonBody(ctx).queryParams ?? {}) as Record<string, unknown>;
  const q = String(params.QueryString ?? '').trim().toLowerCase();
  const max = Number(params.MaximumEntitySuggestions ?? 30) || 30;
  const types = Number(params.PrincipalType ?? 15);
  const groupFilter = Number(params.SharePointGroupID ?? 0);
  let people = q ? DIRECTORY.filter((p) => matches(p, q)) : [];
  if (groupFilter) {
    const group = ctx.store.groups.get(groupFilter);
    people = people.filter((p) => {
      const u = ctx.store.userByLogin(p.loginName);
      return !!u && !!group?.members.has(u.id);
    });
  }
  const entities: Record<string, unknown>[] = (types & 1) !== 0 ? people.map(pickerEntity) : [];
  if ((types & 4) !== 0 && q) {
    // Entra ID groups (a Microsoft 365 group once, by its members claim).
    for (const c of DIRECTORY_CLAIMS) {
      if (c.part !== 'members' || !groupMatches(c, q)) continue;
      if (groupFilter) {
        const principal = ctx.store.userByLogin(c.loginName);
        if (!principal || !ctx.store.groups.get(groupFilter)?.members.has(principal.id)) continue;
      }
      entities.push(groupPickerEntity(c));
    }
  }
  if ((types & 8) !== 0 && q) {
    for (const g of ctx.store.groups.values()) {
      if (!g.title.toLowerCase().split(/\s+/).some((w) => w.startsWith(q)) && !g.title.toLowerCase().startsWith(q)) continue;
      entities.push({
        Key: g.title,
        Description: g.title,
        DisplayText: g.title,
        EntityType: 'SPGroup',
        ProviderDisplayName: 'SharePoint Group',
        ProviderName: 'SPGroup',
        IsResolved: true,
        EntityData: { AccountName: g.title, SPGroupID: String(g.id) },
        MultipleMatches: [],
      });
    }
  }
  if (!resolve) return valueResponse(ctx, JSON.stringify(entities.slice(0, max)));
  const exact = DIRECTORY.find((p) => p.email.toLowerCase() === q || p.loginName.toLowerCase() === q);
  const exactGroup = (types & 4) !== 0 ? findClaim(q) : undefined;
  const single = exact ? pickerEntity(exact) : exactGroup ? groupPickerEntity(exactGroup) : entities.length === 1 ? entities[0] : undefined;
  const answer = single ?? { Key: q, Description: q, DisplayText: q, EntityType: '', IsResolved: false, EntityData: {}, MultipleMatches: entities.slice(0, max) };
  return valueResponse(ctx, JSON.stringify(answer));
}

// ---- user profiles -------------------------------------------------------------------------------------------

function profile(ctx: Ctx, p: DirectoryPerson): Record<string, unknown> {
  const properties: Record<string, string> = {
    AccountName: p.loginName,
    FirstName: p.firstName,
    LastName: p.lastName,
    PreferredName: p.displayName,
    WorkEmail: p.email,
    'SPS-JobTitle': p.jobTitle,
    Title: p.jobTitle,
    Department: p.department,
    UserName: p.email,
    'msOnline-ObjectId': p.objectId,
  };
  return {
    'odata.metadata': `${ctx.req.siteUrl}/_api/$metadata#SP.UserProfiles.PersonProperties/@Element`,
    'odata.type': 'SP.UserProfiles.PersonProperties',
    AccountName: p.loginName,
    DirectReports: [],
    DisplayName: p.displayName,
    Email: p.email,
    ExtendedManagers: [],
    ExtendedReports: [p.loginName],
    IsFollowed: false,
    LatestPost: null,
    Peers: [],
    PersonalSiteHostUrl: '',
    PersonalUrl: '',
    PictureUrl: null,
    Title: p.jobTitle,
    UserProfileProperties: Object.entries(properties).map(([Key, Value]) => ({ Key, Value, ValueType: 'Edm.String' })),
    UserUrl: '',
  };
}

/** sp.userprofiles.peoplemanager: getmyproperties, getpropertiesfor(@v), getuserprofilepropertyfor(accountname=@v, propertyname='x'). */
export function peopleManager(ctx: Ctx, rest: Segment[]): ApiResponse {
  ctx.security.require(ctx.user, PermissionKind.Open);
  const [seg] = rest;
  if (!seg) throw errors.noResource(ctx.req.path);
  const person = (login: string) => {
    const p = findPerson(login);
    if (!p) throw new SpError(404, '-1, Microsoft.Office.Server.UserProfiles.UserNotFoundException', `User Profile Error 1000: User Not Found: Could not load profile data from the database.`);
    return p;
  };
  switch (seg.lower) {
    case 'getmyproperties':
      return json(200, profile(ctx, ctx.person));
    case 'getpropertiesfor':
      return json(200, profile(ctx, person(stringArg(seg, 'accountName'))));
    case 'getuserprofilepropertyfor': {
      const p = profile(ctx, person(stringArg(seg, 'accountname')));
      const name = stringArg(seg, 'propertyname').toLowerCase();
      const found = (p.UserProfileProperties as { Key: string; Value: string }[]).find((x) => x.Key.toLowerCase() === name);
      return valueResponse(ctx, found ? found.Value : '');
    }
    default:
      throw errors.noResource(ctx.req.path);
  }
}

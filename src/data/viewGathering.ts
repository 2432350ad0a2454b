import { SPFI } from '@pnp/sp';
import type { ISiteGroup } from '@pnp/sp/site-groups';
import { toIsoDate } from '../domain/dates';
import { AssessmentPeriod, PeriodRecord } from '../domain/periods';
import { DirectoryChoice } from '../domain/scrutinySharing';
import { DecisionRecord, Role, SubmissionRecord, withSignOff } from '../domain/signOff';
import { FieldProblem } from '../domain/validation';
import { GatheredView, indicesAskedOf, validateInvitation, validateView, ViewInput, ViewInvitation } from '../domain/views';
import { Framework } from '../framework/types';
import { DataError, toDataError, ValidationError } from './errors';
import { toMailError } from './mail';
import { escapeHtml } from './notifications';
import { itemsNeedingVersions, readVersions, resolvePeriodFramework } from './periodFramework';
import { DeployedIndex, IndexVersion } from './repositories/indexRepository';
import { ItemProblem } from './repositories/listRepository';
import { LISTS } from './schema';
import { DataServices } from './services';
import { BasePermissions, CurrentUser, GROUPS, hasPermission, ListAccess, onlyGivesViews, PermissionKind, roleOf } from './siteService';
import { guessNewestPeriods, inOneBatch, tolerateMissingList } from './workspace';
import { pageLink } from '../ui/deepLinks';
import { addToGroup } from './groupMembership';

/**
 * Gathering colleagues' views before the lead officer agrees the council's level (issue 13): who is
 * asked (the Maturity view contributors group, owned by Procurement officers, and the View invitations
 * list), giving a view (the Maturity views list: add-only, each colleague reads only their own), and
 * closing the gathering when the year is submitted. SharePoint enforces who may do what; the checks here
 * say it in words first. Loaded on demand: only the gathering screens and the submit step need it.
 */

/** What the "Give your views" screen (and the moderator's view of the gathering) shows. */
export interface GatheringState {
  user: CurrentUser;
  role: Role | 'reader';
  /** The person may read every view (Override List Behaviors on the views list: officers, approvers), or is a site owner. */
  canModerate: boolean;
  /** The person may add to the views list and the year is in draft or returned (not submitted or signed off). */
  canGiveViews: boolean;
  framework: Framework;
  period?: AssessmentPeriod;
  periods: AssessmentPeriod[];
  /** Every invitation the caller can read for the period. */
  invitations: ViewInvitation[];
  /** Indices the caller was asked about (all framework ids when canModerate). */
  myIndexIds: string[];
  /** What SharePoint lets the caller read: a colleague their own views, a moderator everyone's. */
  views: GatheredView[];
  problems: ItemProblem[];
  /** When the year was submitted, while it is submitted or signed off: a view given after it is late. */
  submittedAt?: string;
}

const NO_ACCESS: ListAccess = { canAdd: false, canEdit: false };
const NO_PERMISSIONS: BasePermissions = { High: 0, Low: 0 };

/** A year open for views: in draft, or returned for changes. */
function openForViews(period: AssessmentPeriod | undefined): boolean {
  return !!period && (period.status === 'Draft' || period.status === 'Returned');
}

function sameLogin(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** Whether an invitation is the person's: by login, or by e-mail for someone recorded by address. */
function invites(invitation: ViewInvitation, who: { loginName: string; email?: string }): boolean {
  return sameLogin(invitation.inviteeLogin, who.loginName) || (!!who.email && sameLogin(invitation.inviteeLogin, who.email));
}

/** Which year to show with none named: the newest open year the person was asked about, else the newest open one, else the newest. */
function pickPeriod(periods: readonly AssessmentPeriod[], invitations: readonly ViewInvitation[], user: CurrentUser): AssessmentPeriod | undefined {
  const open = periods.filter(openForViews);
  const asked = new Set(invitations.filter((i) => invites(i, user)).map((i) => i.periodName));
  return open.find((p) => asked.has(p.name)) ?? open[0] ?? periods[0];
}

/**
 * Everything the gathering screens show, for a colleague who may read only the framework, the years,
 * the invitations and their own views as much as for a moderator: one $batch in the usual case (a
 * second only when the year is not one read on a guess, or a submitted year's framework needs its
 * version history). Lists the person may not open leave their part empty.
 */
export async function loadGathering(services: DataServices, builtIn: Framework | Promise<Framework>, periodName?: string): Promise<GatheringState> {
  const builtInPending = Promise.resolve(builtIn);
  builtInPending.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  const { site, indices, periods, submissions, signOffs, views, viewInvitations } = services;
  const problems: ItemProblem[] = [];
  const missingLists: ItemProblem[] = [];
  const viewProblems = new Map<string, ItemProblem[]>();
  const viewsOf = (via: SPFI, name: string): Promise<GatheredView[]> => {
    const sink: ItemProblem[] = [];
    viewProblems.set(name, sink);
    return tolerateMissingList(views.forPeriod(name, via, sink), [], missingLists);
  };
  const guesses = periodName ? [periodName] : guessNewestPeriods(toIsoDate(new Date()));
  const [user, deployed, records, submitted, decided, signOffAccess, assessmentAccess, challengeAccess, viewPermissions, invitations, ...guessedViews] = await inOneBatch<
    [CurrentUser, DeployedIndex[], PeriodRecord[], SubmissionRecord[], DecisionRecord[], ListAccess, ListAccess, ListAccess, BasePermissions, ViewInvitation[], ...GatheredView[][]]
  >(services.sp, (b) => {
    const list = <T,>(read: Promise<T>, fallback: T): Promise<T> => tolerateMissingList(read, fallback, missingLists);
    return [
      site.currentUser(b),
      indices.all(b),
      list(periods.all(b, problems), []),
      list(submissions.all(b, problems), []),
      list(signOffs.all(b, problems), []),
      list(site.access('signoffs', b), NO_ACCESS),
      // A colleague asked only for views cannot open these two: SharePoint says they do not exist.
      site.access('assessments', b).catch(() => NO_ACCESS),
      site.access('challenges', b).catch(() => NO_ACCESS),
      list(site.listPermissions('views', b), NO_PERMISSIONS),
      list(viewInvitations.all(b, problems), []),
      ...guesses.map((name) => viewsOf(b, name)),
    ] as never;
  });

  const allPeriods = records.map((r) => withSignOff(r, submitted, decided));
  const period = periodName ? allPeriods.find((p) => p.name === periodName) : pickPeriod(allPeriods, invitations, user);
  if (periodName && !period) throw new DataError('notFound', `There is no ${periodName} assessment on this site. Choose another period.`);

  let periodViews: GatheredView[] = [];
  const guessed = period ? guesses.indexOf(period.name) : -1;
  if (guessed >= 0) periodViews = guessedViews[guessed];
  const needVersions = deployed.length ? itemsNeedingVersions(deployed, period) : [];
  const versions = new Map<number, IndexVersion[]>();
  if ((period && guessed < 0) || needVersions.length) {
    const readViews = period && guessed < 0 ? period.name : undefined;
    const [more, ...histories] = await inOneBatch<[GatheredView[] | undefined, ...Array<[number, IndexVersion[] | undefined]>]>(
      services.sp,
      (b) => [readViews ? viewsOf(b, readViews) : Promise.resolve(undefined), ...readVersions(indices, needVersions, b)] as never
    );
    if (readViews) periodViews = more ?? [];
    for (const [id, v] of histories) if (v) versions.set(id, v);
  }
  if (period) problems.push(...(viewProblems.get(period.name) ?? []));

  const resolved = resolvePeriodFramework({ period, deployed, versions, assessedIds: new Set(), builtIn: await builtInPending });
  for (const note of resolved.notes) problems.push({ list: LISTS.indices.title, itemId: 0, title: period?.name ?? '', message: note });
  const framework = resolved.framework;
  const role = roleOf(user, { signOffs: signOffAccess, assessments: assessmentAccess, challenges: challengeAccess });
  const canModerate = role === 'owner' || hasPermission(viewPermissions, PermissionKind.CancelCheckout);
  const allIds = framework.indices.map((i) => i.id);
  const periodInvitations = period ? invitations.filter((i) => i.periodName === period.name) : [];
  const asked = indicesAskedOf(periodInvitations, user.loginName, allIds);
  const submittedAt = period && (period.status === 'Submitted' || period.status === 'Signed off') ? period.submittedOn : undefined;
  return {
    user,
    role,
    canModerate,
    canGiveViews: openForViews(period) && hasPermission(viewPermissions, PermissionKind.AddListItems),
    framework,
    period,
    periods: allPeriods,
    invitations: periodInvitations,
    // What the person was asked about; a moderator who was not asked may give a view on any index.
    myIndexIds: asked.length || !canModerate ? asked : allIds,
    views: periodViews,
    // Councillors and site readers have no access to the two lists of views, by design: not a fault to report.
    problems: [...(role === 'scrutiny' || (role === 'reader' && !onlyGivesViews(user, role)) ? [] : missingLists), ...problems],
    submittedAt,
  };
}

// ---- inviting ------------------------------------------------------------------------------------

export interface InviteRequest {
  periodName: string;
  people: DirectoryChoice[];
  /** Index ids asked about; empty asks about every index of the year's framework. */
  indexIds: string[];
  message: string;
  /** The Assessment page (where "Give your views" opens); left out of the mail when not configured. */
  link?: string;
  senderName: string;
}

export interface InviteOutcome {
  invited: DirectoryChoice[];
  /** What did not go as planned; the invitations themselves stand. */
  warnings: string[];
}

const NOT_GROUP_OWNER =
  `Only ${GROUPS.officers} (who own the ${GROUPS.contributors} group) and site collection administrators can invite colleagues to give their views. ` +
  `Nothing was changed. If you are a site owner, add yourself to ${GROUPS.officers} first.`;

/** The Assessment page, opened on "Give your views" for the year. */
export function giveViewsLink(pageUrl: string, periodName: string): string {
  return pageLink(pageUrl, { periodName, views: true });
}

export function invitationMail(person: DirectoryChoice, request: InviteRequest, indexTitles: readonly string[]): { subject: string; html: string } {
  const subject = `Procurement maturity ${request.periodName}: your view is asked for`;
  const about = indexTitles.length
    ? `the ${indexTitles.length === 1 ? 'area' : `${indexTitles.length} areas`} below`
    : 'each key area and enabler of the self-assessment';
  const paragraphs = [
    `Dear ${person.displayName},`,
    `${request.senderName} is asking for your view of where the council stands in the ${request.periodName} procurement maturity self-assessment, on ${about}, before the council agrees its level.`,
  ];
  const html = [
    ...paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`),
    indexTitles.length ? `<ul>${indexTitles.map((t) => `<li>${escapeHtml(t)}</li>`).join('')}</ul>` : '',
    request.message.trim() ? `<p>${escapeHtml(request.message.trim()).replace(/\n/g, '<br>')}</p>` : '',
    '<p>For each one, choose the level you think fits and say why. Your view is yours: other colleagues do not see it.</p>',
    request.link ? `<p><a href="${escapeHtml(giveViewsLink(request.link, request.periodName))}">${escapeHtml(`Give your views on ${request.periodName}`)}</a></p>` : '',
  ].join('');
  return { subject, html };
}

function contributorsGroup(sp: SPFI): ISiteGroup {
  return sp.web.siteGroups.getByName(GROUPS.contributors);
}

/** The year as it stands now, read afresh: invitations and views are only taken while it is open. */
async function periodNow(services: DataServices, name: string): Promise<AssessmentPeriod> {
  const [record, submitted, decided] = await Promise.all([services.periods.byName(name), services.submissions.all(), services.signOffs.all()]);
  if (!record) throw new DataError('notFound', `There is no ${name} assessment on this site.`);
  return withSignOff(record, submitted, decided);
}

function closedMessage(period: AssessmentPeriod): string {
  return `${period.name} is ${period.status.toLowerCase()}, so views can no longer be gathered for it; they are gathered while a year is in draft or returned.`;
}

/**
 * Asks colleagues for their views: puts each in Maturity view contributors (which SharePoint allows only
 * to Procurement officers, who own it, and site collection administrators; nobody is added when it
 * refuses), records an invitation for each, and mails each a link to "Give your views". A mail that
 * fails is reported; the invitation stands.
 */
export async function inviteColleagues(services: DataServices, request: InviteRequest): Promise<InviteOutcome> {
  let deployed: DeployedIndex[];
  try {
    deployed = await services.indices.all();
  } catch (e) {
    throw toDataError(e, LISTS.indices.title, 'read');
  }
  const live = deployed.filter((i) => !i.retired);
  const problems = validateInvitation(request, live.length ? live.map((i) => i.id) : request.indexIds);
  if (problems.length) throw new ValidationError(problems);
  const period = await periodNow(services, request.periodName);
  if (!openForViews(period)) throw new DataError('refused', closedMessage(period));

  await addToGroup(contributorsGroup(services.sp), request.people.map((p) => p.loginName), NOT_GROUP_OWNER);

  const titles = request.indexIds.map((id) => live.find((i) => i.id === id)?.title ?? id);
  const outcome: InviteOutcome = { invited: [], warnings: [] };
  for (const person of request.people) {
    try {
      await services.viewInvitations.add({ periodName: request.periodName, inviteeLogin: person.loginName, inviteeName: person.displayName, indexIds: request.indexIds, message: request.message });
    } catch (e) {
      outcome.warnings.push(
        `${person.displayName} was added to ${GROUPS.contributors}, but the invitation was not recorded in ${LISTS.viewInvitations.title} (${toDataError(e).message.replace(/\.+$/, '')}), so no mail was sent. Invite them again.`
      );
      continue;
    }
    outcome.invited.push(person);
    if (!person.email) {
      outcome.warnings.push(`${person.displayName} has no email address in the directory, so no invitation mail was sent. Send them the link another way.`);
      continue;
    }
    try {
      await services.mail.send({ to: [person.email], ...invitationMail(person, request, titles) });
    } catch (e) {
      outcome.warnings.push(`The invitation to ${person.displayName} was not sent: ${toMailError(e).message}. They are invited; let them know another way.`);
    }
  }
  return outcome;
}

// ---- giving a view -------------------------------------------------------------------------------

/** The checks of a view (domain/views.ts), and that only a moderator enters a view on someone's behalf. */
function viewProblems(input: ViewInput, askedIds: readonly string[], mayEnterForOthers: boolean): FieldProblem[] {
  const problems = validateView(input, askedIds);
  if (input.givenFor?.trim() && !mayEnterForOthers) {
    problems.push({ field: 'givenFor', message: "Only the lead officer enters a view given on paper on someone else's behalf; give your own view instead." });
  }
  return problems;
}

/**
 * Records the person's view (or, for the lead officer, a view given on paper) as a new item: a changed
 * view is a new one, the latest counting. Refused with a ValidationError naming each field at fault,
 * and refused outright once the year is submitted; SharePoint enforces the same.
 */
export async function giveView(services: DataServices, input: ViewInput): Promise<void> {
  const state = await loadGathering(services, (async () => (await import(/* webpackChunkName: 'framework' */ '../framework/builtIn')).npsFramework2018())(), input.periodName);
  if (!state.period || !openForViews(state.period)) throw new DataError('refused', state.period ? closedMessage(state.period) : `There is no ${input.periodName} assessment on this site.`);
  const problems = viewProblems(input, state.myIndexIds, state.canModerate);
  if (problems.length) throw new ValidationError(problems);
  try {
    await services.views.add({ ...input, comment: input.comment ?? '' });
  } catch (e) {
    const status = (e as { status?: number }).status ?? (e as DataError).status;
    if (status === 403 || status === 401) {
      throw new DataError(
        'refused',
        `SharePoint did not let you add a view to ${LISTS.views.title}: only colleagues the lead officer has asked, officers and approvers can, while the year is open. Ask the lead officer to invite you.`,
        status
      );
    }
    throw toDataError(e, LISTS.views.title);
  }
}

// ---- closing -------------------------------------------------------------------------------------

interface GroupUser {
  Id: number;
  Title: string;
  LoginName: string;
  Email?: string;
}

/**
 * Once a year is submitted, colleagues asked only about years no longer open lose the group (and with
 * it the right to add views, which SharePoint then refuses). Run by the submit step after the submission
 * is recorded; returns warnings (the submission stands). Nothing is read beyond the group when it is empty.
 */
export async function closeGathering(services: DataServices, periodName: string): Promise<string[]> {
  const group = contributorsGroup(services.sp);
  let members: GroupUser[];
  try {
    members = await group.users.select('Id', 'Title', 'LoginName', 'Email')();
  } catch (e) {
    // A site set up before views were gathered has no such group: nobody to take out.
    if ((e as { status?: number }).status === 404) return [];
    return [`After submitting ${periodName}, could not read who is in ${GROUPS.contributors} (${toDataError(e, undefined, 'read').message.replace(/\.+$/, '')}). Views given from now on count as late.`];
  }
  if (members.length === 0) return [];
  let stillAsked: (m: GroupUser) => boolean;
  try {
    const [invitations, records, submitted, decided] = await Promise.all([services.viewInvitations.all(), services.periods.all(), services.submissions.all(), services.signOffs.all()]);
    const open = new Set(records.map((r) => withSignOff(r, submitted, decided)).filter(openForViews).map((p) => p.name));
    const current = invitations.filter((i) => open.has(i.periodName));
    stillAsked = (m) => current.some((i) => invites(i, { loginName: m.LoginName, email: m.Email }));
  } catch (e) {
    return [`After submitting ${periodName}, could not work out who is still asked for views (${toDataError(e, undefined, 'read').message.replace(/\.+$/, '')}), so nobody was taken out of ${GROUPS.contributors}. Views given from now on count as late.`];
  }
  const warnings: string[] = [];
  const leaving = members.filter((m) => !stillAsked(m));
  for (const member of leaving) {
    try {
      await group.users.removeById(member.Id);
    } catch (e) {
      const status = (e as { status?: number }).status;
      warnings.push(
        status === 403 || status === 401
          ? `${member.Title} is still in ${GROUPS.contributors}: only ${GROUPS.officers} can take colleagues out of it. Views they give from now on count as late; a procurement officer can remove them in Site settings, People and groups.`
          : `${member.Title} could not be taken out of ${GROUPS.contributors} (${toDataError(e).message.replace(/\.+$/, '')}). Views they give from now on count as late.`
      );
    }
  }
  return warnings;
}

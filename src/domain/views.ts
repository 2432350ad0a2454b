import { LEVEL_IDS, LevelId } from '../framework/types';
import { Person } from './actions';
import { isLevelId, LEVEL_TITLES, levelRank } from './levels';
import { LIMITS } from './limits';
import type { DirectoryChoice } from './scrutinySharing';
import { checkLength, FieldProblem } from './validation';

/**
 * Gathering colleagues' views before the lead officer agrees the council's level (issue 13).
 *
 * A view is one person's level and comment on one index in one year, kept in the Maturity views list.
 * Nobody changes a view once given: a changed view is a new entry, and a person's latest entry is their
 * view. Whose view it is comes from SharePoint's Created By, except a view given on paper, which the lead
 * officer enters: then Created By is the lead and `givenFor` names the colleague.
 */
export interface GatheredView {
  id: number;
  periodName: string;
  indexId: string;
  /** Undefined when the item holds no valid level (typed into SharePoint's own form); such an item has problems. */
  level?: LevelId;
  comment: string;
  /** SharePoint's Created By: who gave the view, or the lead officer who entered a paper view. */
  givenBy?: Person;
  /** Set when the lead officer entered a view given on paper: the colleague's name as on the form. */
  givenFor?: string;
  /** SharePoint's Created: when the view was given. */
  created: string;
  problems?: string[];
}

/** A view to record (what the form sends). */
export interface ViewInput {
  periodName: string;
  indexId: string;
  level: LevelId | undefined;
  comment: string;
  /** Only when the lead officer enters a paper view. */
  givenFor?: string;
}

/** Who was asked for views on which indices, from the View invitations list. */
export interface ViewInvitation {
  id: number;
  periodName: string;
  /** The invitee's claims login name (or e-mail for someone the directory gave no login for). */
  inviteeLogin: string;
  inviteeName: string;
  /** Index ids asked about; empty means every index of the year's framework. */
  indexIds: string[];
  message: string;
  invitedBy?: Person;
  invitedOn: string;
}

// ---------------------------------------------------------------------------------------------------
// Whose view it is
// ---------------------------------------------------------------------------------------------------

/** A name as typed on a paper form, so " tom  REID" and "Tom Reid" are the same person. */
function normalisedName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/** True when the view says it was given on paper for someone (a name, not just spaces). */
function isPaperView(v: Pick<GatheredView, 'givenFor'>): boolean {
  return typeof v.givenFor === 'string' && v.givenFor.trim() !== '';
}

/**
 * Who a view belongs to, as a key: "paper:<name>" for a view the lead officer entered from a paper form
 * (the name as written, ignoring case and spacing), otherwise "user:<site user id>" from Created By.
 */
export function viewerKey(v: Pick<GatheredView, 'givenBy' | 'givenFor'>): string {
  if (isPaperView(v)) return `paper:${normalisedName(v.givenFor!)}`;
  return `user:${v.givenBy?.id ?? 'unknown'}`;
}

/** "Asha Patel", or "Tom Reid (on paper, entered by Jane Lead)" for a view the lead officer entered. */
export function describeViewer(v: Pick<GatheredView, 'givenBy' | 'givenFor'>): string {
  if (isPaperView(v)) {
    const name = v.givenFor!.trim().replace(/\s+/g, ' ');
    return v.givenBy?.displayName ? `${name} (on paper, entered by ${v.givenBy.displayName})` : `${name} (on paper)`;
  }
  return v.givenBy?.displayName || 'Someone not known to the site';
}

// ---------------------------------------------------------------------------------------------------
// Which views count
// ---------------------------------------------------------------------------------------------------

export interface CurrentViewsOptions {
  /**
   * When the year was submitted (SharePoint's time, ISO). A view created after it is late: colleagues
   * can no longer add views then, so one that got in anyway never counts.
   */
  submittedAt?: string;
  /**
   * Site user ids of the people who may enter a view given on paper (lead officers, approvers, site
   * owners). When given, a paper view entered by anyone else is counted as its author's own view.
   */
  moderatorIds?: ReadonlySet<number>;
}

export interface CurrentViews {
  /** Each person's latest view on each index, earliest first. */
  current: GatheredView[];
  /** Views created after the year was submitted: shown as late, never counted. */
  late: GatheredView[];
  /** How many earlier views were replaced by the same person's later view on the same index. */
  superseded: number;
  /** Items that hold no view to count: no valid level, problems reported when read, or no author. */
  notCounted: GatheredView[];
}

/** Milliseconds since 1970, or NaN when the text is not a time. */
function timeOf(iso: string | undefined): number {
  return typeof iso === 'string' && iso !== '' ? Date.parse(iso) : NaN;
}

/** Created then id: the order SharePoint added the items in. */
function byCreated(a: GatheredView, b: GatheredView): number {
  const ta = timeOf(a.created);
  const tb = timeOf(b.created);
  if (ta !== tb && !(isNaN(ta) && isNaN(tb))) {
    if (isNaN(ta)) return -1;
    if (isNaN(tb)) return 1;
    return ta - tb;
  }
  return a.id - b.id;
}

/**
 * The views that count, from every item of one year's Maturity views list:
 * - a view created after `submittedAt` is late and never counts (nor does it replace an earlier one);
 * - an item with problems, without a valid level, or without an author does not count (`notCounted`);
 * - of the rest, each person's latest view on each index counts (SharePoint's Created, then id), and
 *   their earlier ones are superseded.
 * When `moderatorIds` is given, a view marked as given on paper by someone who may not enter paper views
 * counts as the author's own: the copy in `current` has no `givenFor` and carries a note in `problems`
 * saying so. (That note is the one problem that does not stop a view counting, so pass the items as
 * read from the list, not this function's own output.)
 */
export function currentViews(views: readonly GatheredView[], options: CurrentViewsOptions = {}): CurrentViews {
  const submitted = timeOf(options.submittedAt);
  const late: GatheredView[] = [];
  const notCounted: GatheredView[] = [];
  const latest = new Map<string, GatheredView>();
  let superseded = 0;
  for (const item of [...views].sort(byCreated)) {
    if (!isNaN(submitted)) {
      const created = timeOf(item.created);
      // A view whose time cannot be read cannot be shown to be on time.
      if (isNaN(created) || created > submitted) {
        late.push(item);
        continue;
      }
    }
    if ((item.problems && item.problems.length > 0) || !isLevelId(item.level) || (!item.givenBy && !isPaperView(item))) {
      notCounted.push(item);
      continue;
    }
    let view = item;
    if (isPaperView(item) && options.moderatorIds && !(item.givenBy && options.moderatorIds.has(item.givenBy.id))) {
      if (!item.givenBy) {
        notCounted.push(item);
        continue;
      }
      const { givenFor, ...own } = item;
      view = {
        ...own,
        problems: [
          `Marked as given on paper by ${givenFor!.trim()}, but only a lead officer or approver enters views given on paper, so it counts as ${item.givenBy.displayName || 'its author'}'s own view.`,
        ],
      };
    }
    const key = `${view.periodName}\u0000${view.indexId}\u0000${viewerKey(view)}`;
    if (latest.has(key)) superseded += 1;
    latest.set(key, view);
  }
  // Map keeps first-insertion order; sort so a replaced view's place goes to the replacement's time.
  const current = [...latest.values()].sort(byCreated);
  return { current, late, superseded, notCounted };
}

// ---------------------------------------------------------------------------------------------------
// The spread of views on one index
// ---------------------------------------------------------------------------------------------------

export interface ViewSpread {
  indexId: string;
  /** How many views count. */
  total: number;
  /** How many people chose each level; every level is present, 0 when nobody chose it. */
  counts: Record<LevelId, number>;
  lowest?: LevelId;
  highest?: LevelId;
  /** True when the lowest and highest views are two levels or more apart (Developing and Leader, say). */
  differsByTwoOrMore: boolean;
  /** The middle view's level; with an even number of views, the lower of the two middle ones. */
  median?: LevelId;
  /** The views, lowest level first, then by name. */
  views: GatheredView[];
}

let nameCollator: Intl.Collator | undefined;

/** One collator for the page: making one costs more than using it. */
function compareNames(a: string, b: string): number {
  nameCollator = nameCollator ?? new Intl.Collator('en-GB', { sensitivity: 'base' });
  return nameCollator.compare(a, b);
}

function nameOf(v: GatheredView): string {
  return isPaperView(v) ? v.givenFor!.trim() : v.givenBy?.displayName ?? '';
}

/** The spread of the current views (from currentViews) on one index. */
export function spreadOf(indexId: string, current: readonly GatheredView[]): ViewSpread {
  const views = current
    .filter((v) => v.indexId === indexId && isLevelId(v.level))
    .sort((a, b) => levelRank(a.level!) - levelRank(b.level!) || compareNames(nameOf(a), nameOf(b)) || byCreated(a, b));
  const counts = LEVEL_IDS.reduce((all, level) => ({ ...all, [level]: 0 }), {} as Record<LevelId, number>);
  for (const v of views) counts[v.level!] += 1;
  const lowest = views[0]?.level;
  const highest = views[views.length - 1]?.level;
  return {
    indexId,
    total: views.length,
    counts,
    lowest,
    highest,
    differsByTwoOrMore: !!lowest && !!highest && levelRank(highest) - levelRank(lowest) >= 2,
    median: views.length > 0 ? views[Math.floor((views.length - 1) / 2)].level : undefined,
    views,
  };
}

/** "Developing 2, Mature 3": the levels people chose, lowest first, with how many chose each. */
export function describeCounts(spread: Pick<ViewSpread, 'counts'>): string {
  return LEVEL_IDS.filter((level) => spread.counts[level] > 0)
    .map((level) => `${LEVEL_TITLES[level]} ${spread.counts[level]}`)
    .join(', ');
}

/**
 * One line for the committee pack: "5 views: Developing 2, Mature 3. Agreed: Mature.", with
 * "They differ by two levels or more." when they do, and "No views gathered." when there are none.
 */
export function viewsSummary(spread: ViewSpread, agreedLevel?: LevelId): string {
  const parts: string[] = [];
  if (spread.total === 0) parts.push('No views gathered.');
  else {
    parts.push(`${spread.total} ${spread.total === 1 ? 'view' : 'views'}: ${describeCounts(spread)}.`);
    if (spread.differsByTwoOrMore) parts.push('They differ by two levels or more.');
  }
  if (agreedLevel && isLevelId(agreedLevel)) parts.push(`Agreed: ${LEVEL_TITLES[agreedLevel]}.`);
  return parts.join(' ');
}

// ---------------------------------------------------------------------------------------------------
// What a person may see
// ---------------------------------------------------------------------------------------------------

/** A view the person gave themselves (not one they entered from paper) that holds a level. */
function isOwnGivenView(v: GatheredView, me: { id: number }): boolean {
  return !isPaperView(v) && v.givenBy?.id === me.id && isLevelId(v.level) && !(v.problems && v.problems.length > 0);
}

/**
 * The views a person may be shown: always their own, and others' on an index only once they have given
 * their own view on it, so nobody is swayed before they choose. (SharePoint already hides others' views
 * from colleagues; lead officers and approvers can read every view, and this keeps them to the same rule.)
 */
export function hiddenUntilGiven(viewsOfIndex: readonly GatheredView[], me: { id: number }): GatheredView[] {
  const given = new Set(viewsOfIndex.filter((v) => isOwnGivenView(v, me)).map((v) => `${v.periodName}\u0000${v.indexId}`));
  return viewsOfIndex.filter((v) => given.has(`${v.periodName}\u0000${v.indexId}`) || (!isPaperView(v) && v.givenBy?.id === me.id));
}

// ---------------------------------------------------------------------------------------------------
// Checking what is sent
// ---------------------------------------------------------------------------------------------------

const LEVEL_CHOICES = `${LEVEL_IDS.slice(0, -1).map((l) => LEVEL_TITLES[l]).join(', ')} or ${LEVEL_TITLES[LEVEL_IDS[LEVEL_IDS.length - 1]]}`;

/** A single line of text column in SharePoint: the paper view's name. */
const NAME_LIMIT = 255;

/** Problems with a view before it is saved. `askedIndexIds`: the indices this person was asked about. */
export function validateView(input: ViewInput, askedIndexIds: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.periodName || input.periodName.trim() === '') problems.push({ field: 'periodName', message: 'Choose the year the view is for.' });
  if (!input.indexId || askedIndexIds.indexOf(input.indexId) < 0) {
    problems.push({ field: 'indexId', message: 'You were not asked for a view on this key area or enabler. Choose one of those you were asked about.' });
  }
  if (input.level === undefined || input.level === null || (input.level as string) === '') problems.push({ field: 'level', message: `Choose a level: ${LEVEL_CHOICES}.` });
  else if (!isLevelId(input.level)) problems.push({ field: 'level', message: `"${String(input.level)}" is not one of the five levels: choose ${LEVEL_CHOICES}.` });
  if (typeof input.comment !== 'string' && input.comment !== undefined && input.comment !== null) {
    problems.push({ field: 'comment', message: 'Comment is not text.' });
  } else checkLength(problems, 'comment', 'Comment', input.comment, LIMITS.viewComment);
  if (input.givenFor !== undefined) {
    if (typeof input.givenFor !== 'string' || input.givenFor.trim() === '') {
      problems.push({ field: 'givenFor', message: 'Type the name of the colleague who gave this view on paper.' });
    } else checkLength(problems, 'givenFor', "The colleague's name", input.givenFor, NAME_LIMIT);
  }
  return problems;
}

export interface InvitationInput {
  periodName: string;
  /** Chosen with the people picker. */
  people: readonly DirectoryChoice[];
  /** Index ids to ask about; empty means every index of the year's framework. */
  indexIds: readonly string[];
  message: string;
}

/** Problems with an invitation before anyone is asked. `frameworkIndexIds`: the year's indices. */
export function validateInvitation(input: InvitationInput, frameworkIndexIds: readonly string[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (!input.periodName || input.periodName.trim() === '') problems.push({ field: 'periodName', message: 'Choose the year to gather views for.' });
  if (!input.people || input.people.length === 0) problems.push({ field: 'people', message: 'Choose at least one person to ask for their view.' });
  for (const person of input.people ?? []) {
    if (!person.loginName?.trim() && !person.email?.trim()) {
      problems.push({ field: 'people', message: `${person.displayName || 'Someone chosen'} has no account or e-mail address in the directory, so they cannot be asked. Choose them again or remove them.` });
    }
  }
  const unknown = (input.indexIds ?? []).filter((id) => frameworkIndexIds.indexOf(id) < 0);
  if (unknown.length > 0) {
    problems.push({
      field: 'indexIds',
      message: `${unknown.length === 1 ? 'This key area or enabler is' : 'These key areas or enablers are'} not in the year's framework: ${unknown.join(', ')}. Choose again.`,
    });
  }
  checkLength(problems, 'message', 'The message', input.message, LIMITS.inviteMessage);
  return problems;
}

/** A login as compared: lower case, and the address part of a claims name ("i:0#.f|membership|a@b" is "a@b"). */
function loginKey(login: string): string {
  const trimmed = login.trim().toLowerCase();
  const bar = trimmed.lastIndexOf('|');
  return bar >= 0 ? trimmed.slice(bar + 1) : trimmed;
}

/**
 * The indices a person was asked about in one year's invitations, in the framework's order
 * (`allIds`): an invitation that names none asks about all. Logins are compared without case, and a
 * claims login matches an invitation made to the same e-mail address.
 */
export function indicesAskedOf(invitations: readonly ViewInvitation[], login: string, allIds: readonly string[]): string[] {
  if (!login || !login.trim()) return [];
  const me = loginKey(login);
  const asked = new Set<string>();
  for (const invitation of invitations) {
    if (!invitation.inviteeLogin || loginKey(invitation.inviteeLogin) !== me) continue;
    if (invitation.indexIds.length === 0) return [...allIds];
    for (const id of invitation.indexIds) asked.add(id);
  }
  return allIds.filter((id) => asked.has(id));
}

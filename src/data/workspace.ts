import { SPFI } from '@pnp/sp';
import { ActionPlanItem } from '../domain/actions';
import { IndexAssessment } from '../domain/assessment';
import { AssessmentPeriod, periodNameForDate, periodNameForYear, periodStartYear, PeriodRecord } from '../domain/periods';
import { formatUkDateTime, toIsoDate } from '../domain/dates';
import { ChallengeResponse, ScrutinyChallenge } from '../domain/scrutiny';
import { DecisionRecord, Role, SubmissionRecord, withSignOff } from '../domain/signOff';
import { Framework } from '../framework/types';
import { DataError, toDataError } from './errors';
import { DeployedIndex, describeSkippedIndex, IndexRepository, IndexVersion, SkippedIndex } from './repositories/indexRepository';
import { FrameworkBasis, itemsNeedingVersions, readVersions, resolvePeriodFramework } from './periodFramework';
import { LISTS } from './schema';
import { ItemProblem } from './repositories/listRepository';
import { withResponses } from './repositories/challengeRepository';
import { DataServices } from './services';
import { GatheredView, ViewInvitation } from '../domain/views';
import { CurrentUser, ListAccess, onlyGivesViews, roleOf } from './siteService';

/** Everything one view shows, read in a single $batch round trip once the period is known. */
export interface Workspace {
  user: CurrentUser;
  role: Role | 'reader';
  access: { assessments: ListAccess; actions: ListAccess; challenges: ListAccess; periods: ListAccess; responses: ListAccess; signOffs: ListAccess; views: ListAccess };
  framework: Framework;
  /** True when the site's indices list is empty: set-up has not been run yet. */
  needsSetup: boolean;
  periods: AssessmentPeriod[];
  period?: AssessmentPeriod;
  assessments: IndexAssessment[];
  actions: ActionPlanItem[];
  challenges: ScrutinyChallenge[];
  /**
   * Colleagues' views on the period (issue 13): every view for officers and approvers, who moderate;
   * only their own for anyone else (SharePoint's item-level read security); none without access.
   */
  views: GatheredView[];
  /** Who was asked for views on the period. */
  invitations: ViewInvitation[];
  /** List items the view could not use, named so someone can fix them; the rest still shows. */
  problems: ItemProblem[];
  /** True when a signed-off year is shown with the framework recorded at its sign-off, not today's. */
  frameworkAsSignedOff: boolean;
  /**
   * Which framework the period is shown with (see periodFramework.ts): today's (a draft, with indices
   * retired since it assessed them kept and marked), as it stood when submitted, or its sign-off record.
   */
  frameworkBasis: FrameworkBasis;
  /** With 'asSubmitted': the moment the framework is shown as at. */
  frameworkAsAt?: string;
  /** Every year's assessments, when the view asked for them (the dashboard's trends). */
  allAssessments?: IndexAssessment[];
}

export interface WorkspaceOptions {
  /** Read every year's assessments too, in the same batch. */
  allAssessments?: boolean;
  /**
   * With no period named, which one to show (the dashboard's newest signed-off year, say); the newest
   * when this gives none. Chosen within the same batch when it is one of the years read on a guess.
   */
  pick?: (periods: readonly AssessmentPeriod[]) => string | undefined;
  /** Read the year's colleagues' views and invitations too (the assessment and the committee pack). */
  views?: boolean;
}

async function settle<T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> {
  return promise.then(
    (value) => ({ status: 'fulfilled', value }) as PromiseFulfilledResult<T>,
    (reason) => ({ status: 'rejected', reason }) as PromiseRejectedResult
  );
}

function valueOf<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw toDataError(result.reason);
  return result.value;
}

/** Runs `reads` against one batched client and returns their results once the batch has been sent. */
export async function inOneBatch<T extends unknown[]>(sp: SPFI, reads: (batched: SPFI) => { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  // One batch, not PnPjs's default of 20 requests a batch sent one after another (SharePoint takes up to 100).
  const [batched, execute] = sp.batched({ maxRequests: 100 });
  // Settle every read before sending, so one failing part cannot leave the others unhandled.
  const settled = reads(batched).map((p) => settle(p));
  try {
    await execute();
  } catch (e) {
    throw toDataError(e);
  }
  const results = await Promise.all(settled);
  return results.map((r) => valueOf(r)) as T;
}

/**
 * A list missing from the site (deleted, or a newer version of the app not yet added) leaves its part
 * of the view empty and is named, instead of blanking the whole view. SharePoint answers the same (404,
 * "List ... does not exist") for a list the person may not open, such as the lists a colleague asked
 * only for their views has no access to.
 */
export function tolerateMissingList<T>(read: Promise<T>, fallback: T, problems: ItemProblem[]): Promise<T> {
  return read.catch((e: unknown) => {
    const error = toDataError(e, undefined, 'read');
    if (error.kind !== 'notSetUp') throw error;
    if (!problems.some((p) => p.message === error.message)) problems.push({ list: '', itemId: 0, title: '', message: error.message });
    return fallback;
  });
}

/** This financial year and the one before: where the newest assessment almost always is. */
export function guessNewestPeriods(today: string): string[] {
  const current = periodNameForDate(today);
  // This year, last year and the year before: the newest year, and the newest signed-off one (usually
  // last year's, or the year before while last year's waits for sign-off), in the view's one batch.
  return [current, periodNameForYear(periodStartYear(current) - 1), periodNameForYear(periodStartYear(current) - 2)];
}

type PeriodData = [IndexAssessment[], ActionPlanItem[], ScrutinyChallenge[], ChallengeResponse[], GatheredView[], ViewInvitation[]];
const PERIOD_READS = 6;

/**
 * The views lists are read by officers and approvers and by the colleagues asked; councillors and
 * read-only colleagues have no access to them at all, which SharePoint answers as "no such list": for
 * them that part is simply empty, never a problem to report.
 */
function optionalList<T>(read: Promise<T[]>): Promise<T[]> {
  return read.catch((e: unknown) => {
    const error = toDataError(e, undefined, 'read');
    if (error.kind === 'notSetUp' || error.kind === 'noAccess') return [];
    throw error;
  });
}

/**
 * What the record of a signed-off year cannot include: an assessment changed after sign-off (by
 * someone SharePoint still let write it), or a challenge raised on a year that is not signed off.
 */
function checkAgainstSignOff(period: AssessmentPeriod | undefined, assessments: IndexAssessment[], challenges: ScrutinyChallenge[]): [IndexAssessment[], ScrutinyChallenge[]] {
  if (!period) return [assessments, challenges];
  const signedOffOn = period.status === 'Signed off' ? period.signedOffOn : undefined;
  const checked = assessments.map((a) =>
    signedOffOn && a.modified && a.modified > signedOffOn
      ? {
          ...a,
          problems: [
            ...(a.problems ?? []),
            `Changed by ${a.lastAssessedBy?.displayName ?? 'someone'} on ${formatUkDateTime(a.modified)}, after the year was signed off on ${formatUkDateTime(signedOffOn)}: this is not the signed-off record (see its version history).`,
          ],
        }
      : a
  );
  const challenged = challenges.map((c) => (period.status === 'Signed off' ? c : { ...c, problem: `Raised while ${period.name} was ${period.status.toLowerCase()}; challenges count only on a signed-off year.` }));
  return [checked, challenged];
}

export async function loadWorkspace(
  services: DataServices,
  builtInSource: Framework | Promise<Framework>,
  periodName?: string,
  today = toIsoDate(new Date()),
  options: WorkspaceOptions = {}
): Promise<Workspace> {
  const builtInPending = Promise.resolve(builtInSource);
  builtInPending.catch(() => undefined); // awaited below; never an unhandled rejection meanwhile
  const { site, indices, periods, submissions, signOffs, assessments, actions, challenges, views, viewInvitations } = services;
  const problems: ItemProblem[] = [];
  // Lists that answered "does not exist": named at the end, unless the person only gives views (below).
  const missingLists: ItemProblem[] = [];
  // Each period read names its own bad items, so a guess not shown adds nothing to the view.
  const periodProblems = new Map<string, ItemProblem[]>();
  const forPeriod = (via: SPFI, name: string): Array<Promise<unknown>> => {
    const sink: ItemProblem[] = [];
    periodProblems.set(name, sink);
    const missing = (read: Promise<unknown[]>): Promise<unknown[]> => tolerateMissingList(read, [], missingLists);
    return [
      missing(assessments.forPeriod(name, via, sink)),
      missing(actions.forPeriod(name, via, sink)),
      missing(challenges.forPeriod(name, via, sink)),
      missing(challenges.responses.forPeriod(name, via, sink)),
      options.views ? optionalList(views.forPeriod(name, via, sink)) : Promise.resolve([]),
      options.views ? optionalList(viewInvitations.forPeriod(name, via, sink)) : Promise.resolve([]),
    ];
  };

  // Without a period named, guess the year to show is one of the last three financial years and read
  // them in the same batch: one round trip in the usual case, a second only when the guess is wrong.
  const guesses = periodName ? [periodName] : guessNewestPeriods(today);
  const [user, deployed, records, submitted, decided, aAccess, acAccess, chAccess, pAccess, rAccess, sAccess, vAccess, everyAssessment, ...periodData] = await inOneBatch<
    [CurrentUser, DeployedIndex[], PeriodRecord[], SubmissionRecord[], DecisionRecord[], ListAccess, ListAccess, ListAccess, ListAccess, ListAccess, ListAccess, ListAccess, IndexAssessment[] | undefined, ...unknown[]]
  >(services.sp, (b) => {
    const none: ListAccess = { canAdd: false, canEdit: false };
    const list = <T,>(read: Promise<T>, fallback: T): Promise<T> => tolerateMissingList(read, fallback, missingLists);
    return [
    site.currentUser(b),
    // Without the framework list the app is not on this site at all: that is said as a whole, not per list.
    indices.all(b),
    list(periods.all(b, problems), []),
    list(submissions.all(b, problems), []),
    list(signOffs.all(b, problems), []),
    list(site.access('assessments', b), none),
    list(site.access('actions', b), none),
    list(site.access('challenges', b), none),
    list(site.access('periods', b), none),
    list(site.access('responses', b), none),
    list(site.access('signoffs', b), none),
    options.views ? site.access('views', b).catch(() => none) : Promise.resolve(none),
    options.allAssessments ? list(assessments.all(b), []) : Promise.resolve(undefined),
    ...guesses.flatMap((name) => forPeriod(b, name)),
    ] as never;
  });

  const builtIn = await builtInPending;
  const needsSetup = deployed.length === 0;
  const allPeriods = records.map((r) => withSignOff(r, submitted, decided));
  const picked = !periodName && options.pick ? options.pick(allPeriods) : undefined;
  const period = periodName ? allPeriods.find((p) => p.name === periodName) : (allPeriods.find((p) => p.name === picked) ?? allPeriods[0]);
  if (periodName && !period) {
    throw new DataError('notFound', `There is no ${periodName} assessment on this site. Choose another period.`);
  }

  // The period's data, if the guess missed it, and the version history of any index changed since a
  // submitted year was submitted (none in the usual case), together in at most one more batch.
  let data: PeriodData | undefined;
  const guessed = period ? guesses.indexOf(period.name) : -1;
  if (guessed >= 0) data = periodData.slice(guessed * PERIOD_READS, (guessed + 1) * PERIOD_READS) as PeriodData;
  const needVersions = needsSetup ? [] : itemsNeedingVersions(deployed, period);
  const versions = new Map<number, IndexVersion[]>();
  if ((period && !data) || needVersions.length) {
    const readData = period && !data ? period.name : undefined;
    const [more, ...histories] = await inOneBatch<[PeriodData | undefined, ...Array<[number, IndexVersion[] | undefined]>]>(
      services.sp,
      (b) => [readData ? Promise.all(forPeriod(b, readData)) : Promise.resolve(undefined), ...readVersions(indices, needVersions, b)] as never
    );
    if (readData) data = more as PeriodData;
    for (const [id, v] of histories) if (v) versions.set(id, v);
  }

  // A signed-off year is the council's record, a submitted one is what was submitted: each is shown
  // with the framework it was assessed against, whatever has been reworded, retired or added since.
  const assessedIds = new Set((data?.[0] ?? []).map((a) => a.indexId));
  const resolved = needsSetup
    ? { framework: builtIn, skipped: [] as SkippedIndex[], basis: 'today' as FrameworkBasis, asAt: undefined, notes: [] as string[] }
    : resolvePeriodFramework({ period, deployed, versions, assessedIds, builtIn });
  // Items a site owner needs to fix are named whatever year is shown.
  const skipped = resolved.basis === 'today' || needsSetup ? resolved.skipped : IndexRepository.toFramework(deployed, builtIn).skipped;
  for (const item of skipped) {
    problems.push({ list: LISTS.indices.title, itemId: item.itemId, title: item.title, message: describeSkippedIndex(item) });
  }
  for (const note of resolved.notes) problems.push({ list: LISTS.indices.title, itemId: 0, title: period?.name ?? '', message: note });
  const shownFramework = resolved.framework;
  const frameworkAsSignedOff = resolved.basis === 'signOffRecord';
  if (period && data) {
    // An assessment whose index is in neither the period's framework nor the list (deleted, not retired) is named, never silently dropped.
    const known = new Set([...shownFramework.indices.map((i) => i.id), ...skipped.map((i) => i.indexId)]);
    for (const a of data[0]) {
      if (known.has(a.indexId)) continue;
      problems.push({
        list: LISTS.assessments.title,
        itemId: a.id ?? 0,
        title: a.indexId,
        message: `${LISTS.assessments.title} item ${a.id ?? ''} assesses the index ${a.indexId}, which is not in the framework ${period.name} is shown with (it may have been deleted from ${LISTS.indices.title} rather than retired), so it is not shown.`,
      });
    }
  }

  if (period) problems.push(...(periodProblems.get(period.name) ?? []));
  const [checkedAssessments, checkedChallenges] = checkAgainstSignOff(period, data?.[0] ?? [], withResponses(data?.[2] ?? [], data?.[3] ?? []));
  const role = roleOf(user, { signOffs: sAccess, assessments: aAccess, challenges: chAccess });
  // A colleague asked only for their views cannot open the assessments, actions or challenges, by design
  // (SharePoint says those lists do not exist for them): that is not a fault to report to them.
  if (!onlyGivesViews(user, role)) problems.unshift(...missingLists);
  return {
    user,
    role,
    access: { assessments: aAccess, actions: acAccess, challenges: chAccess, periods: pAccess, responses: rAccess, signOffs: sAccess, views: vAccess },
    framework: shownFramework,
    frameworkAsSignedOff,
    frameworkBasis: resolved.basis,
    frameworkAsAt: resolved.asAt,
    allAssessments: everyAssessment,
    needsSetup,
    periods: allPeriods,
    period,
    assessments: checkedAssessments,
    actions: data?.[1] ?? [],
    challenges: checkedChallenges,
    views: data?.[4] ?? [],
    invitations: data?.[5] ?? [],
    problems,
  };
}

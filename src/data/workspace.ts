import { SPFI } from '@pnp/sp';
import { ActionPlanItem } from '../domain/actions';
import { IndexAssessment } from '../domain/assessment';
import { AssessmentPeriod, periodNameForDate, periodNameForYear, periodStartYear } from '../domain/periods';
import { toIsoDate } from '../domain/dates';
import { Role } from '../domain/signOff';
import { ScrutinyChallenge } from '../domain/scrutiny';
import { Framework } from '../framework/types';
import { DataError, toDataError } from './errors';
import { IndexRepository } from './repositories/indexRepository';
import { DataServices } from './services';
import { CurrentUser, ListAccess, roleOf } from './siteService';

/** Everything one view shows, read in a single $batch round trip once the period is known. */
export interface Workspace {
  user: CurrentUser;
  role: Role | 'reader';
  access: { assessments: ListAccess; actions: ListAccess; challenges: ListAccess; periods: ListAccess };
  framework: Framework;
  /** True when the site's indices list is empty: set-up has not been run yet. */
  needsSetup: boolean;
  periods: AssessmentPeriod[];
  period?: AssessmentPeriod;
  assessments: IndexAssessment[];
  actions: ActionPlanItem[];
  challenges: ScrutinyChallenge[];
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
async function inOneBatch<T extends unknown[]>(sp: SPFI, reads: (batched: SPFI) => { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const [batched, execute] = sp.batched();
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

/** This financial year and the one before: where the newest assessment almost always is. */
export function guessNewestPeriods(today: string): string[] {
  const current = periodNameForDate(today);
  return [current, periodNameForYear(periodStartYear(current) - 1)];
}

export async function loadWorkspace(services: DataServices, builtIn: Framework, periodName?: string, today = toIsoDate(new Date())): Promise<Workspace> {
  const { site, indices, periods, assessments, actions, challenges } = services;
  const forPeriod = (via: SPFI, name: string): [Promise<IndexAssessment[]>, Promise<ActionPlanItem[]>, Promise<ScrutinyChallenge[]>] => [
    assessments.forPeriod(name, via),
    actions.forPeriod(name, via),
    challenges.forPeriod(name, via),
  ];

  // Without a period named, guess the newest is this financial year's or last year's and read both in
  // the same batch: one round trip in the usual case, a second only when the guess is wrong.
  const guesses = periodName ? [periodName] : guessNewestPeriods(today);
  const [user, deployed, allPeriods, aAccess, acAccess, chAccess, pAccess, ...periodData] = await inOneBatch<
    [CurrentUser, Awaited<ReturnType<IndexRepository['all']>>, AssessmentPeriod[], ListAccess, ListAccess, ListAccess, ListAccess, ...unknown[]]
  >(services.sp, (b) => [
    site.currentUser(b),
    indices.all(b),
    periods.all(b),
    site.access('assessments', b),
    site.access('actions', b),
    site.access('challenges', b),
    site.access('periods', b),
    ...guesses.flatMap((name) => forPeriod(b, name)),
  ] as never);

  const needsSetup = deployed.length === 0;
  const framework = needsSetup ? builtIn : IndexRepository.toFramework(deployed, builtIn);
  const period = periodName ? allPeriods.find((p) => p.name === periodName) : allPeriods[0];
  if (periodName && !period) {
    throw new DataError('notFound', `There is no ${periodName} assessment on this site. Choose another period.`);
  }

  let periodAssessments: IndexAssessment[] | undefined;
  let periodActions: ActionPlanItem[] | undefined;
  let periodChallenges: ScrutinyChallenge[] | undefined;
  const guessed = period ? guesses.indexOf(period.name) : -1;
  if (guessed >= 0) {
    [periodAssessments, periodActions, periodChallenges] = periodData.slice(guessed * 3, guessed * 3 + 3) as [IndexAssessment[], ActionPlanItem[], ScrutinyChallenge[]];
  } else if (period) {
    [periodAssessments, periodActions, periodChallenges] = await inOneBatch<[IndexAssessment[], ActionPlanItem[], ScrutinyChallenge[]]>(services.sp, (b) =>
      forPeriod(b, period.name)
    );
  }
  return {
    user,
    role: roleOf(user),
    access: { assessments: aAccess, actions: acAccess, challenges: chAccess, periods: pAccess },
    framework,
    needsSetup,
    periods: allPeriods,
    period,
    assessments: periodAssessments ?? [],
    actions: periodActions ?? [],
    challenges: periodChallenges ?? [],
  };
}

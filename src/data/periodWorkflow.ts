import { isOpen } from '../domain/actions';
import { carryForwardAssessment, IndexAssessment, missingForSubmission } from '../domain/assessment';
import { AssessmentPeriod, nextPeriodName } from '../domain/periods';
import { applySignOff, DECISION_OF, Role, SignOffAction, withSignOff } from '../domain/signOff';
import { Framework } from '../framework/types';
import type { NotifyLinks } from '../ui/links';
import { DataError, ValidationError } from './errors';
import { notifySignOff } from './notifications';
import { lockAssessments, unlockAssessments } from './recordLock';
import { DataServices } from './services';
import { readPeriodFramework } from './periodFramework';
import { GROUPS } from './siteService';
import { closeGathering } from './viewGathering';

/** The period as it stands now, read afresh: a decision is always taken on the latest state. */
export async function currentPeriod(services: DataServices, name: string): Promise<AssessmentPeriod> {
  const [record, submissions, decisions] = await Promise.all([services.periods.byName(name), services.submissions.all(), services.signOffs.all()]);
  if (!record) throw new DataError('notFound', `There is no ${name} assessment on this site.`);
  return withSignOff(record, submissions, decisions);
}

export interface CarryForwardReport {
  period: AssessmentPeriod;
  assessmentsCarried: number;
  actionsCarried: number;
}

/**
 * Starts next year's assessment from a signed-off one: levels, targets and rationale carried forward
 * for officers to review, open actions moved across, fresh evidence asked for. Safe to run again if it
 * stopped part-way: what was already carried is left as it is and the rest follows.
 */
export async function startNextPeriod(services: DataServices, from: AssessmentPeriod, framework: Framework): Promise<CarryForwardReport> {
  if (from.status !== 'Signed off') {
    throw new DataError('refused', `Only a signed-off assessment can be carried forward; ${from.name} is ${from.status.toLowerCase()}.`);
  }
  const name = nextPeriodName(from.name);
  // A new year starts from today's framework as the site holds it, not the signed-off year's record:
  // retired indices leave it and local ones join it.
  const today = await todaysFramework(services, framework);
  const { period: record } = await services.periods.ensure(name, { id: today.id, version: today.version });
  const [previous, actions, already, alreadyActions] = await Promise.all([
    services.assessments.forPeriod(from.name),
    services.actions.forPeriod(from.name),
    services.assessments.forPeriod(name),
    services.actions.forPeriod(name),
  ]);
  const live = new Set(today.indices.map((i) => i.id));
  const carried = new Set(already.map((a) => a.indexId));
  let assessmentsCarried = 0;
  for (const a of previous.filter((p) => live.has(p.indexId) && !carried.has(p.indexId))) {
    try {
      await services.assessments.save(carryForwardAssessment(a, name));
      assessmentsCarried += 1;
    } catch (e) {
      // A colleague carried it (or started it) at the same moment: theirs stands.
      if (!(e instanceof DataError && e.kind === 'conflict')) throw e;
    }
  }
  const carriedActions = new Set(alreadyActions.map((a) => a.carriedFromId).filter((id) => id !== undefined));
  let actionsCarried = 0;
  for (const action of actions.filter((a) => isOpen(a) && !carriedActions.has(a.id))) {
    await services.actions.save({ ...action, id: undefined, etag: undefined, periodName: name, carriedFromId: action.id });
    actionsCarried += 1;
  }
  return { period: await currentPeriod(services, record.name), assessmentsCarried, actionsCarried };
}

export interface SignOffOutcome {
  period: AssessmentPeriod;
  /** Set when the step was saved but something after it (the email, locking) did not complete. */
  warning?: string;
}

export interface SignOffActor {
  role: Role;
  userId: number;
  displayName: string;
}

/**
 * This module loads when a sign-off step or carry-forward is first taken (see workflowOnDemand.ts), not
 * with the page: most visits only read.
 */

/**
 * One sign-off step as the views take it. The step is checked against the period as it stands now
 * (not as the page last saw it), recorded in the list SharePoint lets this person add to, then a
 * sign-off locks the year's assessments and a reopening unlocks them, and the people who act next
 * are emailed a link. A failure after the record is saved is reported as a warning, never undone.
 */
export async function takeSignOffStep(
  services: DataServices,
  context: { period: AssessmentPeriod; framework: Framework; assessments: IndexAssessment[] },
  step: { action: SignOffAction; comment?: string },
  actor: SignOffActor,
  links?: NotifyLinks
): Promise<SignOffOutcome> {
  const comment = step.comment ?? '';
  const now = await currentPeriod(services, context.period.name);
  const assessments = step.action === 'submit' || step.action === 'signOff' || step.action === 'reopen' ? await services.assessments.forPeriod(now.name) : context.assessments;
  if (step.action === 'submit') {
    const blockers = [
      ...missingForSubmission(context.framework.indices, assessments),
      ...assessments.filter((a) => a.problems?.length).map((a) => `${context.framework.indices.find((i) => i.id === a.indexId)?.title ?? a.indexId}: ${a.problems!.join(' ')}`),
    ];
    if (blockers.length) throw new ValidationError(blockers.map((message) => ({ field: 'period', message })));
  }
  const result = applySignOff(now.status, step.action, actor, comment, now.submittedBy?.id);
  if (!result.ok) throw new DataError('refused', result.message);

  if (step.action === 'submit') await services.submissions.add(now.name, comment);
  // A sign-off keeps the framework the year was assessed against, so rewording it later never rewrites the record.
  else await services.signOffs.add(now.name, DECISION_OF[step.action], comment, step.action === 'signOff' ? await signOffSnapshot(services, now, assessments) : undefined);

  const warnings: string[] = [];
  // Submitted: colleagues asked for views only about years no longer open leave the contributors group,
  // so SharePoint stops taking their views (any given later count as late).
  if (step.action === 'submit') {
    try {
      warnings.push(...(await closeGathering(services, now.name)));
    } catch (e) {
      warnings.push(`Submitted, but colleagues asked for views could not be taken out of ${GROUPS.contributors} (${(e as Error).message}) Views they give from now on count as late.`);
    }
  }
  try {
    if (step.action === 'signOff') await lockAssessments(services.sp, assessments);
    if (step.action === 'reopen') await unlockAssessments(services.sp, assessments);
  } catch (e) {
    warnings.push(
      step.action === 'signOff'
        ? `Signed off, but not every assessment could be made read-only yet (${(e as Error).message}) Choose "Finish sign-off" to complete it.`
        : `Reopened, but not every assessment could be made editable again (${(e as Error).message}) Choose "Reopen" again to complete it.`
    );
  }
  const period = await currentPeriod(services, now.name);
  const mail = await notifySignOff(services, period, step.action, actor.displayName, links);
  if (mail) warnings.push(mail);
  return { period, warning: warnings.length ? warnings.join(' ') : undefined };
}

/** Completes a sign-off whose locking stopped part-way (the record is already in the Sign-off log). */
export async function finishSignOff(services: DataServices, periodName: string): Promise<AssessmentPeriod> {
  const period = await currentPeriod(services, periodName);
  if (period.status !== 'Signed off') throw new DataError('refused', `${periodName} is not signed off, so there is nothing to finish.`);
  await lockAssessments(services.sp, await services.assessments.forPeriod(periodName));
  return period;
}

/** The framework as JSON, for the record of a sign-off. */
export function frameworkSnapshot(framework: Framework): string {
  return JSON.stringify(framework);
}

async function builtInFramework(): Promise<Framework> {
  return (await import(/* webpackChunkName: 'framework' */ '../framework/builtIn')).npsFramework2018();
}

/**
 * What a sign-off records: the year's framework read afresh from the site as it stood when the year
 * was submitted (see periodFramework.ts), with any index retired since that the year assessed, never
 * the page's copy, which may be stale or today's.
 */
async function signOffSnapshot(services: DataServices, submitted: AssessmentPeriod, assessments: IndexAssessment[]): Promise<string> {
  const { framework } = await readPeriodFramework(services.indices, submitted, new Set(assessments.map((a) => a.indexId)), await builtInFramework());
  return frameworkSnapshot(framework);
}

/** Today's framework as the site holds it (retired indices left out); `fallback` when set-up has not run. */
async function todaysFramework(services: DataServices, fallback: Framework): Promise<Framework> {
  const builtIn = await builtInFramework();
  const { framework } = await readPeriodFramework(services.indices, undefined, new Set(), builtIn);
  return framework === builtIn ? fallback : framework;
}

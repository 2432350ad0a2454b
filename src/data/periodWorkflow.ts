import { isOpen } from '../domain/actions';
import { carryForwardAssessment, IndexAssessment, missingForSubmission } from '../domain/assessment';
import { Role, SignOffAction } from '../domain/signOff';
import { LinkTarget } from '../host';
import { notifySignOff } from './notifications';
import { AssessmentPeriod, nextPeriodName } from '../domain/periods';
import { Framework, MaturityIndex } from '../framework/types';
import { DataError } from './errors';
import { DataServices } from './services';

export interface CarryForwardReport {
  period: AssessmentPeriod;
  assessmentsCarried: number;
  actionsCarried: number;
}

/**
 * Starts next year's assessment from a signed-off one: levels, targets and rationale carried forward
 * for officers to review, open actions moved across, fresh evidence asked for.
 */
export async function startNextPeriod(services: DataServices, from: AssessmentPeriod, framework: Framework, userId: number): Promise<CarryForwardReport> {
  if (from.status !== 'Signed off') {
    throw new DataError('refused', `Only a signed-off assessment can be carried forward; ${from.name} is ${from.status.toLowerCase()}.`);
  }
  const name = nextPeriodName(from.name);
  const [assessments, actions] = await Promise.all([services.assessments.forPeriod(from.name), services.actions.forPeriod(from.name)]);
  const period = await services.periods.create(name, { id: framework.id, version: framework.version });
  const live = new Set(framework.indices.map((i) => i.id));
  let assessmentsCarried = 0;
  for (const previous of assessments.filter((a) => live.has(a.indexId))) {
    await services.assessments.save(carryForwardAssessment(previous, name), userId);
    assessmentsCarried += 1;
  }
  let actionsCarried = 0;
  for (const action of actions.filter(isOpen)) {
    await services.actions.save({ ...action, id: undefined, etag: undefined, periodName: name });
    actionsCarried += 1;
  }
  return { period, assessmentsCarried, actionsCarried };
}

export interface SignOffOutcome {
  period: AssessmentPeriod;
  /** Set when the step was saved but its notification email could not be sent. */
  warning?: string;
}

/**
 * One sign-off step as the views take it: refused with the list of what is missing when submitting an
 * incomplete assessment, then saved, then the people who act next are emailed a link.
 */
export async function takeSignOffStep(
  services: DataServices,
  context: { period: AssessmentPeriod; indices: MaturityIndex[]; assessments: IndexAssessment[] },
  step: { action: SignOffAction; comment?: string },
  actor: { role: Role; userId: number; displayName: string },
  link?: (target: LinkTarget) => string
): Promise<SignOffOutcome> {
  const period = await services.periods.transition(context.period, step.action, actor, {
    comment: step.comment,
    blockers: missingForSubmission(context.indices, context.assessments),
  });
  const warning = await notifySignOff(services.sp, period, step.action, actor.displayName, link);
  return { period, warning };
}

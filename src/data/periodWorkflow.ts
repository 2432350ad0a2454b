import { isOpen } from '../domain/actions';
import { carryForwardAssessment } from '../domain/assessment';
import { AssessmentPeriod, nextPeriodName } from '../domain/periods';
import { Framework } from '../framework/types';
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

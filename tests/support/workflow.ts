import { DataServices } from '../../src/data/services';
import { currentPeriod, SignOffOutcome, takeSignOffStep } from '../../src/data/periodWorkflow';
import { emptyAssessment } from '../../src/domain/assessment';
import { AssessmentPeriod } from '../../src/domain/periods';
import { Role, SignOffAction } from '../../src/domain/signOff';
import { npsFramework2018 } from '../../src/framework';
import { LevelId } from '../../src/framework/types';
import { NotifyLinks } from '../../src/ui/links';

/** Test data for the sign-off workflow, made through the product's own code as the people concerned. */
const framework = npsFramework2018();

export type LevelsFor = (i: number) => { current?: LevelId; target?: LevelId };

/** A year with every index assessed by `officer`, at the levels `levels` gives each (by position). */
export async function assessedYear(officer: DataServices, name: string, levels: LevelsFor = () => ({ current: 'developing', target: 'mature' })): Promise<AssessmentPeriod> {
  await officer.periods.create(name, framework);
  for (const [i, index] of framework.indices.entries()) {
    const { current, target } = levels(i);
    await officer.assessments.save({ ...emptyAssessment(name, index.id), currentLevel: current, targetLevel: target, evidence: `Evidence for ${index.title}` });
  }
  return currentPeriod(officer, name);
}

/** One sign-off step taken by the person `services` acts as, in the given role. */
export async function signOffStep(services: DataServices, role: Role, period: AssessmentPeriod, action: SignOffAction, comment?: string, links?: NotifyLinks): Promise<SignOffOutcome> {
  const me = await services.site.currentUser();
  const assessments = await services.assessments.forPeriod(period.name);
  return takeSignOffStep(services, { period, framework, assessments }, { action, comment }, { role, userId: me.id, displayName: me.displayName }, links);
}

import { SPFI } from '@pnp/sp';
import { ActionPlanRepository } from './repositories/actionPlanRepository';
import { AssessmentRepository } from './repositories/assessmentRepository';
import { ChallengeRepository } from './repositories/challengeRepository';
import { IndexRepository } from './repositories/indexRepository';
import { PeriodRepository } from './repositories/periodRepository';
import { SiteService } from './siteService';

/** Everything a view needs to read and write, built once per web part from one SharePoint client. */
export interface DataServices {
  sp: SPFI;
  site: SiteService;
  indices: IndexRepository;
  periods: PeriodRepository;
  assessments: AssessmentRepository;
  actions: ActionPlanRepository;
  challenges: ChallengeRepository;
}

export function createDataServices(sp: SPFI): DataServices {
  return {
    sp,
    site: new SiteService(sp),
    indices: new IndexRepository(sp),
    periods: new PeriodRepository(sp),
    assessments: new AssessmentRepository(sp),
    actions: new ActionPlanRepository(sp),
    challenges: new ChallengeRepository(sp),
  };
}

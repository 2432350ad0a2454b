import { SPFI } from '@pnp/sp';
import { ActionPlanRepository } from './repositories/actionPlanRepository';
import { AssessmentRepository } from './repositories/assessmentRepository';
import { ChallengeRepository } from './repositories/challengeRepository';
import { IndexRepository } from './repositories/indexRepository';
import { PeriodRepository } from './repositories/periodRepository';
import { SignOffLogRepository, SubmissionRepository } from './repositories/signOffRepositories';
import { ViewInvitationRepository, ViewRepository } from './repositories/viewRepository';
import { SiteService } from './siteService';
import { MailSender } from './mail';
import type { SetupReport } from './siteSetup';
import { Framework } from '../framework/types';

/** Everything a view needs to read and write, built once per web part from one SharePoint client. */
export interface DataServices {
  sp: SPFI;
  /** Mail as the signed-in person (Microsoft Graph sendMail). */
  mail: MailSender;
  /** Site set-up, for site owners. */
  setup: { run(framework: Framework): Promise<SetupReport> };
  site: SiteService;
  indices: IndexRepository;
  periods: PeriodRepository;
  submissions: SubmissionRepository;
  signOffs: SignOffLogRepository;
  assessments: AssessmentRepository;
  actions: ActionPlanRepository;
  challenges: ChallengeRepository;
  /** Colleagues' views of each index (Maturity views) and who was asked for them (View invitations). */
  views: ViewRepository;
  viewInvitations: ViewInvitationRepository;
}

export function createDataServices(sp: SPFI, mail: MailSender): DataServices {
  return {
    sp,
    mail,
    // Set-up is for site owners, once in a while: it loads when run, not with the page.
    setup: { run: async (framework) => (await import(/* webpackChunkName: 'site-setup' */ './siteSetup')).runSiteSetup(sp, framework) },
    site: new SiteService(sp),
    indices: new IndexRepository(sp),
    periods: new PeriodRepository(sp),
    submissions: new SubmissionRepository(sp),
    signOffs: new SignOffLogRepository(sp),
    assessments: new AssessmentRepository(sp),
    actions: new ActionPlanRepository(sp),
    challenges: new ChallengeRepository(sp),
    views: new ViewRepository(sp),
    viewInvitations: new ViewInvitationRepository(sp),
  };
}

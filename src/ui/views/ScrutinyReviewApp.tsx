import * as React from 'react';
import { Button, Notice } from '../components/Controls';
import type { AssessmentPeriod } from '../../domain/periods';
import { SafeLink } from '../components/SafeLink';
import { linkFor, notificationLinks } from '../links';
import { DescriptorText } from '../components/LevelDescriptors';
import { ItemProblems } from '../components/ItemProblems';
import { HostContext } from '../../host';
import { enablers, keyAreasOfTheme } from '../../framework/queries';
import { IndexAssessment, levelTitle } from '../../domain/assessment';
import { describeGap } from '../../domain/levels';
import { formatUkDate, formatUkDateTime } from '../../domain/dates';
import { DataServices } from '../../data/services';
import { ViewShell } from '../components/ViewShell';
import { Workspace } from '../../data/workspace';
import { Problem } from '../components/Problem';
import { Loading } from '../components/Loading';
import { PeriodPicker } from '../components/PeriodPicker';
import { ChallengeLog } from '../scrutiny/ChallengeLog';
import { ChallengeOverview } from '../scrutiny/ChallengeOverview';
import { ShareForScrutiny } from '../scrutiny/ShareForScrutiny';
import { CommitteePackButton } from '../scrutiny/CommitteePackButton';
import { useWorkspace } from '../hooks/useWorkspace';
import type { FrameworkSource } from '../../framework/builtIn';
import { DeepLinkTarget } from '../deepLinks';
import { MaturityIndex } from '../../framework/types';

export interface ScrutinyReviewAppProps {
  host: HostContext;
  /** The built-in framework, or how to load it. */
  framework: FrameworkSource;
  services: DataServices;
  title: string;
  target?: DeepLinkTarget;
  /** The council's name for the committee pack's cover, when the page has it. */
  councilName?: string;
}

/**
 * The page the review is on, when it runs on a SharePoint page: what sharing links to when no scrutiny
 * page is configured (a fact about where the web part is, not a guess).
 */
function currentPage(host: HostContext): string | undefined {
  if (host.kind !== 'SharePoint' || typeof window === 'undefined') return undefined;
  return window.location.href.split(/[?#]/)[0];
}

/**
 * For overview and scrutiny councillors: a signed-off assessment read as the committee would, with
 * the evidence behind each level and a challenge log that officers answer.
 */
// Councillors review the latest signed-off year: chosen within the view's one batch.
// Views too, for the committee pack's summary of them (officers and approvers make it; councillors read none).
const REVIEW = { views: true, pick: (periods: readonly AssessmentPeriod[]) => periods.find((p) => p.status === 'Signed off')?.name };

export function ScrutinyReviewApp(props: ScrutinyReviewAppProps): JSX.Element {
  const { host, services, title } = props;
  const [periodName, setPeriodName] = React.useState<string | undefined>(props.target?.periodName);
  const [state, reload] = useWorkspace(services, props.framework, periodName, REVIEW);
  const [warning, setWarning] = React.useState<string | undefined>();

  const body = (w: Workspace): JSX.Element => {
    const signedOff = w.periods.filter((p) => p.status === 'Signed off');
    // Councillors review what senior managers signed off: the workspace opens on the latest signed-off year
    // (REVIEW.pick); until a reload has brought it, another year is not shown.
    if (!periodName && w.period && w.period.status !== 'Signed off' && signedOff.length > 0 && state.status === 'loading') return <Loading label="Loading the assessment for review…" />;
    // Moving to another year (the latest signed-off one on opening, "Review …", the picker): until it
    // has loaded, the year on screen is the one being left, so say it is loading rather than show it
    // (a draft would flash "not signed off yet"). A failed load keeps the last year with the error.
    if (periodName && w.period && w.period.name !== periodName && state.status !== 'failed') return <Loading label="Loading the assessment for review…" />;
    const { framework, period } = w;
    if (period && period.status !== 'Signed off') {
      // A link to a year still in progress: say so, and offer the year councillors can review.
      const latest = signedOff[0];
      return (
        <>
          <Notice kind="warning">
            The {period.name} assessment is not signed off yet (it is {period.status.toLowerCase()}), so it is not open for scrutiny review.
            {latest ? ` The latest signed-off assessment is ${latest.name}.` : ' No assessment has been signed off yet.'}
          </Notice>
          {latest && (
            <Button primary onClick={() => setPeriodName(latest.name)}>
              {`Review ${latest.name}`}
            </Button>
          )}
        </>
      );
    }
    if (!period || signedOff.length === 0) return <p>No assessment has been signed off yet. When one is, it will appear here for review.</p>;
    const byIndex = new Map(w.assessments.map((a) => [a.indexId, a] as [string, IndexAssessment]));
    const canRaise = w.access.challenges.canAdd && (w.role === 'scrutiny' || w.role === 'owner');
    const canRespond = w.access.responses.canAdd && (w.role === 'officer' || w.role === 'approver' || w.role === 'owner');
    // Councillors read the review on SharePoint and do not use Teams: link to the assessment page, if there is one.
    const openInAssessment = (indexId: string): string | undefined => linkFor(host.links, 'councillors', 'assessment', { periodName: period.name, indexId });
    const me = w.user.id;
    // Mail code loads when the first message is sent, not with the page.
    const mail = (): Promise<typeof import('../../data/notifications')> => import(/* webpackChunkName: 'notifications' */ '../../data/notifications');
    const section = (index: MaturityIndex): JSX.Element => {
      const a = byIndex.get(index.id);
      return (
        <section key={index.id} aria-labelledby={`nps-review-${index.id}`} className="nps-review-index">
          <h4 id={`nps-review-${index.id}`}>{index.title}</h4>
          {openInAssessment(index.id) && (
            <p>
              <a href={openInAssessment(index.id)}>Open {index.title} in the assessment</a>
            </p>
          )}
          <dl className="nps-facts">
            <div>
              <dt>Current level</dt>
              <dd>{levelTitle(a?.currentLevel)}</dd>
            </div>
            <div>
              <dt>Target</dt>
              <dd>
                {levelTitle(a?.targetLevel)}
                {a?.targetDate ? ` by ${formatUkDate(a.targetDate)}` : ''}
              </dd>
            </div>
            <div>
              <dt>Gap</dt>
              <dd>{describeGap(a?.currentLevel, a?.targetLevel)}</dd>
            </div>
          </dl>
          {a?.problems?.length ? (
            <Notice kind="severe">{a.problems.join(' ')}</Notice>
          ) : null}
          {a?.currentLevel && (
            <DescriptorText lead={<strong>What {levelTitle(a.currentLevel)} means here:</strong>} text={index.descriptors[a.currentLevel]} />
          )}
          {a?.rationale && <p className="nps-pre"><strong>Rationale:</strong> {a.rationale}</p>}
          {a?.evidence && <p className="nps-pre"><strong>Evidence:</strong> {a.evidence}</p>}
          {a && a.evidenceLinks.length > 0 && (
            <ul>
              {a.evidenceLinks.map((l) => (
                <li key={l.url}>
                  <SafeLink url={l.url}>{l.description || l.url}</SafeLink>
                </li>
              ))}
            </ul>
          )}
          <h5>Challenges</h5>
          <ChallengeLog
            subject={index.title}
            challenges={w.challenges.filter((c) => c.indexId === index.id)}
            canRaise={canRaise}
            canRespond={canRespond}
            currentUserId={me}
            onChangeState={async (challenge, state) => {
              const changed = await services.challenges.changeState(challenge, state, me);
              reload();
              if (state === 'Reopened') setWarning(await (await mail()).notifyReopened(services, changed, index.title, notificationLinks(host.links)));
            }}
            onLoadAnswerHistory={(challenge) => services.challenges.responses.history(challenge.responseId!)}
            onRaise={async (text) => {
              const raised = await services.challenges.raise({ periodName: period.name, indexId: index.id, text, response: '', status: 'Open' }, period.status);
              reload();
              // The mail code loads when the first challenge is raised, not with the page.
              const { notifyChallenge } = await import(/* webpackChunkName: 'notifications' */ '../../data/notifications');
              setWarning(await notifyChallenge(services, raised, index.title, notificationLinks(host.links)));
            }}
            onRespond={async (challenge, response) => {
              const answered = await services.challenges.respond(challenge, response);
              reload();
              // The councillor hears that their challenge was answered, with a link to the review page.
              setWarning(await (await mail()).notifyResponse(services, answered, index.title, (t) => linkFor(host.links, 'councillors', 'scrutiny', t)));
            }}
          />
        </section>
      );
    };
    return (
      <>
        {warning && <Problem error={new Error(warning)} onDismiss={() => setWarning(undefined)} />}
        <ItemProblems problems={w.problems} />
        <PeriodPicker label="Signed-off assessment" periods={signedOff} selected={period.name} onChange={setPeriodName} showStatus={false} />
        <Notice kind="info">
          The {period.name} assessment was signed off by {period.signedOffBy?.displayName ?? 'a senior manager'} on {formatUkDateTime(period.signedOffOn)}.{' '}
          {w.frameworkAsSignedOff ? 'It is shown with the key areas, enablers and descriptors as they were when it was signed off. ' : ''}
          {canRaise ? 'You can raise a challenge on any key area or enabler; officers will answer here.' : ''}
        </Notice>
        <div className="nps-actions">
          <ShareForScrutiny host={host} services={services} role={w.role} periodName={period.name} pageUrl={host.links?.pages.scrutiny ?? currentPage(host)} />
          <CommitteePackButton host={host} services={services} workspace={w} councilName={props.councilName} />
        </div>
        <ChallengeOverview framework={framework} challenges={w.challenges} periodName={period.name} currentUserId={me} />
        {framework.themes.map((theme) => (
          <section key={theme.id} aria-labelledby={`nps-review-theme-${theme.id}`}>
            <h3 id={`nps-review-theme-${theme.id}`}>Theme: {theme.title}</h3>
            {keyAreasOfTheme(framework, theme.id).map(section)}
          </section>
        ))}
        <section aria-labelledby="nps-review-enablers">
          <h3 id="nps-review-enablers">Enablers</h3>
          {enablers(framework).map(section)}
        </section>
      </>
    );
  };

  return (
    <ViewShell host={host} title={title} id="scrutiny" state={state} reload={reload} loadingLabel="Loading the assessment for review…">
      {body}
    </ViewShell>
  );
}

import * as React from 'react';
import { HostContext } from '../../host';
import { actionRag, isOverdue, Rag } from '../../domain/actions';
import { assessmentGap, missingForSubmission } from '../../domain/assessment';
import { formatUkDate, toIsoDate } from '../../domain/dates';
import { DataServices } from '../../data/services';
import { DataError, toDataError } from '../../data/errors';
import { ViewShell } from '../components/ViewShell';
import { Workspace } from '../../data/workspace';
import { Problem } from '../components/Problem';
import { PeriodPicker } from '../components/PeriodPicker';
import { RagBadge } from '../components/Badges';
import { ItemProblems } from '../components/ItemProblems';
import { Loading } from '../components/Loading';
import { loadWorkflow } from '../../data/workflowOnDemand';
import { SignOffBar } from '../assessment/SignOffBar';
import { MaturityChart } from '../dashboard/MaturityChart';
import { SignOffHistory } from '../dashboard/SignOffHistory';
import { useWorkspace } from '../hooks/useWorkspace';
import type { FrameworkSource } from '../../framework/builtIn';
import { signOffHandler } from '../signOffHandler';
import { linkFor } from '../links';
import { DeepLinkTarget } from '../deepLinks';

export interface ProcurementDashboardAppProps {
  host: HostContext;
  /** The built-in framework, or how to load it. */
  framework: FrameworkSource;
  services: DataServices;
  title: string;
  today?: string;
  target?: DeepLinkTarget;
}

/** For senior managers: where the council stands against its targets, action progress, and sign-off. */
// Every year's assessments come in the view's one batch; the trend and gap tables load on first use.
const WITH_EVERY_YEAR = { allAssessments: true };
const DashboardDetail = React.lazy(() => import(/* webpackChunkName: 'dashboard-detail' */ '../dashboard/DashboardDetail').then((m) => ({ default: m.DashboardDetail })));

export function ProcurementDashboardApp(props: ProcurementDashboardAppProps): JSX.Element {
  const { host, services, title } = props;
  const today = props.today ?? toIsoDate(new Date());
  const [periodName, setPeriodName] = React.useState<string | undefined>(props.target?.periodName);
  const [state, reload] = useWorkspace(services, props.framework, periodName, WITH_EVERY_YEAR);
  const [actionError, setActionError] = React.useState<DataError | undefined>();

  const body = (w: Workspace): JSX.Element => {
    const { framework, period } = w;
    if (!period) return <p>No assessment has been started on this site yet.</p>;
    const gaps = framework.indices.map((i) => assessmentGap(w.assessments.find((a) => a.indexId === i.id)));
    const atTarget = gaps.filter((g) => g !== undefined && g <= 0).length;
    const below = gaps.filter((g) => g !== undefined && g > 0).length;
    const rags = w.actions.map((a) => actionRag(a, today));
    const count = (r: Rag): number => rags.filter((x) => x === r).length;
    const overdue = w.actions.filter((a) => isOverdue(a, today));
    const signOff = signOffHandler(services, w, host, reload, setActionError);
    // Managers open the assessment page in SharePoint, where it is configured.
    const managerLink = (indexId: string): string | undefined => linkFor(host.links, 'managers', 'assessment', { periodName: period.name, indexId });
    return (
      <>
        {actionError && <Problem error={actionError} onDismiss={() => setActionError(undefined)} />}
        <PeriodPicker periods={w.periods} selected={period.name} onChange={setPeriodName} />
        <ItemProblems problems={w.problems} />
        <SignOffBar
          period={period}
          role={w.role}
          canSubmit={w.access.periods.canAdd}
          canDecide={w.access.signOffs.canAdd}
          unlockedCount={period.status === 'Signed off' ? w.assessments.filter((a) => !a.locked).length : 0}
          onFinishSignOff={async () => {
            try {
              await (await loadWorkflow()).finishSignOff(services, period.name);
              reload();
            } catch (e) {
              setActionError(toDataError(e));
            }
          }}
          missing={missingForSubmission(framework.indices, w.assessments)}
          isLatest={false}
          onAction={signOff}
        />
        <section aria-labelledby="nps-headlines" className="nps-headlines">
          <h3 id="nps-headlines">Headlines</h3>
          <ul>
            <li>
              <strong>{atTarget}</strong> of {framework.indices.length} key areas and enablers at or above target; <strong>{below}</strong> below target.
            </li>
            <li>
              <strong>{w.actions.length}</strong> actions: {count('Red')} red, {count('Amber')} amber, {count('Green')} green, {count('Complete')} closed.
            </li>
            <li>
              <strong>{overdue.length}</strong> overdue.
            </li>
          </ul>
        </section>
        <MaturityChart framework={framework} assessments={w.assessments} periodName={period.name} />
        <SignOffHistory period={period} />
        {w.allAssessments && (
          <React.Suspense fallback={<Loading label="Loading the trends…" />}>
            <DashboardDetail framework={framework} periods={w.periods} period={period} allAssessments={w.allAssessments} actions={w.actions} today={today} />
          </React.Suspense>
        )}
        {overdue.length > 0 && (
          <section aria-labelledby="nps-overdue">
            <h3 id="nps-overdue">Overdue actions</h3>
            <table className="nps-table nps-table--stack">
              <caption className="nps-visually-hidden">Overdue actions</caption>
              <thead>
                <tr>
                  <th scope="col">Action</th>
                  <th scope="col">For</th>
                  <th scope="col">Owner</th>
                  <th scope="col">Due</th>
                  <th scope="col">RAG</th>
                </tr>
              </thead>
              <tbody>
                {overdue.map((a) => {
                  const index = framework.indices.find((i) => i.id === a.indexId);
                  return (
                    <tr key={a.id}>
                      <th scope="row">{a.title}</th>
                      <td data-label="For">
                        {managerLink(a.indexId) ? <a href={managerLink(a.indexId)}>{index?.title ?? a.indexId}</a> : index?.title ?? a.indexId}
                      </td>
                      <td data-label="Owner">{a.owner?.displayName ?? 'No owner'}</td>
                      <td data-label="Due">{formatUkDate(a.dueDate)}</td>
                      <td data-label="RAG">
                        <RagBadge rag={actionRag(a, today)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        )}
      </>
    );
  };

  return (
    <ViewShell host={host} title={title} id="dashboard" state={state} reload={reload} loadingLabel="Loading the dashboard…">
      {body}
    </ViewShell>
  );
}

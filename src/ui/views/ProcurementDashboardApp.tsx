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
import { DashboardSettings, DEFAULT_DASHBOARD_SETTINGS, defaultPeriodName, frameworkForTheme } from '../../domain/dashboardSettings';
import type { TrendPeriod } from '../../domain/trends';
import { dashboardPrintClass, PRINT_ONLY } from '../dashboard/printStyles';
import { WorkbookDownload } from '../dashboard/WorkbookDownload';
import { ShareForScrutiny } from '../scrutiny/ShareForScrutiny';
import { AwaitingResponseCount } from '../scrutiny/AwaitingResponseCount';
import { RemindOwners } from '../dashboard/RemindOwners';

export interface ProcurementDashboardAppProps {
  host: HostContext;
  /** The built-in framework, or how to load it. */
  framework: FrameworkSource;
  services: DataServices;
  title: string;
  today?: string;
  /** A link's period; it wins over the default period. */
  target?: DeepLinkTarget;
  /** From the web part's property pane; the defaults when not given. */
  settings?: DashboardSettings;
}

// Every year's assessments come in the view's one batch; the trend and gap tables are a chunk of their own.
type DetailModule = typeof import('../dashboard/DashboardDetail');
let detailModule: DetailModule | undefined;
const loadDetail = (): Promise<DetailModule> =>
  import(/* webpackChunkName: 'dashboard-detail' */ '../dashboard/DashboardDetail').then((m) => {
    detailModule = m;
    return m;
  });

/**
 * The trend and gap tables' component, loading from the view's first render, so it is there by the time
 * the data is (not React.lazy, which would suspend once more after the data came and draw the view twice).
 */
function useDashboardDetail(): { Detail?: DetailModule['DashboardDetail']; failed: boolean } {
  const [loaded, setLoaded] = React.useState<{ Detail?: DetailModule['DashboardDetail']; failed: boolean }>(() => ({ Detail: detailModule?.DashboardDetail, failed: false }));
  React.useEffect(() => {
    if (detailModule) return undefined;
    let current = true;
    loadDetail().then(
      (m) => current && setLoaded({ Detail: m.DashboardDetail, failed: false }),
      () => current && setLoaded({ failed: true })
    );
    return () => {
      current = false;
    };
  }, []);
  return loaded;
}

/** Each index's title by id, for messages that name an action's key area or enabler. */
function indexTitles(framework: Workspace['framework']): Record<string, string> {
  return Object.fromEntries(framework.indices.map((i) => [i.id, i.title]));
}

/** For senior managers: where the council stands against its targets, action progress, and sign-off. */
export function ProcurementDashboardApp(props: ProcurementDashboardAppProps): JSX.Element {
  const { host, services, title } = props;
  const settings = props.settings ?? DEFAULT_DASHBOARD_SETTINGS;
  const show = settings.sections;
  const today = props.today ?? toIsoDate(new Date());
  // The year someone chose (a link, the picker) wins; otherwise the default year the settings name.
  const [picked, setPicked] = React.useState<string | undefined>(props.target?.periodName);
  // The default year is chosen within the view's one batch (the years read cover this year and last).
  const options = React.useMemo(() => ({ allAssessments: true, pick: (periods: readonly TrendPeriod[]) => defaultPeriodName(periods, settings.defaultPeriod) }), [settings.defaultPeriod]);
  const [state, reload] = useWorkspace(services, props.framework, picked, options);
  // The trend and gap code loads while the data is being read, not after it has come.
  const { Detail: DashboardDetail, failed: detailFailed } = useDashboardDetail();
  const [actionError, setActionError] = React.useState<DataError | undefined>();
  const printedOn = usePrintDate(props.today);

  const loaded = state.workspace;
  // The year the settings name; the workspace already opens on it (options.pick), so this only guards
  // against showing another year while a change of setting reloads.
  const wanted = picked === undefined && loaded ? defaultPeriodName(loaded.periods, settings.defaultPeriod) : undefined;
  const theme = loaded ? frameworkForTheme(loaded.framework, settings.themeId).theme : undefined;

  const body = (w: Workspace): JSX.Element => {
    const { period } = w;
    if (!period) return <p>No assessment has been started on this site yet.</p>;
    // While a changed default reloads, the year it is leaving is not shown (a draft would flash).
    if (wanted !== undefined && period.name !== wanted && state.status !== 'failed') return <Loading label="Loading the dashboard…" />;
    // With a theme chosen, every section shows that theme's key areas only.
    const themed = frameworkForTheme(w.framework, settings.themeId);
    const { framework } = themed;
    const shownIds = new Set(framework.indices.map((i) => i.id));
    const actions = themed.theme ? w.actions.filter((a) => shownIds.has(a.indexId)) : w.actions;
    const assessments = themed.theme ? w.assessments.filter((a) => shownIds.has(a.indexId)) : w.assessments;
    const indicesNamed = themed.theme ? 'key areas' : 'key areas and enablers';
    const gaps = framework.indices.map((i) => assessmentGap(assessments.find((a) => a.indexId === i.id)));
    const atTarget = gaps.filter((g) => g !== undefined && g <= 0).length;
    const below = gaps.filter((g) => g !== undefined && g > 0).length;
    const rags = actions.map((a) => actionRag(a, today));
    const count = (r: Rag): number => rags.filter((x) => x === r).length;
    const overdue = actions.filter((a) => isOverdue(a, today));
    const signOff = signOffHandler(services, w, host, reload, setActionError);
    // Managers open the assessment page in SharePoint, where it is configured.
    const managerLink = (indexId: string): string | undefined => linkFor(host.links, 'managers', 'assessment', { periodName: period.name, indexId });
    const detail = { actionHealth: show.actionHealth, trends: show.trends, gaps: show.gaps };
    return (
      <>
        <p className={PRINT_ONLY}>
          {settings.councilName ? `${settings.councilName}. ` : ''}Assessment period {period.name} ({period.status.toLowerCase()})
          {themed.theme ? `, theme ${themed.theme.title}` : ''}. Printed on {formatUkDate(printedOn)}.
        </p>
        {actionError && <Problem error={actionError} onDismiss={() => setActionError(undefined)} />}
        <PeriodPicker periods={w.periods} selected={period.name} onChange={setPicked} />
        <WorkbookDownload
          periodName={period.name}
          onDownload={async () => {
            // ExcelJS is large: it loads only when someone asks for a workbook.
            const { downloadDashboardWorkbook } = await import(/* webpackChunkName: 'period-workbook' */ '../../export/dashboardWorkbook');
            return downloadDashboardWorkbook({ year: { ...w, period }, today, councilName: settings.councilName });
          }}
        />
        {themed.theme && (
          <p>
            Only the key areas of the theme {themed.theme.title} are shown. The enablers and the other themes are left out here; the Excel workbook has them all.
          </p>
        )}
        {themed.missingThemeId && (
          <p>
            This dashboard is set to show one theme (&quot;{themed.missingThemeId}&quot;), but the framework {period.name} is assessed against has no such theme, so every key area and enabler
            is shown. A site owner can choose another theme in the web part&apos;s settings.
          </p>
        )}
        <ItemProblems problems={w.problems} />
        <SignOffBar
          period={period}
          frameworkBasis={w.frameworkBasis}
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
          // Submission needs every index, whatever the theme shown.
          missing={missingForSubmission(w.framework.indices, w.assessments)}
          isLatest={false}
          onAction={signOff}
        />
        {/* Approvers and site owners share the signed-off year with scrutiny councillors from here too. */}
        {period.status === 'Signed off' && (
          <div className="nps-actions">
            <ShareForScrutiny host={host} services={services} role={w.role} periodName={period.name} />
          </div>
        )}
        {/* Officers and approvers remind owners of overdue actions and those due within 14 days. */}
        <RemindOwners host={host} services={services} role={w.role} periodName={period.name} actions={w.actions} indexTitles={indexTitles(w.framework)} />
        {show.headlines && (
          <section aria-labelledby="nps-headlines" className="nps-headlines">
            <h3 id="nps-headlines">Headlines</h3>
            <ul>
              <li>
                <strong>{atTarget}</strong> of {framework.indices.length} {indicesNamed} at or above target; <strong>{below}</strong> below target.
              </li>
              <li>
                <strong>{actions.length}</strong> actions: {count('Red')} red, {count('Amber')} amber, {count('Green')} green, {count('Complete')} closed.
              </li>
              <li>
                <strong>{overdue.length}</strong> overdue.
              </li>
              {period.status === 'Signed off' && (
                <li>
                  <AwaitingResponseCount challenges={w.challenges} periodName={period.name} href={linkFor(host.links, 'managers', 'scrutiny', { periodName: period.name })} />
                </li>
              )}
            </ul>
          </section>
        )}
        {show.chart && <MaturityChart framework={framework} assessments={assessments} periodName={period.name} />}
        {show.signOffHistory && <SignOffHistory period={period} />}
        {w.allAssessments &&
          (detail.actionHealth || detail.trends || detail.gaps) &&
          (DashboardDetail ? (
            <DashboardDetail
              framework={w.framework}
              themeId={themed.theme?.id}
              show={detail}
              periods={w.periods}
              period={period}
              allAssessments={w.allAssessments}
              actions={w.actions}
              today={today}
            />
          ) : detailFailed ? (
            <Problem error={new Error('The trends, gaps and action health could not be loaded. Check your connection and reload the page.')} />
          ) : (
            <Loading label="Loading the trends…" />
          ))}
        {show.overdue && overdue.length > 0 && (
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
    <div className={dashboardPrintClass}>
      <ViewShell host={host} title={theme ? `${title}: ${theme.title}` : title} id="dashboard" state={state} reload={reload} loadingLabel="Loading the dashboard…">
        {body}
      </ViewShell>
    </div>
  );
}

/**
 * The date a printout carries: today, brought up to date as the browser starts printing (a page left
 * open overnight prints with the day it is printed). A fixed `today` (tests, the preview's clock) stays.
 */
function usePrintDate(fixed: string | undefined): string {
  const [printedOn, setPrintedOn] = React.useState(() => fixed ?? toIsoDate(new Date()));
  React.useEffect(() => {
    if (fixed !== undefined) {
      setPrintedOn(fixed);
      return undefined;
    }
    const update = (): void => setPrintedOn(toIsoDate(new Date()));
    window.addEventListener('beforeprint', update);
    return () => window.removeEventListener('beforeprint', update);
  }, [fixed]);
  return printedOn;
}

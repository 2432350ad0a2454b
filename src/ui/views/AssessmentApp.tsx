import * as React from 'react';
import { HostContext } from '../../host';
import { MaturityIndex } from '../../framework/types';
import { assessmentProgress, emptyAssessment, IndexAssessment, missingForSubmission } from '../../domain/assessment';
import { toIsoDate } from '../../domain/dates';
import { isPeriodLocked, Role } from '../../domain/signOff';
import { DataServices } from '../../data/services';
import { loadWorkflow } from '../../data/workflowOnDemand';
import { ItemProblems } from '../components/ItemProblems';
import { DataError, toDataError } from '../../data/errors';
import { ViewShell } from '../components/ViewShell';
import { Workspace } from '../../data/workspace';
import { Problem } from '../components/Problem';
import { Loading } from '../components/Loading';
import { PeriodPicker } from '../components/PeriodPicker';
import { SiteSetupPanel } from '../components/SiteSetupPanel';
import { IndexTable } from '../assessment/IndexTable';
import { SignOffBar } from '../assessment/SignOffBar';
import { ActionPlans } from '../actions/ActionPlans';
import { resolveFramework, useWorkspace } from '../hooks/useWorkspace';
import type { FrameworkSource } from '../../framework/builtIn';
import { signOffHandler } from '../signOffHandler';
import { browserDraftStore, DraftStore } from '../drafts';
import { DeepLinkTarget } from '../deepLinks';
import type { PeopleSource } from '../components/PersonPicker';
import { Button, Notice } from '../components/Controls';
// Issue 12: site owners' "Manage the framework" (a button here; the editor is its own lazy chunk).
import { ManageFrameworkLauncher } from '../framework/ManageFrameworkLauncher';

export interface AssessmentAppProps {
  host: HostContext;
  /** The built-in framework, or how to load it. */
  framework: FrameworkSource;
  services: DataServices;
  title: string;
  drafts?: DraftStore;
  /** Today's date, for RAG; tests pass a fixed one. */
  today?: string;
  /** Period and index to open, from a Teams deep link or the page URL. */
  target?: DeepLinkTarget;
}

// The editor and its panel (date and people pickers, conflict view) load when first opened, keeping first load small.
const EditorPanel = React.lazy(() => import(/* webpackChunkName: 'assessment-editor' */ '../assessment/EditorPanel').then((m) => ({ default: m.EditorPanel })));

const OFFICER_ROLES: Array<Role | 'reader'> = ['officer', 'approver', 'owner'];

/** The officer's assessment: every index for a period, assessing each, action plans and submission. */
export function AssessmentApp(props: AssessmentAppProps): JSX.Element {
  const { host, services, title } = props;
  const drafts = React.useMemo(() => props.drafts ?? browserDraftStore(), [props.drafts]);
  const today = props.today ?? toIsoDate(new Date());
  const [periodName, setPeriodName] = React.useState<string | undefined>(props.target?.periodName);
  const [state, reload] = useWorkspace(services, props.framework, periodName);
  const [openIndexId, setOpenIndexId] = React.useState<string | undefined>(props.target?.indexId);
  const [actionError, setActionError] = React.useState<DataError | undefined>();
  const [notice, setNotice] = React.useState('');
  const people: PeopleSource = React.useMemo(() => ({ search: (q) => services.site.searchPeople(q), ensure: (k, name) => services.site.ensurePerson(k, name) }), [services]);

  const body = (workspace: Workspace): JSX.Element => {
    const { framework, period, role, user } = workspace;
    const locked = !period || isPeriodLocked(period.status);
    const unlockedCount = period?.status === 'Signed off' ? workspace.assessments.filter((a) => !a.locked).length : 0;
    const canEditAssessments = workspace.access.assessments.canEdit && OFFICER_ROLES.indexOf(role) >= 0 && !locked;
    const assessed = framework.indices.filter((i) => assessmentProgress(workspace.assessments.find((a) => a.indexId === i.id)) === 'Assessed').length;
    const openIndex: MaturityIndex | undefined = framework.indices.find((i) => i.id === openIndexId);
    const savedFor = (index: MaturityIndex): IndexAssessment =>
      workspace.assessments.find((a) => a.indexId === index.id) ?? emptyAssessment(period?.name ?? '', index.id);
    const draftPrefix = `${host.siteUrl}:${period?.name ?? ''}`;

    const signOff = signOffHandler(services, workspace, host, reload, setActionError);

    return (
      <>
        {actionError && <Problem error={actionError} onDismiss={() => setActionError(undefined)} />}
        {notice && (
          <Notice kind="success" onDismiss={() => setNotice('')}>
            {notice}
          </Notice>
        )}
        {role === 'reader' && (
          <Notice kind="info">You have read-only access. To update the assessment, ask a site owner to add you to the Procurement officers group.</Notice>
        )}
        {workspace.needsSetup && role !== 'owner' && (
          <Notice kind="warning">The app is not set up on this site yet. Ask a site owner to open this page and run set-up.</Notice>
        )}
        {role === 'owner' && workspace.needsSetup && (
          <SiteSetupPanel needsSetup onRun={async () => services.setup.run(await resolveFramework(props.framework))} onDone={reload} />
        )}

        {workspace.periods.length === 0 ? (
          <p>No assessment periods yet.{OFFICER_ROLES.indexOf(role) >= 0 ? ' A site owner or officer can start one below.' : ''}</p>
        ) : (
          <PeriodPicker periods={workspace.periods} selected={period?.name} onChange={setPeriodName} />
        )}
        {workspace.periods.length === 0 && OFFICER_ROLES.indexOf(role) >= 0 && workspace.access.periods.canAdd && (
          <StartFirstPeriod
            today={today}
            onStart={async (name) => {
              try {
                await services.periods.create(name, { id: framework.id, version: framework.version });
                setPeriodName(name);
                reload();
              } catch (e) {
                setActionError(toDataError(e));
              }
            }}
          />
        )}

        {period && (
          <>
            <p className="nps-progress" aria-live="polite">
              <strong>
                {assessed} of {framework.indices.length} assessed
              </strong>{' '}
              in {period.name}.
            </p>
            <progress max={framework.indices.length} value={assessed} aria-label={`${assessed} of ${framework.indices.length} assessed`} />
            <SignOffBar
              period={period}
              frameworkBasis={workspace.frameworkBasis}
              role={role}
              canSubmit={workspace.access.periods.canAdd}
              canDecide={workspace.access.signOffs.canAdd}
              unlockedCount={unlockedCount}
              onFinishSignOff={async () => {
                try {
                  await (await loadWorkflow()).finishSignOff(services, period.name);
                  setNotice(`The ${period.name} assessments are now read-only in SharePoint.`);
                  reload();
                } catch (e) {
                  setActionError(toDataError(e));
                }
              }}
              missing={missingForSubmission(framework.indices, workspace.assessments)}
              isLatest={workspace.periods[0]?.name === period.name}
              onAction={signOff}
              onStartNext={async () => {
                try {
                  const report = await (await loadWorkflow()).startNextPeriod(services, period, framework);
                  setNotice(`Started ${report.period.name}: ${report.assessmentsCarried} assessments and ${report.actionsCarried} open actions carried forward. Add this year's evidence to each.`);
                  setPeriodName(report.period.name);
                } catch (e) {
                  setActionError(toDataError(e));
                }
              }}
            />
            <ItemProblems problems={workspace.problems} />
            <IndexTable framework={framework} assessments={workspace.assessments} canEdit={canEditAssessments} onOpen={(i) => setOpenIndexId(i.id)} />
            <ActionPlans
              framework={framework}
              periodName={period.name}
              actions={workspace.actions}
              today={today}
              canEdit={workspace.access.actions.canEdit && OFFICER_ROLES.indexOf(role) >= 0}
              currentUserId={user.id}
              people={people}
              drafts={drafts}
              draftPrefix={draftPrefix}
              onSave={(a) => services.actions.save(a)}
              onSaved={(a) => {
                setNotice(`Saved the action "${a.title}".`);
                reload();
              }}
            />
          </>
        )}
        {role === 'owner' && !workspace.needsSetup && (
          <details className="nps-owner-tools">
            <summary>Site owner tools</summary>
            <SiteSetupPanel needsSetup={false} onRun={async () => services.setup.run(await resolveFramework(props.framework))} onDone={reload} />
            {/* Issue 12: manage the framework (site owners only). */}
            <ManageFrameworkLauncher services={services} builtIn={props.framework} siteUrl={host.siteUrl} onChanged={reload} />
          </details>
        )}

        {openIndex && period && (
          <React.Suspense fallback={<Loading label="Opening the assessment…" />}>
            <EditorPanel
              key={`${period.name}:${openIndex.id}`}
              heading={`${period.name}: ${openIndex.title}`}
              framework={framework}
              index={openIndex}
              saved={savedFor(openIndex)}
              periodStart={period.startDate}
              readOnly={!canEditAssessments || !!savedFor(openIndex).problems?.length || !!savedFor(openIndex).locked}
              drafts={drafts}
              draftKey={`${draftPrefix}:${openIndex.id}`}
              onSave={(a) => services.assessments.save(a, period.startDate)}
              onSaved={() => reload()}
              onClose={() => setOpenIndexId(undefined)}
              attachments={{
                list: (id) => services.assessments.attachments(id),
                add: async (id, file) => services.assessments.attach(id, file.name, await file.arrayBuffer()),
                remove: (id, name) => services.assessments.detach(id, name),
              }}
            />
          </React.Suspense>
        )}
      </>
    );
  };

  return (
    <ViewShell host={host} title={title} id="assessment" state={state} reload={reload} loadingLabel="Loading the assessment…">
      {body}
    </ViewShell>
  );
}

function StartFirstPeriod({ today, onStart }: { today: string; onStart: (name: string) => Promise<void> }): JSX.Element {
  const year = Number(today.slice(0, 4)) - (Number(today.slice(5, 7)) < 4 ? 1 : 0);
  const name = `${year}/${String((year + 1) % 100).padStart(2, '0')}`;
  const [busy, setBusy] = React.useState(false);
  return (
    <Button primary disabled={busy} onClick={() => { setBusy(true); onStart(name).finally(() => setBusy(false)); }}>
      {`Start the ${name} assessment`}
    </Button>
  );
}

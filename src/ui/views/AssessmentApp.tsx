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
import { ThemedRoot } from '../components/ThemedRoot';
import { assessmentPageUrl, downloadBlankPack, gatheredFor, viewsByIndex } from '../gathering/gatheredViews';
import type { InviteRequest } from '../gathering/GatherViewsPanel';

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
// Gathering colleagues' views (issue 13): each screen and its data code load when first used.
const GatheringView = React.lazy(() => import(/* webpackChunkName: 'give-views' */ '../gathering/GatheringView').then((m) => ({ default: m.GatheringView })));
const GatherViewsPanel = React.lazy(() => import(/* webpackChunkName: 'gather-views' */ '../gathering/GatherViewsPanel'));
const gathering = (): Promise<typeof import('../../data/viewGathering')> => import(/* webpackChunkName: 'view-gathering' */ '../../data/viewGathering');

const OFFICER_ROLES: Array<Role | 'reader'> = ['officer', 'approver', 'owner'];
/** The assessment reads colleagues' views and invitations with the year, in the same batch. */
const WITH_VIEWS = { views: true };

/**
 * The Assessment web part: the officer's assessment or, from the link in an invitation (or the button
 * on the page), "Give your views" for a colleague asked for their view of the council's level.
 */
export function AssessmentApp(props: AssessmentAppProps): JSX.Element {
  const [giving, setGiving] = React.useState(!!props.target?.views);
  const [periodName, setPeriodName] = React.useState<string | undefined>(props.target?.periodName);
  const drafts = React.useMemo(() => props.drafts ?? browserDraftStore(), [props.drafts]);
  if (!giving) {
    return (
      <OfficerAssessment
        {...props}
        drafts={drafts}
        target={{ ...props.target, periodName: periodName ?? props.target?.periodName }}
        onGiveViews={(name) => {
          setPeriodName(name);
          setGiving(true);
        }}
      />
    );
  }
  return (
    <ThemedRoot host={props.host}>
      <section className="nps-app" aria-labelledby="nps-assessment-title">
        <h2 id="nps-assessment-title">{props.title}</h2>
        <React.Suspense fallback={<Loading label="Loading the views you were asked for…" />}>
          <GatheringView
            services={props.services}
            framework={props.framework}
            siteUrl={props.host.siteUrl}
            periodName={periodName}
            drafts={drafts}
            onBack={() => setGiving(false)}
          />
        </React.Suspense>
      </section>
    </ThemedRoot>
  );
}

/** The officer's assessment: every index for a period, assessing each, action plans and submission. */
function OfficerAssessment(props: AssessmentAppProps & { drafts: DraftStore; onGiveViews: (periodName?: string) => void }): JSX.Element {
  const { host, services, title, drafts } = props;
  const today = props.today ?? toIsoDate(new Date());
  const [periodName, setPeriodName] = React.useState<string | undefined>(props.target?.periodName);
  const [state, reload] = useWorkspace(services, props.framework, periodName, WITH_VIEWS);
  const [openIndexId, setOpenIndexId] = React.useState<string | undefined>(props.target?.indexId);
  const [actionError, setActionError] = React.useState<DataError | undefined>();
  const [notice, setNotice] = React.useState('');
  const [gatherOpen, setGatherOpen] = React.useState(false);
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
    // The lead officer (any officer, or a site owner) gathers views while the year is open.
    const canGather = OFFICER_ROLES.indexOf(role) >= 0 && role !== 'approver' && !locked && workspace.access.views.canAdd;

    return (
      <>
        {actionError && <Problem error={actionError} onDismiss={() => setActionError(undefined)} />}
        {notice && (
          <Notice kind="success" onDismiss={() => setNotice('')}>
            {notice}
          </Notice>
        )}
        {role === 'reader' && !workspace.access.views.canAdd && (
          <Notice kind="info">You have read-only access. To update the assessment, ask a site owner to add you to the Procurement officers group.</Notice>
        )}
        {role === 'reader' && workspace.access.views.canAdd && (
          <Notice kind="info" actions={<Button primary onClick={() => props.onGiveViews(period?.name)}>Give your views</Button>}>
            The lead officer has asked for your views of where the council stands.
          </Notice>
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
            {role !== 'reader' && (canGather || workspace.access.views.canAdd) && (
              <div className="nps-actions nps-gather-bar">
                {canGather && (
                  <Button onClick={() => setGatherOpen(true)} ariaLabel={`Gather colleagues' views on ${period.name}`}>
                    Gather views
                  </Button>
                )}
                {workspace.access.views.canAdd && !locked && <Button onClick={() => props.onGiveViews(period.name)}>Give your own views</Button>}
                {workspace.views.length > 0 && (
                  <span className="nps-sub">
                    {workspace.views.length === 1 ? 'One view' : `${workspace.views.length} views`} gathered so far: open a key area or enabler to see the spread.
                  </span>
                )}
              </div>
            )}
            <ItemProblems problems={workspace.problems} />
            <IndexTable framework={framework} assessments={workspace.assessments} canEdit={canEditAssessments} onOpen={(i) => setOpenIndexId(i.id)} views={viewsByIndex(workspace)} />
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

        {gatherOpen && period && (
          <React.Suspense fallback={<Loading label="Opening Gather views…" />}>
            <GatherViewsPanel
              framework={framework}
              periodName={period.name}
              senderName={user.displayName}
              invitations={workspace.invitations}
              views={workspace.views}
              searchPeople={(q) => services.site.searchPeople(q)}
              onInvite={async (request: InviteRequest) =>
                (await gathering()).inviteColleagues(services, { ...request, periodName: period.name, senderName: user.displayName, link: assessmentPageUrl(host) })
              }
              onBlankPack={(indexIds) => downloadBlankPack({ framework, periodName: period.name, indexIds, leadName: user.displayName })}
              onInvited={reload}
              onDismiss={() => setGatherOpen(false)}
            />
          </React.Suspense>
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
              gathered={gatheredFor(workspace, openIndex.id, {
                onEnterPaper: canEditAssessments && workspace.access.views.canAdd ? async (input) => (await gathering()).giveView(services, input) : undefined,
                onPaperEntered: reload,
              })}
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

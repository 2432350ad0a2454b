import * as React from 'react';
import type { FrameworkSource } from '../../framework/builtIn';
import { formatUkDateTime } from '../../domain/dates';
import { ViewInput } from '../../domain/views';
import { DataServices } from '../../data/services';
import { DataError, toDataError } from '../../data/errors';
import type { GatheringState } from '../../data/viewGathering';
import { resolveFramework } from '../hooks/useWorkspace';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { PeriodPicker } from '../components/PeriodPicker';
import { Button } from '../components/Controls';
import { DraftStore } from '../drafts';
import { GiveViews } from './GiveViews';

export interface GatheringViewProps {
  services: DataServices;
  framework: FrameworkSource;
  siteUrl: string;
  periodName?: string;
  drafts: DraftStore;
  /** Back to the assessment, for officers who gave their own views. */
  onBack?: () => void;
}

// The gathering code (and PnPjs's group calls) loads with this screen, never with the officer's page.
const gathering = (): Promise<typeof import('../../data/viewGathering')> => import(/* webpackChunkName: 'view-gathering' */ '../../data/viewGathering');

/**
 * "Give your views" for a colleague asked by the lead officer (from the link in their email): loads
 * what SharePoint lets them read (the framework, the year, their invitations and their own views) and
 * shows each index they were asked about.
 */
export function GatheringView(props: GatheringViewProps): JSX.Element {
  const { services } = props;
  const [periodName, setPeriodName] = React.useState(props.periodName);
  const [state, setState] = React.useState<GatheringState | undefined>();
  const [error, setError] = React.useState<DataError | undefined>();
  const [generation, setGeneration] = React.useState(0);
  const reload = React.useCallback(() => setGeneration((g) => g + 1), []);

  React.useEffect(() => {
    let live = true;
    setError(undefined);
    (async () => {
      const { loadGathering } = await gathering();
      return loadGathering(services, resolveFramework(props.framework), periodName);
    })().then(
      (loaded) => live && setState(loaded),
      (e) => live && setError(toDataError(e, undefined, 'read'))
    );
    return () => {
      live = false;
    };
  }, [services, periodName, generation]);

  if (error && !state) return <Problem error={error} onRetry={reload} />;
  if (!state) return <Loading label="Loading the views you were asked for…" />;
  const period = state.period;
  const mine = state.views.filter((v) => v.givenBy?.id === state.user.id);
  const closedNote = !period
    ? undefined
    : state.submittedAt
      ? `${period.name} was submitted for sign-off on ${formatUkDateTime(state.submittedAt)}, so views on it can no longer be given or changed. Yours are kept as you gave them.`
      : !state.canGiveViews
        ? `You cannot give views on ${period.name}: ask the lead officer to invite you.`
        : undefined;
  return (
    <>
      {error && <Problem error={error} onRetry={reload} onDismiss={() => setError(undefined)} />}
      {props.onBack && <Button onClick={props.onBack}>Back to the assessment</Button>}
      {state.periods.length > 1 && <PeriodPicker periods={state.periods} selected={period?.name} onChange={setPeriodName} />}
      {!period ? (
        <p>There is no assessment year on this site yet.</p>
      ) : (
        <GiveViews
          framework={state.framework}
          periodName={period.name}
          indexIds={state.myIndexIds}
          myViews={mine}
          canGive={state.canGiveViews}
          closedNote={closedNote}
          drafts={props.drafts}
          draftPrefix={`${props.siteUrl}:${period.name}`}
          onGive={async (input: ViewInput) => (await gathering()).giveView(services, input)}
          onGiven={reload}
        />
      )}
      {state.problems.length > 0 && (
        <ul className="nps-problems" aria-label="Items that could not be shown">
          {state.problems.map((p) => (
            <li key={`${p.list}:${p.itemId}:${p.message}`}>{p.message}</li>
          ))}
        </ul>
      )}
    </>
  );
}

import * as React from 'react';
import { HostContext } from '../../host';
import { Workspace } from '../../data/workspace';
import { WorkspaceState } from '../hooks/useWorkspace';
import { ThemedRoot } from './ThemedRoot';
import { Problem } from './Problem';
import { Loading } from './Loading';

export interface ViewShellProps {
  host: HostContext;
  title: string;
  /** Distinguishes the view's heading id when several views share a page. */
  id: string;
  state: WorkspaceState;
  reload: () => void;
  loadingLabel: string;
  children: (workspace: Workspace) => React.ReactNode;
}

/**
 * What every view shares: the theme, the heading, a spinner until the first load, a message that says
 * what to do when loading fails (never an endless spinner), and the last good data kept on screen
 * with the failure above it when a reload fails.
 */
export function ViewShell({ host, title, id, state, reload, loadingLabel, children }: ViewShellProps): JSX.Element {
  const workspace = state.workspace;
  return (
    <ThemedRoot host={host}>
      <main className="nps-app" aria-labelledby={`nps-${id}-title`}>
        <h1 id={`nps-${id}-title`}>{title}</h1>
        {state.status === 'failed' && <Problem error={state.error} onRetry={reload} />}
        {workspace ? children(workspace) : state.status !== 'failed' && <Loading label={loadingLabel} />}
      </main>
    </ThemedRoot>
  );
}

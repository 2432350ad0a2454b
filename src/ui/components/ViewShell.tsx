import * as React from 'react';
import { HostContext } from '../../host';
import { Workspace } from '../../data/workspace';
import { WorkspaceState } from '../hooks/useWorkspace';
import { ThemedRoot } from './ThemedRoot';
import { Problem } from './Problem';
import { Loading } from './Loading';
import { DataError } from '../../data/errors';
import { notSetUpMessage } from '../../data/procurementSite';

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
  // The app's lists are not where the procurement site setting points: say which setting, and what to do.
  const error =
    state.status === 'failed' && state.error.kind === 'notSetUp' && host.siteSource
      ? new DataError('notSetUp', notSetUpMessage({ siteUrl: host.siteUrl, source: host.siteSource, pages: {} }))
      : state.status === 'failed'
        ? state.error
        : undefined;
  return (
    <ThemedRoot host={host}>
      {/* A region of the page, not the page: the SharePoint page (or Teams) has the main landmark and the h1. */}
      <section className="nps-app" aria-labelledby={`nps-${id}-title`}>
        <h2 id={`nps-${id}-title`}>{title}</h2>
        {error && <Problem error={error} onRetry={reload} />}
        {workspace ? children(workspace) : state.status !== 'failed' && <Loading label={loadingLabel} />}
      </section>
    </ThemedRoot>
  );
}

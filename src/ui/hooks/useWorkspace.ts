import * as React from 'react';
import { DataError, toDataError } from '../../data/errors';
import { DataServices } from '../../data/services';
import { loadWorkspace, Workspace, WorkspaceOptions } from '../../data/workspace';
import type { FrameworkSource } from '../../framework/builtIn';
import { Framework } from '../../framework/types';

export type WorkspaceState =
  | { status: 'loading'; workspace?: Workspace }
  | { status: 'ready'; workspace: Workspace }
  | { status: 'failed'; error: DataError; workspace?: Workspace };

/**
 * Loads a view's data for a period and reloads it on demand. A failure always ends in a message,
 * never an endless spinner; the last good data stays on screen while reloading.
 */
export function useWorkspace(services: DataServices, builtIn: FrameworkSource, periodName?: string, options?: WorkspaceOptions): [WorkspaceState, () => void, (w: Workspace) => void] {
  const [state, setState] = React.useState<WorkspaceState>({ status: 'loading' });
  const [generation, setGeneration] = React.useState(0);
  // A layout effect, so the view's batch is on its way before the browser first paints the page, not
  // after (a passive effect waits for that paint: tens of ms on a busy machine).
  React.useLayoutEffect(() => {
    let current = true;
    setState((s) => (s.status === 'loading' && !s.workspace ? s : { status: 'loading', workspace: s.workspace }));
    // The built-in framework (when it is loaded on demand) comes in parallel with the view's batch.
    loadWorkspace(services, resolveFramework(builtIn), periodName, undefined, options).then(
      (workspace) => current && setState({ status: 'ready', workspace }),
      (e) => current && setState((s) => ({ status: 'failed', error: toDataError(e), workspace: s.workspace }))
    );
    return () => {
      current = false;
    };
  }, [services, builtIn, periodName, generation, options?.allAssessments, options?.pick]);
  const reload = React.useCallback(() => setGeneration((g) => g + 1), []);
  const replace = React.useCallback((workspace: Workspace) => setState({ status: 'ready', workspace }), []);
  return [state, reload, replace];
}

export function resolveFramework(source: FrameworkSource): Promise<Framework> {
  return typeof source === 'function' ? source() : Promise.resolve(source);
}

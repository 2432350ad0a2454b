import * as React from 'react';
import { Button } from '../components/Controls';
import type { DataServices } from '../../data/services';
import type { FrameworkSource } from '../../framework/builtIn';
import { Loading } from '../components/Loading';

/**
 * The way in to "Manage the framework", for site owners. Only this button is part of the web part's
 * first load: the editor itself (forms, import, export) is its own chunk, loaded when opened.
 */
const ManageFramework = React.lazy(() => import(/* webpackChunkName: 'manage-framework' */ './ManageFramework').then((m) => ({ default: m.ManageFramework })));

export interface ManageFrameworkLauncherProps {
  services: DataServices;
  builtIn: FrameworkSource;
  siteUrl: string;
  onChanged: () => void;
}

export function ManageFrameworkLauncher(props: ManageFrameworkLauncherProps): JSX.Element {
  const [open, setOpen] = React.useState(false);
  return (
    <section className="nps-manage-framework" aria-labelledby="nps-manage-framework-title">
      <h3 id="nps-manage-framework-title">The framework</h3>
      {open ? (
        <React.Suspense fallback={<Loading label="Opening the framework…" />}>
          <ManageFramework {...props} onClose={() => setOpen(false)} />
        </React.Suspense>
      ) : (
        <>
          <p>Add your council&apos;s own key areas and enablers, reword, retire or restore them, or export and import the framework.</p>
          <Button onClick={() => setOpen(true)}>Manage the framework</Button>
        </>
      )}
    </section>
  );
}

import * as React from 'react';
import { SetupReport } from '../../data/siteSetup';
import { toDataError, DataError } from '../../data/errors';
import { Problem } from './Problem';
import { Button, Notice } from './Controls';

export interface SiteSetupPanelProps {
  needsSetup: boolean;
  onRun: () => Promise<SetupReport>;
  onDone: () => void;
}

/** For site owners: create the app's groups and permissions and load the framework. Safe to repeat. */
export function SiteSetupPanel({ needsSetup, onRun, onDone }: SiteSetupPanelProps): JSX.Element {
  const [report, setReport] = React.useState<SetupReport | undefined>();
  const [error, setError] = React.useState<DataError | undefined>();
  const [running, setRunning] = React.useState(false);
  const run = async (): Promise<void> => {
    setRunning(true);
    setError(undefined);
    try {
      setReport(await onRun());
      onDone();
    } catch (e) {
      setError(toDataError(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <section className="nps-setup" aria-labelledby="nps-setup-title">
      <h3 id="nps-setup-title">Site set-up</h3>
      {needsSetup ? (
        <Notice kind="warning">The app is installed but not set up: the maturity framework has not been loaded and nobody has been given a role yet.</Notice>
      ) : (
        <p>Set-up has run. Running it again adds anything missing and changes nothing else.</p>
      )}
      <p>
        Set-up creates the groups Procurement officers, Procurement approvers, Scrutiny members and Maturity view contributors, gives them their permissions on the
        app&apos;s lists (each colleague giving views reads only their own), and loads the National Procurement Strategy framework if the site has none. Add
        people to the groups afterwards in Site settings, People and groups; officers add colleagues giving views from Gather views.
      </p>
      <Button primary disabled={running} onClick={() => void run()}>
        {running ? 'Setting up…' : 'Run set-up'}
      </Button>
      {error && <Problem error={error} onRetry={run} />}
      {report && (
        <div role="status" className="nps-setup-report">
          <h4>What set-up did</h4>
          {report.done.length ? (
            <ul>
              {report.done.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : (
            <p>Nothing needed doing.</p>
          )}
          <h4>Already in place</h4>
          <ul>
            {report.alreadyInPlace.map((d) => (
              <li key={d}>{d}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

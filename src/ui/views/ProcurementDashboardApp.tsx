import * as React from 'react';
import { HostContext } from '../../host';
import { Framework, enablers, keyAreasOfTheme } from '../../framework';
import { ThemedRoot } from '../components/ThemedRoot';

export interface ProcurementDashboardAppProps {
  host: HostContext;
  framework: Framework;
  title: string;
}

export function ProcurementDashboardApp({ host, framework, title }: ProcurementDashboardAppProps): JSX.Element {
  return (
    <ThemedRoot host={host}>
      <main className="nps-app" aria-labelledby="nps-dashboard-title">
        <h1 id="nps-dashboard-title">{title}</h1>
        <table className="nps-table">
          <caption>What the council assesses: {framework.title}</caption>
          <thead>
            <tr>
              <th scope="col">Theme</th>
              <th scope="col">Key areas</th>
            </tr>
          </thead>
          <tbody>
            {framework.themes.map((theme) => (
              <tr key={theme.id}>
                <th scope="row">{theme.title}</th>
                <td>{keyAreasOfTheme(framework, theme.id).map((k) => k.title).join('; ')}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">Enablers</th>
              <td>{enablers(framework).map((e) => e.title).join('; ')}</td>
            </tr>
          </tbody>
        </table>
      </main>
    </ThemedRoot>
  );
}

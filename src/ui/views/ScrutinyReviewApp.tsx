import * as React from 'react';
import { HostContext } from '../../host';
import { Framework } from '../../framework';
import { ThemedRoot } from '../components/ThemedRoot';
import { FrameworkOverview } from '../components/FrameworkOverview';

export interface ScrutinyReviewAppProps {
  host: HostContext;
  framework: Framework;
  title: string;
}

export function ScrutinyReviewApp({ host, framework, title }: ScrutinyReviewAppProps): JSX.Element {
  return (
    <ThemedRoot host={host}>
      <main className="nps-app" aria-labelledby="nps-scrutiny-title">
        <h1 id="nps-scrutiny-title">{title}</h1>
        <p>
          The council&apos;s assessment is made against the five maturity levels of the {framework.title}: {framework.levels.map((l) => l.title).join(', ')}.
          What each level means for each key area and enabler:
        </p>
        <FrameworkOverview framework={framework} />
      </main>
    </ThemedRoot>
  );
}

import * as React from 'react';
import { HostContext } from '../../host';
import { Framework, enablers, keyAreas } from '../../framework';
import { ThemedRoot } from '../components/ThemedRoot';
import { FrameworkOverview } from '../components/FrameworkOverview';

export interface AssessmentAppProps {
  host: HostContext;
  framework: Framework;
  title: string;
}

export function AssessmentApp({ host, framework, title }: AssessmentAppProps): JSX.Element {
  return (
    <ThemedRoot host={host}>
      <main className="nps-app" aria-labelledby="nps-assessment-title">
        <h1 id="nps-assessment-title">{title}</h1>
        <p>
          Assess where the council stands in each of the {keyAreas(framework).length} key areas and {enablers(framework).length} enablers
          of the {framework.title}, and the level it aims for.
        </p>
        <FrameworkOverview framework={framework} />
      </main>
    </ThemedRoot>
  );
}

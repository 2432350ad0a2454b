import * as React from 'react';
import { Framework } from '../../framework/types';
import { enablers, keyAreasOfTheme } from '../../framework/queries';
import { MaturityIndex } from '../../framework/types';
import { LevelDescriptors } from './LevelDescriptors';
import { IndexAbout } from './IndexAbout';

export interface FrameworkOverviewProps {
  framework: Framework;
  /** Heading level of the theme headings, so the overview fits the page's outline. */
  headingLevel?: 2 | 3;
}

function IndexDetails({ framework, index, headingLevel }: { framework: Framework; index: MaturityIndex; headingLevel: number }): JSX.Element {
  const Heading = `h${headingLevel + 1}` as 'h3';
  return (
    <section className="nps-index" aria-labelledby={`nps-index-${index.id}`}>
      <Heading id={`nps-index-${index.id}`}>{index.title}</Heading>
      {index.description && <p>{index.description}</p>}
      <details>
        <summary>Level descriptors{index.whatItIs ? ', what it is and why it is important' : ''}</summary>
        <IndexAbout index={index} />
        <LevelDescriptors framework={framework} index={index} />
      </details>
    </section>
  );
}

/** Every theme with its key areas, then the enablers, straight from the framework data. */
export function FrameworkOverview({ framework, headingLevel = 2 }: FrameworkOverviewProps): JSX.Element {
  const Heading = `h${headingLevel}` as 'h2';
  return (
    <div className="nps-framework">
      {framework.themes.map((theme) => (
        <section key={theme.id} aria-labelledby={`nps-theme-${theme.id}`}>
          <Heading id={`nps-theme-${theme.id}`}>Theme: {theme.title}</Heading>
          {keyAreasOfTheme(framework, theme.id).map((index) => (
            <IndexDetails key={index.id} framework={framework} index={index} headingLevel={headingLevel} />
          ))}
        </section>
      ))}
      <section aria-labelledby="nps-enablers">
        <Heading id="nps-enablers">Enablers</Heading>
        {enablers(framework).map((index) => (
          <IndexDetails key={index.id} framework={framework} index={index} headingLevel={headingLevel} />
        ))}
      </section>
    </div>
  );
}

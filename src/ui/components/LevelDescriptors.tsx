import * as React from 'react';
import { Framework, MaturityIndex } from '../../framework/types';

export interface LevelDescriptorsProps {
  framework: Framework;
  index: MaturityIndex;
}

/**
 * The strategy's five level descriptors for one index, as a description list: it reads in order to a
 * screen reader and reflows to one column at 320 px, where a five-column table would not.
 */
export function LevelDescriptors({ framework, index }: LevelDescriptorsProps): JSX.Element {
  return (
    <dl className="nps-levels">
      {framework.levels.map((level) => (
        <div key={level.id} className="nps-levels__level">
          <dt>
            {level.rank}. {level.title}
          </dt>
          <dd>{index.descriptors[level.id]}</dd>
        </div>
      ))}
    </dl>
  );
}

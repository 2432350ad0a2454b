import * as React from 'react';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { MaturityIndex } from '../../framework/types';
import { DescriptorText } from './LevelDescriptors';
import { IndexOriginNote } from './IndexOrigin';
import { startingPoint } from '../../framework/startingPoints';
import { StrategyQuotation } from '../framework/StrategyQuotation';

const aboutClass = mergeStyles({ margin: '8px 0' });

/**
 * "What it is" and "Why it is important" for a key area (enablers have neither), saying first whose words
 * they are when they are not the strategy's. Site owners may break these texts into paragraphs or lists
 * in SharePoint; they show as written.
 */
export function IndexAbout({ index }: { index: MaturityIndex }): JSX.Element {
  // A council's own index begun from an objective the strategy names: the strategy's sentence, and only that, as its source.
  const point = index.origin === 'local' ? startingPoint(index.startingPoint) : undefined;
  return (
    <>
      <IndexOriginNote index={index} />
      {point && <StrategyQuotation point={point} />}
      {index.whatItIs.trim() && <DescriptorText className={aboutClass} lead={<strong>What it is:</strong>} text={index.whatItIs} />}
      {index.whyItIsImportant.trim() && <DescriptorText className={aboutClass} lead={<strong>Why it is important:</strong>} text={index.whyItIsImportant} />}
    </>
  );
}

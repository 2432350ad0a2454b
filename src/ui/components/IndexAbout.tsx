import * as React from 'react';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { MaturityIndex } from '../../framework/types';
import { DescriptorText } from './LevelDescriptors';

const aboutClass = mergeStyles({ margin: '8px 0' });

/**
 * The strategy's "What it is" and "Why it is important" for a key area (enablers have neither). Site
 * owners may break these texts into paragraphs or lists in SharePoint; they show as written.
 */
export function IndexAbout({ index }: { index: MaturityIndex }): JSX.Element {
  return (
    <>
      {index.whatItIs.trim() && <DescriptorText className={aboutClass} lead={<strong>What it is:</strong>} text={index.whatItIs} />}
      {index.whyItIsImportant.trim() && <DescriptorText className={aboutClass} lead={<strong>Why it is important:</strong>} text={index.whyItIsImportant} />}
    </>
  );
}

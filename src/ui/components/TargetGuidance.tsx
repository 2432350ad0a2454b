import * as React from 'react';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { getId } from '@fluentui/react/lib/Utilities';
import { Framework } from '../../framework/types';
import { DescriptorText } from './LevelDescriptors';

const guidanceClass = mergeStyles({
  margin: '8px 0',
  padding: '8px 12px',
  borderLeft: '4px solid currentColor',
  selectors: {
    '& blockquote': { margin: '4px 0' },
    '& blockquote p + p': { marginTop: 8 },
    '& .nps-target-guidance__source': { fontSize: 12, margin: 0 },
    '& .nps-target-guidance__summary': { margin: '0 0 4px' },
  },
});

export interface TargetGuidanceProps {
  framework: Framework;
  /** So the target picker can point at it with aria-describedby. */
  id?: string;
}

/**
 * What the framework says about choosing a target level, in its own words, to sit beside the target
 * picker: each council chooses its own, and 'developing' or 'mature' can be the right target. Shows
 * nothing when the framework has no such guidance.
 */
export function TargetGuidance({ framework, id }: TargetGuidanceProps): JSX.Element | null {
  const [labelId] = React.useState(() => getId('nps-target-guidance-label'));
  const text = framework.targetGuidance?.trim();
  if (!text) return null;
  return (
    <div id={id} role="note" aria-labelledby={labelId} className={`nps-target-guidance ${guidanceClass}`}>
      <p className="nps-target-guidance__summary">
        <strong id={labelId}>Choosing a target level</strong>: there are no national targets. Your council sets its own for each area.
      </p>
      <blockquote>
        <DescriptorText text={text} />
      </blockquote>
      <p className="nps-target-guidance__source">From the {framework.title}.</p>
    </div>
  );
}

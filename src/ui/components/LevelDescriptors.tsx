import * as React from 'react';
import { mergeStyles } from '@fluentui/react/lib/Styling';
import { descriptorBlocks } from '../../framework/descriptorText';
import { Framework, MaturityIndex } from '../../framework/types';

// Spacing inside a descriptor only; where it sits (its own margin) is up to the place that shows it.
const descriptorClass = mergeStyles({
  selectors: {
    '& p': { margin: 0 },
    '& ul': { margin: '2px 0 0', paddingLeft: 20 },
    '& li': { margin: '2px 0' },
    '& p + p, & ul + p': { marginTop: 4 },
  },
});

export interface DescriptorTextProps {
  /** Plain text: paragraphs, and list items on lines starting with "- " (see framework/descriptorText). */
  text: string;
  /** For aria-describedby, so a control is described by the whole descriptor, list included. */
  id?: string;
  className?: string;
  /** Shown at the start of the first paragraph, such as a label: <strong>What it is:</strong>. */
  lead?: React.ReactNode;
}

/**
 * A level descriptor (or any framework text) as paragraphs and real lists, so a Leader descriptor the
 * strategy prints as bullets reads as a checklist, and a screen reader announces the list and its
 * length. Everything is rendered as React text: nothing in it is ever treated as HTML.
 */
export function DescriptorText({ text, id, className, lead }: DescriptorTextProps): JSX.Element {
  const blocks = descriptorBlocks(text);
  const leadFirst = lead !== undefined && blocks[0]?.kind !== 'paragraph';
  return (
    <div id={id} className={className ? `${descriptorClass} ${className}` : descriptorClass}>
      {leadFirst && <p>{lead}</p>}
      {blocks.map((block, i) =>
        block.kind === 'paragraph' ? (
          <p key={i}>
            {i === 0 && lead !== undefined && (
              <>
                {lead}{' '}
              </>
            )}
            {block.text}
          </p>
        ) : (
          <ul key={i}>
            {block.items.map((item, j) => (
              <li key={j}>{item}</li>
            ))}
          </ul>
        )
      )}
    </div>
  );
}

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
          <dd>
            <DescriptorText text={index.descriptors[level.id]} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

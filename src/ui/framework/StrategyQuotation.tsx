import * as React from 'react';
import { StartingPoint } from '../../framework/startingPoints';

/**
 * What the strategy says about an objective a council may add: its own sentence, quoted and cited,
 * and nothing else attributed to it. The strategy gives such objectives no descriptors, so this says
 * plainly that the rest is the council's.
 */
export function StrategyQuotation({ point }: { point: StartingPoint }): JSX.Element {
  return (
    <figure className="nps-quotation">
      <figcaption>What the strategy says (quoted from the {point.citation}):</figcaption>
      <blockquote>
        <p>{point.quotation}</p>
      </blockquote>
      {point.seeAlso && <p className="nps-meta">{point.seeAlso}</p>}
      <p>
        <strong>The strategy names this objective but gives it no description and no level descriptors.</strong> Everything else about this index is written by
        your council and is shown as your council&apos;s.
      </p>
    </figure>
  );
}

import * as React from 'react';
import { MaturityIndex } from '../../framework/types';

/** The strategy's "What it is" and "Why it is important" for a key area (enablers have neither). */
export function IndexAbout({ index }: { index: MaturityIndex }): JSX.Element {
  return (
    <>
      {index.whatItIs && (
        <p>
          <strong>What it is:</strong> {index.whatItIs}
        </p>
      )}
      {index.whyItIsImportant && (
        <p>
          <strong>Why it is important:</strong> {index.whyItIsImportant}
        </p>
      )}
    </>
  );
}

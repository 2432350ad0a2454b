import * as React from 'react';

/** A spinner with words, announced politely; still when the person asks for reduced motion. */
export function Loading({ label }: { label: string }): JSX.Element {
  return (
    <p className="nps-loading" role="status">
      <span className="nps-spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

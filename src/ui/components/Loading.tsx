import * as React from 'react';
import { Spinner, SpinnerSize } from '@fluentui/react/lib/Spinner';

export function Loading({ label }: { label: string }): JSX.Element {
  return <Spinner size={SpinnerSize.large} label={label} ariaLive="polite" className="nps-loading" />;
}

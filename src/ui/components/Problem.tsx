import * as React from 'react';
import { DataError } from '../../data/errors';
import { Button, Notice } from './Controls';

export interface ProblemProps {
  error: DataError | Error;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** A failure in words: what happened and what to do, with a retry where one can help. */
export function Problem({ error, onRetry, onDismiss }: ProblemProps): JSX.Element {
  const kind = (error as DataError).kind;
  const warning = kind === 'readOnly' || kind === 'noAccess' || kind === 'validation';
  const canRetry = onRetry && (kind === 'throttled' || kind === 'offline' || kind === 'refused' || kind === 'notFound' || kind === undefined);
  return (
    <Notice kind={warning ? 'warning' : 'error'} onDismiss={onDismiss} actions={canRetry ? <Button onClick={onRetry}>Try again</Button> : undefined}>
      {error.message}
    </Notice>
  );
}

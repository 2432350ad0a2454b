import * as React from 'react';
import { MessageBar, MessageBarType } from '@fluentui/react/lib/MessageBar';
import { DefaultButton } from '@fluentui/react/lib/Button';
import { DataError } from '../../data/errors';

export interface ProblemProps {
  error: DataError | Error;
  onRetry?: () => void;
  onDismiss?: () => void;
}

/** A failure in words: what happened and what to do, with a retry where one can help. */
export function Problem({ error, onRetry, onDismiss }: ProblemProps): JSX.Element {
  const kind = (error as DataError).kind;
  const type = kind === 'readOnly' || kind === 'noAccess' || kind === 'validation' ? MessageBarType.warning : MessageBarType.error;
  const canRetry = onRetry && (kind === 'throttled' || kind === 'offline' || kind === 'refused' || kind === 'notFound' || kind === undefined);
  return (
    <MessageBar
      messageBarType={type}
      isMultiline
      onDismiss={onDismiss}
      dismissButtonAriaLabel="Close message"
      actions={canRetry ? <DefaultButton onClick={onRetry}>Try again</DefaultButton> : undefined}
    >
      {error.message}
    </MessageBar>
  );
}

import * as React from 'react';
import { awaitingResponseCount, ScrutinyChallenge } from '../../domain/scrutiny';

export interface AwaitingResponseCountProps {
  /** The year's challenges, with their answers and status (Workspace.challenges). */
  challenges: ScrutinyChallenge[];
  periodName: string;
  /** The scrutiny review page for the year, where officers answer; left out when not configured. */
  href?: string;
}

/** "3 of 5 scrutiny challenges on 2024/25 await a response": the number officers owe councillors an answer. */
export function awaitingResponseText(challenges: ScrutinyChallenge[], periodName: string): string {
  const awaiting = awaitingResponseCount(challenges);
  if (challenges.length === 0) return `No scrutiny challenges have been raised on ${periodName}.`;
  const of = `${awaiting} of ${challenges.length} scrutiny ${challenges.length === 1 ? 'challenge' : 'challenges'} on ${periodName}`;
  return awaiting === 0 ? `${of} await a response: every challenge has been answered or closed.` : `${of} ${awaiting === 1 ? 'awaits' : 'await'} a response.`;
}

/**
 * How many challenges await a response, for the dashboard and the scrutiny review. Takes data, does not
 * fetch: the view that mounts it passes the year's challenges it already loaded.
 */
export function AwaitingResponseCount({ challenges, periodName, href }: AwaitingResponseCountProps): JSX.Element {
  const awaiting = awaitingResponseCount(challenges);
  return (
    <p className="nps-awaiting-count">
      <strong>{awaitingResponseText(challenges, periodName)}</strong>
      {href && awaiting > 0 ? (
        <>
          {' '}
          <a href={href}>Answer them in the scrutiny review</a>
        </>
      ) : null}
    </p>
  );
}

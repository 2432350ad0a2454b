import * as React from 'react';
import { formatUkDateTime } from '../../domain/dates';
import { ownChallengesFirst, ScrutinyChallenge } from '../../domain/scrutiny';
import { Framework } from '../../framework/types';
import { AwaitingResponseCount } from './AwaitingResponseCount';
import { challengeStatusText } from './ChallengeLog';

export interface ChallengeOverviewProps {
  framework: Framework;
  challenges: ScrutinyChallenge[];
  periodName: string;
  /** The reader: their own challenges are listed first. */
  currentUserId?: number;
}

/** The year's whole challenge log at a glance: how many await a response, and each challenge's status (the reader's own first). */
export function ChallengeOverview({ framework, challenges, periodName, currentUserId }: ChallengeOverviewProps): JSX.Element {
  const titleOf = (indexId: string): string => framework.indices.find((i) => i.id === indexId)?.title ?? (indexId ? `${indexId} (not in the framework)` : 'The assessment as a whole');
  const ordered = ownChallengesFirst(challenges, currentUserId);
  return (
    <section aria-labelledby="nps-review-challenge-log" className="nps-challenge-overview">
      <h3 id="nps-review-challenge-log">Challenge log</h3>
      <AwaitingResponseCount challenges={challenges} periodName={periodName} />
      {ordered.length > 0 && (
        <table className="nps-table nps-table--stack">
          <caption>Scrutiny challenges on {periodName}{currentUserId !== undefined && ordered.some((c) => c.raisedBy?.id === currentUserId) ? ', yours first' : ''}</caption>
          <thead>
            <tr>
              <th scope="col">Key area or enabler</th>
              <th scope="col">Raised by</th>
              <th scope="col">Challenge</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {ordered.map((c) => (
              <tr key={c.id}>
                <th scope="row">{titleOf(c.indexId)}</th>
                <td data-label="Raised by">
                  {c.raisedBy?.displayName ?? 'A councillor'}
                  {currentUserId !== undefined && c.raisedBy?.id === currentUserId ? ' (you)' : ''}
                  <span className="nps-sub">{formatUkDateTime(c.raisedOn)}</span>
                </td>
                <td data-label="Challenge" className="nps-pre">
                  {c.text}
                </td>
                <td data-label="Status">
                  {c.problem ? `Does not count: ${c.problem}` : challengeStatusText(c)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

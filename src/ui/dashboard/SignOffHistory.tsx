import * as React from 'react';
import { AssessmentPeriod } from '../../domain/periods';
import { formatUkDateTime } from '../../domain/dates';
import { SignOffEvent } from '../../domain/signOff';

const WHAT: Record<SignOffEvent['kind'], string> = {
  Submitted: 'Submitted for sign-off',
  'Signed off': 'Signed off',
  Returned: 'Returned for changes',
  Reopened: 'Reopened',
  Unknown: 'Unrecognised entry',
};

/**
 * Who submitted, returned, signed off or reopened the year, and when, from the Submissions and
 * Sign-off log lists (SharePoint's Created By and Created). Entries that do not count say why.
 */
export function SignOffHistory({ period }: { period: AssessmentPeriod }): JSX.Element {
  return (
    <section aria-labelledby="nps-signoff-history">
      <h3 id="nps-signoff-history">Sign-off history, {period.name}</h3>
      {period.history.length === 0 ? (
        <p>Not submitted yet.</p>
      ) : (
        <table className="nps-table nps-table--stack">
          <caption className="nps-visually-hidden">Sign-off history of {period.name}, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">What</th>
              <th scope="col">Who</th>
              <th scope="col">Comment</th>
            </tr>
          </thead>
          <tbody>
            {period.history.map((event, i) => (
              <tr key={`${event.on}-${i}`}>
                <td data-label="When">{formatUkDateTime(event.on)}</td>
                <th scope="row" data-label="What">
                  {WHAT[event.kind]}
                  {!event.valid && <span className="nps-error"> (does not count: {event.problem})</span>}
                </th>
                <td data-label="Who">{event.by?.displayName ?? 'Someone no longer on the site'}</td>
                <td data-label="Comment" className="nps-pre">
                  {event.comment || '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

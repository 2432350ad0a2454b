import * as React from 'react';
import { formatUkDateTime } from '../../domain/dates';
import { LIMITS } from '../../domain/limits';
import { AnswerVersion, ChallengeState, ownChallengesFirst, ScrutinyChallenge, stateChangeFor } from '../../domain/scrutiny';
import { DataError, toDataError } from '../../data/errors';
import { Problem } from '../components/Problem';
import { Button, TextAreaField } from '../components/Controls';

export interface ChallengeLogProps {
  /** Label for what is being challenged, e.g. "Engaging councillors". */
  subject: string;
  challenges: ScrutinyChallenge[];
  canRaise: boolean;
  canRespond: boolean;
  onRaise: (text: string) => Promise<void>;
  onRespond: (challenge: ScrutinyChallenge, response: string) => Promise<void>;
  /** The reader's id on the site: their own challenges come first, and only the raiser may close or reopen. */
  currentUserId?: number;
  onChangeState?: (challenge: ScrutinyChallenge, state: ChallengeState) => Promise<void>;
  /** Every wording an answer has had, from its version history. */
  onLoadAnswerHistory?: (challenge: ScrutinyChallenge) => Promise<AnswerVersion[]>;
}

/** Where a challenge stands, in words (the closing entry named when there is one). */
export function challengeStatusText(c: ScrutinyChallenge): string {
  if (c.status === 'Closed') {
    const closing = [...(c.statusHistory ?? [])].reverse().find((e) => e.valid && e.state === 'Closed');
    return closing ? `Closed by ${closing.by?.displayName ?? 'the councillor'} on ${formatUkDateTime(closing.on)}.` : 'Closed.';
  }
  if (c.status === 'Answered') return 'Answered.';
  const reopened = [...(c.statusHistory ?? [])].reverse().find((e) => e.valid);
  return reopened?.state === 'Reopened' ? `Reopened on ${formatUkDateTime(reopened.on)}: awaiting a further response.` : 'Awaiting a response.';
}

function AnswerHistory({ challenge, load }: { challenge: ScrutinyChallenge; load: (c: ScrutinyChallenge) => Promise<AnswerVersion[]> }): JSX.Element {
  const [versions, setVersions] = React.useState<AnswerVersion[] | undefined>();
  const [error, setError] = React.useState<DataError | undefined>();
  const [open, setOpen] = React.useState(false);
  const show = (): void => {
    setOpen(true);
    setError(undefined);
    load(challenge).then(setVersions, (e) => setError(toDataError(e)));
  };
  if (!open) return (
      <Button ariaLabel={`Show every answer to the challenge from ${challenge.raisedBy?.displayName ?? 'a councillor'}, from the version history`} onClick={() => void show()}>
        Earlier answers
      </Button>
    );
  return (
    <div className="nps-response">
      {error && <Problem error={error} onRetry={show} />}
      {!versions && !error && <p role="status">Loading the answer&apos;s version history…</p>}
      {versions && (
        <ol aria-label="Every answer, newest first">
          {versions.map((v) => (
            <li key={v.version} className="nps-pre">
              Version {v.version}, {v.by?.displayName ?? 'an officer'} on {formatUkDateTime(v.on)}: {v.text}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

/**
 * Councillors' challenges on one index and officers' answers, with forms for each side: councillors
 * raise, and close or reopen their own; officers answer and revise their answer. The reader's own
 * challenges come first.
 */
export function ChallengeLog({ subject, challenges, canRaise, canRespond, onRaise, onRespond, currentUserId, onChangeState, onLoadAnswerHistory }: ChallengeLogProps): JSX.Element {
  const [text, setText] = React.useState('');
  const [raising, setRaising] = React.useState(false);
  const [answering, setAnswering] = React.useState<number | undefined>();
  const [answer, setAnswer] = React.useState('');
  const [error, setError] = React.useState<DataError | undefined>();
  const [busy, setBusy] = React.useState(false);
  const act = async (work: () => Promise<void>, after: () => void): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      after();
    } catch (e) {
      setError(toDataError(e));
    } finally {
      setBusy(false);
    }
  };
  const ordered = ownChallengesFirst(challenges, currentUserId);
  return (
    <div className="nps-challenges">
      {challenges.length === 0 ? <p>No challenges raised.</p> : null}
      <ol>
        {ordered.map((c) => {
          const from = c.raisedBy?.displayName ?? 'a councillor';
          const mine = currentUserId !== undefined && c.raisedBy?.id === currentUserId;
          const change = onChangeState ? stateChangeFor(c, currentUserId) : undefined;
          return (
            <li key={c.id}>
              {mine && <p className="nps-meta">Your challenge</p>}
              <p className="nps-pre">
                <strong>{c.raisedBy?.displayName ?? 'A councillor'}</strong> asked on {formatUkDateTime(c.raisedOn)}: {c.text}
              </p>
              {c.problem && <p className="nps-error">Does not count: {c.problem}</p>}
              {c.textChanged && <p className="nps-error">{c.textChanged}</p>}
              {c.response && (
                <p className="nps-pre nps-response">
                  <strong>{c.respondedBy?.displayName ?? 'An officer'}</strong> answered on {formatUkDateTime(c.respondedOn)}: {c.response}
                </p>
              )}
              <p className={c.status === 'Open' ? 'nps-awaiting' : 'nps-status'}>{challengeStatusText(c)}</p>
              {(c.statusHistory ?? [])
                .filter((e) => !e.valid)
                .map((e, i) => (
                  <p key={i} className="nps-error">
                    Does not count: {e.problem}
                  </p>
                ))}
              <div className="nps-actions">
                {canRespond && answering !== c.id && c.status !== 'Closed' && !c.problem && (
                  <Button
                    ariaLabel={c.response ? `Revise the answer to the challenge from ${from}` : `Respond to the challenge from ${from}`}
                    onClick={() => {
                      setAnswering(c.id);
                      setAnswer(c.response);
                    }}
                  >
                    {c.response ? 'Revise answer' : 'Respond'}
                  </Button>
                )}
                {change && (
                  <Button
                    disabled={busy}
                    ariaLabel={`${change === 'Closed' ? 'Close' : 'Reopen'} your challenge on ${subject}`}
                    onClick={() => {
                      act(() => onChangeState!(c, change), () => undefined).catch(() => undefined);
                    }}
                  >
                    {change === 'Closed' ? 'Close challenge' : 'Reopen challenge'}
                  </Button>
                )}
                {c.response && c.responseId !== undefined && onLoadAnswerHistory && <AnswerHistory challenge={c} load={onLoadAnswerHistory} />}
              </div>
              {answering === c.id && (
                <form
                  noValidate
                  onSubmit={(e) => {
                    e.preventDefault();
                    act(() => onRespond(c, answer), () => setAnswering(undefined)).catch(() => undefined);
                  }}
                >
                  <TextAreaField
                    label={c.response ? 'Your revised response' : 'Your response'}
                    required
                    value={answer}
                    onChange={setAnswer}
                    note={`Up to ${LIMITS.response.toLocaleString('en-GB')} characters${c.response ? '. The earlier answer stays in the version history.' : ''}`}
                  />
                  <div className="nps-actions">
                    <Button type="submit" primary disabled={busy}>
                      {c.response ? 'Save revised response' : 'Send response'}
                    </Button>
                    <Button onClick={() => setAnswering(undefined)}>Cancel</Button>
                  </div>
                </form>
              )}
            </li>
          );
        })}
      </ol>
      {error && <Problem error={error} onDismiss={() => setError(undefined)} />}
      {canRaise && !raising && (
        <Button ariaLabel={`Raise a challenge on ${subject}`} onClick={() => setRaising(true)}>
          Raise a challenge
        </Button>
      )}
      {canRaise && raising && (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            act(() => onRaise(text), () => {
              setRaising(false);
              setText('');
            }).catch(() => undefined);
          }}
        >
          <TextAreaField
            label={`Your challenge on ${subject}`}
            required
            value={text}
            onChange={setText}
            note={`Up to ${LIMITS.challenge.toLocaleString('en-GB')} characters. Once raised, the wording cannot be changed.`}
          />
          <div className="nps-actions">
            <Button type="submit" primary disabled={busy}>
              Raise challenge
            </Button>
            <Button onClick={() => setRaising(false)}>Cancel</Button>
          </div>
        </form>
      )}
    </div>
  );
}

import * as React from 'react';
import { PrimaryButton, DefaultButton } from '@fluentui/react/lib/Button';
import { TextField } from '@fluentui/react/lib/TextField';
import { formatUkDateTime } from '../../domain/dates';
import { LIMITS } from '../../domain/limits';
import { ScrutinyChallenge } from '../../domain/scrutiny';
import { DataError, toDataError } from '../../data/errors';
import { Problem } from '../components/Problem';

export interface ChallengeLogProps {
  /** Label for what is being challenged, e.g. "Engaging councillors". */
  subject: string;
  challenges: ScrutinyChallenge[];
  canRaise: boolean;
  canRespond: boolean;
  onRaise: (text: string) => Promise<void>;
  onRespond: (challenge: ScrutinyChallenge, response: string) => Promise<void>;
}

/** Councillors' challenges on one index and officers' answers, with forms for each side. */
export function ChallengeLog({ subject, challenges, canRaise, canRespond, onRaise, onRespond }: ChallengeLogProps): JSX.Element {
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
  return (
    <div className="nps-challenges">
      {challenges.length === 0 ? <p>No challenges raised.</p> : null}
      <ol>
        {challenges.map((c) => (
          <li key={c.id}>
            <p className="nps-pre">
              <strong>{c.raisedBy?.displayName ?? 'A councillor'}</strong> asked on {formatUkDateTime(c.raisedOn)}: {c.text}
            </p>
            {c.response ? (
              <p className="nps-pre nps-response">
                <strong>{c.respondedBy?.displayName ?? 'An officer'}</strong> answered on {formatUkDateTime(c.respondedOn)}: {c.response}
              </p>
            ) : (
              <p className="nps-awaiting">Awaiting a response.</p>
            )}
            {canRespond && !c.response && answering !== c.id && <DefaultButton text="Respond" ariaLabel={`Respond to the challenge from ${c.raisedBy?.displayName ?? 'a councillor'}`} onClick={() => { setAnswering(c.id); setAnswer(''); }} />}
            {answering === c.id && (
              <form noValidate onSubmit={(e) => { e.preventDefault(); act(() => onRespond(c, answer), () => setAnswering(undefined)).catch(() => undefined); }}>
                <TextField label="Your response" multiline required value={answer} onChange={(_, v) => setAnswer(v ?? '')} description={`Up to ${LIMITS.response.toLocaleString('en-GB')} characters`} />
                <PrimaryButton type="submit" disabled={busy} text="Send response" />
                <DefaultButton onClick={() => setAnswering(undefined)} text="Cancel" />
              </form>
            )}
          </li>
        ))}
      </ol>
      {error && <Problem error={error} onDismiss={() => setError(undefined)} />}
      {canRaise && !raising && <DefaultButton text="Raise a challenge" ariaLabel={`Raise a challenge on ${subject}`} onClick={() => setRaising(true)} />}
      {canRaise && raising && (
        <form noValidate onSubmit={(e) => { e.preventDefault(); act(() => onRaise(text), () => { setRaising(false); setText(''); }).catch(() => undefined); }}>
          <TextField label={`Your challenge on ${subject}`} multiline required value={text} onChange={(_, v) => setText(v ?? '')} description={`Up to ${LIMITS.challenge.toLocaleString('en-GB')} characters`} />
          <PrimaryButton type="submit" disabled={busy} text="Raise challenge" />
          <DefaultButton onClick={() => setRaising(false)} text="Cancel" />
        </form>
      )}
    </div>
  );
}

import * as React from 'react';
import { Framework, LevelId, MaturityIndex } from '../../framework/types';
import { LIMITS } from '../../domain/limits';
import { FieldProblem } from '../../domain/validation';
import { ViewInput } from '../../domain/views';
import { DataError, toDataError, ValidationError } from '../../data/errors';
import { LevelChoice } from '../assessment/LevelChoice';
import { Button, TextAreaField, useFieldId } from '../components/Controls';
import { Problem } from '../components/Problem';
import { DraftStore } from '../drafts';

export interface ViewFormProps {
  framework: Framework;
  index: MaturityIndex;
  periodName: string;
  drafts: DraftStore;
  draftKey: string;
  /** When the lead officer enters a view given on paper: asks whose view it is. */
  onPaper?: boolean;
  submitLabel: string;
  onGive: (input: ViewInput) => Promise<void>;
  onGiven: (input: ViewInput) => void;
  onCancel?: () => void;
}

interface Typed {
  level?: LevelId;
  comment: string;
  givenFor: string;
}

function problemFor(problems: FieldProblem[], field: string): string | undefined {
  return problems.find((p) => p.field === field)?.message;
}

/**
 * One person's view of one index: a level from the strategy's descriptors and a comment. What is typed
 * is kept on this device until SharePoint has it, so a failed save or a reload loses nothing.
 */
export function ViewForm(props: ViewFormProps): JSX.Element {
  const { framework, index, drafts, draftKey } = props;
  const [typed, setTyped] = React.useState<Typed>(() => drafts.load<Typed>(draftKey)?.value ?? { comment: '', givenFor: '' });
  const [problems, setProblems] = React.useState<FieldProblem[]>([]);
  const [error, setError] = React.useState<DataError | undefined>();
  const [saving, setSaving] = React.useState(false);
  const nameId = useFieldId('given-for');
  // Saving closes the form (the view is shown instead), so nothing is set after it has gone.
  const mounted = React.useRef(true);
  React.useEffect(
    () => () => {
      mounted.current = false;
    },
    []
  );

  const update = (patch: Partial<Typed>): void => {
    const next = { ...typed, ...patch };
    setTyped(next);
    drafts.save(draftKey, next);
  };

  const submit = async (): Promise<void> => {
    const input: ViewInput = {
      periodName: props.periodName,
      indexId: index.id,
      level: typed.level,
      comment: typed.comment,
      ...(props.onPaper ? { givenFor: typed.givenFor } : {}),
    };
    const found: FieldProblem[] = [];
    if (!typed.level) found.push({ field: 'level', message: 'Choose the level that best describes the council today.' });
    if (props.onPaper && !typed.givenFor.trim()) found.push({ field: 'givenFor', message: 'Say whose view this is, as written on the paper form.' });
    setProblems(found);
    if (found.length) return;
    setSaving(true);
    setError(undefined);
    try {
      await props.onGive(input);
    } catch (e) {
      if (!mounted.current) return;
      if (e instanceof ValidationError) setProblems(e.problems);
      else setError(toDataError(e));
      setSaving(false);
      return;
    }
    drafts.clear(draftKey);
    if (mounted.current) {
      setSaving(false);
      setTyped({ comment: '', givenFor: '' });
    }
    props.onGiven(input);
  };

  const name = `view-${props.onPaper ? 'paper-' : ''}${index.id}`;
  return (
    <form
      noValidate
      className="nps-view-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit().catch(() => undefined);
      }}
    >
      {props.onPaper && (
        <div className="nps-field">
          <label htmlFor={nameId}>Whose view (name as on the paper form)</label>
          <input
            id={nameId}
            className="nps-input"
            value={typed.givenFor}
            maxLength={300}
            aria-invalid={problemFor(problems, 'givenFor') ? true : undefined}
            aria-describedby={problemFor(problems, 'givenFor') ? `${nameId}-error` : undefined}
            onChange={(e) => update({ givenFor: e.target.value })}
          />
          {problemFor(problems, 'givenFor') && (
            <span id={`${nameId}-error`} className="nps-error" role="alert">
              {problemFor(problems, 'givenFor')}
            </span>
          )}
        </div>
      )}
      <LevelChoice
        framework={framework}
        index={index}
        legend={props.onPaper ? 'The level ticked on the form' : 'Your view: where the council stands now'}
        name={name}
        value={typed.level}
        onChange={(level) => update({ level })}
      />
      {problemFor(problems, 'level') && (
        <p role="alert" className="nps-error">
          {problemFor(problems, 'level')}
        </p>
      )}
      <TextAreaField
        label={props.onPaper ? 'Comment written on the form' : 'Your comment: why this level'}
        value={typed.comment}
        onChange={(comment) => update({ comment })}
        note={`${typed.comment.length.toLocaleString('en-GB')} of ${LIMITS.viewComment.toLocaleString('en-GB')} characters`}
        error={problemFor(problems, 'comment')}
      />
      {problems
        .filter((p) => p.field !== 'level' && p.field !== 'comment' && p.field !== 'givenFor')
        .map((p) => (
          <p key={p.message} role="alert" className="nps-error">
            {p.message}
          </p>
        ))}
      {error && <Problem error={error} onDismiss={() => setError(undefined)} onRetry={() => submit()} />}
      <div className="nps-actions">
        <Button primary type="submit" disabled={saving}>
          {saving ? 'Saving…' : props.submitLabel}
        </Button>
        {props.onCancel && <Button onClick={props.onCancel}>Cancel</Button>}
      </div>
    </form>
  );
}

import * as React from 'react';
import { PrimaryButton, DefaultButton } from '@fluentui/react/lib/Button';
import { TextField } from '@fluentui/react/lib/TextField';
import { Dropdown } from '@fluentui/react/lib/Dropdown';
import { ChoiceGroup } from '@fluentui/react/lib/ChoiceGroup';
import { ConflictError, DataError, toDataError, ValidationError } from '../../data/errors';
import { FieldProblem } from '../../domain/validation';
import { FRAMEWORK_LIMITS } from '../../framework/loadFramework';
import { IndexDraft } from '../../framework/localIndex';
import { startingPoint } from '../../framework/startingPoints';
import { Framework, IndexKind, LevelId, Theme } from '../../framework/types';
import { Problem } from '../components/Problem';
import { StrategyQuotation } from './StrategyQuotation';

export interface IndexFormProps {
  /** 'add' a local index, or 'reword' an existing one (its kind cannot change). */
  mode: 'add' | 'reword';
  initial: IndexDraft;
  themes: readonly Theme[];
  levels: Framework['levels'];
  /** For rewording: whose words the index is in now, to say so. */
  isLocal: boolean;
  onSave: (draft: IndexDraft) => Promise<void>;
  onCancel: () => void;
}

const problemFor = (problems: FieldProblem[], field: string): string | undefined => {
  const found = problems.filter((p) => p.field === field).map((p) => p.message);
  return found.length ? found.join(' ') : undefined;
};

/**
 * The form for a key area or enabler: kind, theme, title, the three texts and the five level
 * descriptors, each a labelled field whose problems are shown on it (and listed above the buttons).
 * What was typed stays in the form whatever happens when saving.
 */
/** The texts about an index: required for a key area, optional for an enabler. */
const ABOUT_FIELDS = [
  { key: 'description', label: 'Description' },
  { key: 'whatItIs', label: 'What it is' },
  { key: 'whyItIsImportant', label: 'Why it is important' },
] as const;

export function IndexForm({ mode, initial, themes, levels, isLocal, onSave, onCancel }: IndexFormProps): JSX.Element {
  const [draft, setDraft] = React.useState<IndexDraft>(initial);
  const [problems, setProblems] = React.useState<FieldProblem[]>([]);
  const [error, setError] = React.useState<DataError | undefined>();
  const [saving, setSaving] = React.useState(false);
  const summaryRef = React.useRef<HTMLDivElement>(null);
  const update = (patch: Partial<IndexDraft>): void => setDraft((d) => ({ ...d, ...patch }));
  const setDescriptor = (level: LevelId, text: string): void => setDraft((d) => ({ ...d, descriptors: { ...d.descriptors, [level]: text } }));
  const point = startingPoint(draft.startingPoint);
  const keyArea = draft.kind === 'keyArea';

  const save = async (): Promise<void> => {
    setSaving(true);
    setError(undefined);
    setProblems([]);
    try {
      await onSave(draft);
    } catch (e) {
      if (e instanceof ValidationError) {
        setProblems(e.problems);
        window.setTimeout(() => summaryRef.current?.focus(), 0);
      } else if (e instanceof ConflictError) {
        setError(new DataError('conflict', 'Someone changed this index (here or in the list’s own form) while you were rewording it. Nothing was overwritten and your text is still here: copy what you need, choose Cancel to see their version, then reword it again.'));
      } else setError(toDataError(e));
    } finally {
      setSaving(false);
    }
  };

  const legend =
    isLocal || mode === 'add'
      ? 'Level descriptors: your council’s words, one for each of the five levels'
      : 'Level descriptors, one for each of the five levels (once reworded, they are this site’s words, no longer the strategy’s)';
  return (
    <form
      noValidate
      className="nps-index-form"
      aria-labelledby="nps-index-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        save().catch(() => undefined);
      }}
    >
      <h4 id="nps-index-form-title" tabIndex={-1}>
        {mode === 'add' ? (point ? `Add a local index: ${point.name}` : 'Add a local index') : `Reword ${initial.title}`}
      </h4>
      {point && <StrategyQuotation point={point} />}
      {mode === 'add' && (
        <p>
          A local index is your council&apos;s own: its title, texts and all five level descriptors are written by your council and are always shown as your
          council&apos;s, never as the strategy&apos;s. It joins drafts and new years; years already submitted or signed off are not changed.
        </p>
      )}
      {mode === 'reword' && (
        <p>
          Drafts show the new words at once. Years already submitted or signed off keep the words they were assessed against. A key area cannot become an
          enabler, or the other way round.
        </p>
      )}
      <ChoiceGroup
        label="Kind"
        required
        disabled={mode === 'reword'}
        selectedKey={draft.kind}
        options={[
          { key: 'keyArea', text: 'Key area (under a theme)' },
          { key: 'enabler', text: 'Enabler (cuts across the themes)' },
        ]}
        onChange={(_, o) => o && update({ kind: o.key as IndexKind, themeId: o.key === 'enabler' ? null : draft.themeId })}
      />
      {problemFor(problems, 'kind') && (
        <p className="nps-error" role="alert">
          {problemFor(problems, 'kind')}
        </p>
      )}
      {keyArea && (
        <Dropdown
          label="Theme"
          required
          placeholder="Choose a theme"
          options={themes.map((t) => ({ key: t.id, text: t.title }))}
          selectedKey={draft.themeId ?? null}
          onChange={(_, o) => o && update({ themeId: String(o.key) })}
          errorMessage={problemFor(problems, 'themeId')}
        />
      )}
      <TextField
        label="Title"
        required
        value={draft.title}
        onChange={(_, v) => update({ title: v ?? '' })}
        errorMessage={problemFor(problems, 'title')}
        description={`${draft.title.length.toLocaleString('en-GB')} of ${FRAMEWORK_LIMITS.title.toLocaleString('en-GB')} characters`}
      />
      {ABOUT_FIELDS.map(({ key, label }) => (
        <TextField
          key={key}
          label={label}
          required={keyArea}
          multiline
          autoAdjustHeight
          value={draft[key]}
          onChange={(_, v) => update({ [key]: v ?? '' })}
          errorMessage={problemFor(problems, key)}
          description={keyArea ? undefined : 'Optional for an enabler.'}
        />
      ))}
      <fieldset className="nps-index-form__levels">
        <legend>{legend}</legend>
        <p className="nps-meta">Start a line with &quot;- &quot; to make it an item of a list, as the strategy does for checklists.</p>
        {levels.map((level) => (
          <TextField
            key={level.id}
            label={`${level.rank}. ${level.title}`}
            required
            multiline
            autoAdjustHeight
            value={draft.descriptors[level.id]}
            onChange={(_, v) => setDescriptor(level.id, v ?? '')}
            errorMessage={problemFor(problems, `descriptor-${level.id}`)}
          />
        ))}
      </fieldset>
      {problemFor(problems, 'startingPoint') && (
        <p className="nps-error" role="alert">
          {problemFor(problems, 'startingPoint')}
        </p>
      )}
      {problems.length > 0 && (
        <div role="alert" className="nps-error-summary" tabIndex={-1} ref={summaryRef}>
          <p>Nothing was saved. Check {problems.length === 1 ? 'this' : 'these'}:</p>
          <ul>
            {problems.map((p) => (
              <li key={p.field + p.message}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      {error && <Problem error={error} onDismiss={() => setError(undefined)} />}
      <div className="nps-actions">
        <PrimaryButton type="submit" disabled={saving} text={saving ? 'Saving…' : mode === 'add' ? 'Add the index' : 'Save the new wording'} />
        <DefaultButton onClick={onCancel} text="Cancel" />
      </div>
    </form>
  );
}

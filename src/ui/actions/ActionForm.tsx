import * as React from 'react';
import { PrimaryButton, DefaultButton } from '@fluentui/react/lib/Button';
import { TextField } from '@fluentui/react/lib/TextField';
import { Dropdown } from '@fluentui/react/lib/Dropdown';
import { ACTION_STATUSES, ActionPlanItem, ActionStatus, validateAction } from '../../domain/actions';
import { formatUkDate } from '../../domain/dates';
import { LIMITS } from '../../domain/limits';
import { FieldProblem, mergeProblems } from '../../domain/validation';
import { ConflictError, DataError, ValidationError, toDataError } from '../../data/errors';
import { Framework } from '../../framework/types';
import { keyAreas, enablers } from '../../framework/queries';
import { PeopleSource, PersonPicker } from '../components/PersonPicker';
import { UkDatePicker } from '../components/UkDatePicker';
import { Problem } from '../components/Problem';
import { DraftStore } from '../drafts';

export interface ActionFormProps {
  framework: Framework;
  action: ActionPlanItem;
  people: PeopleSource;
  drafts: DraftStore;
  draftKey: string;
  onSave: (action: ActionPlanItem) => Promise<ActionPlanItem>;
  onDone: (saved?: ActionPlanItem) => void;
}

const problem = (problems: FieldProblem[], field: string): string | undefined => problems.find((p) => p.field === field)?.message;

function describe(a: ActionPlanItem): string {
  return [`"${a.title}"`, a.owner ? `owner ${a.owner.displayName}` : 'no owner', a.dueDate ? `due ${formatUkDate(a.dueDate)}` : 'no due date', a.status.toLowerCase()].join(', ');
}

/** Add or edit one action: what, who owns it, by when, how it is going. */
export function ActionForm({ framework, action, people, drafts, draftKey, onSave, onDone }: ActionFormProps): JSX.Element {
  const [form, setForm] = React.useState<ActionPlanItem>(() => drafts.load<ActionPlanItem>(draftKey)?.value ?? action);
  const [problems, setProblems] = React.useState<FieldProblem[]>([]);
  const [error, setError] = React.useState<DataError | undefined>();
  const [conflict, setConflict] = React.useState<ActionPlanItem | undefined>();
  const [saving, setSaving] = React.useState(false);
  /** What is wrong with the due date as typed, while the box holds a date that cannot be saved. */
  const [typedDueDateProblem, setTypedDueDateProblem] = React.useState<string | undefined>();
  const update = (patch: Partial<ActionPlanItem>): void => {
    const next = { ...form, ...patch };
    setForm(next);
    drafts.save(draftKey, next);
  };

  const save = async (toSave: ActionPlanItem): Promise<void> => {
    // A due date typed but not a date the form can save is reported, not silently replaced by the old one.
    const found = mergeProblems(typedDueDateProblem ? [{ field: 'dueDate', message: typedDueDateProblem }] : [], validateAction(toSave));
    setProblems(found);
    if (found.length) return;
    setSaving(true);
    setError(undefined);
    try {
      const saved = await onSave(toSave);
      drafts.clear(draftKey);
      onDone(saved);
    } catch (e) {
      if (e instanceof ConflictError) setConflict(e.serverCopy as ActionPlanItem);
      else if (e instanceof ValidationError) setProblems(e.problems);
      else setError(toDataError(e));
    } finally {
      setSaving(false);
    }
  };

  const indexOptions = [
    ...enablers(framework).map((i) => ({ key: i.id, text: `Enabler: ${i.title}` })),
    ...keyAreas(framework).map((i) => ({ key: i.id, text: `Key area: ${i.title}` })),
  ];

  return (
    <form noValidate
      className="nps-action-form"
      aria-label={action.id ? `Edit action ${action.title}` : 'New action'}
      onSubmit={(e) => {
        e.preventDefault();
        save(form).catch(() => undefined);
      }}
    >
      {conflict && (
        <div role="alert" className="nps-conflict">
          <p>Someone else saved this action while you were editing. Nothing has been overwritten.</p>
          <p>
            <strong>Theirs:</strong> {describe(conflict)}
            <br />
            <strong>Yours:</strong> {describe(form)}
          </p>
          <div className="nps-actions">
            <PrimaryButton onClick={() => save({ ...form, etag: conflict.etag })} text="Keep my version" />
            <DefaultButton onClick={() => { drafts.clear(draftKey); onDone(conflict); }} text="Use their version" />
          </div>
        </div>
      )}
      <TextField
        label="Action"
        required
        value={form.title}
        onChange={(_, v) => update({ title: v ?? '' })}
        errorMessage={problem(problems, 'title')}
        description={`${form.title.length.toLocaleString('en-GB')} of ${LIMITS.title.toLocaleString('en-GB')} characters`}
      />
      <Dropdown label="For" options={indexOptions} selectedKey={form.indexId} onChange={(_, o) => o && update({ indexId: String(o.key) })} />
      <TextField label="Details" multiline autoAdjustHeight value={form.details} onChange={(_, v) => update({ details: v ?? '' })} errorMessage={problem(problems, 'details')} />
      <PersonPicker label="Owner" required value={form.owner} onChange={(owner) => update({ owner })} people={people} errorMessage={problem(problems, 'owner')} />
      <UkDatePicker label="Due date" isRequired value={form.dueDate} onChange={(dueDate) => update({ dueDate })} onProblemChange={setTypedDueDateProblem} errorMessage={problem(problems, 'dueDate')} />
      <Dropdown label="Status" options={ACTION_STATUSES.map((s) => ({ key: s, text: s }))} selectedKey={form.status} onChange={(_, o) => o && update({ status: o.key as ActionStatus })} />
      <TextField label="Progress notes" multiline autoAdjustHeight value={form.progressNotes} onChange={(_, v) => update({ progressNotes: v ?? '' })} errorMessage={problem(problems, 'progressNotes')} />
      {error && <Problem error={error} onDismiss={() => setError(undefined)} onRetry={() => save(form)} />}
      {problems.length > 0 && (
        <div role="alert" className="nps-error-summary">
          <p>The action was not saved. Check {problems.length === 1 ? 'this' : 'these'}:</p>
          <ul>
            {problems.map((p) => (
              <li key={p.field + p.message}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      <div className="nps-actions">
        <PrimaryButton type="submit" disabled={saving} text={saving ? 'Saving…' : 'Save action'} />
        <DefaultButton onClick={() => onDone()} text="Cancel" />
      </div>
    </form>
  );
}

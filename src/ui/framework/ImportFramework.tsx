import * as React from 'react';
import { PrimaryButton, DefaultButton } from '@fluentui/react/lib/Button';
import { DataError, toDataError } from '../../data/errors';
import { FrameworkValidationError } from '../../framework/loadFramework';
import { ImportPlan, planIsEmpty } from '../../framework/frameworkFile';
import { Problem } from '../components/Problem';

export interface ImportFrameworkProps {
  /** What the file would change; throws FrameworkValidationError when it cannot be imported. */
  preview: (text: string) => ImportPlan;
  /** Applies a previewed plan; resolves with what was done. */
  apply: (text: string, plan: ImportPlan) => Promise<string[]>;
  onDone: (done: string[]) => void;
  onCancel: () => void;
}

function readText(file: File): Promise<string> {
  if (typeof file.text === 'function') return file.text();
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(file);
  });
}

function Changes({ title, items }: { title: string; items: Array<{ key: string; text: string; detail?: string[] }> }): JSX.Element | null {
  if (!items.length) return null;
  return (
    <section aria-label={title}>
      <h5>
        {title} ({items.length})
      </h5>
      <ul>
        {items.map((item) => (
          <li key={item.key}>
            {item.text}
            {item.detail && item.detail.length > 0 && <span className="nps-meta">: {item.detail.join('; ')}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Import a framework file (another council's export, a regional group's framework): the file is read
 * by the same loader as the built-in framework, then what it would change is shown, and nothing is
 * changed until the site owner confirms. A refused file is explained problem by problem.
 */
export function ImportFramework({ preview, apply, onDone, onCancel }: ImportFrameworkProps): JSX.Element {
  const [fileName, setFileName] = React.useState('');
  const [text, setText] = React.useState<string | undefined>();
  const [plan, setPlan] = React.useState<ImportPlan | undefined>();
  const [refused, setRefused] = React.useState<string[] | undefined>();
  const [error, setError] = React.useState<DataError | undefined>();
  const [applying, setApplying] = React.useState(false);
  const resultRef = React.useRef<HTMLDivElement>(null);

  const choose = async (file: File | undefined): Promise<void> => {
    setPlan(undefined);
    setRefused(undefined);
    setError(undefined);
    setText(undefined);
    if (!file) return;
    setFileName(file.name);
    try {
      const content = await readText(file);
      setText(content);
      setPlan(preview(content));
    } catch (e) {
      if (e instanceof FrameworkValidationError) setRefused(e.problems);
      else setError(toDataError(e));
    }
    window.setTimeout(() => resultRef.current?.focus(), 0);
  };

  const confirm = async (): Promise<void> => {
    if (!plan || text === undefined) return;
    setApplying(true);
    setError(undefined);
    try {
      onDone(await apply(text, plan));
    } catch (e) {
      if (e instanceof FrameworkValidationError) setRefused(e.problems);
      else setError(toDataError(e));
      setPlan(undefined);
    } finally {
      setApplying(false);
    }
  };

  return (
    <section className="nps-import" aria-labelledby="nps-import-title">
      <h4 id="nps-import-title" tabIndex={-1}>
        Import a framework file
      </h4>
      <p>
        Choose a framework file, such as one exported from this app by another council or your regional group. You will see what it would add, reword, retire or
        restore; nothing changes until you confirm. Years already submitted or signed off keep the framework they were assessed against.
      </p>
      <label htmlFor="nps-import-file">Framework file (.json)</label>
      <input id="nps-import-file" type="file" accept=".json,application/json" onChange={(e) => choose(e.target.files?.[0]).catch(() => undefined)} />
      <div ref={resultRef} tabIndex={-1} aria-live="polite">
        {refused && (
          <div role="alert" className="nps-error-summary">
            <p>
              {fileName} cannot be imported, so nothing has changed. {refused.length === 1 ? 'The problem:' : `The ${refused.length} problems:`}
            </p>
            <ul>
              {refused.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {plan && (
          <div className="nps-import-preview">
            <p>
              <strong>If you import {fileName}</strong> ({plan.file.title}, version {plan.file.version}):
            </p>
            {planIsEmpty(plan) ? (
              <p>Nothing would change: the site already has this framework.</p>
            ) : (
              <>
                <Changes title="Would be added" items={plan.added.map((a) => ({ key: a.index.id, text: `${a.index.title} (${a.index.kind === 'enabler' ? 'enabler' : `key area, ${a.themeTitle || a.index.themeId}`})` }))} />
                <Changes title="Would be reworded" items={plan.reworded.map((c) => ({ key: c.site.index.id, text: c.site.index.title, detail: c.changes }))} />
                <Changes title="Would be retired" items={plan.retired.map((r) => ({ key: r.index.id, text: r.index.title }))} />
                <Changes title="Would be restored" items={plan.restored.map((c) => ({ key: c.site.index.id, text: c.next.title, detail: c.changes }))} />
              </>
            )}
            {plan.unchanged > 0 && <p className="nps-meta">{plan.unchanged} unchanged.</p>}
            {plan.notes.map((n) => (
              <p key={n} className="nps-meta">
                {n}
              </p>
            ))}
          </div>
        )}
      </div>
      {error && <Problem error={error} onDismiss={() => setError(undefined)} />}
      <div className="nps-actions">
        {plan && !planIsEmpty(plan) && <PrimaryButton disabled={applying} onClick={() => confirm().catch(() => undefined)} text={applying ? 'Importing…' : 'Import these changes'} />}
        <DefaultButton onClick={onCancel} text={plan && !planIsEmpty(plan) ? 'Cancel: change nothing' : 'Close'} />
      </div>
    </section>
  );
}

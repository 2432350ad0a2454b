import * as React from 'react';
import { PrimaryButton, DefaultButton } from '@fluentui/react/lib/Button';
import { IndexAssessment } from '../../domain/assessment';
import { formatUkDate, formatUkDateTime } from '../../domain/dates';
import { levelTitle } from '../../domain/assessment';

type FieldKey = 'currentLevel' | 'targetLevel' | 'targetDate' | 'rationale' | 'evidence' | 'evidenceLinks';
type Pick3 = 'theirs' | 'yours' | 'both';

const FIELDS: Array<{ key: FieldKey; label: string; text?: boolean }> = [
  { key: 'currentLevel', label: 'Current level' },
  { key: 'targetLevel', label: 'Target level' },
  { key: 'targetDate', label: 'Target date' },
  { key: 'rationale', label: 'Rationale', text: true },
  { key: 'evidence', label: 'Evidence', text: true },
  { key: 'evidenceLinks', label: 'Evidence links', text: true },
];

function show(a: IndexAssessment, key: FieldKey): string {
  switch (key) {
    case 'currentLevel':
    case 'targetLevel':
      return levelTitle(a[key]);
    case 'targetDate':
      return a.targetDate ? formatUkDate(a.targetDate) : 'Not set';
    case 'evidenceLinks':
      return a.evidenceLinks.map((l) => `${l.description || l.url} (${l.url})`).join('\n') || 'None';
    default:
      return a[key] || 'Empty';
  }
}

function same(a: IndexAssessment, b: IndexAssessment, key: FieldKey): boolean {
  return JSON.stringify(a[key] ?? null) === JSON.stringify(b[key] ?? null);
}

/** Both versions combined field by field as chosen; text fields can keep both, one after the other. */
export function combine(theirs: IndexAssessment, yours: IndexAssessment, choices: Partial<Record<FieldKey, Pick3>>): IndexAssessment {
  const merged: IndexAssessment = { ...theirs };
  for (const { key } of FIELDS) {
    const choice = choices[key] ?? 'yours';
    if (choice === 'theirs') continue;
    if (choice === 'yours') (merged as unknown as Record<string, unknown>)[key] = yours[key];
    else if (key === 'evidenceLinks') {
      const urls = new Set(theirs.evidenceLinks.map((l) => l.url));
      merged.evidenceLinks = [...theirs.evidenceLinks, ...yours.evidenceLinks.filter((l) => !urls.has(l.url))];
    } else if (key === 'rationale' || key === 'evidence') {
      merged[key] = [theirs[key], yours[key]].filter(Boolean).join('\n\n');
    }
  }
  return { ...merged, id: theirs.id, etag: theirs.etag };
}

export interface ConflictResolverProps {
  theirs: IndexAssessment;
  yours: IndexAssessment;
  onResolve: (merged: IndexAssessment) => void;
  onCancel: () => void;
}

/**
 * Someone else saved first. Their version and yours side by side, field by field; the officer chooses
 * or keeps both, and nothing is overwritten until they save the result.
 */
export function ConflictResolver({ theirs, yours, onResolve, onCancel }: ConflictResolverProps): JSX.Element {
  const differing = FIELDS.filter((f) => !same(theirs, yours, f.key));
  const [choices, setChoices] = React.useState<Partial<Record<FieldKey, Pick3>>>({});
  const who = theirs.lastAssessedBy?.displayName ?? 'Someone';
  return (
    <section className="nps-conflict" aria-labelledby="nps-conflict-title" role="region">
      <h3 id="nps-conflict-title">
        {who} saved this{theirs.modified ? ` on ${formatUkDateTime(theirs.modified)}` : ''} while you were editing
      </h3>
      <p>Nothing has been overwritten. For each difference, choose which version to keep, then save.</p>
      <table className="nps-table">
        <caption className="nps-visually-hidden">Differences between their saved version and yours</caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Their version (saved)</th>
            <th scope="col">Your version (not saved)</th>
            <th scope="col">Keep</th>
          </tr>
        </thead>
        <tbody>
          {differing.map(({ key, label, text }) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td className="nps-pre">{show(theirs, key)}</td>
              <td className="nps-pre">{show(yours, key)}</td>
              <td>
                <fieldset className="nps-inline-choice">
                  <legend className="nps-visually-hidden">Keep which {label.toLowerCase()}</legend>
                  {(['yours', 'theirs', ...(text ? ['both'] : [])] as Pick3[]).map((option) => (
                    <label key={option}>
                      <input
                        type="radio"
                        name={`conflict-${key}`}
                        checked={(choices[key] ?? 'yours') === option}
                        onChange={() => setChoices({ ...choices, [key]: option })}
                      />{' '}
                      {option === 'yours' ? 'Yours' : option === 'theirs' ? 'Theirs' : 'Both'}
                    </label>
                  ))}
                </fieldset>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="nps-actions">
        <PrimaryButton onClick={() => onResolve(combine(theirs, yours, choices))}>Save the combined version</PrimaryButton>
        <DefaultButton onClick={onCancel}>Keep editing</DefaultButton>
      </div>
    </section>
  );
}

import * as React from 'react';
import { PrimaryButton, DefaultButton } from '@fluentui/react/lib/Button';
import { ASSESSMENT_CONTENT, ASSESSMENT_CONTENT_KEYS, AssessmentContentKey, IndexAssessment, levelTitle, sameAssessmentContent } from '../../domain/assessment';
import { formatUkDate, formatUkDateTime } from '../../domain/dates';
import { LevelId } from '../../framework/types';

type FieldKey = AssessmentContentKey;
type Pick3 = 'theirs' | 'yours' | 'both';

/** Every field a person writes, from the one description of an assessment; text can keep both versions. */
const FIELDS: Array<{ key: FieldKey; label: string; text?: boolean }> = ASSESSMENT_CONTENT_KEYS.map((key) => ({
  key,
  label: ASSESSMENT_CONTENT[key].label,
  text: ASSESSMENT_CONTENT[key].kind === 'text' || ASSESSMENT_CONTENT[key].kind === 'links',
}));

function show(a: IndexAssessment, key: FieldKey): string {
  switch (ASSESSMENT_CONTENT[key].kind) {
    case 'level':
      return levelTitle(a[key] as LevelId | undefined);
    case 'date':
      return a[key] ? formatUkDate(a[key] as string) : 'Not set';
    case 'links':
      return a.evidenceLinks.map((l) => `${l.description || l.url} (${l.url})`).join('\n') || 'None';
    default:
      return (a[key] as string) || 'Empty';
  }
}

function same(a: IndexAssessment, b: IndexAssessment, key: FieldKey): boolean {
  return sameAssessmentContent(a, b, key);
}

/** Both versions combined field by field as chosen; text fields can keep both, one after the other. */
export function combine(theirs: IndexAssessment, yours: IndexAssessment, choices: Partial<Record<FieldKey, Pick3>>): IndexAssessment {
  const merged: IndexAssessment = { ...theirs };
  for (const { key } of FIELDS) {
    const choice = choices[key] ?? 'yours';
    if (choice === 'theirs') continue;
    if (choice === 'yours') (merged as unknown as Record<string, unknown>)[key] = yours[key];
    else if (ASSESSMENT_CONTENT[key].kind === 'links') {
      const urls = new Set(theirs.evidenceLinks.map((l) => l.url));
      merged.evidenceLinks = [...theirs.evidenceLinks, ...yours.evidenceLinks.filter((l) => !urls.has(l.url))];
    } else if (ASSESSMENT_CONTENT[key].kind === 'text') {
      (merged as unknown as Record<string, unknown>)[key] = [theirs[key], yours[key]].filter(Boolean).join('\n\n');
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
      <h4 id="nps-conflict-title">
        {who} saved this{theirs.modified ? ` on ${formatUkDateTime(theirs.modified)}` : ''} while you were editing
      </h4>
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

/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import { npsFramework2018 } from '../../src/framework';
import { emptyAssessment, IndexAssessment } from '../../src/domain/assessment';
import { ConflictError, DataError } from '../../src/data/errors';
import { AssessmentEditor } from '../../src/ui/assessment/AssessmentEditor';
import { browserDraftStore, DraftStore } from '../../src/ui/drafts';

const framework = npsFramework2018();
const index = framework.indices.find((i) => i.id === 'engaging-councillors')!;

function setup(overrides: Partial<React.ComponentProps<typeof AssessmentEditor>> = {}, drafts: DraftStore = browserDraftStore(window.localStorage)) {
  const onSave = jest.fn(async (a: IndexAssessment) => ({ ...a, id: a.id ?? 1, etag: '"2"', modified: '2026-11-25T10:00:00Z' }));
  const onSaved = jest.fn();
  const utils = render(
    <AssessmentEditor
      framework={framework}
      index={index}
      saved={emptyAssessment('2025/26', index.id)}
      periodStart="2025-04-01"
      readOnly={false}
      drafts={drafts}
      draftKey="test:2025/26:engaging-councillors"
      onSave={onSave}
      onSaved={onSaved}
      onClose={() => undefined}
      {...overrides}
    />
  );
  return { ...utils, onSave, onSaved, drafts };
}

const evidenceBox = (): HTMLElement => screen.getByRole('textbox', { name: /^Evidence/ });

beforeEach(() => window.localStorage.clear());

describe('assessing one index', () => {
  it('offers the strategy\'s five descriptors as the choices for the current level', () => {
    setup();
    const group = screen.getByRole('group', { name: 'Where the council stands now (current level)' });
    const radios = within(group).getAllByRole('radio');
    expect(radios.map((r) => (r as HTMLInputElement).value)).toEqual(['minimum', 'developing', 'mature', 'leader', 'innovator']);
    expect(screen.getByRole('radio', { name: /Mature/ })).toHaveAccessibleDescription('Councillor engagement is delivering better results on some projects.');
  });

  it('saves the chosen level and evidence, and clears the draft', async () => {
    const { onSave, onSaved, drafts } = setup();
    fireEvent.click(screen.getByRole('radio', { name: /Developing/ }));
    fireEvent.change(evidenceBox(), { target: { value: 'Member training log 2025' } });
    expect(drafts.load<IndexAssessment>('test:2025/26:engaging-councillors')?.value.evidence).toBe('Member training log 2025');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(onSave.mock.calls[0][0]).toMatchObject({ currentLevel: 'developing', evidence: 'Member training log 2025', indexId: 'engaging-councillors' });
    expect(drafts.load('test:2025/26:engaging-councillors')).toBeUndefined();
    expect(screen.getByRole('status')).toHaveTextContent('Saved 25 November 2026 at 10:00');
  });

  it('offers back what was typed before a reload, and restores it on request', async () => {
    const drafts = browserDraftStore(window.localStorage);
    drafts.save('test:2025/26:engaging-councillors', { ...emptyAssessment('2025/26', index.id), evidence: 'Typed before the crash' });
    setup({}, drafts);
    expect(await screen.findByText(/You have unsaved changes to this assessment from/)).toBeInTheDocument();
    expect(evidenceBox()).toHaveValue('');
    fireEvent.click(screen.getByRole('button', { name: 'Restore my changes' }));
    expect(evidenceBox()).toHaveValue('Typed before the crash');
  });

  it('keeps the work as a draft when the save fails, and says so', async () => {
    const { drafts } = setup({ onSave: async () => { throw new DataError('throttled', 'SharePoint is busy and asked us to wait. Nothing was lost; try again in a minute.', 429); } });
    fireEvent.change(evidenceBox(), { target: { value: 'Audit report' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/SharePoint is busy/)).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Not saved. Your changes are kept on this device.');
    expect(drafts.load<IndexAssessment>('test:2025/26:engaging-councillors')?.value.evidence).toBe('Audit report');
  });

  it('shows both versions when someone else saved first, and saves the combination chosen', async () => {
    const theirs: IndexAssessment = { ...emptyAssessment('2025/26', index.id), id: 4, etag: '"3"', currentLevel: 'mature', evidence: 'Their evidence', lastAssessedBy: { id: 9, displayName: 'Tom Whitfield' }, modified: '2026-11-25T09:00:00Z' };
    let calls = 0;
    const onSave = jest.fn(async (a: IndexAssessment) => {
      calls += 1;
      if (calls === 1) throw new ConflictError(theirs);
      return { ...a, modified: '2026-11-25T10:00:00Z' };
    });
    setup({ saved: { ...emptyAssessment('2025/26', index.id), id: 4, etag: '"2"' }, onSave });
    fireEvent.click(screen.getByRole('radio', { name: /Developing/ }));
    fireEvent.change(evidenceBox(), { target: { value: 'My evidence' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const conflict = await screen.findByRole('region', { name: /Tom Whitfield saved this on 25 November 2026 at 09:00 while you were editing/ });
    const evidenceRow = within(conflict).getByRole('row', { name: /Evidence/ });
    expect(evidenceRow).toHaveTextContent('Their evidence');
    expect(evidenceRow).toHaveTextContent('My evidence');
    fireEvent.click(within(evidenceRow).getByRole('radio', { name: 'Both' }));
    fireEvent.click(within(within(conflict).getByRole('row', { name: /Current level/ })).getByRole('radio', { name: 'Theirs' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save the combined version' }));
    await waitFor(() => expect(onSave).toHaveBeenCalledTimes(2));
    expect(onSave.mock.calls[1][0]).toMatchObject({ etag: '"3"', currentLevel: 'mature', evidence: 'Their evidence\n\nMy evidence' });
  });

  it('refuses an impossible target date with a specific message and sends nothing', async () => {
    const { onSave } = setup({ saved: { ...emptyAssessment('2025/26', index.id), targetLevel: 'leader', targetDate: '2024-01-31' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findAllByText('The target date is before this assessment period; choose a later date.')).not.toHaveLength(0);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('shows text that looks like HTML as text, never as markup', () => {
    const script = '<img src=x onerror="window.hacked=1"><b>bold</b>';
    const { container } = setup({ saved: { ...emptyAssessment('2025/26', index.id), evidence: script, lastAssessedBy: { id: 1, displayName: '<script>alert(1)</script>' } } });
    expect(evidenceBox()).toHaveValue(script);
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(screen.getByText(/Last assessed by <script>alert\(1\)<\/script>/)).toBeInTheDocument();
    expect((window as unknown as { hacked?: number }).hacked).toBeUndefined();
  });

  it('shows no edit controls to a read-only user', async () => {
    setup({ readOnly: true });
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.getByRole('group', { name: /current level/ })).toBeDisabled();
    expect(await screen.findByText('You can read this assessment but not change it.')).toBeInTheDocument();
  });
});

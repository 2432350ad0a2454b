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

  it('restores a draft with the version it was typed against, so a colleague\'s later save leads to the conflict view, not an overwrite', async () => {
    const drafts = browserDraftStore(window.localStorage);
    drafts.save('test:2025/26:engaging-councillors', { ...emptyAssessment('2025/26', index.id), id: 4, etag: '"2"', evidence: 'Typed against version 2' });
    const current: IndexAssessment = { ...emptyAssessment('2025/26', index.id), id: 4, etag: '"3"', evidence: 'Tom saved this', lastAssessedBy: { id: 9, displayName: 'Tom Whitfield' }, modified: '2026-11-25T09:00:00Z' };
    // SharePoint's rule: a save must name the version it replaces.
    const onSave = jest.fn(async (a: IndexAssessment) => {
      if (a.etag !== current.etag) throw new ConflictError(current);
      return { ...a, etag: '"4"', modified: '2026-11-25T10:00:00Z' };
    });
    setup({ saved: current, onSave }, drafts);
    expect(await screen.findByText(/Tom Whitfield has saved it since; when you save, you can compare the two/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Restore my changes' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const conflict = await screen.findByRole('region', { name: /Tom Whitfield saved this on 25 November 2026 at 09:00 while you were editing/ });
    const evidenceRow = within(conflict).getByRole('row', { name: /Evidence/ });
    expect(evidenceRow).toHaveTextContent('Tom saved this');
    expect(evidenceRow).toHaveTextContent('Typed against version 2');
    expect(onSave.mock.calls[0][0]).toMatchObject({ etag: '"2"' });
    expect(drafts.load<IndexAssessment>('test:2025/26:engaging-councillors')?.value.evidence).toBe('Typed against version 2');
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

  it('shows a link from the list that is not a web address as plain text, never as a link', () => {
    const { container } = setup({
      readOnly: true,
      saved: {
        ...emptyAssessment('2025/26', index.id),
        evidenceLinks: [
          { url: 'javascript:alert(1)', description: 'Member training log' },
          { url: ' JaVa\tScRiPt:alert(1)', description: '' },
          { url: 'https://borsetshire.sharepoint.com/sites/procurement/Audit.pdf', description: 'Internal audit report' },
        ],
      },
    });
    const hrefs = Array.from(container.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(hrefs).toEqual(['https://borsetshire.sharepoint.com/sites/procurement/Audit.pdf']);
    expect(screen.getByText('javascript:alert(1)')).toBeInTheDocument();
    expect(screen.getAllByText('(not a web address, so not shown as a link)')).toHaveLength(2);
    const audit = screen.getByRole('link', { name: /Internal audit report/ });
    expect(audit).toHaveAttribute('target', '_blank');
    expect(audit).toHaveAttribute('rel', 'noopener noreferrer');
    expect(audit).toHaveAccessibleName('Internal audit report (opens in a new tab)');
  });

  it('links attached evidence files whose names have spaces', async () => {
    const attachments = {
      list: jest.fn(async () => [{ name: 'Audit report.pdf', url: '/sites/procurement/Lists/Assessments/Attachments/4/Audit report.pdf' }]),
      add: jest.fn(),
      remove: jest.fn(),
    };
    setup({ saved: { ...emptyAssessment('2025/26', index.id), id: 4 }, attachments });
    const link = await screen.findByRole('link', { name: /Audit report.pdf/ });
    expect(link).toHaveAttribute('href', '/sites/procurement/Lists/Assessments/Attachments/4/Audit%20report.pdf');
    expect(link).toHaveAttribute('target', '_blank');
  });

  const dateBox = (): HTMLElement => screen.getByRole('combobox', { name: /Target date/ });
  const typeDate = (text: string): void => {
    fireEvent.change(dateBox(), { target: { value: text } });
    fireEvent.blur(dateBox());
  };

  it('says an impossible typed date is not a real date, keeps it in the box and does not save', async () => {
    const { onSave } = setup({ saved: { ...emptyAssessment('2025/26', index.id), targetLevel: 'leader', targetDate: '2026-03-31' } });
    typeDate('31/02/2026');
    expect(await screen.findByText('Target date: 31/02/2026 is not a real date. February 2026 has 28 days.')).toBeInTheDocument();
    expect(dateBox()).toHaveValue('31/02/2026');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByText('Check these before saving:')).parentElement).toHaveTextContent('Target date: 31/02/2026 is not a real date.');
    expect(screen.getByRole('status')).toHaveTextContent('Not saved: one field needs attention.');
    expect(screen.getByRole('status')).not.toHaveTextContent('Saved');
    expect(onSave).not.toHaveBeenCalled();
    expect(dateBox()).toHaveValue('31/02/2026');
  });

  it('saves the corrected date once the typed date is real', async () => {
    const { onSave, onSaved } = setup({ saved: { ...emptyAssessment('2025/26', index.id), targetLevel: 'leader' } });
    typeDate('31/02/2027');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onSave).not.toHaveBeenCalled();
    typeDate('28/02/2027');
    expect(dateBox()).toHaveValue('28 February 2027');
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(onSave.mock.calls[0][0]).toMatchObject({ targetDate: '2027-02-28' });
  });

  it.each([
    ['31/12/9999', '31 December 9999'],
    ['01/01/0001', '1 January 0001'],
  ])('refuses %s before sending, naming the range', async (typed, inWords) => {
    const { onSave } = setup({ saved: { ...emptyAssessment('2025/26', index.id), targetLevel: 'leader' } });
    typeDate(typed);
    const message = `Target date must be between 1 January 2000 and 31 December 2099; ${inWords} is outside that range.`;
    expect(await screen.findByText(message)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Check these before saving:')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Not saved: one field needs attention.');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('refuses a target date from the list outside the range, saying so by the field', async () => {
    const { onSave } = setup({ saved: { ...emptyAssessment('2025/26', index.id), targetLevel: 'leader', targetDate: '9999-12-31' } });
    const message = 'Target date must be between 1 January 2000 and 31 December 2099; 31 December 9999 is outside that range.';
    expect(await screen.findByText(message)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Check these before saving:')).toBeInTheDocument();
    expect(screen.getByRole('status')).toHaveTextContent('Not saved: one field needs attention.');
    expect(onSave).not.toHaveBeenCalled();
  });

  it('names an evidence link description over the limit and keeps the text', async () => {
    const long = 'x'.repeat(100000);
    const { onSave } = setup({
      saved: {
        ...emptyAssessment('2025/26', index.id),
        evidenceLinks: [
          { url: 'https://borsetshire.sharepoint.com/a', description: 'Audit' },
          { url: 'https://borsetshire.sharepoint.com/b', description: long },
        ],
      },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const message = 'Description of evidence link 2 is 100,000 characters; the limit is 255. Shorten it by 99,745.';
    expect((await screen.findByText('Check these before saving:')).parentElement).toHaveTextContent(message);
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Link 2 description' })).toHaveAccessibleDescription(message));
    expect(screen.getByRole('textbox', { name: 'Link 2 description' })).toHaveValue(long);
    expect(onSave).not.toHaveBeenCalled();
  });

  describe('a target below the current level', () => {
    const below = (): ReturnType<typeof setup> => setup({ saved: { ...emptyAssessment('2025/26', index.id), currentLevel: 'mature', targetLevel: 'developing', evidence: 'Scrutiny minutes' } });

    it('asks before saving, and saves when the answer is Save anyway', async () => {
      const { onSave, onSaved } = below();
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      const dialog = await screen.findByRole('alertdialog');
      expect(dialog).toHaveTextContent('The target (Developing) is below the current level (Mature). Save anyway?');
      expect(onSave).not.toHaveBeenCalled();
      // Focus moves into the question, onto the answer that changes nothing.
      await waitFor(() => expect(within(dialog).getByRole('button', { name: 'Change the target' })).toHaveFocus());
      fireEvent.click(within(dialog).getByRole('button', { name: 'Save anyway' }));
      await waitFor(() => expect(onSaved).toHaveBeenCalled());
      expect(onSave.mock.calls[0][0]).toMatchObject({ currentLevel: 'mature', targetLevel: 'developing' });
    });

    it('saves nothing and returns to the target when the answer is Change the target', async () => {
      const { onSave } = below();
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Change the target' }));
      await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
      expect(onSave).not.toHaveBeenCalled();
      expect(screen.getByRole('status')).toHaveTextContent('Not saved. Change the target level, then save.');
      await waitFor(() => expect(screen.getByRole('combobox', { name: /Target level/ })).toHaveFocus());
    });

    it('does not ask when the target is at or above the current level', async () => {
      const { onSaved } = setup({ saved: { ...emptyAssessment('2025/26', index.id), currentLevel: 'mature', targetLevel: 'mature' } });
      fireEvent.click(screen.getByRole('button', { name: 'Save' }));
      await waitFor(() => expect(onSaved).toHaveBeenCalled());
      expect(screen.queryByRole('alertdialog')).toBeNull();
    });
  });

  it('shows no edit controls to a read-only user', async () => {
    setup({ readOnly: true });
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(screen.getByRole('group', { name: /current level/ })).toBeDisabled();
    expect(await screen.findByText('You can read this assessment but not change it.')).toBeInTheDocument();
  });
});

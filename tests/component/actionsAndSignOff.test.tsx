/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import { npsFramework2018 } from '../../src/framework';
import { ActionPlanItem } from '../../src/domain/actions';
import { AssessmentPeriod } from '../../src/domain/periods';
import { ActionPlans } from '../../src/ui/actions/ActionPlans';
import { SignOffBar } from '../../src/ui/assessment/SignOffBar';
import { browserDraftStore } from '../../src/ui/drafts';

const framework = npsFramework2018();
const aisha = { id: 7, displayName: 'Aisha Khan', email: 'aisha.khan@borsetshire.example' };
const tom = { id: 8, displayName: 'Tom Whitfield', email: 'tom.whitfield@borsetshire.example' };
const action = (id: number, title: string, owner: typeof aisha, dueDate: string, status: ActionPlanItem['status'] = 'In progress'): ActionPlanItem => ({
  id, periodName: '2025/26', indexId: 'developing-talent', title, details: '', owner, dueDate, status, progressNotes: '',
});
const people = {
  search: jest.fn(async (q: string) => [aisha, tom].filter((p) => p.displayName.toLowerCase().includes(q.toLowerCase())).map((p) => ({ key: `i:0#.f|membership|${p.email}`, displayName: p.displayName, email: p.email, jobTitle: 'Procurement Officer' }))),
  ensure: jest.fn(async (key: string) => [aisha, tom].find((p) => key.endsWith(p.email))!),
};

function renderPlans(actions: ActionPlanItem[], onSave = jest.fn(async (a: ActionPlanItem) => ({ ...a, id: 99 })), canEdit = true) {
  const onSaved = jest.fn();
  render(
    <ActionPlans framework={framework} periodName="2025/26" actions={actions} today="2026-11-25" canEdit={canEdit} currentUserId={aisha.id}
      people={people} drafts={browserDraftStore(window.localStorage)} draftPrefix="t" onSave={onSave} onSaved={onSaved} />
  );
  return { onSave, onSaved };
}

beforeEach(() => window.localStorage.clear());

describe('action plans', () => {
  const actions = [action(1, 'Agree a competency framework', aisha, '2026-09-30'), action(2, 'Recruit apprentices', tom, '2027-03-01', 'Not started'), action(3, 'Publish contracts register', aisha, '2026-06-30', 'Complete')];

  it('shows RAG in words and marks overdue actions', () => {
    renderPlans(actions);
    const table = screen.getByRole('table', { name: 'Enabler: Developing talent' });
    const overdue = within(table).getByRole('row', { name: /Agree a competency framework/ });
    expect(overdue).toHaveTextContent('30 September 2026 (overdue)');
    expect(overdue).toHaveTextContent('Red');
    expect(within(table).getByRole('row', { name: /Recruit apprentices/ })).toHaveTextContent('Green');
    expect(within(table).getByRole('row', { name: /Publish contracts register/ })).toHaveTextContent('Closed');
    expect(screen.getByText(/3 actions, 1 overdue/)).toBeInTheDocument();
  });

  it('filters to the signed-in person\'s actions', () => {
    renderPlans(actions);
    fireEvent.click(screen.getByRole('switch', { name: 'Only my actions' }));
    expect(screen.queryByText('Recruit apprentices')).toBeNull();
    expect(screen.getByText(/2 actions owned by you/)).toBeInTheDocument();
  });

  it('adds an action with an owner chosen from the people picker', async () => {
    const { onSave, onSaved } = renderPlans([]);
    fireEvent.click(screen.getByRole('button', { name: 'Add an action' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Action' }), { target: { value: 'Run supplier day' } });
    const picker = screen.getByRole('combobox', { name: 'Owner' });
    picker.focus();
    fireEvent.input(picker, { target: { value: 'Tom' } });
    await waitFor(() => expect(people.search).toHaveBeenCalledWith('Tom'));
    fireEvent.click(await screen.findByText('Tom Whitfield'));
    await waitFor(() => expect(people.ensure).toHaveBeenCalledWith('i:0#.f|membership|tom.whitfield@borsetshire.example'));
    fireEvent.change(screen.getByRole('combobox', { name: /Due date/ }), { target: { value: '31/01/2027' } });
    fireEvent.blur(screen.getByRole('combobox', { name: /Due date/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Save action' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(onSave.mock.calls[0][0]).toMatchObject({ title: 'Run supplier day', owner: tom, dueDate: '2027-01-31', status: 'Not started', indexId: 'developing-talent' });
  });

  it('refuses an action with no owner or due date, naming both', async () => {
    const { onSave } = renderPlans([]);
    fireEvent.click(screen.getByRole('button', { name: 'Add an action' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Action' }), { target: { value: 'Something' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save action' }));
    expect(await screen.findByText('Choose who owns this action.')).toBeInTheDocument();
    expect(screen.getByText('Enter the date the action is due.')).toBeInTheDocument();
    expect(onSave).not.toHaveBeenCalled();
  });

  it('shows no add or edit buttons to someone who cannot edit', () => {
    renderPlans(actions, undefined, false);
    expect(screen.queryByRole('button', { name: 'Add an action' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit action/ })).toBeNull();
  });
});

describe('sign-off bar', () => {
  const period: AssessmentPeriod = { id: 1, name: '2025/26', startDate: '2025-04-01', endDate: '2026-03-31', status: 'Draft', returnComment: '', frameworkId: 'nps-2018', frameworkVersion: '1.0.0' };

  it('lists exactly what is missing instead of submitting', async () => {
    const onAction = jest.fn(async () => undefined);
    render(<SignOffBar period={period} role="officer" canEditPeriods missing={['Enabling innovation: no current level, target level or evidence']} isLatest onAction={onAction} />);
    fireEvent.click(screen.getByRole('button', { name: 'Submit for sign-off' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enabling innovation: no current level, target level or evidence');
    expect(onAction).not.toHaveBeenCalled();
  });

  it('asks an approver why before returning, and offers sign-off', async () => {
    const onAction = jest.fn(async () => undefined);
    render(<SignOffBar period={{ ...period, status: 'Submitted', submittedBy: aisha, submittedOn: '2026-11-20T10:00:00Z' }} role="approver" canEditPeriods missing={[]} isLatest onAction={onAction} />);
    expect(await screen.findByText(/submitted for sign-off by Aisha Khan on 20 November 2026 at 10:00/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Return for changes' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Why is it being returned/ }), { target: { value: 'Evidence for SMEs is thin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Return with this comment' }));
    await waitFor(() => expect(onAction).toHaveBeenCalledWith('return', 'Evidence for SMEs is thin'));
    expect(screen.getByRole('button', { name: 'Sign off' })).toBeInTheDocument();
  });

  it('offers officers nothing while the period waits for sign-off', () => {
    render(<SignOffBar period={{ ...period, status: 'Submitted' }} role="officer" canEditPeriods missing={[]} isLatest onAction={jest.fn()} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

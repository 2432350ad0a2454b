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
import { DataError, ValidationError } from '../../src/data/errors';

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
    await waitFor(() => expect(people.ensure).toHaveBeenCalledWith('i:0#.f|membership|tom.whitfield@borsetshire.example', 'Tom Whitfield'));
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
    const summary = (await screen.findByText('The action was not saved. Check these:')).parentElement!;
    expect(summary).toHaveTextContent('Choose who owns this action.');
    expect(summary).toHaveTextContent('Enter the date the action is due.');
    expect(onSave).not.toHaveBeenCalled();
  });

  async function openNewAction(): Promise<void> {
    fireEvent.click(screen.getByRole('button', { name: 'Add an action' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Action' }), { target: { value: 'Run supplier day' } });
  }
  const typeDueDate = (text: string): void => {
    const box = screen.getByRole('combobox', { name: /Due date/ });
    fireEvent.change(box, { target: { value: text } });
    fireEvent.blur(box);
  };

  it.each([
    ['01/01/9999', '1 January 9999'],
    ['01/01/0001', '1 January 0001'],
    ['31/12/2100', '31 December 2100'],
  ])('refuses a due date of %s, naming the range, and keeps what was typed', async (typed, inWords) => {
    const { onSave } = renderPlans([]);
    await openNewAction();
    typeDueDate(typed);
    const message = `Due date must be between 1 January 2000 and 31 December 2099; ${inWords} is outside that range.`;
    expect(await screen.findByText(message)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save action' }));
    expect((await screen.findByText(/The action was not saved/)).parentElement).toHaveTextContent(message);
    expect(screen.getByRole('combobox', { name: /Due date/ })).toHaveValue(typed);
    expect(onSave).not.toHaveBeenCalled();
  });

  it('says an impossible due date is not a real date instead of saving the old one', async () => {
    const existing = action(5, 'Publish a pipeline', aisha, '2027-03-31');
    const { onSave } = renderPlans([existing]);
    fireEvent.click(screen.getByRole('button', { name: 'Edit action Publish a pipeline' }));
    const box = await screen.findByRole('combobox', { name: /Due date/ });
    expect(box).toHaveValue('31 March 2027');
    typeDueDate('31/02/2027');
    expect(await screen.findByText('Due date: 31/02/2027 is not a real date. February 2027 has 28 days.')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Save action' }));
    expect((await screen.findByText(/The action was not saved/)).parentElement).toHaveTextContent('Due date: 31/02/2027 is not a real date.');
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByRole('combobox', { name: /Due date/ })).toHaveValue('31/02/2027');
  });

  it('names an action title over the limit and by how much', async () => {
    const { onSave } = renderPlans([action(6, 'x'.repeat(300), aisha, '2027-03-31')]);
    fireEvent.click(screen.getByRole('button', { name: /^Edit action x+$/ }));
    const title = await screen.findByRole('textbox', { name: 'Action' });
    expect(title).toHaveAccessibleDescription('300 of 255 characters');
    fireEvent.click(screen.getByRole('button', { name: 'Save action' }));
    const message = 'Action is 300 characters; the limit is 255. Shorten it by 45.';
    expect((await screen.findByText(/The action was not saved/)).parentElement).toHaveTextContent(message);
    expect(onSave).not.toHaveBeenCalled();
    expect(title).toHaveValue('x'.repeat(300));
  });

  it('shows no add or edit buttons to someone who cannot edit', () => {
    renderPlans(actions, undefined, false);
    expect(screen.queryByRole('button', { name: 'Add an action' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Edit action/ })).toBeNull();
  });
});

describe('sign-off bar', () => {
  const period: AssessmentPeriod = { id: 1, name: '2025/26', startDate: '2025-04-01', endDate: '2026-03-31', status: 'Draft', returnComment: '', frameworkId: 'nps-2018', frameworkVersion: '1.0.0', history: [], problems: [] };

  it('lists exactly what is missing instead of submitting', async () => {
    const onAction = jest.fn(async () => undefined);
    render(<SignOffBar period={period} role="officer" canSubmit canDecide missing={['Enabling innovation: no current level, target level or evidence']} isLatest onAction={onAction} />);
    fireEvent.click(screen.getByRole('button', { name: 'Submit for sign-off' }));
    expect(screen.getByRole('alert')).toHaveTextContent('Enabling innovation: no current level, target level or evidence');
    expect(onAction).not.toHaveBeenCalled();
  });

  it('asks an approver why before returning, and offers sign-off', async () => {
    const onAction = jest.fn(async () => undefined);
    render(<SignOffBar period={{ ...period, status: 'Submitted', submittedBy: aisha, submittedOn: '2026-11-20T10:00:00Z' }} role="approver" canSubmit canDecide missing={[]} isLatest onAction={onAction} />);
    expect(await screen.findByText(/submitted for sign-off by Aisha Khan on 20 November 2026 at 10:00/)).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Return for changes' }));
    fireEvent.change(screen.getByRole('textbox', { name: /Why is it being returned/ }), { target: { value: 'Evidence for SMEs is thin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Return with this comment' }));
    await waitFor(() => expect(onAction).toHaveBeenCalledWith('return', 'Evidence for SMEs is thin'));
    expect(screen.getByRole('button', { name: 'Sign off' })).toBeInTheDocument();
  });

  const startReturning = (onAction: jest.Mock): void => {
    render(<SignOffBar period={{ ...period, status: 'Submitted', submittedBy: aisha, submittedOn: '2026-11-20T10:00:00Z' }} role="approver" canSubmit canDecide missing={[]} isLatest onAction={onAction} />);
    fireEvent.click(screen.getByRole('button', { name: 'Return for changes' }));
  };
  const commentBox = (): HTMLElement => screen.getByRole('textbox', { name: /Why is it being returned/ });

  it('keeps the return comment open, with the comment, when SharePoint is busy', async () => {
    const onAction = jest.fn(async () => {
      throw new DataError('throttled', 'SharePoint is busy and asked us to wait. Nothing was lost; try again in a minute.', 503);
    });
    startReturning(onAction);
    fireEvent.change(commentBox(), { target: { value: 'Evidence for SMEs is thin' } });
    fireEvent.click(screen.getByRole('button', { name: 'Return with this comment' }));
    expect(await screen.findByText(/SharePoint is busy/)).toBeInTheDocument();
    expect(onAction).toHaveBeenCalledWith('return', 'Evidence for SMEs is thin');
    expect(commentBox()).toHaveValue('Evidence for SMEs is thin');
    expect(screen.getByRole('button', { name: 'Return with this comment' })).toBeEnabled();
  });

  it('keeps the comment when a raw 503 comes back', async () => {
    const onAction = jest.fn(async () => {
      throw Object.assign(new Error('Error making HttpClient request in queryable [503] Service Unavailable'), { status: 503 });
    });
    startReturning(onAction);
    fireEvent.change(commentBox(), { target: { value: 'Please add the audit' } });
    fireEvent.click(screen.getByRole('button', { name: 'Return with this comment' }));
    expect(await screen.findByText(/SharePoint is busy/)).toBeInTheDocument();
    expect(commentBox()).toHaveValue('Please add the audit');
  });

  it('says the comment is too long before sending, and keeps it to shorten', async () => {
    const onAction = jest.fn(async () => undefined);
    startReturning(onAction);
    const long = 'a'.repeat(2050);
    fireEvent.change(commentBox(), { target: { value: long } });
    fireEvent.click(screen.getByRole('button', { name: 'Return with this comment' }));
    expect(await screen.findByText('The comment is 2,050 characters; the limit is 2,000. Shorten it by 50.')).toBeInTheDocument();
    expect(onAction).not.toHaveBeenCalled();
    expect(commentBox()).toHaveValue(long);
  });

  it('shows the refusal when the list refuses the comment, keeping it', async () => {
    const onAction = jest.fn(async () => {
      throw new ValidationError([{ field: 'comment', message: 'The comment is 2001 characters; the limit is 2000.' }]);
    });
    startReturning(onAction);
    fireEvent.change(commentBox(), { target: { value: 'Short enough here' } });
    fireEvent.click(screen.getByRole('button', { name: 'Return with this comment' }));
    expect(await screen.findByText('The comment is 2001 characters; the limit is 2000.')).toBeInTheDocument();
    expect(commentBox()).toHaveValue('Short enough here');
  });

  it('offers officers nothing while the period waits for sign-off', () => {
    render(<SignOffBar period={{ ...period, status: 'Submitted' }} role="officer" canSubmit canDecide missing={[]} isLatest onAction={jest.fn()} />);
    expect(screen.queryByRole('button')).toBeNull();
  });
});

/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import '@testing-library/jest-dom';
import { ActionPlanItem } from '../../src/domain/actions';
import { RemindOwners } from '../../src/ui/dashboard/RemindOwners';
import { HostContext } from '../../src/host';
import { sendActionReminders } from '../../src/data/reminders';

jest.mock('../../src/data/reminders', () => ({ sendActionReminders: jest.fn() }));
const send = sendActionReminders as jest.MockedFunction<typeof sendActionReminders>;

const aisha = { id: 7, displayName: 'Aisha Khan', email: 'aisha.khan@borsetshire.example' };
const tom = { id: 8, displayName: 'Tom Whitfield', email: 'tom.whitfield@borsetshire.example' };
const action = (id: number, owner: typeof aisha, dueDate: string, status: ActionPlanItem['status'] = 'In progress'): ActionPlanItem => ({
  id, periodName: '2075/76', indexId: 'developing-talent', title: `Action ${id}`, details: '', owner, dueDate, status, progressNotes: '',
});
const NOW = new Date('2075-11-20T10:00:00Z');
const ACTIONS = [action(1, aisha, '2075-11-01'), action(2, tom, '2075-11-30'), action(3, tom, '2076-02-01'), action(4, aisha, '2075-10-01', 'Complete')];
const host = { links: undefined } as unknown as HostContext;
const services = { sp: {}, mail: { send: jest.fn() }, site: { currentUser: async () => aisha } } as never;

function show(role: 'officer' | 'approver' | 'scrutiny') {
  return render(<RemindOwners host={host} services={services} role={role} periodName="2075/76" actions={ACTIONS} indexTitles={{}} now={NOW} />);
}

describe('Remind action owners', () => {
  it('is offered to officers and approvers with the number of actions overdue or due within 14 days, not to councillors', () => {
    show('approver');
    expect(screen.getByRole('button', { name: 'Remind action owners (2 overdue or due within 14 days)' })).toBeEnabled();
    document.body.innerHTML = '';
    show('scrutiny');
    expect(screen.queryByRole('button', { name: /Remind action owners/ })).toBeNull();
  });

  it('says who was reminded and who was not, naming a failed mail', async () => {
    send.mockResolvedValue({
      sent: [{ name: 'Aisha Khan', count: 1 }],
      failed: [{ name: 'Tom Whitfield', reason: 'Microsoft Graph refused it (HTTP 500)' }],
      notRecorded: [],
      skipped: [],
    });
    show('officer');
    fireEvent.click(screen.getByRole('button', { name: /Remind action owners/ }));
    expect(await screen.findByText('Reminded Aisha Khan (1 action).')).toBeInTheDocument();
    expect(screen.getByText('The reminder to Tom Whitfield was not sent: Microsoft Graph refused it (HTTP 500). Let them know another way.')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Warning:');
    expect(send.mock.calls[0][1]).toMatchObject({ periodName: '2075/76', senderName: 'Aisha Khan' });
  });
});

/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import '@testing-library/jest-dom';
import { UkDatePicker } from '../../src/ui/components/UkDatePicker';
import { SafeLink } from '../../src/ui/components/SafeLink';

function Harness({ initial, onChange, onProblemChange }: { initial?: string; onChange?: jest.Mock; onProblemChange?: jest.Mock }): JSX.Element {
  const [value, setValue] = React.useState<string | undefined>(initial);
  return (
    <>
      <UkDatePicker label="Target date" value={value} onChange={(v) => { setValue(v); onChange?.(v); }} onProblemChange={onProblemChange} />
      <button type="button" onClick={() => setValue('2027-06-30')}>Restore a draft</button>
      <output aria-label="held">{value ?? 'none'}</output>
    </>
  );
}

const box = (): HTMLElement => screen.getByRole('combobox', { name: /Target date/ });
const type = (text: string): void => {
  fireEvent.change(box(), { target: { value: text } });
  fireEvent.blur(box());
};

describe('the UK date picker', () => {
  it('shows a date in full and takes a typed dd/mm/yyyy date', () => {
    const onChange = jest.fn();
    render(<Harness initial="2026-03-31" onChange={onChange} />);
    expect(box()).toHaveValue('31 March 2026');
    type('1/4/2026');
    expect(onChange).toHaveBeenLastCalledWith('2026-04-01');
    expect(box()).toHaveValue('1 April 2026');
  });

  it('keeps an impossible date in the box, says why, and tells the form', async () => {
    const onChange = jest.fn();
    const onProblemChange = jest.fn();
    render(<Harness initial="2026-03-31" onChange={onChange} onProblemChange={onProblemChange} />);
    type('31/02/2026');
    expect(await screen.findByText('Target date: 31/02/2026 is not a real date. February 2026 has 28 days.')).toBeInTheDocument();
    expect(box()).toHaveValue('31/02/2026');
    expect(onChange).not.toHaveBeenCalled();
    expect(onProblemChange).toHaveBeenLastCalledWith('Target date: 31/02/2026 is not a real date. February 2026 has 28 days.');
    type('28/02/2026');
    expect(onProblemChange).toHaveBeenLastCalledWith(undefined);
    expect(screen.getByRole('status', { name: 'held' })).toHaveTextContent('2026-02-28');
  });

  it('shows the problem when Enter is pressed in the box', async () => {
    render(<Harness />);
    fireEvent.change(box(), { target: { value: '31/12/9999' } });
    fireEvent.keyDown(box(), { key: 'Enter', code: 'Enter', keyCode: 13, which: 13 });
    expect(await screen.findByText('Target date must be between 1 January 2000 and 31 December 2099; 31 December 9999 is outside that range.')).toBeInTheDocument();
  });

  it('clears the date when the box is emptied', () => {
    const onChange = jest.fn();
    render(<Harness initial="2026-03-31" onChange={onChange} />);
    type('');
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });

  it('shows a new value from outside (a restored draft) in place of the typed text', async () => {
    const onProblemChange = jest.fn();
    render(<Harness initial="2026-03-31" onProblemChange={onProblemChange} />);
    type('nonsense');
    fireEvent.click(screen.getByRole('button', { name: 'Restore a draft' }));
    await waitFor(() => expect(box()).toHaveValue('30 June 2027'));
    expect(onProblemChange).toHaveBeenLastCalledWith(undefined);
  });

  it('shows text typed into the list as it is, with what is wrong', async () => {
    render(<Harness initial="end of March" />);
    expect(box()).toHaveValue('end of March');
    expect(await screen.findByText('Target date: "end of March" is not a date.')).toBeInTheDocument();
  });

  it('takes a day chosen on the calendar', async () => {
    const onChange = jest.fn();
    render(<Harness initial="2026-03-31" onChange={onChange} />);
    fireEvent.click(screen.getByRole('button', { name: 'Target date' }));
    fireEvent.click(await screen.findByRole('button', { name: /^15, March, 2026/ }));
    await waitFor(() => expect(onChange).toHaveBeenCalledWith('2026-03-15'));
    expect(box()).toHaveValue('15 March 2026');
  });
});

describe('links made safe', () => {
  it('links a web address, opening in a new tab', () => {
    render(<SafeLink url="https://borsetshire.sharepoint.com/a.pdf">Audit</SafeLink>);
    const link = screen.getByRole('link', { name: 'Audit (opens in a new tab)' });
    expect(link).toHaveAttribute('href', 'https://borsetshire.sharepoint.com/a.pdf');
    expect(link).toHaveAttribute('rel', 'noopener noreferrer');
    expect(link).toHaveAttribute('target', '_blank');
  });

  it('links a site-relative address in the same tab', () => {
    render(<SafeLink url="/sites/procurement/SitePages/Home.aspx">Home</SafeLink>);
    const link = screen.getByRole('link', { name: 'Home' });
    expect(link).toHaveAttribute('href', '/sites/procurement/SitePages/Home.aspx');
    expect(link).not.toHaveAttribute('target');
  });

  it.each(['javascript:alert(1)', 'java\tscript:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', '//evil.example', 'vbscript:msgbox(1)'])(
    'shows %j as text with the address visible',
    (url) => {
      const { container } = render(<SafeLink url={url}>Evidence</SafeLink>);
      expect(container.querySelector('a')).toBeNull();
      expect(container.querySelector('script')).toBeNull();
      expect(container.textContent).toContain(url);
      expect(container.textContent).toContain('Evidence');
      expect(container.textContent).toContain('(not a web address, so not shown as a link)');
    }
  );

  it('shows the address itself when there is no description', () => {
    render(<SafeLink url="https://borsetshire.sharepoint.com/a.pdf" />);
    expect(screen.getByRole('link', { name: 'https://borsetshire.sharepoint.com/a.pdf (opens in a new tab)' })).toBeInTheDocument();
  });
});

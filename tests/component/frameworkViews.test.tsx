/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { act, render, screen, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import { npsFramework2018 } from '../../src/framework';
import { FrameworkOverview } from '../../src/ui/components/FrameworkOverview';
import { DescriptorText, LevelDescriptors } from '../../src/ui/components/LevelDescriptors';
import { IndexAbout } from '../../src/ui/components/IndexAbout';
import { TargetGuidance } from '../../src/ui/components/TargetGuidance';
import { LevelChoice } from '../../src/ui/assessment/LevelChoice';
import { ThemedRoot } from '../../src/ui/components/ThemedRoot';
import { SectionColours } from '../../src/host';
import { MaturityChart } from '../../src/ui/dashboard/MaturityChart';
import { emptyAssessment } from '../../src/domain/assessment';
import { previewHost } from '../support/host';
import { IndexTable } from '../../src/ui/assessment/IndexTable';

const framework = npsFramework2018();

describe('the framework shown to users', () => {
  it('lists every key area under its theme, then the enablers', () => {
    render(<FrameworkOverview framework={framework} />);
    const leadership = screen.getByRole('region', { name: 'Theme: Showing leadership' });
    expect(within(leadership).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Engaging councillors',
      'Engaging senior managers',
      'Working with partners',
      'Engaging strategic suppliers',
    ]);
    const counts = framework.themes.map((t) => [t.title, within(screen.getByRole('region', { name: `Theme: ${t.title}` })).getAllByRole('heading', { level: 3 }).length]);
    expect(counts).toEqual([
      ['Showing leadership', 4],
      ['Behaving commercially', 3],
      ['Achieving community benefits', 3],
    ]);
    expect(within(screen.getByRole('region', { name: 'Enablers' })).getAllByRole('heading', { level: 3 })).toHaveLength(4);
  });

  it('shows the five level descriptors of an index in order', () => {
    render(<FrameworkOverview framework={framework} />);
    const councillors = screen.getByRole('region', { name: 'Engaging councillors' });
    expect(within(councillors).getAllByRole('term').map((t) => t.textContent)).toEqual(['1. Minimum', '2. Developing', '3. Mature', '4. Leader', '5. Innovator']);
    expect(within(councillors).getByText('Councillors regard procurement and commercial issues as purely operational matters.')).toBeInTheDocument();
  });

  it('follows the Teams theme, including a switch while open', () => {
    let notify: (t: 'default' | 'dark' | 'contrast') => void = () => undefined;
    const { container } = render(
      <ThemedRoot host={previewHost({ kind: 'TeamsTab', theme: 'dark', onThemeChange: (l) => { notify = l; } })}>
        <p>content</p>
      </ThemedRoot>
    );
    expect(container.querySelector('[data-theme]')).toHaveAttribute('data-theme', 'dark');
    act(() => notify('contrast'));
    expect(container.querySelector('[data-theme]')).toHaveAttribute('data-theme', 'contrast');
  });

  it('on a SharePoint page takes the colours of its section, and follows a change of background', () => {
    let notify: (s: SectionColours | undefined) => void = () => undefined;
    const dark: SectionColours = { background: '#1b1a19', text: '#f3f2f1', link: '#3cb6ba', isInverted: true };
    const { container } = render(
      <ThemedRoot host={previewHost({ kind: 'SharePoint', section: dark, onSectionChange: (l) => { notify = l; } })}>
        <p>content</p>
      </ThemedRoot>
    );
    const root = container.querySelector('[data-theme]') as HTMLElement;
    expect(root).toHaveAttribute('data-section', 'dark');
    expect(root.style.getPropertyValue('--nps-bg')).toBe('#1b1a19');
    expect(root.style.getPropertyValue('--nps-text')).toBe('#f3f2f1');
    expect(root.style.getPropertyValue('--nps-link')).toBe('#3cb6ba');
    act(() => notify({ background: '#f3f2f1', text: '#323130' }));
    expect(root).toHaveAttribute('data-section', 'light');
    expect(root.style.getPropertyValue('--nps-bg')).toBe('#f3f2f1');
    expect(root.style.getPropertyValue('--nps-text')).toBe('#323130');
  });

  it('in Teams follows the Teams theme, not the SharePoint site the tab runs on', () => {
    const { container } = render(
      <ThemedRoot host={previewHost({ kind: 'TeamsTab', theme: 'dark', section: { background: '#ffffff', text: '#323130' } })}>
        <p>content</p>
      </ThemedRoot>
    );
    const root = container.querySelector('[data-theme]') as HTMLElement;
    expect(root.style.getPropertyValue('--nps-bg')).toBe('#1f1f1f');
    expect(root).not.toHaveAttribute('data-section');
  });

  it("says whose words an index is in, and why a retired one is still shown, in the table and the editor's about text", () => {
    const local = { ...framework.indices[0], id: 'local-ethical-procurement', title: 'Ethical procurement', kind: 'keyArea' as const, origin: 'local' as const, startingPoint: 'ethical-procurement' as const, whatItIs: 'Our own words.', whyItIsImportant: '' };
    const retired = { ...framework.indices[1], retired: true };
    const shown = { ...framework, indices: [local, retired, ...framework.indices.slice(2)] };
    render(<IndexTable framework={shown} assessments={[]} canEdit={false} onOpen={() => undefined} />);
    expect(screen.getByRole('rowheader', { name: /Ethical procurement/ })).toHaveTextContent('Added by the council: not part of the National Procurement Strategy 2018');
    expect(screen.getByRole('rowheader', { name: new RegExp(retired.title) })).toHaveTextContent('Retired: kept because this year assessed it');
    expect(screen.getByRole('rowheader', { name: new RegExp(framework.indices[2].title) })).not.toHaveTextContent(/Added by the council|Retired/);
    render(<IndexAbout index={local} />);
    // The strategy's own sentence, and only that, is quoted as its source; the rest is the council's.
    expect(screen.getByText(/voluntary compliance with the Modern Slavery Act 2015/)).toBeInTheDocument();
    expect(screen.getByText(/Everything else about this index is written by\s+your council/)).toBeInTheDocument();
  });

  it('gives the maturity chart a table with the same figures, and hides the picture from screen readers', () => {
    const a = { ...emptyAssessment('2025/26', 'engaging-councillors'), currentLevel: 'developing' as const, targetLevel: 'leader' as const };
    const { container } = render(<MaturityChart framework={framework} assessments={[a]} periodName="2025/26" />);
    expect(container.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    const table = screen.getByRole('table', { name: 'Current level and target, 2025/26' });
    const row = within(table).getByRole('row', { name: /Engaging councillors/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Developing', 'Leader', '2 levels below target']);
    expect(within(table).getAllByRole('row')).toHaveLength(15);
  });

  it('shows a Leader descriptor the strategy prints as bullets as an intro and a real list', () => {
    render(<FrameworkOverview framework={framework} />);
    const talent = screen.getByRole('region', { name: 'Developing talent' });
    const leaderTerm = within(talent).getByText('4. Leader');
    const leader = leaderTerm.nextElementSibling as HTMLElement;
    expect(leader.tagName).toBe('DD');
    expect(within(leader).getByText(/^Planned approach to talent development .* workload including:$/).tagName).toBe('P');
    const items = within(within(leader).getByRole('list')).getAllByRole('listitem').map((li) => li.textContent);
    expect(items).toEqual([
      'Contracts pipeline',
      'Resourcing plan',
      'Competency framework',
      'Remuneration strategy',
      'Comprehensive training and development plan including provision for development of staff not currently in procurement or contract management roles',
      'Secondments to and from the private sector and VCSE sector.',
    ]);
    // The other levels stay single paragraphs.
    expect(within(talent).getAllByRole('list')).toHaveLength(1);
    expect(within(screen.getByRole('region', { name: 'Enabling innovation' })).getAllByRole('listitem')).toHaveLength(2);
    expect(within(screen.getByRole('region', { name: 'Exploiting digital technology' })).getAllByRole('listitem')).toHaveLength(3);
  });

  it('offers a list descriptor as a level choice, described to a screen reader in full', () => {
    const index = framework.indices.find((i) => i.id === 'enabling-innovation')!;
    render(<LevelChoice framework={framework} index={index} legend="Current level" name="current" onChange={() => undefined} />);
    const leader = screen.getByRole('radio', { name: /Leader/ });
    expect(leader).toHaveAccessibleDescription(
      'Innovation in procurement and contract management is mainstreamed. Procurement techniques such as innovation partnerships, pre-commercial procurements used regularly.'
    );
    const described = document.getElementById(leader.getAttribute('aria-describedby')!)!;
    expect(within(described).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByRole('radio', { name: /Mature/ })).toHaveAccessibleDescription(index.descriptors.mature);
  });

  it('shows descriptor text as text, never as markup, whoever typed it into SharePoint', () => {
    const { container } = render(<DescriptorText text={'<img src=x onerror=alert(1)> intro\n- <b>bold</b>\n- two'} />);
    expect(container.querySelector('img, b')).toBeNull();
    expect(screen.getByText('<img src=x onerror=alert(1)> intro')).toBeInTheDocument();
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['<b>bold</b>', 'two']);
  });

  it('puts a label at the start of the text, or on its own line before a list', () => {
    const { container, rerender } = render(<DescriptorText lead={<strong>What it is:</strong>} text="One paragraph." />);
    expect(container.querySelector('p')?.textContent).toBe('What it is: One paragraph.');
    rerender(<DescriptorText lead={<strong>What it is:</strong>} text={'- a\n- b'} />);
    expect(container.querySelector('p')?.textContent).toBe('What it is:');
    expect(screen.getAllByRole('listitem')).toHaveLength(2);
  });

  it('shows what it is and why it is important, each with its label', () => {
    const index = framework.indices.find((i) => i.id === 'engaging-councillors')!;
    render(<IndexAbout index={index} />);
    expect(screen.getByText('What it is:').parentElement).toHaveTextContent(`What it is: ${index.whatItIs}`);
    expect(screen.getByText('Why it is important:').parentElement).toHaveTextContent(`Why it is important: ${index.whyItIsImportant}`);
    render(<IndexAbout index={framework.indices.find((i) => i.id === 'developing-talent')!} />);
    expect(screen.getAllByText('What it is:')).toHaveLength(1);
  });

  it('shows the level descriptors of a tailored index with a list typed in SharePoint', () => {
    const index = { ...framework.indices[0], descriptors: { ...framework.indices[0].descriptors, mature: 'Better results:\r\n- on some projects\r\n- with members trained' } };
    render(<LevelDescriptors framework={framework} index={index} />);
    expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual(['on some projects', 'with members trained']);
  });

  it('gives the strategy\'s words on choosing a target, as a note that can describe the target picker', () => {
    render(<TargetGuidance framework={framework} id="target-help" />);
    const note = screen.getByRole('note', { name: 'Choosing a target level' });
    expect(note).toHaveAttribute('id', 'target-help');
    expect(note).toHaveTextContent('there are no national targets');
    const quote = note.querySelector('blockquote')!;
    expect(quote).toHaveTextContent(/^The idea is that each council chooses the level of maturity it will aim for in each of the key areas\./);
    expect(quote).toHaveTextContent('there is nothing ‘wrong’ about a council setting ‘developing’ or ‘mature’ (for example) as its target level of maturity in a particular area; it can be entirely appropriate.');
    expect(quote.querySelectorAll('p')).toHaveLength(2);
    expect(note).toHaveTextContent(`From the ${framework.title}.`);
  });

  it('shows no target guidance when a framework has none', () => {
    const { container } = render(<TargetGuidance framework={{ ...framework, targetGuidance: ' ' }} />);
    expect(container).toBeEmptyDOMElement();
  });
});

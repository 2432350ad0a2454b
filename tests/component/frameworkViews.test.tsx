/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { act, render, screen, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import { npsFramework2018 } from '../../src/framework';
import { FrameworkOverview } from '../../src/ui/components/FrameworkOverview';
import { ThemedRoot } from '../../src/ui/components/ThemedRoot';
import { MaturityChart } from '../../src/ui/dashboard/MaturityChart';
import { emptyAssessment } from '../../src/domain/assessment';
import { previewHost } from '../support/host';

const framework = npsFramework2018();

describe('the framework shown to users', () => {
  it('lists every key area under its theme, then the enablers', () => {
    render(<FrameworkOverview framework={framework} />);
    const leadership = screen.getByRole('region', { name: 'Theme: Showing leadership' });
    expect(within(leadership).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Engaging councillors',
      'Engaging senior managers',
      'Working with partners',
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

  it('gives the maturity chart a table with the same figures, and hides the picture from screen readers', () => {
    const a = { ...emptyAssessment('2025/26', 'engaging-councillors'), currentLevel: 'developing' as const, targetLevel: 'leader' as const };
    const { container } = render(<MaturityChart framework={framework} assessments={[a]} periodName="2025/26" />);
    expect(container.querySelector('svg')).toHaveAttribute('aria-hidden', 'true');
    const table = screen.getByRole('table', { name: 'Current level and target, 2025/26' });
    const row = within(table).getByRole('row', { name: /Engaging councillors/ });
    expect(within(row).getAllByRole('cell').map((c) => c.textContent)).toEqual(['Developing', 'Leader', '2 levels below target']);
    expect(within(table).getAllByRole('row')).toHaveLength(15);
  });
});

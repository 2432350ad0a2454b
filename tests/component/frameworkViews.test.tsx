/**
 * @jest-environment jsdom
 */
import * as React from 'react';
import { act, render, screen, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import { npsFramework2018 } from '../../src/framework';
import { AssessmentApp } from '../../src/ui/views/AssessmentApp';
import { ProcurementDashboardApp } from '../../src/ui/views/ProcurementDashboardApp';
import { ScrutinyReviewApp } from '../../src/ui/views/ScrutinyReviewApp';
import { previewHost } from '../support/host';

const framework = npsFramework2018();

describe('views showing the framework', () => {
  it('the assessment view lists every key area under its theme, then the enablers', () => {
    render(<AssessmentApp host={previewHost()} framework={framework} title="Procurement maturity assessment" />);
    expect(screen.getByRole('heading', { level: 1, name: 'Procurement maturity assessment' })).toBeInTheDocument();
    const leadership = screen.getByRole('region', { name: 'Theme: Showing leadership' });
    expect(within(leadership).getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual([
      'Engaging councillors',
      'Engaging senior managers',
      'Working with partners',
    ]);
    const enablerRegion = screen.getByRole('region', { name: 'Enablers' });
    expect(within(enablerRegion).getAllByRole('heading', { level: 3 })).toHaveLength(4);
    expect(screen.getByText(/10 key areas and 4 enablers/)).toBeInTheDocument();
  });

  it('shows the five level descriptors of an index in order', () => {
    render(<AssessmentApp host={previewHost()} framework={framework} title="Assessment" />);
    const councillors = screen.getByRole('region', { name: 'Engaging councillors' });
    const terms = within(councillors).getAllByRole('term').map((t) => t.textContent);
    expect(terms).toEqual(['1. Minimum', '2. Developing', '3. Mature', '4. Leader', '5. Innovator']);
    expect(within(councillors).getByText('Councillors regard procurement and commercial issues as purely operational matters.')).toBeInTheDocument();
  });

  it('the dashboard tabulates themes and their key areas with a caption', () => {
    render(<ProcurementDashboardApp host={previewHost()} framework={framework} title="Dashboard" />);
    const table = screen.getByRole('table', { name: /What the council assesses/ });
    expect(within(table).getByRole('rowheader', { name: 'Behaving commercially' })).toBeInTheDocument();
    expect(within(table).getByText(/Engaging strategic suppliers; Creating commercial opportunities/)).toBeInTheDocument();
  });

  it('the scrutiny view names the five levels for councillors', () => {
    render(<ScrutinyReviewApp host={previewHost()} framework={framework} title="Scrutiny" />);
    expect(screen.getByText(/Minimum, Developing, Mature, Leader, Innovator/)).toBeInTheDocument();
  });

  it('follows the Teams theme, including a switch while open', () => {
    let notify: (t: 'default' | 'dark' | 'contrast') => void = () => undefined;
    const { container } = render(
      <AssessmentApp host={previewHost({ kind: 'TeamsTab', theme: 'dark', onThemeChange: (l) => { notify = l; } })} framework={framework} title="A" />
    );
    expect(container.querySelector('[data-theme]')).toHaveAttribute('data-theme', 'dark');
    act(() => notify('contrast'));
    expect(container.querySelector('[data-theme]')).toHaveAttribute('data-theme', 'contrast');
  });
});

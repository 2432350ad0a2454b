/**
 * @jest-environment ./tests/support/jsdomWithFetch.js
 */
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import { npsFramework2018 } from '../../src/framework';
import { AssessmentApp } from '../../src/ui/views/AssessmentApp';
import { browserDraftStore } from '../../src/ui/drafts';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { removeDir, RunningService, servicesAs, setUpSite, startListService, spAs } from '../support/listService';
import { previewHost } from '../support/host';

/*
 * The Assessment view rendered in jsdom against the real local list service, over HTTP, with the
 * product's own data code: what a site owner and an officer meet on a fresh site. Each test starts a
 * site of its own and brings it to the state it needs, so any test can run alone.
 */
const framework = npsFramework2018();
const officer = DIRECTORY.find((p) => p.role === 'officer')!;
let service: RunningService;

function renderAs(login: string) {
  const services = servicesAs(service, login);
  return render(<AssessmentApp host={previewHost({ siteUrl: service.siteUrl })} services={services} framework={framework} title="Procurement maturity assessment" drafts={browserDraftStore(window.localStorage)} today="2026-11-25" />);
}

beforeEach(async () => {
  window.localStorage.clear();
  service = await startListService();
}, 60000);

afterEach(async () => {
  await service?.stop();
  if (service) removeDir(service.dataDir);
});

describe('the Assessment view on a live site', () => {
  it('tells someone with no access how to get it, rather than failing', async () => {
    const { unmount } = renderAs(officer.loginName);
    expect(await screen.findByText(/You do not have access to the procurement maturity assessment on this site. Ask a site owner/)).toBeInTheDocument();
    unmount();
  });

  it('tells a site member the app is not set up yet', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    await owner.web.siteGroups.getById((await owner.web.associatedMemberGroup()).Id).users.add(officer.loginName);
    const { unmount } = renderAs(officer.loginName);
    expect(await screen.findByText(/The app is not set up on this site yet. Ask a site owner/)).toBeInTheDocument();
    unmount();
  });

  it('lets the site owner run set-up from the web part and see what it did', async () => {
    const { unmount } = renderAs(SITE_OWNER.loginName);
    fireEvent.click(await screen.findByRole('button', { name: 'Run set-up' }));
    const report = await screen.findByRole('heading', { name: 'What set-up did' }, { timeout: 15000 });
    expect(report.parentElement).toHaveTextContent('Created the SharePoint group Procurement officers');
    expect(report.parentElement).toHaveTextContent('Added the 14 key areas and enablers');
    unmount();
  }, 30000);

  it('lets an officer start the first period and shows every index by theme, none assessed', async () => {
    await setUpSite(service, { officers: [officer.loginName] });
    renderAs(officer.loginName);
    fireEvent.click(await screen.findByRole('button', { name: 'Start the 2026/27 assessment' }));
    expect(await screen.findByText('0 of 14 assessed', {}, { timeout: 10000 })).toBeInTheDocument();
    const leadership = screen.getByRole('table', { name: 'Theme: Showing leadership' });
    // Figure 1 of the strategy: four key areas under Showing leadership, plus the header row.
    expect(within(leadership).getAllByRole('row')).toHaveLength(5);
    expect(within(leadership).getByRole('row', { name: /Engaging councillors/ })).toHaveTextContent(/Not set.*Not set.*Not assessed.*Not started/);
  }, 30000);

  it('says SharePoint is busy when it keeps throttling, and recovers on "Try again"', async () => {
    await setUpSite(service, { officers: [officer.loginName] });
    await servicesAs(service, officer.loginName).periods.create('2026/27', framework);
    await fetch(`${service.url}/_local/throttle`, { method: 'POST', body: JSON.stringify({ count: 40, status: 503, retryAfter: 0 }) });
    renderAs(officer.loginName);
    expect(await screen.findByText(/SharePoint is busy and asked us to wait/, {}, { timeout: 15000 })).toBeInTheDocument();
    await fetch(`${service.url}/_local/throttle`, { method: 'POST', body: JSON.stringify({ count: 0 }) });
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    await waitFor(() => expect(screen.getByText('0 of 14 assessed')).toBeInTheDocument(), { timeout: 10000 });
  }, 30000);
});

/**
 * @jest-environment ./tests/support/jsdomWithFetch.js
 */
import * as React from 'react';
import { render, screen } from '@testing-library/react';
import '@testing-library/jest-dom';
import { npsFramework2018 } from '../../src/framework';
import { ProcurementDashboardApp } from '../../src/ui/views/ProcurementDashboardApp';
import { DIRECTORY } from '../../preview/server/directory';
import { assessedYear } from '../support/workflow';
import { RunningService, servicesAs, setUpSite, startListService } from '../support/listService';
import { previewHost } from '../support/host';

// The trend and gap tables are a chunk of their own: here it cannot be loaded (a dropped connection, a
// redeployed site whose old chunk has gone).
jest.mock('../../src/ui/dashboard/DashboardDetail', () => {
  throw new Error('Loading chunk dashboard-detail failed.');
});

const framework = npsFramework2018();
const OFFICER = DIRECTORY.filter((p) => p.role === 'officer')[0];
const APPROVER = DIRECTORY.filter((p) => p.role === 'headOfProcurement')[0];
let service: RunningService;

beforeAll(async () => {
  service = await startListService();
  await setUpSite(service, { officers: [OFFICER.loginName], approvers: [APPROVER.loginName] });
}, 90000);

afterAll(async () => {
  await service?.stop();
});

it('says the trends could not be loaded, and still shows the rest of the dashboard, when their code does not load', async () => {
  await assessedYear(servicesAs(service, OFFICER.loginName), '2095/96');
  render(<ProcurementDashboardApp host={previewHost({ siteUrl: service.siteUrl })} services={servicesAs(service, APPROVER.loginName)} framework={framework} title="Procurement dashboard" today="2026-11-25" />);
  expect(await screen.findByText('The trends, gaps and action health could not be loaded. Check your connection and reload the page.')).toBeInTheDocument();
  expect(screen.getByRole('heading', { name: 'Headlines' })).toBeInTheDocument();
  expect(screen.queryByText('Loading the trends…')).not.toBeInTheDocument();
  expect(screen.queryByRole('heading', { name: 'Levels over the years' })).not.toBeInTheDocument();
}, 60000);

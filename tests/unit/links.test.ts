import { linkFor, notificationLinks } from '../../src/ui/links';
import { HostLinks } from '../../src/host';

/*
 * Who is sent where: officers work in Teams; managers and councillors open SharePoint pages, and only
 * pages that were configured. Nothing is guessed.
 */
const teams = (t: { periodName?: string; indexId?: string }) => `https://teams.microsoft.com/l/entity/app/tab?period=${t.periodName}`;
const site = 'https://borsetshire.sharepoint.com/sites/procurement/SitePages';
const configured: HostLinks = {
  teamsAssessment: teams,
  pages: { assessment: `${site}/Assessment.aspx`, dashboard: `${site}/Dashboard.aspx`, scrutiny: `${site}/Scrutiny.aspx` },
};
const target = { periodName: '2025/26', indexId: 'developing-talent' };

describe('links for each audience', () => {
  it('sends officers to the assessment in Teams', () => {
    expect(linkFor(configured, 'officers', 'assessment', target)).toBe('https://teams.microsoft.com/l/entity/app/tab?period=2025/26');
  });

  it('sends managers and councillors to SharePoint pages, never Teams', () => {
    expect(linkFor(configured, 'managers', 'assessment', target)).toBe(`${site}/Assessment.aspx?period=2025%2F26&index=developing-talent`);
    expect(linkFor(configured, 'councillors', 'scrutiny', { periodName: '2025/26' })).toBe(`${site}/Scrutiny.aspx?period=2025%2F26`);
    expect(linkFor({ teamsAssessment: teams, pages: {} }, 'councillors', 'assessment', target)).toBeUndefined();
  });

  it('gives no link where no page is configured, rather than guessing one', () => {
    expect(linkFor({ pages: {} }, 'managers', 'dashboard', target)).toBeUndefined();
    expect(linkFor(undefined, 'officers', 'assessment', target)).toBeUndefined();
    // Without the tenant's Teams app id, officers go to the assessment page if there is one.
    expect(linkFor({ pages: { assessment: `${site}/Assessment.aspx` } }, 'officers', 'assessment', target)).toBe(`${site}/Assessment.aspx?period=2025%2F26&index=developing-talent`);
  });

  it('emails approvers the dashboard, officers the assessment, and challenges the scrutiny review', () => {
    const links = notificationLinks(configured);
    expect(links.approvers!({ periodName: '2025/26' })).toBe(`${site}/Dashboard.aspx?period=2025%2F26`);
    expect(links.officers!({ periodName: '2025/26' })).toMatch(/^https:\/\/teams\.microsoft\.com\//);
    expect(links.challenges!(target)).toBe(`${site}/Scrutiny.aspx?period=2025%2F26&index=developing-talent`);
    const bare = notificationLinks({ pages: { assessment: `${site}/Assessment.aspx` } });
    expect(bare.approvers!({ periodName: '2025/26' })).toBe(`${site}/Assessment.aspx?period=2025%2F26`);
  });
});

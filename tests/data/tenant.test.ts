import { findProcurementSite, notSetUpMessage, SETTINGS } from '../../src/data/procurementSite';
import { DataError } from '../../src/data/errors';
import { GROUPS } from '../../src/data/siteService';
import { LISTS } from '../../src/data/schema';
import { loadWorkspace } from '../../src/data/workspace';
import { npsFramework2018 } from '../../src/framework';
import { DIRECTORY, SITE_OWNER, PROCUREMENT_TEAM, PROCUREMENT_M365_GROUP, securityGroupClaim } from '../../preview/server/directory';
import { RunningService, servicesAs, setUpSite, spAs, startListService } from '../support/listService';

/*
 * The product in a real tenant: the web parts find the procurement site through a tenant property,
 * wherever they run (a Teams personal app runs on the tenant's root site); roles come from what
 * SharePoint lets each person do, however they are a member (a Microsoft 365 group, an Entra ID
 * security group); and people not yet on the site can still be named. Each test makes its own site.
 */
const framework = npsFramework2018();
const byName = (displayName: string) => DIRECTORY.find((p) => p.displayName === displayName)!;
const OFFICER = DIRECTORY.filter((p) => p.role === 'officer')[0];

async function setProperty(service: RunningService, key: string, value: string): Promise<void> {
  const res = await fetch(`${service.url}/_local/storage-entity`, { method: 'POST', body: JSON.stringify({ key, value, description: 'test' }) });
  expect(res.status).toBe(200);
}

let service: RunningService | undefined;
afterEach(async () => {
  await service?.stop();
  service = undefined;
});

describe('finding the procurement site from wherever the web part runs', () => {
  it('uses the site the web part is on when no tenant property is set', async () => {
    service = await startListService();
    const here = spAs(service.siteUrl, OFFICER.loginName);
    expect(await findProcurementSite(here, service.siteUrl)).toMatchObject({ siteUrl: service.siteUrl, source: 'thisSite', pages: {} });
  }, 30000);

  it('reads the tenant property on the root site, as a personal app does, and then reads the lists on the procurement site', async () => {
    service = await startListService();
    await setUpSite(service, { officers: [OFFICER.loginName] });
    await servicesAs(service, OFFICER.loginName).periods.create('2025/26', framework);
    await setProperty(service, SETTINGS.site, service.siteUrl);
    await setProperty(service, SETTINGS.dashboardPage, `${service.siteUrl}/SitePages/Dashboard.aspx`);
    // The personal app's page is the tenant's root site, which holds none of the app's lists.
    const root = spAs(service.url, OFFICER.loginName);
    await expect(root.web.lists.getByTitle(LISTS.periods.title)()).rejects.toMatchObject({ status: 404 });
    const site = await findProcurementSite(root, service.url);
    expect(site).toMatchObject({ siteUrl: service.siteUrl, source: 'tenant', pages: { dashboard: `${service.siteUrl}/SitePages/Dashboard.aspx` } });
    const workspace = await loadWorkspace(servicesAs({ url: service.url, siteUrl: site.siteUrl }, OFFICER.loginName), framework);
    expect(workspace.period?.name).toBe('2025/26');
    expect(workspace.role).toBe('officer');
  }, 60000);

  it('says which property is wrong and how to set it, when it is not a web address', async () => {
    service = await startListService();
    await setProperty(service, SETTINGS.site, 'procurement site');
    const error = await findProcurementSite(spAs(service.url, OFFICER.loginName), service.url).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.message).toMatch(/The tenant property NpsMaturitySiteUrl holds "procurement site", which is not a web address/);
    expect(error.message).toMatch(/m365 spo storageentity set --appCatalogUrl .* --key NpsMaturitySiteUrl --value/);
  }, 30000);

  it('says exactly what to do when the property points at a site without the lists', async () => {
    service = await startListService();
    await setProperty(service, SETTINGS.site, service.url);
    const site = await findProcurementSite(spAs(service.url, OFFICER.loginName), service.url);
    const error = await loadWorkspace(servicesAs({ url: service.url, siteUrl: site.siteUrl }, SITE_OWNER.loginName), framework).catch((e) => e);
    expect(error).toBeInstanceOf(DataError);
    expect(error.kind).toBe('notSetUp');
    expect(notSetUpMessage(site)).toMatch(new RegExp(`The tenant property NpsMaturitySiteUrl points at ${service.url}, but the procurement maturity lists are not there`));
  }, 30000);
});

describe('roles from what SharePoint lets each person do', () => {
  it('treats a Microsoft 365 group owner on a Teams-connected site as a site owner, and its members as readers who keep read access after set-up', async () => {
    service = await startListService({ extraArgs: ['--group-connected'] });
    await setUpSite(service, {});
    // An owner of the team who is neither site collection admin nor in any SharePoint group directly.
    const groupOwner = DIRECTORY.find((p) => PROCUREMENT_M365_GROUP.owners.includes(p.loginName) && p.loginName !== SITE_OWNER.loginName)!;
    const ownerView = await loadWorkspace(servicesAs(service, groupOwner.loginName), framework);
    expect(ownerView.user.isSiteAdmin).toBe(false);
    expect(ownerView.role).toBe('owner');
    // A team member in none of the app's groups reads the lists, and cannot write them.
    const member = byName('Kevin Doyle');
    const memberView = await loadWorkspace(servicesAs(service, member.loginName), framework);
    expect(memberView.role).toBe('reader');
    expect(memberView.framework.indices).toHaveLength(14);
    expect(memberView.access.assessments).toEqual({ canAdd: false, canEdit: false });
  }, 60000);

  it('recognises an officer who is in Procurement officers only through an Entra ID security group', async () => {
    service = await startListService();
    await setUpSite(service, {});
    const teamClaim = securityGroupClaim(PROCUREMENT_TEAM.objectId);
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    await owner.web.ensureUser(teamClaim);
    const [officers] = await owner.web.siteGroups.filter(`Title eq '${GROUPS.officers}'`)();
    await owner.web.siteGroups.getById(officers.Id).users.add(teamClaim);
    const viaGroup = byName('Daniel Osei');
    const view = await loadWorkspace(servicesAs(service, viaGroup.loginName), framework);
    // SharePoint lists only direct group memberships for the user, yet they may do what officers do.
    expect(view.user.groups).not.toContain(GROUPS.officers);
    expect(view.role).toBe('officer');
    const period = await servicesAs(service, viaGroup.loginName).periods.create('2025/26', framework);
    expect(period.name).toBe('2025/26');
  }, 60000);
});

describe('people not yet on the site', () => {
  it('lets an officer make someone not yet on the site the owner of an action; SharePoint adds them as it saves', async () => {
    service = await startListService();
    await setUpSite(service, { officers: [OFFICER.loginName] });
    const newcomer = byName('Kevin Doyle');
    const officer = servicesAs(service, OFFICER.loginName);
    const chosen = await officer.site.ensurePerson(newcomer.loginName, newcomer.displayName);
    expect(chosen).toEqual({ id: 0, displayName: newcomer.displayName, loginName: newcomer.loginName });
    const saved = await officer.actions.save({
      periodName: '2025/26', indexId: 'developing-talent', title: 'Run a supplier day', details: '', owner: chosen, dueDate: '2026-12-31', status: 'Not started', progressNotes: '',
    });
    expect(saved.owner).toMatchObject({ displayName: newcomer.displayName, email: newcomer.email });
    expect(saved.owner!.id).toBeGreaterThan(0);
    // Now on the site, they resolve like anyone else.
    expect((await officer.site.ensurePerson(newcomer.loginName)).id).toBe(saved.owner!.id);
  }, 60000);
});

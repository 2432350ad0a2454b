/**
 * The tenant's root site: /_api/ at the origin is a communication site of its own (Teams personal apps
 * run there), not the procurement site. Every directory person reads it; it shares the tenant's
 * storage entities, has no lists of the product's, runs $batch on itself and answers SharePoint's 404
 * for the rest. /sites/procurement is unchanged.
 */
import { PermissionKind } from '@pnp/sp/security';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';

const outsider = DIRECTORY.find((p) => p.role === 'other')!;
const councillor = DIRECTORY.find((p) => p.role === 'councillor')!;

let service: RunningService;

beforeAll(async () => {
  service = await startListService();
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

const root = (login: string) => spAs(service.url, login);
const errorOf = async (res: Response) => ((await res.json()) as { 'odata.error': { code: string; message: { value: string } } })['odata.error'];

describe('the root site', () => {
  it('is a site of its own at the origin, not the procurement site', async () => {
    const web = await root(SITE_OWNER.loginName).web.select('Id', 'Title', 'Url', 'ServerRelativeUrl', 'WebTemplate')();
    expect(web).toMatchObject({ Title: 'Communication site', Url: service.url, ServerRelativeUrl: '/', WebTemplate: 'SITEPAGEPUBLISHING' });
    const site = await spAs(service.siteUrl, SITE_OWNER.loginName).web.select('Id', 'Title', 'Url', 'ServerRelativeUrl')();
    expect(site).toMatchObject({ Title: 'Procurement', Url: service.siteUrl, ServerRelativeUrl: '/sites/procurement' });
    expect(web.Id).not.toBe(site.Id);
    const raw = await rawFetch(service.url, '_api/web/title', { user: councillor.email });
    expect(await raw.json()).toEqual({ 'odata.metadata': `${service.url}/_api/$metadata#Edm.String`, value: 'Communication site' });
  });

  it('knows every directory person as a read-only user, also people who have no access to the procurement site', async () => {
    // Kevin has no access to the procurement site ...
    expect((await rawFetch(service.siteUrl, '_api/web/currentuser', { user: outsider.email })).status).toBe(403);
    // ... but is a user of the root site, with Read and no SharePoint group of his own.
    const me = await root(outsider.loginName).web.currentUser();
    expect(me).toMatchObject({ LoginName: outsider.loginName, Title: outsider.displayName, Email: outsider.email, PrincipalType: 1, IsSiteAdmin: false });
    expect(await root(outsider.loginName).web.currentUser.groups()).toEqual([]);
    expect(await root(outsider.loginName).web.currentUserHasPermissions(PermissionKind.ViewListItems)).toBe(true);
    expect(await root(outsider.loginName).web.currentUserHasPermissions(PermissionKind.AddListItems)).toBe(false);
    // The procurement site's admin is an ordinary visitor here, with a user id of this site.
    const owner = await root(SITE_OWNER.loginName).web.currentUser();
    expect(owner).toMatchObject({ LoginName: SITE_OWNER.loginName, IsSiteAdmin: false });
    expect(owner.Id).not.toBe(me.Id);
    expect(await root(SITE_OWNER.loginName).web.currentUserHasPermissions(PermissionKind.ManagePermissions)).toBe(false);
    // Someone outside the directory is not a user of the tenant.
    expect((await rawFetch(service.url, '_api/web/currentuser', { user: 'stranger@elsewhere.example' })).status).toBe(401);
  });

  it('reads the same tenant properties (storage entities) as the procurement site', async () => {
    const set = await fetch(`${service.url}/_local/storage-entity`, {
      method: 'POST',
      body: JSON.stringify({ key: 'NpsToolkitSiteUrl', value: `${service.siteUrl}`, description: 'Where the toolkit lives' }),
    });
    expect(set.status).toBe(200);
    const atRoot = await root(outsider.loginName).web.getStorageEntity('NpsToolkitSiteUrl');
    expect(atRoot).toMatchObject({ Value: service.siteUrl, Description: 'Where the toolkit lives', Comment: null });
    expect(await spAs(service.siteUrl, SITE_OWNER.loginName).web.getStorageEntity('NpsToolkitSiteUrl')).toMatchObject({ Value: service.siteUrl });
    const raw = await rawFetch(service.url, "_api/web/GetStorageEntity('NotSetAnywhere')", { user: outsider.email });
    expect(await raw.json()).toEqual({ 'odata.metadata': `${service.url}/_api/$metadata#SP.StorageEntity`, Comment: null, Description: null, Value: null });
  });

  it("has none of the product's lists: an empty collection and SharePoint's 404 for a list by title", async () => {
    expect(await root(SITE_OWNER.loginName).web.lists()).toEqual([]);
    const res = await rawFetch(service.url, "_api/web/lists/getbytitle('Action%20plans')/items", { user: SITE_OWNER.email });
    expect(res.status).toBe(404);
    expect(await errorOf(res)).toEqual({ code: '-1, System.ArgumentException', message: { lang: 'en-US', value: `List 'Action plans' does not exist at site with URL '${service.url}'.` } });
    const err = await root(SITE_OWNER.loginName).web.lists.getByTitle('Action plans')().catch((e) => e);
    expect(err.status).toBe(404);
    expect(err.message).toContain("List 'Action plans' does not exist at site with URL");
    const byId = await rawFetch(service.url, "_api/web/lists(guid'6e0e4c52-4c2b-4c08-9d55-2f1b6c1e0a11')", { user: SITE_OWNER.email });
    expect(byId.status).toBe(404);
    expect((await errorOf(byId)).message.value).toMatch(/^List does not exist\./);
  });

  it('answers 404 with SharePoint\'s error body for everything else it does not have', async () => {
    for (const path of ['_api/web/siteusers', '_api/web/sitegroups', '_api/site', "_api/web/getlist('/sites/procurement/Lists/ActionPlans')", '_api/web/roleassignments', '_api/nothing']) {
      const res = await rawFetch(service.url, path, { user: SITE_OWNER.email });
      expect([path, res.status]).toEqual([path, 404]);
      expect((await errorOf(res)).code).toBe('-1, Microsoft.SharePoint.Client.InvalidClientQueryException');
    }
  });

  it('issues its own form digest (contextinfo), which the procurement site does not accept, nor it the procurement site\'s', async () => {
    const info = (await (await rawFetch(service.url, '_api/contextinfo', { method: 'POST', user: outsider.email })).json()) as Record<string, string>;
    expect(info).toMatchObject({ SiteFullUrl: service.url, WebFullUrl: service.url });
    const siteInfo = (await (await rawFetch(service.siteUrl, '_api/contextinfo', { method: 'POST' })).json()) as Record<string, string>;
    const post = (base: string, digest: string) =>
      rawFetch(base, "_api/web/lists/getbytitle('Action%20plans')/items", {
        method: 'POST',
        headers: { 'X-RequestDigest': digest, 'Content-Type': 'application/json' },
        body: JSON.stringify({ Title: 'x' }),
      });
    expect((await post(service.siteUrl, info.FormDigestValue)).status).toBe(403);
    expect((await errorOf(await post(service.url, siteInfo.FormDigestValue))).code).toBe('-2130575252, Microsoft.SharePoint.SPException');
    // With its own digest the root site gets to answer (the list does not exist there).
    expect((await post(service.url, info.FormDigestValue)).status).toBe(404);
  });

  it('runs a $batch on itself: every part is answered by the root site', async () => {
    const [batched, execute] = root(outsider.loginName).batched();
    const web = batched.web.select('Title', 'Url')();
    const entity = batched.web.getStorageEntity('NpsToolkitSiteUrl');
    const list = batched.web.lists.getByTitle('Action plans')().catch((e) => e);
    const me = batched.web.currentUser();
    await execute();
    expect(await web).toMatchObject({ Title: 'Communication site', Url: service.url });
    expect(await entity).toMatchObject({ Value: service.siteUrl });
    expect((await list).status).toBe(404);
    expect(await me).toMatchObject({ LoginName: outsider.loginName });
  });

  it('does not run a part addressed to the procurement site inside its own $batch', async () => {
    const ctx = (await (await rawFetch(service.url, '_api/contextinfo', { method: 'POST' })).json()) as { FormDigestValue: string };
    const body = [
      '--batch_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `GET ${service.siteUrl}/_api/web/title HTTP/1.1`,
      'Accept: application/json',
      '',
      '--batch_1',
      'Content-Type: application/http',
      'Content-Transfer-Encoding: binary',
      '',
      `GET ${service.url}/_api/web/title HTTP/1.1`,
      'Accept: application/json',
      '',
      '--batch_1--',
      '',
    ].join('\r\n');
    const res = await rawFetch(service.url, '_api/$batch', { method: 'POST', headers: { 'Content-Type': 'multipart/mixed; boundary=batch_1', 'X-RequestDigest': ctx.FormDigestValue }, body });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/HTTP\/1\.1 404 Not Found[\s\S]*HTTP\/1\.1 200 OK[\s\S]*Communication site/);
    expect(text).not.toContain('"Procurement"');
  });

  it('leaves the procurement site exactly where it was', async () => {
    const res = await rawFetch(service.siteUrl, '_api/web/title');
    expect((await res.json()).value).toBe('Procurement');
    expect((await spAs(service.siteUrl, SITE_OWNER.loginName).web.lists()).length).toBeGreaterThan(0);
    expect((await spAs(service.siteUrl, SITE_OWNER.loginName).web.currentUser()).IsSiteAdmin).toBe(true);
  });
});

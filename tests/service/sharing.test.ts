/**
 * The local service answers the sharing and document library calls as SharePoint Online does:
 * SP.Web.ShareObject for a page (anyone who can edit may share it, view rights on the page only, the
 * invitation with the message and the link) and for the site (owners only); a group value only for
 * someone who may change the group; and a versioned document library (upload, replace, versions,
 * download at the file's own URL), with permissions.
 */
import type { SPFI } from '@pnp/sp';
import '@pnp/sp/folders';
import '@pnp/sp/files';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';

const [officer] = DIRECTORY.filter((p) => p.role === 'officer');
const head = DIRECTORY.find((p) => p.role === 'headOfProcurement')!;
const [reader, councillor] = DIRECTORY.filter((p) => p.role === 'councillor');
const newcomer = DIRECTORY.find((p) => p.newMember)!;
const LIBRARY = 'Committee packs';

let service: RunningService;
let owner: SPFI;
type Mail = { kind: string; from: string; to: string[]; subject: string; body: string };
type Share = { url: string; loginName: string; role: string; sharedBy: string; sharedAt: string };
const outbox = async (): Promise<Mail[]> => (await fetch(`${service.url}/_local/outbox`)).json();
const shares = async (): Promise<Share[]> => (await fetch(`${service.url}/_local/shares`)).json();

async function shareAs(who: { loginName: string }, body: Record<string, unknown>): Promise<Response> {
  return rawFetch(service.siteUrl, '_api/SP.Web.ShareObject', { method: 'POST', user: who.loginName, digest: true, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

beforeAll(async () => {
  service = await startListService();
  owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  // Contribute on the site for the officer and the head of procurement, Read for one councillor.
  await owner.web.siteGroups.getByName('Procurement Members').users.add(officer.loginName);
  await owner.web.siteGroups.getByName('Procurement Members').users.add(head.loginName);
  await owner.web.siteGroups.getByName('Procurement Visitors').users.add(reader.loginName);
  const members = (await owner.web.associatedMemberGroup.select('Id')()) as { Id: number };
  const contribute = (await owner.web.roleDefinitions.getByType(3).select('Id')()) as { Id: number };
  const edit = (await owner.web.roleDefinitions.getByName('Edit').select('Id')()) as { Id: number };
  await owner.web.roleAssignments.remove(members.Id, edit.Id);
  await owner.web.roleAssignments.add(members.Id, contribute.Id);
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

describe('ShareObject for a page', () => {
  const PAGE = 'https://borsetshire.example/sites/procurement/SitePages/Scrutiny-review.aspx';

  it('lets someone who can edit share a page with view rights on the page only, adds people not yet on the site, and sends the invitation', async () => {
    const read = (await owner.web.roleDefinitions.getByType(2).select('Id')()) as { Id: number };
    const res = await shareAs(head, {
      url: PAGE,
      peoplePickerInput: JSON.stringify([{ Key: newcomer.loginName }, { Key: 'nobody@elsewhere.example' }]),
      roleValue: `role:${read.Id}`,
      sendEmail: true,
      emailSubject: 'Scrutiny review',
      emailBody: 'Please look at this before Tuesday.',
    });
    expect(res.status).toBe(200);
    const result = await res.json();
    expect(result.StatusCode).toBe(0);
    expect(result.UniquelyPermissionedUsers.map((u: { User: string; Status: boolean }) => [u.User, u.Status])).toEqual([
      [newcomer.loginName, true],
      ['nobody@elsewhere.example', false],
    ]);
    // The page only: the newcomer is a site user now, with Read on the page and nothing on the site.
    expect((await owner.web.siteUsers()).some((u: { LoginName: string }) => u.LoginName === newcomer.loginName)).toBe(true);
    expect(await shares()).toEqual([expect.objectContaining({ url: PAGE, loginName: newcomer.loginName, role: 'Read', sharedBy: head.loginName })]);
    await expect(spAs(service.siteUrl, newcomer.email).web.lists.getByTitle('Maturity assessments').items()).rejects.toMatchObject({ status: 403 });
    const [mail] = await outbox();
    expect(mail).toMatchObject({ kind: 'share', from: head.email, to: [newcomer.email], subject: 'Scrutiny review' });
    expect(mail.body).toBe(`${head.displayName} has shared 'Scrutiny review' with you.\n\nPlease look at this before Tuesday.\n\nOpen: ${PAGE}`);
  });

  it('refuses someone who can only read, and someone who cannot change the group named', async () => {
    const read = (await owner.web.roleDefinitions.getByType(2).select('Id')()) as { Id: number };
    expect((await shareAs(reader, { url: PAGE, peoplePickerInput: JSON.stringify([{ Key: councillor.loginName }]), roleValue: `role:${read.Id}`, sendEmail: true, emailBody: 'x' })).status).toBe(403);
    const visitors = (await owner.web.associatedVisitorGroup.select('Id')()) as { Id: number };
    const viaGroup = await shareAs(officer, { url: PAGE, peoplePickerInput: JSON.stringify([{ Key: councillor.loginName }]), roleValue: `group:${visitors.Id}`, sendEmail: false });
    expect(viaGroup.status).toBe(403);
    const inVisitors = await owner.web.siteGroups.getById(visitors.Id).users();
    expect(inVisitors.map((u: { LoginName: string }) => u.LoginName)).not.toContain(councillor.loginName);
    expect((await shares()).map((s) => s.loginName)).not.toContain(councillor.loginName);
  });

  it('keeps sharing the site itself to people who manage permissions', async () => {
    const read = (await owner.web.roleDefinitions.getByType(2).select('Id')()) as { Id: number };
    const body = { url: service.siteUrl, peoplePickerInput: JSON.stringify([{ Key: councillor.loginName }]), roleValue: `role:${read.Id}`, sendEmail: false };
    expect((await shareAs(head, body)).status).toBe(403);
    expect((await shareAs(SITE_OWNER, body)).status).toBe(200);
    expect(Array.isArray(await spAs(service.siteUrl, councillor.email).web.lists.getByTitle('Maturity assessments').items())).toBe(true);
  });
});

describe('a versioned document library', () => {
  const library = (sp: SPFI) => sp.web.lists.getByTitle(LIBRARY);

  it('is a library (template 101) whose files are added, replaced as new versions, read back and served at their own URL', async () => {
    const list = await library(owner).select('BaseTemplate', 'BaseType', 'EnableVersioning')();
    expect(list).toMatchObject({ BaseTemplate: 101, BaseType: 1, EnableVersioning: true });
    const asHead = spAs(service.siteUrl, head.loginName);
    const first = Buffer.from('first pack');
    const added = (await library(asHead).rootFolder.files.addUsingPath('Pack 2024-25.docx', first, { Overwrite: true })) as unknown as { Name: string; ServerRelativeUrl: string; UIVersionLabel: string };
    expect(added).toMatchObject({ Name: 'Pack 2024-25.docx', ServerRelativeUrl: '/sites/procurement/CommitteePacks/Pack 2024-25.docx', UIVersionLabel: '1.0' });
    // Without Overwrite a second file of the same name is refused; with it, it is a new version.
    await expect(library(asHead).rootFolder.files.addUsingPath('Pack 2024-25.docx', Buffer.from('x'))).rejects.toMatchObject({ status: 400 });
    const second = Buffer.from('second pack, longer');
    const replaced = (await library(spAs(service.siteUrl, officer.loginName)).rootFolder.files.addUsingPath('Pack 2024-25.docx', second, { Overwrite: true })) as unknown as { UIVersionLabel: string };
    expect(replaced.UIVersionLabel).toBe('2.0');
    // Setting the year with the upload (bNewDocumentUpdate) makes no further version.
    const item = await library(asHead).rootFolder.files.getByUrl('Pack 2024-25.docx').getItem('Id');
    await item.validateUpdateListItem([{ FieldName: 'NpsPeriodName', FieldValue: '2024/25' }], true);
    const file = owner.web.getFileByServerRelativePath('/sites/procurement/CommitteePacks/Pack 2024-25.docx');
    expect((await file.select('UIVersionLabel')()).UIVersionLabel).toBe('2.0');
    expect((await file.listItemAllFields.select('NpsPeriodName', 'FileLeafRef')()) as unknown).toMatchObject({ NpsPeriodName: '2024/25', FileLeafRef: 'Pack 2024-25.docx' });
    expect(Buffer.from(await file.getBuffer())).toEqual(second);
    const versions = await file.versions();
    expect(versions.map((v: { VersionLabel: string; Size: number }) => [v.VersionLabel, v.Size])).toEqual([['1.0', first.length]]);
    // The file's own URL, as councillors open it from the link, for whoever may read the library.
    const served = await fetch(`${service.url}/sites/procurement/CommitteePacks/${encodeURIComponent('Pack 2024-25.docx')}`, { headers: { 'X-Local-User': reader.email } });
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(second);
    const files = await library(spAs(service.siteUrl, reader.email)).rootFolder.files();
    expect(files.map((f: { Name: string }) => f.Name)).toEqual(['Pack 2024-25.docx']);
  });

  it('refuses uploads from people who can only read, list items added without a file, and serves nothing to people off the site', async () => {
    await expect(library(spAs(service.siteUrl, reader.email)).rootFolder.files.addUsingPath('Mine.docx', Buffer.from('x'), { Overwrite: true })).rejects.toMatchObject({ status: 403 });
    await expect(library(owner).items.add({ Title: 'No file' })).rejects.toMatchObject({ status: 400 });
    const outsider = DIRECTORY.find((p) => p.role === 'other')!;
    expect((await fetch(`${service.url}/sites/procurement/CommitteePacks/Mine.docx`, { headers: { 'X-Local-User': outsider.email } })).status).toBe(403);
  });
});

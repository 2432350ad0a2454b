/**
 * Attachments, sharing, e-mail to the outbox, the people picker and user profiles, through PnPjs.
 */
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import type { SPFI } from '@pnp/sp';

const [aisha, , megan] = DIRECTORY.filter((p) => p.role === 'officer');
const director = DIRECTORY.find((p) => p.role === 'director')!;
const councillors = DIRECTORY.filter((p) => p.role === 'councillor');
const outsider = DIRECTORY.find((p) => p.role === 'other')!;

let service: RunningService;
let sp: SPFI;

beforeAll(async () => {
  service = await startListService();
  sp = spAs(service.siteUrl, SITE_OWNER.loginName);
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

interface OutboxMessage {
  kind: string;
  from: string;
  to: string[];
  subject: string;
  body: string;
}

const outbox = async (): Promise<OutboxMessage[]> => (await fetch(`${service.url}/_local/outbox`)).json();

describe('attachments', () => {
  it('adds, lists, reads, serves and deletes an attachment; each change is a new version', async () => {
    const list = sp.web.lists.getByTitle('Action plans');
    const added = await list.items.add({ Title: 'With evidence', NpsPeriodName: '2025/26', NpsIndexId: 'KA1' });
    const item = list.items.getById(added.Id);
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0x10, 0x80]);
    const result = await item.attachmentFiles.add("Supplier's evidence.pdf", bytes);
    expect((result.data as unknown as { FileName: string }).FileName).toBe("Supplier's evidence.pdf");
    await item.attachmentFiles.add('notes.txt', 'Contract register reviewed.');
    const files = await item.attachmentFiles();
    expect(files.map((f: { FileName: string }) => f.FileName)).toEqual(["Supplier's evidence.pdf", 'notes.txt']);
    expect(Buffer.from(await item.attachmentFiles.getByName("Supplier's evidence.pdf").getBuffer())).toEqual(bytes);
    expect(await item.attachmentFiles.getByName('notes.txt').getText()).toBe('Contract register reviewed.');
    const read = await item.select('Attachments', 'AttachmentFiles').expand('AttachmentFiles')();
    expect(read.Attachments).toBe(true);
    expect(read.AttachmentFiles).toHaveLength(2);
    // The file URL SharePoint gives, permission-checked.
    const served = await fetch(`${service.url}${files[1].ServerRelativeUrl}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('text/plain');
    expect(await served.text()).toBe('Contract register reviewed.');
    const denied = await fetch(`${service.url}${files[1].ServerRelativeUrl}`, { headers: { 'X-Local-User': outsider.email } });
    expect(denied.status).toBe(403);
    const dup = await item.attachmentFiles.add('notes.txt', 'again').catch((e) => e);
    expect(dup.status).toBe(400);
    await item.attachmentFiles.getByName('notes.txt').delete();
    expect((await item.attachmentFiles()).map((f: { FileName: string }) => f.FileName)).toEqual(["Supplier's evidence.pdf"]);
    expect((await fetch(`${service.url}${files[1].ServerRelativeUrl}`)).status).toBe(404);
    const versions = await item.versions();
    expect(versions.map((v: { VersionLabel: string }) => v.VersionLabel)).toEqual(['4.0', '3.0', '2.0', '1.0']);
  });

  it('refuses attachments on a list that does not allow them', async () => {
    const periods = sp.web.lists.getByTitle('Assessment periods');
    expect((await periods.select('EnableAttachments')()).EnableAttachments).toBe(false);
    const p = await periods.items.add({ Title: '2025/26' });
    await expect(periods.items.getById(p.Id).attachmentFiles.add('a.txt', 'x')).rejects.toMatchObject({ status: 400 });
  });
});

describe('sharing and e-mail', () => {
  it('ShareObject grants Read on the site and sends the invitation to the outbox', async () => {
    const result = await sp.web.shareObjectRaw({
      url: service.siteUrl,
      peoplePickerInput: JSON.stringify(councillors.map((c) => ({ Key: c.loginName }))),
      roleValue: 'role:1073741826',
      sendEmail: true,
      emailSubject: 'Procurement maturity assessment for review',
      emailBody: 'Please review the signed-off assessment.',
    });
    expect(result.StatusCode).toBe(0);
    expect(result.UsersAddedToGroup!.map((u: { User: string; Status: boolean }) => [u.User, u.Status])).toEqual(councillors.map((c) => [c.loginName, true]));
    const asCouncillor = spAs(service.siteUrl, councillors[0].email);
    expect(Array.isArray(await asCouncillor.web.lists.getByTitle('Maturity assessments').items())).toBe(true);
    await expect(asCouncillor.web.lists.getByTitle('Maturity assessments').items.add({ Title: 'x' })).rejects.toMatchObject({ status: 403 });
    const [latest] = await outbox();
    expect(latest).toMatchObject({ kind: 'share', from: SITE_OWNER.email, subject: 'Procurement maturity assessment for review' });
    expect(latest.to).toEqual(councillors.map((c) => c.email));
    expect(latest.body).toContain('Please review the signed-off assessment.');
  });

  it('SendEmail puts the message in the outbox, newest first, and refuses unknown recipients', async () => {
    await sp.utility.sendEmail({ To: [director.email], Subject: 'Assessment submitted', Body: '<p>Ready for sign-off.</p>' });
    await sp.utility.sendEmail({ To: [megan.loginName, aisha.email], Subject: 'Assessment returned', Body: 'See comments.' });
    const messages = await outbox();
    expect(messages[0]).toMatchObject({ kind: 'email', subject: 'Assessment returned', to: [megan.email, aisha.email], from: SITE_OWNER.email });
    expect(messages[1]).toMatchObject({ subject: 'Assessment submitted', to: [director.email], body: '<p>Ready for sign-off.</p>' });
    await expect(sp.utility.sendEmail({ To: ['someone@gmail.example'], Subject: 'x', Body: 'y' })).rejects.toMatchObject({ status: 400 });
    expect((await outbox()).length).toBe(messages.length);
  });
});

describe('people', () => {
  it('searches the directory like the people picker, by name or email prefix', async () => {
    const found = await sp.profiles.clientPeoplePickerSearchUser({
      AllowEmailAddresses: true,
      AllowMultipleEntities: false,
      MaximumEntitySuggestions: 10,
      PrincipalSource: 15,
      PrincipalType: 1,
      QueryString: 'meg',
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ Key: megan.loginName, DisplayText: megan.displayName, IsResolved: true, EntityType: 'User' });
    expect(found[0].EntityData).toMatchObject({ Email: megan.email, Title: megan.jobTitle });
    const councillorHits = await sp.profiles.clientPeoplePickerSearchUser({ MaximumEntitySuggestions: 10, PrincipalSource: 15, PrincipalType: 1, QueryString: 'cllr' });
    expect(councillorHits.map((e: { Key: string }) => e.Key).sort()).toEqual(councillors.map((c) => c.loginName).sort());
    const byEmail = await sp.profiles.clientPeoplePickerSearchUser({ MaximumEntitySuggestions: 10, PrincipalSource: 15, PrincipalType: 1, QueryString: 'martin.el' });
    expect(byEmail.map((e: { Key: string }) => e.Key)).toEqual([director.loginName]);
    expect(await sp.profiles.clientPeoplePickerSearchUser({ MaximumEntitySuggestions: 10, PrincipalSource: 15, PrincipalType: 1, QueryString: 'zzz' })).toEqual([]);
  });

  it('gives profile properties from the directory to people who can open the site', async () => {
    await expect(spAs(service.siteUrl, director.email).profiles.myProperties()).rejects.toMatchObject({ status: 403 });
    await sp.web.siteGroups.getByName('Procurement Visitors').users.add(director.loginName);
    const me = await spAs(service.siteUrl, director.email).profiles.myProperties();
    expect(me).toMatchObject({ AccountName: director.loginName, DisplayName: director.displayName, Email: director.email, Title: director.jobTitle });
    const theirs = await sp.profiles.getPropertiesFor(megan.loginName);
    expect(theirs.DisplayName).toBe(megan.displayName);
  });

  it('lists the demo directory under /_local/users for the preview', async () => {
    const res = await rawFetch(service.url, '_local/users');
    const users = await res.json();
    expect(users.map((u: { email: string }) => u.email)).toEqual(DIRECTORY.map((p) => p.email));
  });
});

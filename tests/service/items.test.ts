/**
 * List items through PnPjs against the local list service: add/read/update/delete with ETags,
 * validation as SharePoint does it, date-only columns, version history, $filter/$orderby/$expand,
 * paging, the form digest and throttling retries.
 */
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import type { SPFI } from '@pnp/sp';
import { ITEMS_FIXTURE_ASSETS } from './fixtures/lists';

const OWNER = SITE_OWNER.loginName;
const officer = DIRECTORY.find((p) => p.role === 'officer')!;
const obrien = DIRECTORY.find((p) => p.lastName === "O'Brien")!;

let service: RunningService;
let sp: SPFI;
let officerId: number;
let obrienId: number;

beforeAll(async () => {
  // The product's lists as they were when these tests were written, so they do not change with the product.
  service = await startListService({ assetsDir: ITEMS_FIXTURE_ASSETS });
  sp = spAs(service.siteUrl, OWNER);
  officerId = (await sp.web.ensureUser(officer.loginName)).Id;
  obrienId = (await sp.web.ensureUser(obrien.email)).Id;
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

const actions = () => sp.web.lists.getByTitle('Action plans');

describe('adding, reading, updating and deleting items', () => {
  it('adds an item with SharePoint field values and returns it with ETag "1"', async () => {
    const added = await actions().items.add({
      Title: 'Publish a procurement pipeline',
      NpsPeriodName: '2025/26',
      NpsIndexId: 'KA1',
      NpsActionOwnerId: officerId,
      NpsDueDate: '2026-01-15T12:00:00Z',
    });
    expect(added['odata.etag']).toBe('"1"');
    expect(added.Id).toBeGreaterThan(0);
    expect(added.NpsActionOwnerId).toBe(officerId);
    // Choice default from the XML is applied when the value is not given.
    expect(added.NpsActionStatus).toBe('Not started');
    const read = await actions().items.getById(added.Id)();
    expect(read.Title).toBe('Publish a procurement pipeline');
    expect(read.AuthorId).toBe(read.EditorId);
    expect(read.Created).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });

  it('updates with the current ETag, moves the ETag on, and refuses a stale ETag with 412 changing nothing', async () => {
    const added = await actions().items.add({ Title: 'Stale edit', NpsPeriodName: '2025/26', NpsIndexId: 'KA2' });
    const item = actions().items.getById(added.Id);
    const result = await item.update({ NpsActionStatus: 'In progress' }, '"1"');
    expect(result.etag).toBe('"2"');
    await expect(item.update({ NpsActionStatus: 'Complete' }, '"1"')).rejects.toMatchObject({ status: 412 });
    const after = await item();
    expect(after.NpsActionStatus).toBe('In progress');
    expect(after['odata.etag']).toBe('"2"');
    // "*" always matches.
    expect((await item.update({ NpsActionStatus: 'Complete' })).etag).toBe('"3"');
  });

  it('deletes an item; reading it afterwards is a 404', async () => {
    const added = await actions().items.add({ Title: 'To delete', NpsPeriodName: '2025/26', NpsIndexId: 'KA3' });
    await expect(actions().items.getById(added.Id).delete('"5"')).rejects.toMatchObject({ status: 412 });
    await actions().items.getById(added.Id).delete('"1"');
    const err = await actions().items.getById(added.Id)().catch((e) => e);
    expect(err.status).toBe(404);
    expect(err.message).toContain('Item does not exist');
  });

  it('never reuses an item id after a delete', async () => {
    const a = await actions().items.add({ Title: 'id a', NpsPeriodName: 'x', NpsIndexId: 'x' });
    await actions().items.getById(a.Id).recycle();
    const b = await actions().items.add({ Title: 'id b', NpsPeriodName: 'x', NpsIndexId: 'x' });
    expect(b.Id).toBe(a.Id + 1);
  });
});

describe('validation as SharePoint does it', () => {
  it('rejects an unknown property naming the type', async () => {
    const err = await actions().items.add({ Title: 'x', NpsNoSuchField: 'y' }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.message).toContain("The property 'NpsNoSuchField' does not exist on type 'SP.Data.ActionPlansListItem'");
  });

  it('rejects text over the column maximum length, naming the field', async () => {
    const err = await actions().items.add({ Title: 'x', NpsPeriodName: '2025/26-and-far-too-long' }).catch((e) => e);
    expect(err.status).toBe(400);
    expect(err.message).toContain('NpsPeriodName');
    const title = await actions().items.add({ Title: 'x'.repeat(256) }).catch((e) => e);
    expect(title.status).toBe(400);
  });

  it('rejects a number column given text and a person column given an unknown user', async () => {
    const indices = sp.web.lists.getByTitle('Maturity indices');
    const err = await indices.items.add({ Title: 'x', NpsIndexId: 'N1', NpsSortOrder: 'seven' }).catch((e) => e);
    expect(err.status).toBe(400);
    const user = await actions().items.add({ Title: 'x', NpsActionOwnerId: 99999 }).catch((e) => e);
    expect(user.status).toBe(400);
  });

  it('does not enforce Required over REST and does not validate choice values', async () => {
    const added = await actions().items.add({ Title: 'Only a title', NpsActionStatus: 'Not a real status' });
    expect(added.NpsPeriodName).toBeNull();
    expect(added.NpsActionStatus).toBe('Not a real status');
  });

  it('enforces unique values (case-insensitively) on NpsIndexId in Maturity indices', async () => {
    const indices = sp.web.lists.getByTitle('Maturity indices');
    const first = await indices.items.add({ Title: 'Unique one', NpsIndexId: 'U-1', NpsSortOrder: 1 });
    const dup = await indices.items.add({ Title: 'Unique two', NpsIndexId: 'u-1', NpsSortOrder: 2 }).catch((e) => e);
    expect(dup.status).toBe(400);
    expect(dup.message).toContain('duplicate values');
    // Updating the same item to its own value is fine.
    await indices.items.getById(first.Id).update({ NpsIndexId: 'U-1' });
  });
});

describe('dates', () => {
  it('keeps date-only columns at midnight Europe/London and date-time columns as given, in UTC', async () => {
    const periods = sp.web.lists.getByTitle('Assessment periods');
    const summer = await periods.items.add({ Title: '2026/27', NpsStartDate: '2026-07-01T12:00:00Z', NpsEndDate: '2026-01-15T12:00:00Z', NpsSubmittedOn: '2026-07-01T12:34:56.789Z' });
    expect(summer.NpsStartDate).toBe('2026-06-30T23:00:00Z');
    expect(summer.NpsEndDate).toBe('2026-01-15T00:00:00Z');
    expect(summer.NpsSubmittedOn).toBe('2026-07-01T12:34:56Z');
    const late = await periods.items.add({ Title: 'late evening', NpsStartDate: '2026-07-01T23:30:00Z' });
    // 00:30 on 2 July in London.
    expect(late.NpsStartDate).toBe('2026-07-01T23:00:00Z');
  });
});

describe('versions (the audit trail)', () => {
  it('keeps every version with its label, editor and values', async () => {
    const added = await actions().items.add({ Title: 'Versioned', NpsPeriodName: '2025/26', NpsIndexId: 'E1' });
    const asOfficer = spAs(service.siteUrl, officer.loginName);
    // The officer needs edit rights: put them in the Members group.
    await sp.web.siteGroups.getByName('Procurement Members').users.add(officer.loginName);
    await asOfficer.web.lists.getByTitle('Action plans').items.getById(added.Id).update({ NpsActionStatus: 'In progress' });
    await asOfficer.web.lists.getByTitle('Action plans').items.getById(added.Id).update({ NpsActionStatus: 'Complete', NpsProgressNotes: 'Done' });
    const versions = await actions().items.getById(added.Id).versions();
    expect(versions.map((v: { VersionLabel: string }) => v.VersionLabel)).toEqual(['3.0', '2.0', '1.0']);
    expect(versions[0].IsCurrentVersion).toBe(true);
    expect(versions[0].NpsActionStatus).toBe('Complete');
    expect(versions[1].NpsActionStatus).toBe('In progress');
    expect(versions[2].NpsActionStatus).toBe('Not started');
    expect(versions[0].Editor.LookupId).toBe(officerId);
    expect(versions[2].Editor.LookupValue).toBe(SITE_OWNER.displayName);
    expect(versions[2].Created <= versions[0].Created).toBe(true);
  });
});

describe('queries', () => {
  const challenges = () => sp.web.lists.getByTitle('Scrutiny challenges');
  beforeAll(async () => {
    const rows = [
      { Title: "O'Brien", NpsPeriodName: '2024/25', NpsRaisedById: obrienId, NpsChallengeStatus: 'Open', NpsRespondedOn: '2026-03-01T09:00:00Z' },
      { Title: 'OBrien', NpsPeriodName: '2024/25', NpsRaisedById: officerId, NpsChallengeStatus: 'Closed', NpsRespondedOn: '2026-03-31T10:00:00Z' },
      { Title: 'Social value', NpsPeriodName: '2025/26', NpsRaisedById: officerId, NpsChallengeStatus: 'Answered', NpsRespondedOn: '2026-04-15T10:00:00Z' },
      { Title: 'Contract management', NpsPeriodName: '2025/26', NpsRaisedById: obrienId, NpsChallengeStatus: 'Open', NpsRespondedOn: null },
      { Title: 'social care markets', NpsPeriodName: '2025/26', NpsRaisedById: officerId, NpsChallengeStatus: 'Open', NpsRespondedOn: null },
    ];
    for (const r of rows) await challenges().items.add(r);
  });
  const titles = async (filter: string, orderBy = 'Id') =>
    (await challenges().items.filter(filter).select('Title').orderBy(orderBy)()).map((i: { Title: string }) => i.Title);

  it('matches a doubled quote exactly and nothing else', async () => {
    expect(await titles("Title eq 'O''Brien'")).toEqual(["O'Brien"]);
  });

  it('answers 400 for an unescaped quote, an unknown column, a bad operator or a Note column, never a wider result', async () => {
    for (const filter of ["Title eq 'O'Brien'", 'NpsNoSuchColumn eq 1', "Title equals 'x'", "Title eq 'x' and", "(Title eq 'x'", "NpsChallengeText eq 'x'", 'Title eq'] as const) {
      const err = await challenges().items.filter(filter)().catch((e) => e);
      expect({ filter, status: err.status }).toEqual({ filter, status: 400 });
      expect(err.message).toContain('odata.error');
    }
  });

  it('supports eq/ne/lt/ge, and/or/not, parentheses, startswith and substringof (case-insensitive like SharePoint)', async () => {
    expect(await titles("NpsChallengeStatus eq 'Open' and NpsPeriodName eq '2025/26'")).toEqual(['Contract management', 'social care markets']);
    expect(await titles("NpsChallengeStatus ne 'Open'")).toEqual(['OBrien', 'Social value']);
    expect(await titles("startswith(Title,'soc')")).toEqual(['Social value', 'social care markets']);
    expect(await titles("substringof('brien',Title)")).toEqual(["O'Brien", 'OBrien']);
    expect(await titles("(NpsPeriodName eq '2024/25' or startswith(Title,'Contract')) and not (NpsChallengeStatus eq 'Closed')")).toEqual([
      "O'Brien",
      'Contract management',
    ]);
  });

  it('compares dates with datetime literals and quoted ISO strings, and finds empty values with null', async () => {
    expect(await titles("NpsRespondedOn lt datetime'2026-03-31T10:00:00Z'")).toEqual(["O'Brien"]);
    expect(await titles("NpsRespondedOn ge '2026-03-31T10:00:00Z'")).toEqual(['OBrien', 'Social value']);
    expect(await titles('NpsRespondedOn eq null')).toEqual(['Contract management', 'social care markets']);
  });

  it('filters on person columns by id (OwnerId and Owner/Id) and by the person expanded', async () => {
    expect(await titles(`NpsRaisedById eq ${obrienId}`)).toEqual(["O'Brien", 'Contract management']);
    expect(await titles(`NpsRaisedBy/Id eq ${obrienId}`)).toEqual(["O'Brien", 'Contract management']);
    const mine = await challenges().items.filter(`Author/Id eq ${(await sp.web.currentUser()).Id}`)();
    expect(mine).toHaveLength(5);
  });

  it('compares numbers and booleans (true/false or 1/0, as PnPjs\'s filter builder writes them)', async () => {
    const indices = sp.web.lists.getByTitle('Maturity indices');
    for (const [n, retired] of [
      [1, false],
      [2, true],
      [3, false],
    ] as const) {
      await indices.items.add({ Title: `Numbered ${n}`, NpsIndexId: `NB-${n}`, NpsSortOrder: n, NpsRetired: retired });
    }
    const names = async (filter: string) =>
      (await indices.items.filter(`startswith(Title,'Numbered') and (${filter})`).select('Title').orderBy('NpsSortOrder')()).map((i: { Title: string }) => i.Title);
    expect(await names('NpsSortOrder ge 2')).toEqual(['Numbered 2', 'Numbered 3']);
    expect(await names('NpsSortOrder lt 2 or NpsSortOrder gt 2.5')).toEqual(['Numbered 1', 'Numbered 3']);
    expect(await names('NpsRetired eq true')).toEqual(['Numbered 2']);
    expect(await names('NpsRetired eq 0')).toEqual(['Numbered 1', 'Numbered 3']);
    expect(await indices.items.filter("NpsSortOrder eq 'two'")().catch((e) => e.status)).toBe(400);
    // The list addressed by its id, as lists(guid'...') too.
    const { Id } = await indices.select('Id')();
    const byGuid = await rawFetch(service.siteUrl, `_api/web/lists(guid'${Id}')/items?$filter=NpsRetired%20eq%20true&$select=Title`);
    expect((await byGuid.json()).value.map((i: { Title: string }) => i.Title)).toEqual(['Numbered 2']);
  });

  it('expands person columns with Title, EMail, Id and Name', async () => {
    const [row] = await challenges()
      .items.filter(`Title eq 'O''Brien'`)
      .select('Title', 'NpsRaisedBy/Title', 'NpsRaisedBy/EMail', 'NpsRaisedBy/Id', 'NpsRaisedBy/Name', 'Author/Title')
      .expand('NpsRaisedBy', 'Author')();
    expect(row.NpsRaisedBy).toMatchObject({ Title: obrien.displayName, EMail: obrien.email, Id: obrienId, Name: obrien.loginName });
    expect(row.Author.Title).toBe(SITE_OWNER.displayName);
    expect(row).not.toHaveProperty('NpsPeriodName');
    const err = await challenges().items.select('NpsRaisedBy/Title')().catch((e) => e);
    expect(err.status).toBe(400);
  });

  it('orders by several keys in either direction', async () => {
    const rows = await challenges().items.select('Title').orderBy('NpsPeriodName', false).orderBy('Title', true)();
    expect(rows.map((r: { Title: string }) => r.Title)).toEqual(['Contract management', 'social care markets', 'Social value', "O'Brien", 'OBrien']);
  });

  it('pages with $top and odata.nextLink, which PnPjs async iteration follows to the end', async () => {
    const pages: number[] = [];
    const seen: string[] = [];
    for await (const page of challenges().items.select('Title').orderBy('Title').top(2)) {
      pages.push(page.length);
      seen.push(...page.map((r: { Title: string }) => r.Title));
    }
    expect(pages).toEqual([2, 2, 1]);
    expect(seen).toEqual(['Contract management', "O'Brien", 'OBrien', 'social care markets', 'Social value']);
    const raw = await rawFetch(service.siteUrl, `_api/web/lists/getbytitle('Scrutiny%20challenges')/items?$top=2&$select=Id`);
    const body = await raw.json();
    expect(body['odata.nextLink']).toMatch(/%24skiptoken=Paged%3DTRUE%26p_ID%3D\d+/);
  });
});

describe('the form digest and throttling', () => {
  it('refuses writes without a valid X-RequestDigest with SharePoint\'s security validation error', async () => {
    const path = `_api/web/lists/getbytitle('Action%20plans')/items`;
    const none = await rawFetch(service.siteUrl, path, { method: 'POST', body: JSON.stringify({ Title: 'x' }), headers: { 'Content-Type': 'application/json' } });
    expect(none.status).toBe(403);
    expect(await none.text()).toContain('The security validation for this page is invalid');
    const forged = await rawFetch(service.siteUrl, path, {
      method: 'POST',
      body: JSON.stringify({ Title: 'x' }),
      headers: { 'Content-Type': 'application/json', 'X-RequestDigest': '0xABCDEF,25 Nov 2025 21:31:00 -0000' },
    });
    expect(forged.status).toBe(403);
    const ok = await rawFetch(service.siteUrl, path, { method: 'POST', body: JSON.stringify({ Title: 'x' }), headers: { 'Content-Type': 'application/json' }, digest: true });
    expect(ok.status).toBe(201);
    expect(ok.headers.get('etag')).toBe('"1"');
  });

  it('answers 429 with Retry-After while throttled; PnPjs retries and then succeeds', async () => {
    await fetch(`${service.url}/_local/throttle`, { method: 'POST', body: JSON.stringify({ count: 2, status: 429, retryAfter: 1 }) });
    const started = Date.now();
    const web = await sp.web.select('Title')();
    expect(web.Title).toBe('Procurement');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);
    await fetch(`${service.url}/_local/throttle`, { method: 'POST', body: JSON.stringify({ count: 1, status: 503, retryAfter: 0 }) });
    const raw = await rawFetch(service.siteUrl, '_api/web');
    expect(raw.status).toBe(503);
    expect(raw.headers.get('retry-after')).toBe('0');
    expect((await rawFetch(service.siteUrl, '_api/web')).status).toBe(200);
  });

  it('answers unknown endpoints with a SharePoint error body, not HTML', async () => {
    const res = await rawFetch(service.siteUrl, '_api/web/nosuchthing');
    expect(res.status).toBe(404);
    expect((await res.json())['odata.error'].message.value).toContain('Cannot find resource');
    const list = await rawFetch(service.siteUrl, `_api/web/lists/getbytitle('Nope')/items`);
    expect(list.status).toBe(404);
    expect((await list.json())['odata.error'].message.value).toContain("List 'Nope' does not exist");
  });
});

/**
 * ensureuser for someone not yet on the site needs more than Contribute/Edit (403 for ordinary
 * members; people already on the site resolve for them). The form path does not: items(n)/
 * validateupdatelistitem and AddValidateUpdateItemUsingPath take a person column as the people
 * picker's JSON and add the person to the site themselves, for anyone who may edit (add) the item,
 * answering per-field exceptions (HTTP 200) for bad values and then saving nothing.
 */
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, removeDir, RunningService, spAs, startListService } from '../support/listService';
import type { SPFI } from '@pnp/sp';

const person = (email: string) => DIRECTORY.find((p) => p.email.startsWith(email))!;
const aisha = person('aisha.khan');
const tom = person('tom.whitfield');
const megan = person('megan.obrien');
const daniel = person('daniel.osei');
const rachel = person('rachel.greenwood');
const martin = person('martin.ellis');
const councillor = person('helen.marsh');

let service: RunningService;
let owner: SPFI;

beforeAll(async () => {
  service = await startListService();
  owner = spAs(service.siteUrl, SITE_OWNER.loginName);
  await owner.web.siteGroups.getByName('Procurement Members').users.add(aisha.loginName);
  await owner.web.siteGroups.getByName('Procurement Owners').users.add(rachel.loginName);
  await owner.web.siteGroups.getByName('Procurement Visitors').users.add(councillor.loginName);
});

afterAll(async () => {
  await service.stop();
  removeDir(service.dataDir);
});

const as = (p: { loginName: string }) => spAs(service.siteUrl, p.loginName);
const actions = (sp: SPFI) => sp.web.lists.getByTitle('Action plans');
const onSite = async (p: { loginName: string }) => (await owner.web.siteUsers()).some((u: { LoginName: string }) => u.LoginName === p.loginName);
const key = (p: { loginName: string }) => JSON.stringify([{ Key: p.loginName }]);

interface FormResult {
  ErrorCode: number;
  ErrorMessage: string | null;
  FieldName: string;
  FieldValue: string | null;
  HasException: boolean;
  ItemId: number;
}

describe('ensureuser', () => {
  it('refuses an ordinary member (Edit) adding someone new to the site, with SharePoint\'s access denied', async () => {
    const err = await as(aisha).web.ensureUser(tom.loginName).catch((e) => e);
    expect(err.status).toBe(403);
    expect(err.message).toContain('System.UnauthorizedAccessException');
    expect(await onSite(tom)).toBe(false);
    // The same for web/siteusers add.
    await expect(as(aisha).web.siteUsers.add(tom.loginName)).rejects.toMatchObject({ status: 403 });
    // Someone unknown to the directory is still a 404.
    await expect(as(aisha).web.ensureUser('nobody@borsetshire.example')).rejects.toMatchObject({ status: 404 });
  });

  it('refuses someone with Contribute the same way', async () => {
    const kevin = person('kevin.doyle');
    const user = await owner.web.ensureUser(kevin.loginName);
    await owner.web.roleAssignments.add(user.Id, 1073741827); // Contribute
    await expect(as(kevin).web.ensureUser(martin.loginName)).rejects.toMatchObject({ status: 403 });
    expect(await onSite(martin)).toBe(false);
  });

  it('resolves someone already on the site for the same member', async () => {
    const added = await owner.web.ensureUser(tom.loginName);
    const resolved = await as(aisha).web.ensureUser(tom.email);
    expect(resolved).toMatchObject({ Id: added.Id, LoginName: tom.loginName, Title: tom.displayName });
  });

  it('lets people with ManagePermissions add someone new (an Owners member who is not a site admin)', async () => {
    const added = await as(rachel).web.ensureUser(megan.loginName);
    expect(added).toMatchObject({ LoginName: megan.loginName, PrincipalType: 1 });
    expect(await onSite(megan)).toBe(true);
  });
});

describe('validateupdatelistitem', () => {
  it('sets a person column from the people picker\'s JSON, adding the person to the site, and the other columns from form text', async () => {
    const item = await actions(owner).items.add({ Title: 'Hold a supplier day', NpsPeriodName: '2026/27', NpsIndexId: 'innovation' });
    expect(await onSite(daniel)).toBe(false);
    const results = (await actions(as(aisha)).items.getById(item.Id).validateUpdateListItem([
      { FieldName: 'NpsActionOwner', FieldValue: key(daniel) },
      { FieldName: 'NpsDueDate', FieldValue: '31/03/2027' },
      { FieldName: 'NpsActionStatus', FieldValue: 'In progress' },
      { FieldName: 'NpsCarriedFromId', FieldValue: '1,204' },
      { FieldName: 'Title', FieldValue: 'Hold a supplier innovation day' },
    ])) as FormResult[];
    expect(results).toEqual([
      { ErrorCode: 0, ErrorMessage: null, FieldName: 'NpsActionOwner', FieldValue: key(daniel), HasException: false, ItemId: item.Id },
      { ErrorCode: 0, ErrorMessage: null, FieldName: 'NpsDueDate', FieldValue: '31/03/2027', HasException: false, ItemId: item.Id },
      { ErrorCode: 0, ErrorMessage: null, FieldName: 'NpsActionStatus', FieldValue: 'In progress', HasException: false, ItemId: item.Id },
      { ErrorCode: 0, ErrorMessage: null, FieldName: 'NpsCarriedFromId', FieldValue: '1,204', HasException: false, ItemId: item.Id },
      { ErrorCode: 0, ErrorMessage: null, FieldName: 'Title', FieldValue: 'Hold a supplier innovation day', HasException: false, ItemId: item.Id },
    ]);
    const danielUser = await owner.web.siteUsers.getByEmail(daniel.email)();
    const saved = await actions(owner).items.getById(item.Id)();
    expect(saved).toMatchObject({
      NpsActionOwnerId: danielUser.Id,
      // A date-only column keeps local (Europe/London, summer time) midnight of 31 March.
      NpsDueDate: '2027-03-30T23:00:00Z',
      NpsActionStatus: 'In progress',
      NpsCarriedFromId: 1204,
      Title: 'Hold a supplier innovation day',
      OData__UIVersionString: '2.0',
    });
    const me = await as(aisha).web.currentUser();
    expect(saved.EditorId).toBe(me.Id);
  });

  it('answers bad values as per-field exceptions (HTTP 200) and then saves nothing', async () => {
    const item = await actions(owner).items.add({ Title: 'Unchanged', NpsActionStatus: 'Not started' });
    const before = await actions(owner).items.getById(item.Id)();
    const results = (await actions(as(aisha)).items.getById(item.Id).validateUpdateListItem([
      { FieldName: 'Title', FieldValue: 'Would change' },
      { FieldName: 'NpsActionOwner', FieldValue: key(martin) },
      { FieldName: 'NpsDueDate', FieldValue: '31/02/2027' },
      { FieldName: 'NpsCarriedFromId', FieldValue: 'twelve' },
      { FieldName: 'NpsActionStatus', FieldValue: '' },
      { FieldName: 'NpsReviewer', FieldValue: 'x' },
    ])) as FormResult[];
    const byField = Object.fromEntries(results.map((r) => [r.FieldName, r]));
    expect(byField.Title).toMatchObject({ HasException: false, ItemId: item.Id });
    expect(byField.NpsActionOwner).toMatchObject({ HasException: false });
    expect(byField.NpsDueDate).toMatchObject({ HasException: true, ErrorMessage: expect.stringMatching(/^Invalid date\/time value/) });
    expect(byField.NpsCarriedFromId).toMatchObject({ HasException: true, ErrorMessage: expect.stringMatching(/^Invalid number value/) });
    expect(byField.NpsActionStatus).toMatchObject({ HasException: true, ErrorMessage: "You can't leave this blank." });
    expect(byField.NpsReviewer).toMatchObject({ HasException: true, ErrorMessage: "Column 'NpsReviewer' does not exist. It may have been deleted by another user." });
    expect(results.filter((r) => r.HasException).every((r) => r.ErrorCode !== 0)).toBe(true);
    // Nothing saved, nobody added.
    expect(await actions(owner).items.getById(item.Id)()).toMatchObject({ Title: 'Unchanged', OData__UIVersionString: before.OData__UIVersionString });
    expect(await onSite(martin)).toBe(false);
  });

  it('refuses a person who is not in the directory, two people in a single-person column and a blank required column', async () => {
    const item = await actions(owner).items.add({ Title: 'Owner to clear', NpsActionOwnerId: (await owner.web.ensureUser(tom.loginName)).Id });
    const list = actions(as(aisha)).items.getById(item.Id);
    const [unknown] = (await list.validateUpdateListItem([{ FieldName: 'NpsActionOwner', FieldValue: '[{"Key":"i:0#.f|membership|nobody@borsetshire.example"}]' }])) as FormResult[];
    expect(unknown).toMatchObject({ HasException: true, ErrorMessage: 'The user does not exist or is not unique.' });
    const [two] = (await list.validateUpdateListItem([{ FieldName: 'NpsActionOwner', FieldValue: JSON.stringify([{ Key: tom.loginName }, { Key: megan.loginName }]) }])) as FormResult[];
    expect(two.HasException).toBe(true);
    // The owner column is required in this list, so a blank person is refused like any blank required value.
    const [blank] = (await list.validateUpdateListItem([{ FieldName: 'NpsActionOwner', FieldValue: '[]' }])) as FormResult[];
    expect(blank).toMatchObject({ HasException: true, ErrorMessage: "You can't leave this blank." });
    const [notes] = (await list.validateUpdateListItem([{ FieldName: 'NpsProgressNotes', FieldValue: '' }])) as FormResult[];
    expect(notes.HasException).toBe(false);
    expect((await actions(owner).items.getById(item.Id)()).NpsProgressNotes).toBeNull();
  });

  it('needs EditListItems on the item: 403 for a visitor, 404 for an item the caller cannot see', async () => {
    const item = await actions(owner).items.add({ Title: 'Visitors only read' });
    const denied = await actions(as(councillor)).items.getById(item.Id).validateUpdateListItem([{ FieldName: 'Title', FieldValue: 'x' }]).catch((e) => e);
    expect(denied.status).toBe(403);
    const hidden = await actions(owner).items.add({ Title: 'Owners only' });
    await actions(owner).items.getById(hidden.Id).breakRoleInheritance(false, false);
    const missing = await actions(as(aisha)).items.getById(hidden.Id).validateUpdateListItem([{ FieldName: 'Title', FieldValue: 'x' }]).catch((e) => e);
    expect(missing.status).toBe(404);
    // A body without formValues is a bad request.
    const bad = await rawFetch(service.siteUrl, `_api/web/lists/getbytitle('Action%20plans')/items(${item.Id})/validateupdatelistitem`, {
      method: 'POST',
      digest: true,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ bNewDocumentUpdate: false }),
    });
    expect(bad.status).toBe(400);
  });

  it('reads dates in site time, or UTC with datesInUTC, and ISO dates too', async () => {
    const item = await actions(owner).items.add({ Title: 'Dates' });
    const path = `_api/web/lists/getbytitle('Action%20plans')/items(${item.Id})/validateupdatelistitem`;
    const post = (body: unknown) => rawFetch(service.siteUrl, path, { method: 'POST', digest: true, user: aisha.email, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    const iso = await post({ formValues: [{ FieldName: 'NpsDueDate', FieldValue: '2027-01-15' }], bNewDocumentUpdate: false });
    expect(iso.status).toBe(200);
    expect((await actions(owner).items.getById(item.Id)()).NpsDueDate).toBe('2027-01-15T00:00:00Z');
    await post({ formValues: [{ FieldName: 'NpsDueDate', FieldValue: '1/7/2027' }], bNewDocumentUpdate: false, datesInUTC: true });
    expect((await actions(owner).items.getById(item.Id)()).NpsDueDate).toBe('2027-06-30T23:00:00Z');
  });
});

describe('AddValidateUpdateItemUsingPath', () => {
  it('adds an item from form values, the person included, and ends the answer with its Id', async () => {
    expect(await onSite(person('susan.pike'))).toBe(false);
    const susan = person('susan.pike');
    const results = (await actions(as(aisha)).addValidateUpdateItemUsingPath(
      [
        { FieldName: 'Title', FieldValue: 'Brief the scrutiny committee' },
        { FieldName: 'NpsPeriodName', FieldValue: '2026/27' },
        { FieldName: 'NpsIndexId', FieldValue: 'engaging-councillors' },
        { FieldName: 'NpsActionOwner', FieldValue: key(susan) },
        { FieldName: 'NpsDueDate', FieldValue: '15/01/2027' },
      ],
      '/sites/procurement/Lists/ActionPlans'
    )) as FormResult[];
    const last = results[results.length - 1];
    expect(last).toMatchObject({ FieldName: 'Id', HasException: false });
    const id = Number(last.FieldValue);
    expect(results.every((r) => r.ItemId === id && !r.HasException)).toBe(true);
    const saved = await actions(owner).items.getById(id)();
    const susanUser = await owner.web.siteUsers.getByEmail(susan.email)();
    expect(saved).toMatchObject({ Title: 'Brief the scrutiny committee', NpsActionOwnerId: susanUser.Id, NpsDueDate: '2027-01-15T00:00:00Z', NpsActionStatus: 'Not started' });
    expect(saved.AuthorId).toBe((await as(aisha).web.currentUser()).Id);
  });

  it('adds nothing when a value is refused, and needs AddListItems', async () => {
    const count = (await actions(owner).items()).length;
    const results = (await actions(as(aisha)).addValidateUpdateItemUsingPath(
      [
        { FieldName: 'Title', FieldValue: 'Not added' },
        { FieldName: 'NpsDueDate', FieldValue: 'soon' },
      ],
      '/sites/procurement/Lists/ActionPlans'
    )) as FormResult[];
    expect(results.map((r) => [r.FieldName, r.HasException, r.ItemId])).toEqual([
      ['Title', false, 0],
      ['NpsDueDate', true, 0],
    ]);
    expect((await actions(owner).items()).length).toBe(count);
    await expect(actions(as(councillor)).addValidateUpdateItemUsingPath([{ FieldName: 'Title', FieldValue: 'x' }], '/sites/procurement/Lists/ActionPlans')).rejects.toMatchObject({ status: 403 });
    await expect(actions(as(aisha)).addValidateUpdateItemUsingPath([{ FieldName: 'Title', FieldValue: 'x' }], '/sites/procurement/Lists/Elsewhere')).rejects.toMatchObject({ status: 404 });
  });
});

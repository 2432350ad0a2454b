import { readFileSync } from 'fs';
import { join } from 'path';
import { FrameworkValidationError, npsFramework2018, parseFramework, parseFrameworkJson } from '../../src/framework';
import { blankDraft, checkIndexDraft, IndexDraft, localIndexId } from '../../src/framework/localIndex';
import { frameworkFileText } from '../../src/framework/frameworkFile';
import { STARTING_POINTS } from '../../src/framework/startingPoints';
import { Framework, LEVEL_IDS } from '../../src/framework/types';
import {
  addLocalIndex,
  applyImport,
  exportFramework,
  previewImport,
  readSiteFramework,
  restoreIndex,
  retireIndex,
  rewordIndex,
  SiteFramework,
} from '../../src/data/frameworkEditing';
import { ConflictError, DataError, ValidationError } from '../../src/data/errors';
import { DataServices } from '../../src/data/services';
import { LISTS } from '../../src/data/schema';
import { loadWorkspace } from '../../src/data/workspace';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { rawFetch, RunningService, servicesAs, setUpSite, spAs, startListService } from '../support/listService';

/*
 * Site owners tailoring the framework without code: adding a local index (from scratch or from an
 * objective the strategy names), rewording, retiring and restoring, exporting and importing. Every
 * change is checked as strictly as the built-in framework, and only site owners can make one, in the
 * app or by a direct REST call.
 */
const builtIn = npsFramework2018();
const seedText = readFileSync(join(__dirname, '../fixtures/national-procurement-strategy-2018.txt'), 'utf8');
const words = (text: string): string => text.replace(/[‘’']/g, "'").replace(/\s+/g, ' ').trim();
const OFFICER = DIRECTORY.find((p) => p.role === 'officer')!;

/** A complete draft of a local key area, with the council's own words throughout. */
function councilDraft(title: string, patch: Partial<IndexDraft> = {}): IndexDraft {
  return {
    kind: 'keyArea',
    themeId: 'achieving-community-benefits',
    title,
    description: `${title}: what our council means by it.`,
    whatItIs: `What ${title} is, in our words.`,
    whyItIsImportant: `Why ${title} matters to our residents.`,
    descriptors: {
      minimum: `${title}: nothing beyond the law.`,
      developing: `${title}: a policy, applied in some contracts.`,
      mature: `${title}: applied in every contract over the threshold.`,
      leader: `${title}: checked with suppliers each year.`,
      innovator: `${title}: we lead other councils on it.`,
    },
    ...patch,
  };
}

const context = (otherTitles: string[] = builtIn.indices.map((i) => i.title)) => ({ themes: builtIn.themes, framework: builtIn, otherTitles });

describe('a local index id', () => {
  it('starts "local-", is made from the title and never takes an id already used, retired ones included', () => {
    expect(localIndexId('Ethical procurement', [])).toBe('local-ethical-procurement');
    expect(localIndexId('Ethical procurement', ['local-ethical-procurement'])).toBe('local-ethical-procurement-2');
    expect(localIndexId('Ethical procurement', ['local-ethical-procurement', 'local-ethical-procurement-2'])).toBe('local-ethical-procurement-3');
    expect(localIndexId('Café & “Green” Value!', [])).toBe('local-cafe-green-value');
    expect(localIndexId('???', [])).toBe('local-index');
    expect(localIndexId('x'.repeat(300), []).length).toBeLessThanOrEqual(100);
  });

  it('can never be one of the strategy\'s: none of the built-in ids starts "local-"', () => {
    expect(builtIn.indices.filter((i) => i.id.startsWith('local-'))).toEqual([]);
  });
});

describe('the objectives the strategy names as starting points', () => {
  it('quote the strategy word for word, and only what it says: ethical procurement and the green side of social value', () => {
    expect(STARTING_POINTS.map((p) => p.id)).toEqual(['ethical-procurement', 'green-social-value']);
    for (const point of STARTING_POINTS) {
      expect(words(seedText)).toContain(words(point.quotation));
      expect(point.citation).toBe('National Procurement Strategy for Local Government in England 2018, Introduction');
    }
    expect(STARTING_POINTS[0].quotation).toContain('voluntary compliance with the Modern Slavery Act 2015');
    expect(STARTING_POINTS[1].quotation).toContain('the ‘green’ component of the social value duty');
  });

  it('give a draft only a title: the texts and all five descriptors are left for the council to write', () => {
    const draft = blankDraft('ethical-procurement');
    expect(draft).toMatchObject({ title: 'Ethical procurement', startingPoint: 'ethical-procurement', description: '', whatItIs: '', whyItIsImportant: '' });
    expect(Object.values(draft.descriptors)).toEqual(['', '', '', '', '']);
    const problems = checkIndexDraft({ ...draft, themeId: 'achieving-community-benefits' }, context());
    expect(problems.map((p) => p.field)).toEqual(['description', 'whatItIs', 'whyItIsImportant', ...LEVEL_IDS.map((l) => `descriptor-${l}`)]);
    expect(problems.find((p) => p.field === 'descriptor-leader')?.message).toBe('The Leader descriptor is required: every level needs one.');
  });
});

describe('checking a new or reworded index as strictly as the built-in framework', () => {
  it('accepts a complete key area and a complete enabler without texts', () => {
    expect(checkIndexDraft(councilDraft('Fair tax'), context())).toEqual([]);
    expect(checkIndexDraft(councilDraft('Data skills', { kind: 'enabler', themeId: null, description: '', whatItIs: '', whyItIsImportant: '' }), context())).toEqual([]);
  });

  it('ties each problem to its field, in words the person can act on', () => {
    const draft = councilDraft('Engaging councillors', { themeId: null, whatItIs: ' ' });
    draft.descriptors.mature = '';
    draft.descriptors.leader = 'Checklist:\n- Policy\n- ';
    draft.descriptors.innovator = 'x'.repeat(2001);
    expect(checkIndexDraft(draft, context())).toEqual([
      { field: 'title', message: '"Engaging councillors" is already the title of a key area or enabler. Choose a title nobody will confuse with it.' },
      { field: 'themeId', message: 'Choose the theme this key area belongs to.' },
      { field: 'whatItIs', message: '"What it is" is required for a key area.' },
      { field: 'descriptor-mature', message: 'The Mature descriptor is required: every level needs one.' },
      { field: 'descriptor-leader', message: 'The Leader descriptor: line 3 is a list item with no text.' },
      { field: 'descriptor-innovator', message: 'The Innovator descriptor is 2,001 characters; the limit is 2,000. Shorten it by 1.' },
    ]);
  });

  it('refuses an enabler placed under a theme, an unknown theme and an over-long title', () => {
    expect(checkIndexDraft(councilDraft('Data skills', { kind: 'enabler' }), context())).toEqual([{ field: 'themeId', message: 'An enabler cuts across the themes, so it has no theme.' }]);
    expect(checkIndexDraft(councilDraft('Fair tax', { themeId: 'being-green' }), context())).toEqual([
      { field: 'themeId', message: '"being-green" is not one of this site\'s themes. Choose one from the list.' },
    ]);
    expect(checkIndexDraft(councilDraft('T'.repeat(256)), context())[0]).toEqual({ field: 'title', message: 'Title is 256 characters; the limit is 255. Shorten it by 1.' });
  });

  it('holds framework files to the same lengths and to known starting points', () => {
    const raw = JSON.parse(frameworkFileText(builtIn));
    raw.indices[0].descriptors.leader = 'y'.repeat(2001);
    raw.indices[1].startingPoint = 'net-zero';
    raw.indices[2].retired = 'yes';
    expect(() => parseFramework(raw)).toThrow(FrameworkValidationError);
    try {
      parseFramework(raw);
    } catch (e) {
      expect((e as FrameworkValidationError).problems).toEqual([
        'indices[0] (engaging-councillors): descriptor for "leader" is 2001 characters; the limit is 2000',
        'indices[1] (engaging-senior-managers): "startingPoint" must be ethical-procurement or green-social-value, not "net-zero"',
        'indices[2] (working-with-partners): "retired" must be true or false, not string',
      ]);
    }
  });
});

/** The site state a plan is made against: the built-in framework as set-up leaves it, as a site would read. */
function siteFrom(framework: Framework, retiredIds: string[] = []): SiteFramework {
  const deployed = framework.indices.map((index, i) => ({
    ...index,
    descriptors: { ...index.descriptors },
    itemId: i + 1,
    etag: `"${i + 1}"`,
    kindChoice: index.kind === 'enabler' ? 'Enabler' : 'Key area',
    themeTitle: framework.themes.find((t) => t.id === index.themeId)?.title ?? '',
    retired: retiredIds.includes(index.id),
    sourceFramework: framework.id,
    frameworkVersion: framework.version,
  }));
  const withRetired = { ...framework, indices: framework.indices.map((i) => (retiredIds.includes(i.id) ? { ...i, retired: true } : i)) };
  return { builtIn, deployed, framework: withRetired, skipped: [] };
}

function refusal(site: SiteFramework, text: string): string[] {
  try {
    previewImport(site, text);
  } catch (e) {
    expect(e).toBeInstanceOf(FrameworkValidationError);
    return (e as FrameworkValidationError).problems;
  }
  throw new Error('expected the file to be refused');
}

describe('a framework file', () => {
  it('holds every index, retired ones marked, and imported again changes nothing', () => {
    const site = siteFrom(builtIn, ['embedding-change']);
    const { fileName, text } = exportFramework(site, 'procurement', '2026-03-31');
    expect(fileName).toBe('nps-framework-procurement-2026-03-31.json');
    const file = parseFrameworkJson(text);
    expect(file.indices).toHaveLength(14);
    expect(file.indices.find((i) => i.id === 'embedding-change')?.retired).toBe(true);
    const plan = previewImport(site, text);
    expect(plan).toMatchObject({ added: [], reworded: [], retired: [], restored: [], unchanged: 14 });
  });

  it('is previewed as what it would add, reword, retire and restore', () => {
    const site = siteFrom(builtIn, ['embedding-change']);
    const raw = JSON.parse(frameworkFileText(builtIn));
    const councillors = raw.indices.find((i: { id: string }) => i.id === 'engaging-councillors');
    councillors.descriptors.leader = 'Our region’s Leader descriptor.';
    councillors.title = 'Engaging elected members';
    raw.indices = raw.indices.filter((i: { id: string }) => i.id !== 'managing-strategic-risk');
    raw.indices.push({ ...councilDraft('Green social value'), id: 'local-green-social-value', order: 20, startingPoint: 'green-social-value' });
    const plan = previewImport(site, JSON.stringify({ ...raw, id: 'west-region-2026', title: 'West region procurement strategy' }));
    expect(plan.added.map((a) => [a.index.id, a.index.origin, a.themeTitle])).toEqual([['local-green-social-value', 'local', 'Achieving community benefits']]);
    expect(plan.reworded.map((c) => [c.site.index.id, c.changes])).toEqual([['engaging-councillors', ['Title: “Engaging councillors” → “Engaging elected members”', 'Leader descriptor']]]);
    expect(plan.retired.map((r) => r.index.id)).toEqual(['managing-strategic-risk']);
    expect(plan.restored.map((c) => c.site.index.id)).toEqual(['embedding-change']);
    expect(plan.notes).toContain(
      'The file\'s title ("West region procurement strategy") and its guidance on target levels are not imported: this site keeps those of the National Procurement Strategy for Local Government in England 2018.'
    );
  });

  it('is refused when it is not JSON or fails the framework loader, naming each problem', () => {
    const site = siteFrom(builtIn);
    expect(refusal(site, '{ "id": "west"')[0]).toMatch(/^the file is not valid JSON: /);
    const raw = JSON.parse(frameworkFileText(builtIn));
    delete raw.indices[3].descriptors.innovator;
    raw.indices[5].kind = 'objective';
    expect(refusal(site, JSON.stringify(raw))).toEqual([
      'indices[3] (engaging-strategic-suppliers): missing level "innovator" in "descriptors"',
      'indices[5] (managing-contracts-and-relationships): "kind" must be keyArea or enabler, not "objective"',
    ]);
  });

  it('is refused when it conflicts with the site, saying what conflicts and what to do', () => {
    const site = siteFrom(builtIn);
    const raw = JSON.parse(frameworkFileText(builtIn));
    raw.levels[0].title = 'Basic';
    raw.themes[0].title = 'Leadership';
    const enabler = raw.indices.findIndex((i: { id: string }) => i.id === 'developing-talent');
    raw.indices[enabler] = { ...raw.indices[enabler], kind: 'keyArea', themeId: 'showing-leadership', description: 'd', whatItIs: 'w', whyItIsImportant: 'y' };
    raw.indices.push({ ...councilDraft('Green social value'), id: 'green-social-value', order: 20 });
    raw.indices.push({ ...councilDraft('Obtaining social value'), id: 'local-more-social-value', order: 21 });
    raw.indices[1].startingPoint = 'ethical-procurement';
    expect(refusal(site, JSON.stringify(raw))).toEqual([
      'levels: the file calls the level "minimum" "Basic", but this site\'s levels are Minimum, Developing, Mature, Leader, Innovator and cannot be renamed',
      'themes (showing-leadership): this site calls the theme "Showing leadership" and the file "Leadership"; a theme keeps its title, so use "Showing leadership" or a new theme id',
      'indices[1] (engaging-senior-managers): only a local index can name a starting point, not one of the strategy\'s',
      'indices[10] (developing-talent): it is an enabler on this site but a key area in the file; an index cannot change kind, as its history would no longer match. Retire it and add a new index instead',
      'indices[14] (green-social-value): "green-social-value" is not one of the strategy\'s indices, so its id must start "local-" (such as local-green-social-value) so it can never collide with an index the strategy adds',
      'indices[15] (local-more-social-value): the title "Obtaining social value" is also used by indices[7] (obtaining-social-value); each key area and enabler needs its own title',
    ]);
    const allRetired = JSON.parse(frameworkFileText(builtIn));
    for (const index of allRetired.indices) index.retired = true;
    expect(refusal(site, JSON.stringify(allRetired))).toEqual(['indices: every index in the file is retired, which would leave nothing to assess']);
  });
});

describe('site owners tailoring the framework on a site', () => {
  let service: RunningService;
  const owner = (): DataServices => servicesAs(service, SITE_OWNER.loginName);
  const officer = (): DataServices => servicesAs(service, OFFICER.loginName);
  const site = (): Promise<SiteFramework> => readSiteFramework(owner().indices, builtIn);
  const listPath = `_api/web/lists/getbytitle('${encodeURIComponent(LISTS.indices.title)}')/items`;

  beforeAll(async () => {
    service = await startListService();
    await setUpSite(service, { officers: [OFFICER.loginName] });
  }, 90000);
  afterAll(async () => {
    await service?.stop();
  });

  it('adds a local index begun from a starting point, and an officer then sees it in a draft year to assess', async () => {
    const draft = { ...councilDraft('Ethical procurement'), startingPoint: 'ethical-procurement' as const };
    const added = await addLocalIndex(owner().indices, await site(), draft);
    expect(added).toMatchObject({ id: 'local-ethical-procurement', kindChoice: 'Key area', sourceFramework: 'local', startingPointValue: 'ethical-procurement', retired: false });

    await officer().periods.create('2040/41', builtIn);
    const draftYear = await loadWorkspace(officer(), builtIn, '2040/41');
    const shown = draftYear.framework.indices.find((i) => i.id === 'local-ethical-procurement')!;
    expect(shown).toMatchObject({ origin: 'local', startingPoint: 'ethical-procurement', themeId: 'achieving-community-benefits', title: 'Ethical procurement' });
    expect(shown.descriptors.leader).toBe('Ethical procurement: checked with suppliers each year.');
    expect(draftYear.framework.indices).toHaveLength(15);

    // The same title again gets the next id, never the first one's.
    const again = await addLocalIndex(owner().indices, await site(), councilDraft('Ethical  Procurement!', { kind: 'enabler', themeId: null, title: 'Ethical procurement (suppliers)' }));
    expect(again.id).toBe('local-ethical-procurement-suppliers');
  }, 60000);

  it('refuses an incomplete local index field by field and adds nothing', async () => {
    const before = (await owner().indices.all()).length;
    const draft = councilDraft('Fair tax', { description: '' });
    draft.descriptors.developing = ' ';
    const refused = await addLocalIndex(owner().indices, await site(), draft).catch((e) => e);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).problems).toEqual([
      { field: 'description', message: 'Description is required for a key area.' },
      { field: 'descriptor-developing', message: 'The Developing descriptor is required: every level needs one.' },
    ]);
    expect((await owner().indices.all()).length).toBe(before);
  }, 60000);

  it('rewords an index and a descriptor, and never overwrites a change someone made meanwhile', async () => {
    const added = await addLocalIndex(owner().indices, await site(), councilDraft('Local suppliers first'));
    const stale = await site();
    const reworded = await rewordIndex(owner().indices, stale, added.id, { ...councilDraft('Local suppliers first'), title: 'Buying from local suppliers', descriptors: { ...councilDraft('x').descriptors, leader: 'Reworded Leader.' } });
    expect(reworded).toMatchObject({ id: added.id, title: 'Buying from local suppliers' });
    expect(reworded.descriptors.leader).toBe('Reworded Leader.');
    // Rewording from the copy read before that change would overwrite it: it is refused, and nothing changes.
    const conflict = await rewordIndex(owner().indices, stale, added.id, councilDraft('Local suppliers at heart')).catch((e) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((await owner().indices.byIndexId(added.id))?.title).toBe('Buying from local suppliers');
    // Its kind cannot change: its history would no longer match.
    const kind = await rewordIndex(owner().indices, await site(), added.id, councilDraft('Buying from local suppliers', { kind: 'enabler', themeId: null })).catch((e) => e);
    expect((kind as ValidationError).problems[0]).toEqual({
      field: 'kind',
      message: 'An index cannot change between key area and enabler: its history would no longer match. Retire it and add a new one instead.',
    });
  }, 60000);

  it('retires an index so it leaves a new year, and restores it', async () => {
    const added = await addLocalIndex(owner().indices, await site(), councilDraft('Modern slavery statements'));
    await retireIndex(owner().indices, await site(), added.id);
    expect((await owner().indices.byIndexId(added.id))?.retired).toBe(true);
    await officer().periods.create('2041/42', builtIn);
    expect((await loadWorkspace(officer(), builtIn, '2041/42')).framework.indices.map((i) => i.id)).not.toContain(added.id);
    // Still there for the owner to restore, as it was.
    const retiredOne = (await site()).framework.indices.find((i) => i.id === added.id)!;
    expect(retiredOne).toMatchObject({ retired: true, title: 'Modern slavery statements' });

    await restoreIndex(owner().indices, await site(), added.id);
    expect((await loadWorkspace(officer(), builtIn, '2041/42')).framework.indices.map((i) => i.id)).toContain(added.id);
  }, 60000);

  it('lets only site owners change the framework: an officer is refused in the app and by SharePoint', async () => {
    const target = (await owner().indices.byIndexId('engaging-councillors'))!;
    const viaApp = await addLocalIndex(officer().indices, await site(), councilDraft('Officers’ own index')).catch((e) => e);
    expect(viaApp).toBeInstanceOf(DataError);
    expect((viaApp as DataError).kind).toBe('readOnly');
    const post = await rawFetch(service.siteUrl, listPath, {
      method: 'POST',
      user: OFFICER.loginName,
      digest: true,
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ Title: 'Mine', NpsIndexId: 'local-mine', NpsIndexKind: 'Key area' }),
    });
    expect(post.status).toBe(403);
    const merge = await rawFetch(service.siteUrl, `${listPath}(${target.itemId})`, {
      method: 'POST',
      user: OFFICER.loginName,
      digest: true,
      headers: { 'Content-Type': 'application/json', 'X-HTTP-Method': 'MERGE', 'IF-MATCH': '*' },
      body: JSON.stringify({ NpsRetired: true }),
    });
    expect(merge.status).toBe(403);
    expect((await owner().indices.byIndexId('engaging-councillors'))?.retired).toBe(false);
  }, 60000);

  it('imports a file only after its preview is confirmed, and refuses a conflicting file leaving everything as it was', async () => {
    const before = await owner().indices.all();
    const raw = JSON.parse(exportFramework(await site(), 'procurement', '2026-03-31').text);
    raw.indices.find((i: { id: string }) => i.id === 'enabling-vcse-engagement').descriptors.mature = 'The region’s Mature descriptor.';
    raw.indices.push({ ...councilDraft('Net zero suppliers'), id: 'local-net-zero-suppliers', order: 30 });
    const text = JSON.stringify({ ...raw, id: 'west-region-2026' });
    const plan = previewImport(await site(), text);
    // A preview changes nothing.
    expect(await owner().indices.all()).toEqual(before);
    expect(plan.added.map((a) => a.index.id)).toEqual(['local-net-zero-suppliers']);
    expect(plan.reworded.map((c) => c.site.index.id)).toEqual(['enabling-vcse-engagement']);

    const conflicting = JSON.stringify({ ...raw, indices: raw.indices.map((i: { id: string }) => (i.id === 'embedding-change' ? { ...i, kind: 'keyArea', themeId: 'showing-leadership', description: 'd', whatItIs: 'w', whyItIsImportant: 'y' } : i)) });
    const current = await site();
    expect(() => previewImport(current, conflicting)).toThrow(FrameworkValidationError);
    await expect(applyImport(owner().indices, builtIn, conflicting, plan)).rejects.toThrow(/it is an enabler on this site but a key area in the file/);
    expect(await owner().indices.all()).toEqual(before);

    // If the list changes after the preview, the import is refused: preview again.
    const vcse = before.find((i) => i.id === 'enabling-vcse-engagement')!;
    await spAs(service.siteUrl, SITE_OWNER.loginName).web.lists.getByTitle(LISTS.indices.title).items.getById(vcse.itemId).update({ NpsDescriptorLeader: 'Changed in the list after the preview.' });
    await expect(applyImport(owner().indices, builtIn, text, plan)).rejects.toThrow('The framework on this site changed after the preview, so the file would now do something else. Nothing was imported: preview the file again.');
    expect((await owner().indices.all()).map((i) => i.id)).toEqual(before.map((i) => i.id));

    const fresh = previewImport(await site(), text);
    const outcome = await applyImport(owner().indices, builtIn, text, fresh);
    expect(outcome.done).toEqual(['added Net zero suppliers', 'reworded Enabling VCSE engagement']);
    const now = await owner().indices.all();
    expect(now.find((i) => i.id === 'local-net-zero-suppliers')).toMatchObject({ sourceFramework: 'west-region-2026', retired: false });
    expect(now.find((i) => i.id === 'enabling-vcse-engagement')?.descriptors.mature).toBe('The region’s Mature descriptor.');
  }, 90000);

  it('holds items typed into the list\'s own form to the same rules: a non-local id or a stray starting point is left out, named', async () => {
    const list = spAs(service.siteUrl, SITE_OWNER.loginName).web.lists.getByTitle(LISTS.indices.title).items;
    const fields = { NpsIndexKind: 'Enabler', NpsSortOrder: 150, NpsDescriptorMinimum: 'a', NpsDescriptorDeveloping: 'b', NpsDescriptorMature: 'c', NpsDescriptorLeader: 'd', NpsDescriptorInnovator: 'e' };
    const plain = await list.add({ Title: 'Green fleet', NpsIndexId: 'green-fleet', ...fields });
    const stray = await list.add({ Title: 'Carbon literacy', NpsIndexId: 'local-carbon-literacy', NpsStartingPoint: 'net-zero', ...fields });
    const current = await site();
    const idOf = (added: unknown): number => (added as { Id?: number; ID?: number }).Id ?? (added as { ID: number }).ID;
    expect(current.skipped.find((s) => s.itemId === idOf(plain))?.problems).toEqual([
      '"Index id" green-fleet is not one of the strategy\'s: a local index\'s id starts local- (such as local-green-fleet), so it can never collide with one of the strategy\'s',
    ]);
    expect(current.skipped.find((s) => s.itemId === idOf(stray))?.problems).toEqual([
      '"Starting point in the strategy" "net-zero" is not one of the strategy\'s starting points (ethical-procurement, green-social-value)',
    ]);
    expect(current.framework.indices.map((i) => i.id)).not.toContain('green-fleet');
  }, 60000);
});

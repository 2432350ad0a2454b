import { CORRECTIONS, npsFramework2018 } from '../../src/framework';
import { Framework, LevelId } from '../../src/framework/types';
import { DeployedIndex, describeSkippedIndex, IndexRepository, planCorrections } from '../../src/data/repositories/indexRepository';
import { LISTS } from '../../src/data/schema';
import { SITE_OWNER } from '../../preview/server/directory';
import { RunningService, spAs, startListService } from '../support/listService';

const builtIn = npsFramework2018();

/** The built-in framework as it was shipped before the corrections (version 1.0.0). */
function asFirstShipped(framework: Framework): Framework {
  const indices = framework.indices.map((index) => {
    let copy = { ...index, descriptors: { ...index.descriptors } };
    for (const c of CORRECTIONS.filter((x) => x.indexId === index.id)) {
      if (c.field === 'theme') copy = { ...copy, themeId: c.was };
      else copy.descriptors[c.level] = c.was;
    }
    return copy;
  });
  return { ...framework, version: '1.0.0', indices };
}

/** The items set-up would add for a framework, as IndexRepository reads them back. */
function deployedFrom(framework: Framework): DeployedIndex[] {
  return framework.indices.map((index, i) => ({
    ...index,
    descriptors: { ...index.descriptors },
    itemId: i + 1,
    etag: `"${i + 1}"`,
    kindChoice: index.kind === 'enabler' ? 'Enabler' : 'Key area',
    themeTitle: framework.themes.find((t) => t.id === index.themeId)?.title ?? '',
    retired: false,
    sourceFramework: framework.id,
    frameworkVersion: framework.version,
  }));
}

const byId = (items: DeployedIndex[], id: string): DeployedIndex => items.find((i) => i.id === id)!;

describe('the framework as deployed on a site', () => {
  it('is the built-in framework when the list holds it unchanged', () => {
    const { framework, skipped } = IndexRepository.toFramework(deployedFrom(builtIn), builtIn);
    expect(skipped).toEqual([]);
    expect(framework).toEqual(builtIn);
  });

  it('leaves out an item with only a Title, naming its Title, ID and every column at fault', () => {
    const items = deployedFrom(builtIn);
    items.push({
      itemId: 40,
      etag: '"1"',
      id: '',
      kindChoice: '',
      kind: 'keyArea',
      themeId: null,
      themeTitle: '',
      title: "Members' training",
      order: 0,
      description: '',
      whatItIs: '',
      whyItIsImportant: '',
      descriptors: { minimum: '', developing: '', mature: '', leader: '', innovator: '' },
      retired: false,
      sourceFramework: '',
      frameworkVersion: '',
    });
    const { framework, skipped } = IndexRepository.toFramework(items, builtIn);
    expect(framework.indices).toHaveLength(14);
    expect(skipped).toEqual([
      {
        itemId: 40,
        indexId: '',
        title: "Members' training",
        problems: [
          '"Index id" is empty',
          '"Kind" is empty: choose Key area or Enabler',
          '"Minimum" is empty: every level needs a descriptor',
          '"Developing" is empty: every level needs a descriptor',
          '"Mature" is empty: every level needs a descriptor',
          '"Leader" is empty: every level needs a descriptor',
          '"Innovator" is empty: every level needs a descriptor',
        ],
      },
    ]);
    expect(describeSkippedIndex(skipped[0])).toBe(
      `${LISTS.indices.title} item 40 "Members' training" is not shown until a site owner fixes it: "Index id" is empty; "Kind" is empty: choose Key area or Enabler; ` +
        '"Minimum" is empty: every level needs a descriptor; "Developing" is empty: every level needs a descriptor; "Mature" is empty: every level needs a descriptor; ' +
        '"Leader" is empty: every level needs a descriptor; "Innovator" is empty: every level needs a descriptor.'
    );
  });

  it('leaves out a missing descriptor, an unknown Kind and a repeated Index id, and keeps the rest', () => {
    const items = deployedFrom(builtIn);
    byId(items, 'engaging-councillors').descriptors.leader = '  ';
    Object.assign(byId(items, 'managing-strategic-risk'), { kindChoice: 'Objective' });
    Object.assign(byId(items, 'embedding-change'), { id: 'enabling-innovation' });
    const { framework, skipped } = IndexRepository.toFramework(items, builtIn);
    expect(skipped).toEqual([
      { itemId: 1, indexId: 'engaging-councillors', title: 'Engaging councillors', problems: ['"Leader" is empty: every level needs a descriptor'] },
      { itemId: 7, indexId: 'managing-strategic-risk', title: 'Managing strategic risk', problems: ['"Kind" "Objective" is not one of the choices: choose Key area or Enabler'] },
      { itemId: 14, indexId: 'enabling-innovation', title: 'Embedding change', problems: ['"Index id" enabling-innovation is already used by item 13 (Enabling innovation), which is shown instead'] },
    ]);
    expect(framework.indices.map((i) => i.id)).toEqual(builtIn.indices.map((i) => i.id).filter((id) => !['engaging-councillors', 'managing-strategic-risk', 'embedding-change'].includes(id)));
    expect(describeSkippedIndex(skipped[0])).toBe(
      `${LISTS.indices.title} item 1 "Engaging councillors" (index id engaging-councillors) is not shown until a site owner fixes it: "Leader" is empty: every level needs a descriptor.`
    );
  });

  it('names a key area without its theme or explanation, a badly written id, and a list item with no text', () => {
    const items = deployedFrom(builtIn);
    Object.assign(byId(items, 'working-with-partners'), { themeId: '', whatItIs: '' });
    Object.assign(byId(items, 'engaging-local-smes'), { id: 'Local SMEs', themeId: 'Community Benefits' });
    byId(items, 'developing-talent').descriptors.leader = 'Including:\n- Contracts pipeline\n- ';
    const { skipped } = IndexRepository.toFramework(items, builtIn);
    expect(skipped.map((s) => s.problems)).toEqual([
      ['"Theme id" is empty: a key area belongs to a theme', '"What it is" is empty: a key area needs it'],
      [
        '"Index id" "Local SMEs" must be lower-case words joined by hyphens, such as engaging-councillors',
        '"Theme id" "Community Benefits" must be lower-case words joined by hyphens, such as showing-leadership',
      ],
      ['"Leader": line 3 is a list item with no text'],
    ]);
  });

  it('is empty, with every item listed, when every item is bad; retired items are not mentioned', () => {
    const items = deployedFrom(builtIn).map((i) => ({ ...i, descriptors: { ...i.descriptors, mature: '' } }));
    items[0].retired = true;
    const { framework, skipped } = IndexRepository.toFramework(items, builtIn);
    expect(framework.indices).toEqual([]);
    expect(framework.themes).toEqual([]);
    expect(skipped.map((s) => s.itemId)).toEqual(items.slice(1).map((i) => i.itemId));
    expect(IndexRepository.frameworkOf(items, builtIn).indices).toEqual([]);
  });

  it('keeps a retired item only where asked (a year that assessed it), marked retired, and says whose words each index is in', () => {
    const items = deployedFrom(builtIn);
    byId(items, 'embedding-change').retired = true;
    byId(items, 'engaging-councillors').descriptors.mature = 'Reworded on this site.';
    items.push({ ...byId(items, 'working-with-partners'), itemId: 30, id: 'local-ethical-procurement', title: 'Ethical procurement', startingPointValue: 'ethical-procurement', sourceFramework: 'local' });
    expect(IndexRepository.toFramework(items, builtIn).framework.indices.map((i) => i.id)).not.toContain('embedding-change');
    const { framework, skipped } = IndexRepository.toFramework(items, builtIn, { keepRetired: (i) => i.id === 'embedding-change' });
    expect(skipped).toEqual([]);
    const of = (id: string) => framework.indices.find((i) => i.id === id)!;
    expect(of('embedding-change').retired).toBe(true);
    expect(of('engaging-councillors').origin).toBe('reworded');
    expect(of('local-ethical-procurement')).toMatchObject({ origin: 'local', startingPoint: 'ethical-procurement' });
    // The strategy's words as first shipped (before a correction) are still the strategy's.
    expect(IndexRepository.toFramework(deployedFrom(asFirstShipped(builtIn)), builtIn).framework.indices.filter((i) => i.origin)).toEqual([]);
  });

  it('takes a theme\'s title from the list and the newest framework version the items hold', () => {
    const items = deployedFrom(asFirstShipped(builtIn));
    for (const i of items) if (i.themeId === 'showing-leadership') i.themeTitle = 'Leading the way';
    byId(items, 'engaging-strategic-suppliers').frameworkVersion = '1.10.0';
    const { framework } = IndexRepository.toFramework(items, builtIn);
    expect(framework.themes[0].title).toBe('Leading the way');
    expect(framework.version).toBe('1.10.0');
    expect(framework.targetGuidance).toBe(builtIn.targetGuidance);
  });
});

const leader = (id: string): string => builtIn.indices.find((i) => i.id === id)!.descriptors.leader;

describe('bringing a site seeded before the corrections up to date', () => {
  it('corrects the theme and the Leader descriptors still as first shipped, and only those columns', () => {
    const { updates, leftAlone } = planCorrections(deployedFrom(asFirstShipped(builtIn)), builtIn);
    expect(leftAlone).toEqual([]);
    expect(updates).toEqual([
      {
        itemId: 4,
        etag: '"4"',
        title: 'Engaging strategic suppliers',
        fields: { NpsThemeId: 'showing-leadership', NpsThemeTitle: 'Showing leadership', NpsFrameworkVersion: builtIn.version },
        lines: ['Engaging strategic suppliers: moved from the theme Behaving commercially to Showing leadership, where the strategy’s Figure 1 puts it'],
      },
      {
        itemId: 11,
        etag: '"11"',
        title: 'Developing talent',
        fields: { NpsDescriptorLeader: leader('developing-talent'), NpsFrameworkVersion: builtIn.version },
        lines: ['Developing talent: the Leader descriptor is now set out as the bullet list the strategy prints, for use as a checklist'],
      },
      expect.objectContaining({ itemId: 12, fields: { NpsDescriptorLeader: leader('exploiting-digital-technology'), NpsFrameworkVersion: builtIn.version } }),
      expect.objectContaining({ itemId: 13, fields: { NpsDescriptorLeader: leader('enabling-innovation'), NpsFrameworkVersion: builtIn.version } }),
    ]);
  });

  it('leaves alone what a site owner has changed, and says so', () => {
    const items = deployedFrom(asFirstShipped(builtIn));
    byId(items, 'engaging-strategic-suppliers').themeId = 'achieving-community-benefits';
    byId(items, 'enabling-innovation').descriptors.leader = 'Our own wording for Leader.';
    const { updates, leftAlone } = planCorrections(items, builtIn);
    expect(updates.map((u) => u.title)).toEqual(['Developing talent', 'Exploiting digital technology']);
    expect(leftAlone).toEqual([
      'Engaging strategic suppliers: its theme has been changed on this site, so it stays as it is (the strategy puts it under Showing leadership)',
      'Enabling innovation: the Leader descriptor has been reworded on this site, so it stays as it is (the built-in descriptor is now set out as the bullet list the strategy prints, for use as a checklist)',
    ]);
  });

  it('sees the old wording through SharePoint\'s line endings and stray spaces', () => {
    const items = deployedFrom(asFirstShipped(builtIn));
    const talent = byId(items, 'developing-talent');
    talent.descriptors.leader = ` ${talent.descriptors.leader.replace('workload including: ', 'workload including:  ')}\r\n`;
    expect(planCorrections(items, builtIn).updates.map((u) => u.title)).toContain('Developing talent');
  });

  it('changes nothing on a site seeded from the corrected framework, or on items from another framework', () => {
    expect(planCorrections(deployedFrom(builtIn), builtIn)).toEqual({ updates: [], leftAlone: [] });
    const local = deployedFrom(asFirstShipped(builtIn)).map((i) => ({ ...i, sourceFramework: 'borsetshire-2025' }));
    expect(planCorrections(local, builtIn)).toEqual({ updates: [], leftAlone: [] });
    // An item already marked with the correcting version is taken as deliberate, whatever it holds.
    const marked = deployedFrom(asFirstShipped(builtIn)).map((i) => ({ ...i, frameworkVersion: builtIn.version }));
    expect(planCorrections(marked, builtIn)).toEqual({ updates: [], leftAlone: [] });
  });

  it('leaves the item\'s version as it was when one of its corrections was left alone', () => {
    const corrections = [
      ...CORRECTIONS,
      { frameworkId: 'nps-2018', correctedIn: '1.1.0', indexId: 'developing-talent', field: 'descriptor' as const, level: 'innovator' as LevelId, was: 'An old innovator text.', why: 'test' },
    ];
    const items = deployedFrom(asFirstShipped(builtIn));
    byId(items, 'developing-talent').descriptors.innovator = 'Reworded here.';
    const talent = planCorrections(items, builtIn, corrections).updates.find((u) => u.title === 'Developing talent')!;
    expect(talent.fields).toEqual({ NpsDescriptorLeader: leader('developing-talent') });
  });
});

describe('set-up against the local list service', () => {
  let service: RunningService;
  beforeAll(async () => {
    service = await startListService();
  }, 60000);
  afterAll(async () => {
    await service?.stop();
  });

  it('corrects a list seeded before the corrections, keeps a reworded descriptor, and changes nothing the second time', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    const indices = new IndexRepository(owner);
    expect(await indices.seed(asFirstShipped(builtIn))).toHaveLength(14);
    const list = owner.web.lists.getByTitle(LISTS.indices.title);
    const innovation = (await indices.byIndexId('enabling-innovation'))!;
    await list.items.getById(innovation.itemId).update({ NpsDescriptorLeader: 'Innovation is mainstreamed.\n- Our own checklist item' });

    const first = await indices.applyCorrections(builtIn);
    expect(first.changed).toEqual([
      'Engaging strategic suppliers: moved from the theme Behaving commercially to Showing leadership, where the strategy’s Figure 1 puts it',
      'Developing talent: the Leader descriptor is now set out as the bullet list the strategy prints, for use as a checklist',
      'Exploiting digital technology: the Leader descriptor is now set out as the bullet list the strategy prints, for use as a checklist',
    ]);
    expect(first.leftAlone).toEqual([expect.stringMatching(/^Enabling innovation: the Leader descriptor has been reworded on this site/)]);

    const after = await indices.all();
    const { framework, skipped } = IndexRepository.toFramework(after, builtIn);
    expect(skipped).toEqual([]);
    expect(framework.indices.find((i) => i.id === 'engaging-strategic-suppliers')?.themeId).toBe('showing-leadership');
    expect(framework.themes.map((t) => t.title)).toEqual(['Showing leadership', 'Behaving commercially', 'Achieving community benefits']);
    expect(framework.indices.find((i) => i.id === 'developing-talent')?.descriptors.leader).toBe(leader('developing-talent'));
    expect(framework.indices.find((i) => i.id === 'enabling-innovation')?.descriptors.leader).toBe('Innovation is mainstreamed.\n- Our own checklist item');
    expect(byId(after, 'developing-talent').frameworkVersion).toBe(builtIn.version);
    expect(byId(after, 'engaging-councillors').frameworkVersion).toBe('1.0.0');
    expect(framework.version).toBe(builtIn.version);

    const second = await indices.applyCorrections(builtIn);
    expect(second.changed).toEqual([]);
    expect(second.leftAlone).toEqual(first.leftAlone);
  }, 60000);

  it('shows the rest of the framework when a site owner adds an item with only a Title', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    const added = await owner.web.lists.getByTitle(LISTS.indices.title).items.add({ Title: 'Half-finished idea', NpsSortOrder: 99 });
    const itemId = (added as { Id?: number; ID?: number }).Id ?? (added as { ID?: number }).ID;
    const { framework, skipped } = IndexRepository.toFramework(await new IndexRepository(owner).all(), builtIn);
    expect(framework.indices).toHaveLength(14);
    expect(skipped).toEqual([expect.objectContaining({ itemId, indexId: '', title: 'Half-finished idea' })]);
    expect(skipped[0].problems).toContain('"Index id" is empty');
    expect(skipped[0].problems).toContain('"Kind" is empty: choose Key area or Enabler');
  }, 60000);

  it('leaves an item alone, and says to run set-up again, when someone changes it while set-up runs', async () => {
    const owner = spAs(service.siteUrl, SITE_OWNER.loginName);
    const indices = new IndexRepository(owner);
    const list = owner.web.lists.getByTitle(LISTS.indices.title);
    const talent = (await indices.byIndexId('developing-talent'))!;
    const old = CORRECTIONS.find((c) => c.indexId === 'developing-talent')!.was;
    await list.items.getById(talent.itemId).update({ NpsDescriptorLeader: old, NpsFrameworkVersion: '1.0.0' });
    const stale = await indices.all();
    await list.items.getById(talent.itemId).update({ NpsIndexDescription: 'Edited by a site owner meanwhile' });

    jest.spyOn(indices, 'all').mockResolvedValueOnce(stale);
    const outcome = await indices.applyCorrections(builtIn);
    expect(outcome.changed).toEqual([]);
    expect(outcome.leftAlone).toContain('Developing talent: someone changed this item while set-up was running, so it was left as it is. Run set-up again to correct it.');
    expect((await indices.byIndexId('developing-talent'))?.descriptors.leader).toBe(old);

    expect((await indices.applyCorrections(builtIn)).changed).toEqual([
      'Developing talent: the Leader descriptor is now set out as the bullet list the strategy prints, for use as a checklist',
    ]);
  }, 60000);
});

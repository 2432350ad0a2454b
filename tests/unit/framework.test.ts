import { readFileSync } from 'fs';
import { join } from 'path';
import {
  CORRECTIONS,
  compareVersions,
  descriptorBlocks,
  descriptorFromList,
  descriptorOneLine,
  descriptorTextProblems,
  enablers,
  keyAreas,
  keyAreasOfTheme,
  npsFramework2018,
  parseFramework,
  parseFrameworkJson,
  parseFrameworkSkippingBadIndices,
  FrameworkValidationError,
} from '../../src/framework';
import { LEVEL_IDS } from '../../src/framework/types';

const rawText = readFileSync(join(__dirname, '../../src/framework/nps-2018.json'), 'utf8');
const fresh = (): any => JSON.parse(rawText);
// The strategy as extracted from the published PDF (a copy of the project's seed text), so quotations can be checked word for word.
const seedText = readFileSync(join(__dirname, '../fixtures/national-procurement-strategy-2018.txt'), 'utf8');
/** Words only, so line breaks and hyphenation of the PDF extraction do not matter. */
const words = (text: string): string => text.replace(/[‘’']/g, "'").replace(/\s+/g, ' ').trim();

function problemsOf(raw: unknown): string[] {
  try {
    parseFramework(raw);
  } catch (e) {
    expect(e).toBeInstanceOf(FrameworkValidationError);
    return (e as FrameworkValidationError).problems;
  }
  throw new Error('expected the framework to be rejected');
}

describe('the built-in National Procurement Strategy 2018 framework', () => {
  const framework = npsFramework2018();

  it('has an id and version so tailored frameworks can sit beside it', () => {
    expect(framework.id).toBe('nps-2018');
    expect(framework.version).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('has the three themes of the strategy, in order', () => {
    expect(framework.themes.map((t) => t.title)).toEqual(['Showing leadership', 'Behaving commercially', 'Achieving community benefits']);
  });

  it('has ten key areas across the themes as in the strategy\'s Figure 1: four, three and three', () => {
    expect(keyAreas(framework)).toHaveLength(10);
    const byTheme = Object.fromEntries(framework.themes.map((t) => [t.title, keyAreasOfTheme(framework, t.id).map((i) => i.title)]));
    expect(byTheme).toEqual({
      'Showing leadership': ['Engaging councillors', 'Engaging senior managers', 'Working with partners', 'Engaging strategic suppliers'],
      'Behaving commercially': ['Creating commercial opportunities (including income generation)', 'Managing contracts and relationships', 'Managing strategic risk'],
      'Achieving community benefits': ['Obtaining social value', 'Engaging local SMEs and micro-businesses', 'Enabling VCSE engagement'],
    });
  });

  it('orders versions part by part as numbers, as a numeric collation does', () => {
    const versions = ['1.10.0', '1.9.0', '1.0', '1.0.0', '2', '1.1.0', '1.9.10', '1.9.2', '1.2.0-beta', '10.0.0'];
    const collated = [...versions].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    expect([...versions].sort(compareVersions)).toEqual(collated);
    expect(compareVersions('1.10.0', '1.9.0')).toBe(1);
    expect(compareVersions('1.0.0', '1.0.0')).toBe(0);
  });

  it('was corrected in a later version than the one first shipped', () => {
    expect(compareVersions(framework.version, '1.0.0')).toBeGreaterThan(0);
    for (const correction of CORRECTIONS.filter((c) => c.frameworkId === framework.id)) {
      expect(compareVersions(framework.version, correction.correctedIn)).toBeGreaterThanOrEqual(0);
    }
  });

  it('keeps the Leader descriptors the strategy prints as bullet lists as lists, item by item', () => {
    const leader = (id: string) => descriptorBlocks(framework.indices.find((i) => i.id === id)!.descriptors.leader);
    expect(leader('developing-talent')).toEqual([
      { kind: 'paragraph', text: 'Planned approach to talent development in relation to future procurement and contract management workload including:' },
      {
        kind: 'list',
        items: [
          'Contracts pipeline',
          'Resourcing plan',
          'Competency framework',
          'Remuneration strategy',
          'Comprehensive training and development plan including provision for development of staff not currently in procurement or contract management roles',
          'Secondments to and from the private sector and VCSE sector.',
        ],
      },
    ]);
    expect(leader('exploiting-digital-technology')).toEqual([
      {
        kind: 'list',
        items: [
          'Access to a Procure to Pay (P2P) system via secure mobile application, promoting a self-service approach for suppliers. (Access should include online viewing of payment records/status and the ability to auto convert orders to invoices).',
          'Technology used to forward plan all strategic acquisitions and to underpin sourcing and procurement decision-making.',
          'Performance monitoring and communications underpinned by dashboards and diagnostics.',
        ],
      },
    ]);
    expect(leader('enabling-innovation')).toEqual([
      {
        kind: 'list',
        items: ['Innovation in procurement and contract management is mainstreamed.', 'Procurement techniques such as innovation partnerships, pre-commercial procurements used regularly.'],
      },
    ]);
  });

  it('holds lists only where the strategy prints them', () => {
    const withLists = framework.indices.flatMap((i) => LEVEL_IDS.filter((l) => descriptorBlocks(i.descriptors[l]).some((b) => b.kind === 'list')).map((l) => `${i.id}/${l}`));
    expect(withLists).toEqual(['developing-talent/leader', 'exploiting-digital-technology/leader', 'enabling-innovation/leader']);
  });

  it('gives the strategy\'s own words on choosing a target level', () => {
    const paragraphs = framework.targetGuidance.split(/\n\s*\n/);
    expect(paragraphs).toHaveLength(2);
    for (const paragraph of paragraphs) expect(words(seedText)).toContain(words(paragraph));
    expect(framework.targetGuidance).toMatch(/^The idea is that each council chooses the level of maturity it will aim for/);
    expect(framework.targetGuidance).toContain('there is nothing ‘wrong’ about a council setting ‘developing’ or ‘mature’ (for example) as its target level of maturity');
  });

  it('has the four enablers', () => {
    expect(enablers(framework).map((e) => e.title)).toEqual([
      'Developing talent',
      'Exploiting digital technology',
      'Enabling innovation',
      'Embedding change',
    ]);
  });

  it('has the five levels from Minimum to Innovator', () => {
    expect(framework.levels.map((l) => l.title)).toEqual(['Minimum', 'Developing', 'Mature', 'Leader', 'Innovator']);
  });

  it('gives every key area and enabler a non-empty descriptor for all five levels', () => {
    for (const index of framework.indices) {
      for (const level of LEVEL_IDS) {
        expect(index.descriptors[level].trim().length).toBeGreaterThan(10);
      }
    }
  });

  it('gives every key area its description, what it is and why it is important', () => {
    for (const index of keyAreas(framework)) {
      expect(index.description).not.toBe('');
      expect(index.whatItIs).not.toBe('');
      expect(index.whyItIsImportant).not.toBe('');
    }
  });

  it('says what the strategy says, with extraction errors repaired', () => {
    const councillors = framework.indices.find((i) => i.id === 'engaging-councillors')!;
    expect(councillors.descriptors.minimum).toBe('Councillors regard procurement and commercial issues as purely operational matters.');
    const all = JSON.stringify(framework);
    expect(all).not.toMatch(/CEOUIEFEE|Winimum|Doveloping|\\\\VCSE|councilis/);
    expect(all).not.toMatch(/[»«]/);
  });

  it('puts the compliance-only state at Minimum for managing strategic risk, where the printed columns are swapped', () => {
    const risk = framework.indices.find((i) => i.id === 'managing-strategic-risk')!;
    expect(risk.descriptors.minimum).toMatch(/^Compliance driven/);
  });
});

describe('loading a framework file', () => {
  it('accepts the built-in file as it is', () => {
    expect(() => parseFramework(fresh())).not.toThrow();
  });

  it('rejects text that is not JSON, saying so', () => {
    expect(() => parseFrameworkJson('{ "id": ')).toThrow(/not valid JSON/);
  });

  it('rejects a file that is not an object', () => {
    expect(problemsOf([])).toEqual(['the file must hold a JSON object, not array']);
  });

  it('names a duplicate id and where it was first used', () => {
    const raw = fresh();
    raw.indices[4].id = raw.indices[1].id;
    expect(problemsOf(raw)).toContain(`indices[4]: duplicate id "${raw.indices[1].id}" (already used by indices[1])`);
  });

  it('names a missing level in an index', () => {
    const raw = fresh();
    delete raw.indices[2].descriptors.leader;
    expect(problemsOf(raw)).toContain(`indices[2] (${raw.indices[2].id}): missing level "leader" in "descriptors"`);
  });

  it('names an empty descriptor', () => {
    const raw = fresh();
    raw.indices[0].descriptors.mature = '   ';
    expect(problemsOf(raw)).toContain(`indices[0] (${raw.indices[0].id}): descriptor for "mature" is empty`);
  });

  it('names an unknown theme', () => {
    const raw = fresh();
    raw.indices[3].themeId = 'being-green';
    expect(problemsOf(raw)).toEqual([
      expect.stringMatching(new RegExp(`^indices\\[3\\] \\(${raw.indices[3].id}\\): unknown theme "being-green" \\(themes are showing-leadership, `)),
    ]);
  });

  it('names a field of the wrong type', () => {
    const raw = fresh();
    raw.indices[5].order = '6';
    raw.indices[6].descriptors.minimum = 3;
    expect(problemsOf(raw)).toEqual([
      `indices[5] (${raw.indices[5].id}): "order" must be a number, not string`,
      `indices[6] (${raw.indices[6].id}): descriptor for "minimum" must be text, not number`,
    ]);
  });

  it('names a missing level in the level list and an unknown level', () => {
    const raw = fresh();
    raw.levels = raw.levels.filter((l: { id: string }) => l.id !== 'innovator');
    raw.indices[0].descriptors.expert = 'Better than innovator';
    const problems = problemsOf(raw);
    expect(problems).toContain('levels: level "innovator" is missing');
    expect(problems).toContain(`indices[0] (${raw.indices[0].id}): unknown level "expert" in "descriptors"`);
  });

  it('rejects an enabler placed in a theme, and a kind that is neither', () => {
    const raw = fresh();
    const enablerAt = raw.indices.findIndex((i: { kind: string }) => i.kind === 'enabler');
    raw.indices[enablerAt].themeId = 'showing-leadership';
    raw.indices[0].kind = 'objective';
    const problems = problemsOf(raw);
    expect(problems).toContain(`indices[${enablerAt}] (${raw.indices[enablerAt].id}): an enabler cuts across the themes, so "themeId" must be null`);
    expect(problems).toContain(`indices[0] (${raw.indices[0].id}): "kind" must be keyArea or enabler, not "objective"`);
  });

  it('names missing target guidance', () => {
    const raw = fresh();
    delete raw.targetGuidance;
    expect(problemsOf(raw)).toEqual(['framework: "targetGuidance" is missing']);
    raw.targetGuidance = ['a list'];
    expect(problemsOf(raw)).toEqual(['framework: "targetGuidance" must be text, not array']);
  });

  it('names a list item with no text in a descriptor, by line', () => {
    const raw = fresh();
    raw.indices[10].descriptors.leader = 'Intro:\n- One\n- \n- Three';
    expect(problemsOf(raw)).toEqual([`indices[10] (${raw.indices[10].id}): descriptor for "leader": line 3 is a list item with no text`]);
  });

  it('names an empty list of indices or themes', () => {
    const raw = fresh();
    raw.indices = [];
    const problems = problemsOf(raw);
    expect(problems).toContain('framework: "indices" is empty');
    expect(problems).toContain('themes: theme "showing-leadership" has no key areas');
  });

  it('keeps what a site\'s own framework says of each index (whose words, starting point, retired) and nothing for the built-in file', () => {
    const raw = fresh();
    Object.assign(raw.indices[0], { origin: 'reworded', retired: true });
    raw.indices.push({ ...raw.indices[7], id: 'local-green-social-value', title: 'Green social value', origin: 'local', startingPoint: 'green-social-value' });
    const read = parseFramework(raw);
    expect(read.indices[0]).toMatchObject({ origin: 'reworded', retired: true });
    expect(read.indices[14]).toMatchObject({ origin: 'local', startingPoint: 'green-social-value' });
    expect(parseFramework(fresh()).indices.filter((i) => i.origin || i.startingPoint || i.retired)).toEqual([]);
    raw.indices[1].origin = 'borrowed';
    expect(problemsOf(raw)).toEqual([`indices[1] (${raw.indices[1].id}): "origin" must be local or reworded, not "borrowed"`]);
  });

  it('reports every problem at once rather than the first only', () => {
    const raw = fresh();
    delete raw.version;
    raw.indices[1].title = '';
    expect(problemsOf(raw)).toEqual(['framework: "version" is missing', `indices[1] (${raw.indices[1].id}): "title" is empty`]);
  });
});

describe('reading a framework for a view, leaving out bad indices', () => {
  it('keeps every index of a sound file and skips none', () => {
    const { framework, skipped } = parseFrameworkSkippingBadIndices(fresh());
    expect(skipped).toEqual([]);
    expect(framework).toEqual(npsFramework2018());
  });

  it('leaves out an index with only a title, naming each field at fault', () => {
    const raw = fresh();
    raw.indices[2] = { title: 'Members\' training' };
    const { framework, skipped } = parseFrameworkSkippingBadIndices(raw);
    expect(framework.indices).toHaveLength(13);
    expect(framework.indices.map((i) => i.id)).not.toContain('working-with-partners');
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ position: 2, id: '', title: 'Members\' training' });
    expect(skipped[0].problems).toEqual(
      expect.arrayContaining(['indices[2]: "kind" is missing', 'indices[2]: "descriptors" is missing', 'indices[2]: "id" is missing', 'indices[2]: "order" is missing'])
    );
  });

  it('leaves out a missing descriptor, an unknown kind and a repeated id, keeping the first use of the id', () => {
    const raw = fresh();
    delete raw.indices[0].descriptors.leader;
    raw.indices[1].kind = 'objective';
    raw.indices[5].id = raw.indices[4].id;
    const { framework, skipped } = parseFrameworkSkippingBadIndices(raw);
    expect(skipped.map((s) => [s.position, s.id, s.problems])).toEqual([
      [0, 'engaging-councillors', ['indices[0] (engaging-councillors): missing level "leader" in "descriptors"']],
      [1, 'engaging-senior-managers', ['indices[1] (engaging-senior-managers): "kind" must be keyArea or enabler, not "objective"']],
      [5, raw.indices[4].id, [`indices[5]: duplicate id "${raw.indices[4].id}" (already used by indices[4])`]],
    ]);
    expect(framework.indices.find((i) => i.id === raw.indices[4].id)?.title).toBe(raw.indices[4].title);
    expect(framework.indices).toHaveLength(11);
  });

  it('drops a theme left with no key areas, and gives an empty framework when every index is bad', () => {
    const raw = fresh();
    raw.indices = raw.indices.map((i: any) => ({ ...i, descriptors: {} }));
    const { framework, skipped } = parseFrameworkSkippingBadIndices(raw);
    expect(framework.indices).toEqual([]);
    expect(framework.themes).toEqual([]);
    expect(skipped).toHaveLength(14);
    expect(skipped.every((s) => s.problems.length === 5)).toBe(true);
  });

  it('still refuses a file whose framework-level parts are wrong', () => {
    const raw = fresh();
    raw.levels = raw.levels.slice(0, 4);
    delete raw.title;
    expect(() => parseFrameworkSkippingBadIndices(raw)).toThrow(FrameworkValidationError);
    try {
      parseFrameworkSkippingBadIndices(raw);
    } catch (e) {
      expect((e as FrameworkValidationError).problems).toEqual(['framework: "title" is missing', 'levels: level "innovator" is missing']);
    }
  });
});

describe('descriptor text', () => {
  it('reads paragraphs and lists in order, ignoring blank lines and stray spaces', () => {
    expect(descriptorBlocks('Intro line\r\n- one\n  -   two  \n\nAfter')).toEqual([
      { kind: 'paragraph', text: 'Intro line' },
      { kind: 'list', items: ['one', 'two'] },
      { kind: 'paragraph', text: 'After' },
    ]);
  });

  it('takes bullets people type in place of "- " as list items, but not a hyphen starting a word', () => {
    expect(descriptorBlocks('• one\n* two\n– three')).toEqual([{ kind: 'list', items: ['one', 'two', 'three'] }]);
    expect(descriptorBlocks('-based approach')).toEqual([{ kind: 'paragraph', text: '-based approach' }]);
  });

  it('treats plain text as one paragraph, and no text as nothing', () => {
    expect(descriptorBlocks('Councillors regard procurement as operational.')).toEqual([{ kind: 'paragraph', text: 'Councillors regard procurement as operational.' }]);
    expect(descriptorBlocks('  ')).toEqual([]);
  });

  it('writes a list in the stored form and reads it back', () => {
    const text = descriptorFromList('Including:', ['A', 'B']);
    expect(text).toBe('Including:\n- A\n- B');
    expect(descriptorBlocks(text)).toEqual([
      { kind: 'paragraph', text: 'Including:' },
      { kind: 'list', items: ['A', 'B'] },
    ]);
  });

  it('puts a list on one line for places that cannot show one', () => {
    expect(descriptorOneLine('Workload including:\n- Contracts pipeline\n- Resourcing plan')).toBe('Workload including: Contracts pipeline; Resourcing plan');
    expect(descriptorOneLine('- First.\n- Second.')).toBe('First. Second.');
  });

  it('names a list marker with nothing after it', () => {
    expect(descriptorTextProblems('Intro\n- one\n-\n- ')).toEqual(['line 3 is a list item with no text', 'line 4 is a list item with no text']);
    expect(descriptorTextProblems('Intro\n- one')).toEqual([]);
  });
});

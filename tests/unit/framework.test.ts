import { readFileSync } from 'fs';
import { join } from 'path';
import { enablers, keyAreas, keyAreasOfTheme, npsFramework2018, parseFramework, parseFrameworkJson, FrameworkValidationError } from '../../src/framework';
import { LEVEL_IDS } from '../../src/framework/types';

const rawText = readFileSync(join(__dirname, '../../src/framework/nps-2018.json'), 'utf8');
const fresh = (): any => JSON.parse(rawText);

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

  it('has ten key areas across the themes: three, four and three', () => {
    expect(keyAreas(framework)).toHaveLength(10);
    expect(framework.themes.map((t) => keyAreasOfTheme(framework, t.id).length)).toEqual([3, 4, 3]);
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

  it('reports every problem at once rather than the first only', () => {
    const raw = fresh();
    delete raw.version;
    raw.indices[1].title = '';
    expect(problemsOf(raw)).toEqual(['framework: "version" is missing', `indices[1] (${raw.indices[1].id}): "title" is empty`]);
  });
});

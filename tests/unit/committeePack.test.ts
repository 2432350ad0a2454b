/** @jest-environment node */
/**
 * The committee pack (src/export/committeePack.ts): built from data made here, then read back from its
 * .docx bytes (JSZip and the document's own XML), as Word and a screen reader would find it: the
 * headings, the tables with their header rows, the charts' alternative text, every key area and enabler,
 * every challenge and every response.
 */
import JSZip from 'jszip';
import { buildCommitteePack, chartSvg, committeePackFileName, CommitteePackInput } from '../../src/export/committeePack';
import { npsFramework2018 } from '../../src/framework';
import { enablers, keyAreasOfTheme } from '../../src/framework/queries';
import { ActionPlanItem } from '../../src/domain/actions';
import { IndexAssessment } from '../../src/domain/assessment';
import { AssessmentPeriod } from '../../src/domain/periods';
import { ScrutinyChallenge } from '../../src/domain/scrutiny';
import { LEVEL_IDS, LevelId } from '../../src/framework/types';
import { GatheredView, spreadOf } from '../../src/domain/views';

const framework = npsFramework2018();

interface Docx {
  xml: string;
  /** Paragraphs outside tables: style (Title, Heading1...) and text. */
  paragraphs: Array<{ style: string; text: string; outline?: number }>;
  /** Tables: rows of cell texts, and whether the first row repeats as a header. */
  tables: Array<{ header: boolean; rows: string[][] }>;
  /** Drawings: their alternative text and title. */
  images: Array<{ descr: string; title: string }>;
  media: string[];
  styles: string;
}

const decode = (s: string): string => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function textOf(xml: string): string {
  const parts: string[] = [];
  const re = /<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:br\/>/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) parts.push(m[1] === undefined ? '\n' : decode(m[1]));
  return parts.join('');
}

async function readDocx(bytes: Uint8Array): Promise<Docx> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('word/document.xml')!.async('string');
  const styles = await zip.file('word/styles.xml')!.async('string');
  const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((t) => {
    const rows = [...t[1].matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)];
    return {
      header: /<w:tblHeader\/>/.test(rows[0]?.[1] ?? ''),
      rows: rows.map((r) => [...r[1].matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)].map((c) => textOf(c[1]))),
    };
  });
  const outside = xml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, '');
  const paragraphs = [...outside.matchAll(/<w:p(?:\s[^>]*)?>([\s\S]*?)<\/w:p>/g)].map((p) => ({
    style: /<w:pStyle w:val="([^"]+)"\/>/.exec(p[1])?.[1] ?? '',
    text: textOf(p[1]),
    outline: /<w:outlineLvl w:val="(\d)"\/>/.test(p[1]) ? Number(/<w:outlineLvl w:val="(\d)"\/>/.exec(p[1])![1]) : undefined,
  }));
  const images = [...xml.matchAll(/<wp:docPr ([^>]*)\/?>/g)].map((d) => ({
    descr: decode(/descr="([^"]*)"/.exec(d[1])?.[1] ?? ''),
    title: decode(/title="([^"]*)"/.exec(d[1])?.[1] ?? ''),
  }));
  const media = Object.keys(zip.files).filter((n) => n.startsWith('word/media/'));
  return { xml, paragraphs, tables, images, media, styles };
}

/** A signed-off year made here: levels by position, so every index has its own figures. */
function packInput(periodName: string, overrides: Partial<CommitteePackInput> = {}): CommitteePackInput {
  const [start] = periodName.split('/');
  // Every index one level below its target, each at its own level.
  const levelAt = (i: number): LevelId => LEVEL_IDS[i % 4];
  const assessments: IndexAssessment[] = framework.indices.map((index, i) => ({
    periodName,
    indexId: index.id,
    currentLevel: levelAt(i),
    targetLevel: LEVEL_IDS[(i % 4) + 1],
    targetDate: `${Number(start) + 2}-03-31`,
    rationale: `Rationale for ${index.title}\nsecond line`,
    evidence: `Evidence for ${index.title} <b>not markup</b>`,
    evidenceLinks: [{ url: 'https://intranet.example/evidence', description: `Report on ${index.title}` }, { url: 'javascript:alert(1)', description: 'Not a link' }],
  }));
  const actions: ActionPlanItem[] = [
    { periodName, indexId: framework.indices[0].id, title: 'Overdue action', details: 'Chase the register', owner: { id: 7, displayName: 'Aisha Khan' }, dueDate: `${start}-06-30`, status: 'In progress', progressNotes: '' },
    { periodName, indexId: framework.indices[0].id, title: 'Done action', details: '', owner: { id: 7, displayName: 'Aisha Khan' }, dueDate: `${start}-05-31`, status: 'Complete', progressNotes: '' },
  ];
  const challenges: ScrutinyChallenge[] = framework.indices.slice(0, 4).map((index, i) => ({
    id: 100 + i,
    periodName,
    indexId: index.id,
    text: `Challenge ${i + 1} on ${index.title}: why not higher?`,
    raisedBy: { id: 20 + i, displayName: `Cllr Number ${i + 1}` },
    raisedOn: `${Number(start) + 1}-07-0${i + 1}T18:30:00Z`,
    response: i % 2 === 0 ? `Response ${i + 1}: because of the budget.` : '',
    respondedBy: i % 2 === 0 ? { id: 7, displayName: 'Aisha Khan' } : undefined,
    respondedOn: i % 2 === 0 ? `${Number(start) + 1}-07-21T10:00:00Z` : undefined,
    status: i % 2 === 0 ? 'Answered' : 'Open',
  }));
  challenges.push({ id: 200, periodName, indexId: '', text: 'A question about the whole assessment', raisedBy: { id: 30, displayName: 'Cllr Whole' }, raisedOn: `${Number(start) + 1}-08-01T09:00:00Z`, response: '', status: 'Open' });
  const period: AssessmentPeriod = {
    name: periodName,
    startDate: `${start}-04-01`,
    endDate: `${Number(start) + 1}-03-31`,
    frameworkId: framework.id,
    frameworkVersion: framework.version,
    status: 'Signed off',
    submittedBy: { id: 7, displayName: 'Aisha Khan' },
    submittedOn: `${Number(start) + 1}-05-02T09:00:00Z`,
    signedOffBy: { id: 8, displayName: 'Rachel Greenwood' },
    signedOffOn: `${Number(start) + 1}-05-12T14:00:00Z`,
    returnComment: '',
    history: [],
    problems: [],
  };
  return {
    councilName: 'Loamshire District Council',
    period,
    framework,
    frameworkAsSignedOff: true,
    assessments,
    actions,
    challenges,
    today: `${Number(start) + 1}-11-25`,
    preparedBy: 'Tom Whitfield',
    ...overrides,
  };
}

describe('the committee pack, read back from its .docx bytes', () => {
  it('opens with a cover naming the council, the period and who submitted and signed it off, with UK dates', async () => {
    const doc = await readDocx(await buildCommitteePack(packInput('2031/32')));
    expect(doc.paragraphs[0]).toEqual({ style: 'Title', text: 'Procurement maturity self-assessment 2031/32' });
    const cover = doc.paragraphs.slice(0, 14).map((p) => p.text);
    expect(cover).toEqual(
      expect.arrayContaining([
        'Loamshire District Council',
        'Council: Loamshire District Council',
        'Period: 1 April 2031 to 31 March 2032 (financial year 2031/32)',
        expect.stringMatching(/^Submitted for sign-off: by Aisha Khan on 2 May 2032/),
        expect.stringMatching(/^Sign-off: signed off by Rachel Greenwood on 12 May 2032/),
        'Scrutiny challenges: 5 raised: 3 awaiting a response, 2 answered, 0 closed',
        'Pack prepared: by Tom Whitfield on 25 November 2032',
      ])
    );
  });

  it('uses real headings in order (Title, Heading 1 to 4) that Word\'s navigation pane lists, one Heading 3 per key area and enabler', async () => {
    const doc = await readDocx(await buildCommitteePack(packInput('2032/33')));
    const headings = doc.paragraphs.filter((p) => /^(Title|Heading\d)$/.test(p.style));
    expect(headings.filter((h) => h.style === 'Heading1').map((h) => h.text)).toEqual([
      'Summary: current level against target',
      'Key areas and enablers in detail',
      'Challenge log',
      "The framework's source",
    ]);
    const groups = [...framework.themes.map((t) => `Theme: ${t.title}`), 'Enablers'];
    expect(headings.filter((h) => h.style === 'Heading2').map((h) => h.text)).toEqual([...groups, ...groups]);
    expect(headings.filter((h) => h.style === 'Heading3').map((h) => h.text)).toEqual([...framework.themes.flatMap((t) => keyAreasOfTheme(framework, t.id)), ...enablers(framework)].map((i) => i.title));
    // No level is skipped on the way down, so the outline nests as it should.
    let previous = 0;
    for (const h of headings.slice(1)) {
      const level = Number(h.style.replace('Heading', ''));
      expect(level).toBeLessThanOrEqual(previous + 1);
      previous = level;
    }
    // Each heading carries its outline level, which the navigation pane and screen readers' heading lists read.
    for (const h of headings.slice(1)) expect(h.outline).toBe(Number(h.style.replace('Heading', '')) - 1);
    expect(doc.styles).toMatch(/<w:style [^>]*w:styleId="Heading1"/);
  });

  it('summarises every index against its target by theme: a chart with alternative text, then a table with a header row', async () => {
    const input = packInput('2033/34');
    const doc = await readDocx(await buildCommitteePack(input));
    const groups = [...framework.themes.map((t) => keyAreasOfTheme(framework, t.id)), enablers(framework)];
    expect(doc.images).toHaveLength(groups.length);
    expect(doc.media.length).toBeGreaterThanOrEqual(groups.length);
    for (const [i, indices] of groups.entries()) {
      expect(doc.images[i].descr).toMatch(new RegExp(`^Bar chart of the current maturity level against the target for each of the ${indices.length} `));
      expect(doc.images[i].descr).toMatch(/The table after the chart gives the same figures\.$/);
      const summary = doc.tables[i];
      expect(summary.header).toBe(true);
      expect(summary.rows[0]).toEqual([i < framework.themes.length ? 'Key area' : 'Enabler', 'Current level', 'Target level', 'Target date', 'Gap']);
      for (const index of indices) {
        const a = input.assessments.find((x) => x.indexId === index.id)!;
        const row = summary.rows.find((r) => r[0] === index.title);
        expect(row).toEqual([index.title, expect.any(String), expect.any(String), '31 March 2035', '1 level below target']);
        expect(row![1]).toBe(a.currentLevel![0].toUpperCase() + a.currentLevel!.slice(1));
      }
    }
  });

  it('gives every key area and enabler its level and descriptor, target, rationale, evidence and actions with RAG, as text', async () => {
    const input = packInput('2034/35');
    const doc = await readDocx(await buildCommitteePack(input));
    const all = doc.paragraphs.map((p) => p.text);
    for (const index of framework.indices) {
      const a = input.assessments.find((x) => x.indexId === index.id)!;
      const at = all.indexOf(index.title);
      const section = all.slice(at, at + 12);
      const level = a.currentLevel![0].toUpperCase() + a.currentLevel!.slice(1);
      expect(section).toEqual(expect.arrayContaining([`Current level: ${level}`, `What ${level} means here:`, expect.stringMatching(/^Target: \w+ by 31 March 2036$/), 'Gap: 1 level below target']));
      expect(section).toContain(`Rationale: Rationale for ${index.title}\nsecond line`);
      expect(section).toContain(`Evidence: Evidence for ${index.title} <b>not markup</b>`);
      expect(section).toContain(`Evidence link: Report on ${index.title}`);
    }
    // Only web links become hyperlinks; a script link stays text.
    expect(doc.xml).not.toMatch(/javascript:/);
    expect(all).toContain('Evidence link: Not a link');
    const actions = doc.tables.find((t) => t.rows[0][0] === 'Action')!;
    expect(actions.header).toBe(true);
    expect(actions.rows.slice(1)).toEqual([
      ['Overdue action\nChase the register', 'Aisha Khan', '30 June 2034', 'In progress', 'Red'],
      ['Done action', 'Aisha Khan', '31 May 2034', 'Complete', 'Closed (no RAG)'],
    ]);
    expect(all.filter((t) => t === 'No actions are recorded for this one.')).toHaveLength(framework.indices.length - 1);
  });

  it('holds the whole challenge log: every challenge with who raised it and when, its status, and every response', async () => {
    const input = packInput('2035/36');
    const doc = await readDocx(await buildCommitteePack(input));
    const log = doc.tables.find((t) => t.rows[0].join('|') === 'No.|Key area or enabler|Challenge|Status|Response')!;
    expect(log.header).toBe(true);
    expect(log.rows).toHaveLength(input.challenges.length + 1);
    for (const c of input.challenges) {
      const row = log.rows.find((r) => r[2].includes(c.text))!;
      expect(row[1]).toBe(c.indexId ? framework.indices.find((i) => i.id === c.indexId)!.title : 'The assessment as a whole');
      expect(row[2]).toMatch(new RegExp(`^${c.raisedBy!.displayName}, \\d+ (July|August) 2036 at \\d\\d:\\d\\d: ${c.text}`));
      if (c.response) {
        expect(row[3]).toBe('Answered');
        expect(row[4]).toBe(`Aisha Khan, 21 July 2036 at 11:00: ${c.response}`);
      } else {
        expect(row[3]).toBe('Awaiting a response');
        expect(row[4]).toBe('No response yet');
      }
    }
  });

  it('ends with the framework\'s source, and says when it shows the framework as signed off', async () => {
    const doc = await readDocx(await buildCommitteePack(packInput('2036/37')));
    const all = doc.paragraphs.map((p) => p.text);
    const at = all.indexOf("The framework's source");
    expect(all.slice(at)).toEqual(
      expect.arrayContaining([`Framework: ${framework.title}, version ${framework.version}`, `Source: ${framework.source}`, 'Maturity levels: Minimum, Developing, Mature, Leader, Innovator'])
    );
    expect(all.slice(at).join(' ')).toMatch(/as they stood when the assessment was signed off/);
  });

  it('puts a chart drawn as a PNG in when the browser can draw one, and the SVG with a fallback when it cannot', async () => {
    const drawn: string[] = [];
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAFklEQVR42mNk+M9QzwAEjDAGNzYAAIlXBtGJ4Op7AAAAAElFTkSuQmCC', 'base64');
    const withPng = await readDocx(await buildCommitteePack(packInput('2037/38', { renderPng: async (svg) => (drawn.push(svg), new Uint8Array(png)) })));
    expect(drawn).toHaveLength(framework.themes.length + 1);
    expect(withPng.media.every((m) => m.endsWith('.png'))).toBe(true);
    const without = await readDocx(await buildCommitteePack(packInput('2037/38')));
    expect(without.media.some((m) => m.endsWith('.svg'))).toBe(true);
  });

  it('draws the chart as SVG with the figures and a key, text escaped', () => {
    const { svg, width, height } = chartSvg([{ title: 'Engaging <councillors> & SMEs', current: 2, target: 4 }], ['Minimum', 'Developing', 'Mature', 'Leader', 'Innovator']);
    expect(svg).toContain('Engaging &lt;councillors&gt; &amp; SMEs');
    expect(svg).toContain('Current level');
    expect(svg).toContain('Target');
    expect(width).toBeGreaterThan(0);
    expect(height).toBeGreaterThan(0);
  });

  it('says nothing about views when none are given, and sums up the views gathered on each index when they are', async () => {
    const without = await readDocx(await buildCommitteePack(packInput('2038/39')));
    expect(without.xml).not.toMatch(/Views gathered/);

    const [first, second, third] = framework.indices;
    const view = (id: number, indexId: string, level: LevelId, name: string): GatheredView => ({ id, periodName: '2038/39', indexId, level, comment: '', givenBy: { id, displayName: name }, created: '2039-01-10T09:00:00Z' });
    const current = [view(1, first.id, 'developing', 'Asha Patel'), view(2, first.id, 'leader', 'Ben Okafor'), view(3, first.id, 'mature', 'Cara Jones'), view(4, second.id, 'mature', 'Asha Patel')];
    const input = packInput('2038/39', {
      views: {
        [first.id]: { spread: spreadOf(first.id, current), agreedLevel: 'mature', moderationNote: 'Agreed at the workshop <after> discussion.' },
        [second.id]: { spread: spreadOf(second.id, current) },
        [third.id]: { spread: spreadOf(third.id, current) },
      },
    });
    input.assessments = input.assessments.map((a) => (a.indexId === second.id ? { ...a, moderationNote: 'Kept with the assessment.' } : a));
    const doc = await readDocx(await buildCommitteePack(input));

    const headings = doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(headings).toEqual(['Summary: current level against target', 'Views gathered before the level was agreed', 'Key areas and enablers in detail', 'Challenge log', "The framework's source"]);
    const summary = doc.tables.find((t) => t.rows[0][0] === 'Key area or enabler' && t.rows[0][1] === 'Views')!;
    expect(summary.header).toBe(true);
    expect(summary.rows).toEqual([
      ['Key area or enabler', 'Views', 'Spread by level', 'Agreed level', 'Differ by two levels or more'],
      [first.title, '3', 'Developing 1, Mature 1, Leader 1', 'Mature', 'Yes'],
      [second.title, '1', 'Mature 1', 'Not agreed yet', 'No'],
      [third.title, '0', 'None', 'Not agreed yet', 'No'],
    ]);

    const all = doc.paragraphs.map((p) => p.text);
    const section = (title: string): string[] => all.slice(all.lastIndexOf(title), all.lastIndexOf(title) + 14);
    expect(section(first.title)).toEqual(
      expect.arrayContaining(['Views gathered: 3 views: Developing 1, Mature 1, Leader 1. They differ by two levels or more. Agreed: Mature.', 'Moderation note: Agreed at the workshop <after> discussion.'])
    );
    expect(section(second.title)).toEqual(expect.arrayContaining(['Views gathered: 1 view: Mature 1.', 'Moderation note: Kept with the assessment.']));
    expect(section(third.title)).toEqual(expect.arrayContaining(['Views gathered: No views gathered.', 'Moderation note: None recorded']));
    // Only the indices views were gathered on say anything about views.
    expect(all.filter((t) => t.startsWith('Views gathered:'))).toHaveLength(3);
  });

  it('is saved under the same name for a year each time, so making it again is a new version', () => {
    expect(committeePackFileName('2024/25')).toBe('Procurement maturity 2024-25 committee pack.docx');
  });
});

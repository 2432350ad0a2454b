/**
 * The blank views pack (issue 13), read back from its .docx bytes (JSZip and the document's own XML)
 * as a colleague holding the printout, Word's navigation pane or a screen reader would find it.
 */
import JSZip from 'jszip';
import { buildBlankViewsPack, TICK_BOX, viewsPackFileName } from '../../src/export/viewsPack';
import { descriptorBlocks, npsFramework2018 } from '../../src/framework';
import { enablers, keyAreas } from '../../src/framework/queries';
import { Framework, LEVEL_IDS } from '../../src/framework/types';

const framework = npsFramework2018();

interface Docx {
  xml: string;
  paragraphs: Array<{ style: string; text: string }>;
  tables: Array<{ header: boolean; rows: string[][] }>;
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
  }));
  return { xml, paragraphs, tables };
}

/** A descriptor's words as the table cell holds them: each paragraph and list item, one after another. */
const descriptorWords = (text: string): string =>
  descriptorBlocks(text)
    .flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.items))
    .join('');

const levelTables = (doc: Docx): Docx['tables'] => doc.tables.filter((t) => t.rows[0].join('|') === 'Tick one|Level|What the council does at this level');

describe('the blank views pack, read back from its .docx bytes', () => {
  const chosen = [keyAreas(framework)[2], enablers(framework)[0]];
  const notChosen = keyAreas(framework)[0];

  it('opens with its title, how to give a view and who to give it back to, and boxes for name, role and date', async () => {
    const doc = await readDocx(await buildBlankViewsPack({ councilName: 'Loamshire District Council', periodName: '2025/26', framework, indexIds: chosen.map((i) => i.id), today: '2026-03-31', leadName: 'Jane Lead' }));
    expect(doc.paragraphs[0]).toEqual({ style: 'Title', text: 'Procurement maturity: your view, 2025/26' });
    const all = doc.paragraphs.map((p) => p.text);
    expect(all).toContain('Loamshire District Council');
    expect(all).toContain(`2 key areas and enablers of the ${framework.title}. Pack made on 31 March 2026.`);
    expect(all.join('\n')).toMatch(/tick the one level that best describes the council today/);
    expect(all.join('\n')).toMatch(/Give the pack back to Jane Lead\. The lead officer enters your view in the app, marked as given on paper/);
    const about = doc.tables.find((t) => t.rows[0][0] === 'About you')!;
    expect(about.header).toBe(true);
    expect(about.rows.map((r) => r[0])).toEqual(['About you', 'Name', 'Role', 'Date']);
  });

  it('gives each chosen index a heading, what kind it is, its description, a table of every level with its descriptor and a tick box, and space for a comment', async () => {
    const doc = await readDocx(await buildBlankViewsPack({ periodName: '2025/26', framework, indexIds: chosen.map((i) => i.id).reverse() }));
    const headings = doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
    // In the framework's order (key areas by theme, then enablers), whatever order they were chosen in.
    expect(headings).toEqual(['How to give your view', 'About you', ...chosen.map((i) => i.title)]);
    const all = doc.paragraphs.map((p) => p.text);
    const theme = framework.themes.find((t) => t.id === chosen[0].themeId)!;
    expect(all).toContain(`Key area in the theme ${theme.title}`);
    expect(all).toContain('Enabler: it supports every theme');
    for (const index of chosen) {
      expect(all).toContain(index.description);
      expect(all).toContain(`Comment: ${index.title}`);
    }
    const tables = levelTables(doc);
    expect(tables).toHaveLength(chosen.length);
    tables.forEach((table, n) => {
      expect(table.header).toBe(true);
      expect(table.rows.slice(1).map((r) => r[1])).toEqual(framework.levels.map((l) => l.title));
      expect(table.rows.slice(1).map((r) => r[0])).toEqual(LEVEL_IDS.map(() => TICK_BOX));
      LEVEL_IDS.forEach((level, i) => expect(table.rows[i + 1][2]).toBe(descriptorWords(chosen[n].descriptors[level])));
      // Exactly five boxes to tick for each index.
      expect(table.rows.flat().join('').split(TICK_BOX)).toHaveLength(6);
    });
    expect(doc.xml.split(TICK_BOX)).toHaveLength(chosen.length * 5 + 1);
    // Descriptor lists stay lists.
    expect(doc.xml).toMatch(/<w:numPr>/);
  });

  it('leaves out every index that was not chosen', async () => {
    const doc = await readDocx(await buildBlankViewsPack({ periodName: '2025/26', framework, indexIds: chosen.map((i) => i.id) }));
    expect(doc.xml).not.toContain(notChosen.title);
    expect(doc.xml).not.toContain(descriptorBlocks(notChosen.descriptors.innovator).map((b) => (b.kind === 'paragraph' ? b.text : b.items[0]))[0]);
  });

  it('holds every index of the framework when none is chosen', async () => {
    const doc = await readDocx(await buildBlankViewsPack({ periodName: '2025/26', framework, indexIds: [] }));
    expect(levelTables(doc)).toHaveLength(framework.indices.length);
    expect(doc.xml.split(TICK_BOX)).toHaveLength(framework.indices.length * 5 + 1);
    expect(doc.paragraphs.map((p) => p.text)).toContain("Give the pack back to the lead officer. The lead officer enters your view in the app, marked as given on paper and entered by them; your own words are kept.");
  });

  it("puts the framework's text in as text: markup, formulas and ampersands stay exactly as written", async () => {
    const hostile: Framework = {
      ...framework,
      indices: [
        {
          ...framework.indices[0],
          title: 'Engaging <script>alert(1)</script> & SMEs',
          description: '=cmd|\' /C calc\'!A0 and <b>bold</b>',
          descriptors: { ...framework.indices[0].descriptors, mature: '<img src=x onerror=alert(1)>\n- =HYPERLINK("http://evil.example")\n- @SUM(1)' },
        },
      ],
    };
    const doc = await readDocx(await buildBlankViewsPack({ periodName: '2025/26', framework: hostile, indexIds: [] }));
    expect(doc.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toContain('Engaging <script>alert(1)</script> & SMEs');
    expect(doc.paragraphs.map((p) => p.text)).toContain("=cmd|' /C calc'!A0 and <b>bold</b>");
    expect(levelTables(doc)[0].rows[3][2]).toBe('<img src=x onerror=alert(1)>=HYPERLINK("http://evil.example")@SUM(1)');
    expect(doc.xml).not.toContain('<script>');
    expect(doc.xml).not.toContain('<img');
    expect(doc.xml).not.toMatch(/<w:fldSimple|<w:instrText|<w:hyperlink/);
  });

  it('refuses to make a pack when none of the chosen indices is in the framework', async () => {
    await expect(buildBlankViewsPack({ periodName: '2025/26', framework, indexIds: ['not-an-index'] })).rejects.toThrow(/None of the chosen key areas or enablers is in the framework for 2025\/26/);
  });

  it('is saved under a name for the year', () => {
    expect(viewsPackFileName('2025/26')).toBe('Procurement maturity 2025-26 views pack.docx');
  });
});

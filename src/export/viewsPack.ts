import { BorderStyle, Document, HeadingLevel, HeightRule, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatUkDate, IsoDate } from '../domain/dates';
import { descriptorBlocks } from '../framework/descriptorText';
import { enablers, keyAreasOfTheme } from '../framework/queries';
import { Framework, MaturityIndex } from '../framework/types';
import { heading, multiline, plain } from './committeePack';

/**
 * The blank views pack: a Word document of the chosen key areas and enablers, with each level's
 * descriptor and a tick box, for a workshop or for colleagues who would rather give their view on paper.
 * The lead officer then enters each form in the app as a view given on paper. Built with the docx
 * library in the browser, so like the committee pack this module is only ever loaded on demand (a lazy
 * chunk). Real headings and tables with header rows; the framework's texts go in as text, never markup.
 */

export interface BlankViewsPackInput {
  councilName?: string;
  periodName: string;
  /** The year's framework. */
  framework: Framework;
  /** The indices to ask about, in any order; empty means every index of the framework. */
  indexIds: readonly string[];
  /** The date the pack is made, shown on its first page. */
  today?: IsoDate;
  /** Who the forms go back to, by name; "the lead officer" when not given. */
  leadName?: string;
}

/** "2025/26" → "Procurement maturity 2025-26 views pack.docx". */
export function viewsPackFileName(periodName: string): string {
  return `Procurement maturity ${periodName.replace(/\//g, '-')} views pack.docx`;
}

/** The ballot box a person ticks with a pen: U+2610. */
export const TICK_BOX = '\u2610';

const HEADER_FILL = 'DEEAF6';
const RULE = { style: BorderStyle.SINGLE, size: 6, color: '808080', space: 4 };

/** The indices to put in the pack, in the framework's reading order: each theme's key areas, then the enablers. */
function chosenIndices(framework: Framework, indexIds: readonly string[]): MaturityIndex[] {
  const inOrder = [...[...framework.themes].sort((a, b) => a.order - b.order).flatMap((t) => keyAreasOfTheme(framework, t.id)), ...enablers(framework)];
  // A key area whose theme is missing from the framework still belongs in the pack.
  for (const index of framework.indices) if (inOrder.indexOf(index) < 0) inOrder.push(index);
  if (indexIds.length === 0) return inOrder;
  const wanted = new Set(indexIds);
  return inOrder.filter((i) => wanted.has(i.id));
}

/** "Key area in the theme Leadership and governance" or "Enabler: it supports every theme". */
function kindOf(framework: Framework, index: MaturityIndex): string {
  if (index.kind === 'enabler') return 'Enabler: it supports every theme';
  const theme = framework.themes.find((t) => t.id === index.themeId);
  return theme ? `Key area in the theme ${theme.title}` : 'Key area';
}

function headerCell(text: string, widthPercent: number): TableCell {
  return new TableCell({
    width: { size: widthPercent, type: WidthType.PERCENTAGE },
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL },
    children: [new Paragraph({ children: [new TextRun({ text, bold: true })] })],
  });
}

/** A descriptor as Word paragraphs: its intro lines, and its list as a bulleted list. */
function descriptorParagraphs(text: string): Paragraph[] {
  const blocks = descriptorBlocks(plain(text));
  if (blocks.length === 0) return [new Paragraph({ children: [new TextRun('No descriptor is recorded for this level.')] })];
  const out: Paragraph[] = [];
  for (const block of blocks) {
    if (block.kind === 'paragraph') out.push(new Paragraph({ children: [new TextRun(block.text)] }));
    else for (const item of block.items) out.push(new Paragraph({ children: [new TextRun(item)], bullet: { level: 0 } }));
  }
  return out;
}

/** One row per level: a tick box, the level's name and what it looks like. */
function levelsTable(framework: Framework, index: MaturityIndex): Table {
  const levels = [...framework.levels].sort((a, b) => a.rank - b.rank);
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: [headerCell('Tick one', 10), headerCell('Level', 18), headerCell('What the council does at this level', 72)] }),
      ...levels.map(
        (level) =>
          new TableRow({
            cantSplit: true,
            children: [
              new TableCell({
                width: { size: 10, type: WidthType.PERCENTAGE },
                children: [new Paragraph({ children: [new TextRun({ text: TICK_BOX, size: 36, font: 'Segoe UI Symbol' })] })],
              }),
              new TableCell({ width: { size: 18, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun({ text: plain(level.title), bold: true })] })] }),
              new TableCell({ width: { size: 72, type: WidthType.PERCENTAGE }, children: descriptorParagraphs(index.descriptors[level.id] ?? '') }),
            ],
          })
      ),
    ],
  });
}

/** Lines to write on: empty paragraphs ruled underneath ("between" rules each one, not just the last of the run). */
function ruledLines(count: number): Paragraph[] {
  return Array.from({ length: count }, () => new Paragraph({ children: [], spacing: { before: 360 }, border: { bottom: RULE, between: RULE } }));
}

/** Name, role and date, each with room to write. */
function aboutYou(): Table {
  const row = (label: string): TableRow =>
    new TableRow({
      cantSplit: true,
      height: { value: 680, rule: HeightRule.ATLEAST },
      children: [
        new TableCell({ width: { size: 25, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [new TextRun({ text: label, bold: true })] })] }),
        new TableCell({ width: { size: 75, type: WidthType.PERCENTAGE }, children: [new Paragraph({ children: [] })] }),
      ],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [new TableRow({ tableHeader: true, cantSplit: true, children: [headerCell('About you', 25), headerCell('Write here', 75)] }), row('Name'), row('Role'), row('Date')],
  });
}

function indexSection(framework: Framework, index: MaturityIndex): Array<Paragraph | Table> {
  return [
    // Each index starts a page, so a form can be handed out or collected one index at a time.
    new Paragraph({ heading: HeadingLevel.HEADING_1, outlineLevel: 0, pageBreakBefore: true, keepNext: true, children: [new TextRun(plain(index.title))] }),
    new Paragraph({ children: [new TextRun({ text: kindOf(framework, index), italics: true })] }),
    ...(index.description.trim() ? [new Paragraph({ children: multiline(index.description) })] : []),
    heading('Which level best describes the council today?', HeadingLevel.HEADING_2),
    levelsTable(framework, index),
    heading(`Comment: ${index.title}`, HeadingLevel.HEADING_2),
    new Paragraph({ children: [new TextRun('Why you chose that level: what you have seen, and what would move the council up a level.')] }),
    ...ruledLines(8),
  ];
}

/**
 * The blank pack as .docx bytes. Throws when none of the chosen indices is in the framework, since a
 * pack with nothing to give a view on is no use to anyone.
 */
export async function buildBlankViewsPack(input: BlankViewsPackInput): Promise<Uint8Array> {
  const { framework, periodName } = input;
  const indices = chosenIndices(framework, input.indexIds);
  if (indices.length === 0) throw new Error(`None of the chosen key areas or enablers is in the framework for ${periodName}, so there is nothing to put in the pack.`);
  const lead = input.leadName?.trim() ? plain(input.leadName.trim()) : 'the lead officer';
  const levels = [...framework.levels].sort((a, b) => a.rank - b.rank).map((l) => plain(l.title));
  const title = `Procurement maturity: your view, ${plain(periodName)}`;
  const intro: Array<Paragraph | Table> = [new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] })];
  if (input.councilName?.trim()) intro.push(new Paragraph({ children: [new TextRun({ text: plain(input.councilName.trim()), bold: true, size: 28 })] }));
  intro.push(
    new Paragraph({
      children: [
        new TextRun(
          `${indices.length === 1 ? 'One key area or enabler' : `${indices.length} key areas and enablers`} of the ${plain(framework.title)}` +
            (input.today ? `. Pack made on ${formatUkDate(input.today)}.` : '.')
        ),
      ],
    }),
    heading('How to give your view', HeadingLevel.HEADING_1),
    new Paragraph({ children: [new TextRun(`Before the council agrees its level on each of these, ${lead} is gathering colleagues' own views. Give yours without comparing notes first.`)] }),
    new Paragraph({
      children: [new TextRun(`For each one, tick the one level that best describes the council today, not where it aims to be. The levels, from lowest to highest, are ${levels.join(', ')}.`)],
      bullet: { level: 0 },
    }),
    new Paragraph({ children: [new TextRun('Add a comment saying why: what you have seen, and what would move the council up a level.')], bullet: { level: 0 } }),
    new Paragraph({ children: [new TextRun('Fill in your name, role and the date below, so your view can be recorded as yours.')], bullet: { level: 0 } }),
    new Paragraph({
      children: [new TextRun(`Give the pack back to ${lead}. The lead officer enters your view in the app, marked as given on paper and entered by them; your own words are kept.`)],
      bullet: { level: 0 },
    }),
    heading('About you', HeadingLevel.HEADING_1),
    aboutYou()
  );
  const doc = new Document({
    title,
    subject: input.councilName?.trim() ? `${plain(input.councilName.trim())}: gathering views` : 'Gathering views',
    description: `A blank form for giving a view on ${indices.length} key areas and enablers of the ${plain(framework.title)} in ${plain(periodName)}.`,
    styles: { default: { document: { run: { font: 'Arial', size: 22, language: { value: 'en-GB' } } } } },
    sections: [{ children: [...intro, ...indices.flatMap((index) => indexSection(framework, index))] }],
  });
  return new Uint8Array(await Packer.toArrayBuffer(doc));
}

/**
 * The Excel workbook of one assessment period, for the senior managers' dashboard: an About sheet, a
 * sheet per theme and one for the enablers (each key area or enabler with its current level and what
 * that level means, the target, the target date, the gap, rationale, evidence and evidence links), a
 * sheet of actions and a sheet of trends across periods.
 *
 * Built in the browser with ExcelJS, which is large (about 250 KB gzipped): load this module with
 * `import()` when the user asks for the export, so it stays out of the web part's first-load bundle.
 * Its top-level imports are ExcelJS and pure helpers only (types are erased).
 *
 * Everything written comes from SharePoint lists that officers type into, so it is untrusted: every
 * value is written as a plain string (never a formula or a hyperlink), characters XML cannot carry are
 * dropped, and a value that Excel would read as a formula if someone retyped it (starting with =, +, -
 * or @) gets the Text number format as well.
 */
import { Workbook } from 'exceljs';
import type { Alignment, Cell, Font, Style, Worksheet } from 'exceljs';
import type { Framework, LevelId, MaturityIndex } from '../framework/types';
import type { IndexAssessment } from '../domain/assessment';
import type { ActionPlanItem, Rag } from '../domain/actions';
import { gapToTarget, isLevelId, LEVEL_TITLES } from '../domain/levels';
import { formatUkDateTime, isIsoDate } from '../domain/dates';

/** An action as the caller has it, with its RAG status when the caller worked one out (actionRag). */
export interface PeriodWorkbookAction extends ActionPlanItem {
  rag?: Rag;
}

/**
 * Levels across periods, worked out by the caller. Each cell is a level id (written as its title) or
 * a note written as given, such as "Not in the framework" or "Not assessed".
 */
export interface PeriodTrends {
  /** One column each, in the order given (oldest first). */
  periodNames: string[];
  /** Index id → period name → level id or note. A missing period is left blank. */
  levels: Record<string, Record<string, LevelId | string | undefined>>;
  /** Titles for index ids that are not in this period's framework (retired key areas, say). */
  titles?: Record<string, string>;
}

export interface PeriodWorkbookInput {
  /** The council, when the dashboard was given its name; the About sheet leaves it out otherwise. */
  councilName?: string;
  periodName: string;
  /** One line on where sign-off stands, e.g. "Signed off by Jo Bloggs on 31 March 2026". */
  signOffSummary: string;
  framework: Framework;
  /** True when `framework` is the one recorded at the year's sign-off (the About sheet says so). */
  frameworkAsSignedOff?: boolean;
  /** The period's assessments; an index with none is shown as not assessed. */
  assessments: IndexAssessment[];
  actions: PeriodWorkbookAction[];
  trends: PeriodTrends;
  /** When the export was made, for the About sheet and the document properties; defaults to now. */
  exportedAt?: Date;
}

/** The MIME type of an .xlsx file, for saveBytes. */
export const XLSX_MIME_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const SHEET_NAMES = { about: 'About', enablers: 'Enablers', otherKeyAreas: 'Other key areas', actions: 'Actions', trends: 'Trends' } as const;

export const INDEX_SHEET_HEADERS = [
  'Key area or enabler',
  'Current level',
  'What the current level means',
  'Target level',
  'Target date',
  'Gap (levels below target)',
  'Rationale',
  'Evidence',
  'Evidence links',
] as const;

export const ACTION_SHEET_HEADERS = ['Key area or enabler', 'Action', 'Details', 'Owner', 'Due', 'Status', 'RAG', 'Progress notes'] as const;

export const KEY_AREA_HEADER = 'Key area or enabler';

/** Excel's limit on the characters in one cell. */
const MAX_CELL_CHARS = 32767;
/** Excel's limit on a sheet name. */
const MAX_SHEET_NAME = 31;
/** A UK date as Excel shows it: 31 March 2026. */
const DATE_FORMAT = 'dd mmmm yyyy';
/** Excel's Text number format: what is typed into the cell stays text. */
const TEXT_FORMAT = '@';

const TOP_LEFT: Partial<Alignment> = { vertical: 'top', horizontal: 'left' };
const WRAPPED: Partial<Alignment> = { vertical: 'top', horizontal: 'left', wrapText: true };
const BOLD: Partial<Font> = { bold: true };

/** Builds the workbook and returns the bytes of the .xlsx file. */
export async function buildPeriodWorkbook(input: PeriodWorkbookInput): Promise<Uint8Array> {
  const { framework } = input;
  const exportedAt = input.exportedAt ?? new Date();
  const workbook = new Workbook();
  const council = plain(input.councilName).trim();
  workbook.title = council ? `Procurement maturity self-assessment: ${council}, ${plain(input.periodName)}` : `Procurement maturity self-assessment, ${plain(input.periodName)}`;
  workbook.subject = plain(framework.title);
  if (council) workbook.company = council;
  workbook.creator = 'Procurement maturity toolkit';
  workbook.description = plain(input.signOffSummary);
  workbook.created = exportedAt;
  workbook.modified = exportedAt;

  const levelTitles = levelTitlesOf(framework);
  const indexTitles = new Map(framework.indices.map((i) => [i.id, i.title] as [string, string]));
  const assessments = new Map<string, IndexAssessment>();
  for (const a of input.assessments) if (!assessments.has(a.indexId)) assessments.set(a.indexId, a);

  const taken = new Set<string>(Object.values(SHEET_NAMES).map((n) => n.toLowerCase()));
  addAboutSheet(workbook, input, exportedAt);

  for (const group of indexGroups(framework)) {
    const name = group.sheetName ?? sheetName(group.title, taken, `Theme ${group.position}`);
    addIndexSheet(workbook, name, group.indices, assessments, levelTitles);
  }

  addActionsSheet(workbook, input.actions, framework, indexTitles);
  addTrendsSheet(workbook, input.trends, framework, indexTitles, levelTitles);

  const written = await workbook.xlsx.writeBuffer();
  // Node gives a Buffer and the browser build a Buffer-like Uint8Array or an ArrayBuffer: hand back a plain Uint8Array.
  const view = written as unknown as ArrayBuffer | Uint8Array;
  return view instanceof Uint8Array ? new Uint8Array(view.buffer, view.byteOffset, view.byteLength) : new Uint8Array(view);
}

/**
 * A sheet name Excel accepts, from a theme title: no []:*?/\ (a slash becomes a dash, a colon ' - '), no control
 * characters, no straight apostrophe (ExcelJS does not escape one in print titles, so it becomes ’),
 * at most 31 characters (cut at a word where it can), not blank, not "History" (reserved), and unlike
 * every name in `taken` ignoring case. The name is added to `taken`.
 */
export function sheetName(title: string, taken: Set<string>, fallback: string): string {
  let base = plain(controlsToSpaces(title ?? ''))
    .replace(/[/\\]/g, '-')
    .replace(/\s*:\s*/g, ' - ')
    .replace(/[[\]*?]/g, ' ')
    .replace(/'/g, '\u2019')
    .replace(/\s+/g, ' ')
    .trim();
  if (!base || base.toLowerCase() === 'history') base = fallback;
  base = cutTo(base, MAX_SHEET_NAME);
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    name = `${cutTo(base, MAX_SHEET_NAME - suffix.length)}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

/** Cuts text to at most `max` UTF-16 units, at a space if one is not too far back, never inside a surrogate pair. */
function cutTo(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, max);
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  const space = cut.lastIndexOf(' ');
  if (space >= Math.floor(max * 0.6) && text[max] !== ' ') cut = cut.slice(0, space);
  return cut.replace(/[\s\-–,;]+$/, '');
}

interface IndexGroup {
  title: string;
  position: number;
  /** A fixed name (the enablers); a theme's name is made from its title. */
  sheetName?: string;
  indices: MaturityIndex[];
}

/** The themes in order with their key areas in order, then the enablers, then key areas of no known theme. */
function indexGroups(framework: Framework): IndexGroup[] {
  const byOrder = (a: { order: number }, b: { order: number }): number => a.order - b.order;
  const themes = [...framework.themes].sort(byOrder);
  const themeIds = new Set(themes.map((t) => t.id));
  const groups: IndexGroup[] = themes.map((theme, i) => ({
    title: theme.title,
    position: i + 1,
    indices: framework.indices.filter((x) => x.kind === 'keyArea' && x.themeId === theme.id).sort(byOrder),
  }));
  const enablers = framework.indices.filter((x) => x.kind === 'enabler').sort(byOrder);
  if (enablers.length > 0) groups.push({ title: SHEET_NAMES.enablers, position: groups.length + 1, sheetName: SHEET_NAMES.enablers, indices: enablers });
  const orphans = framework.indices.filter((x) => x.kind !== 'enabler' && !(x.themeId && themeIds.has(x.themeId))).sort(byOrder);
  if (orphans.length > 0) groups.push({ title: SHEET_NAMES.otherKeyAreas, position: groups.length + 1, sheetName: SHEET_NAMES.otherKeyAreas, indices: orphans });
  return groups;
}

function levelTitlesOf(framework: Framework): Record<LevelId, string> {
  const titles: Record<LevelId, string> = { ...LEVEL_TITLES };
  for (const level of framework.levels ?? []) if (isLevelId(level.id) && level.title) titles[level.id] = plain(level.title);
  return titles;
}

function addAboutSheet(workbook: Workbook, input: PeriodWorkbookInput, exportedAt: Date): void {
  const sheet = workbook.addWorksheet(SHEET_NAMES.about, { pageSetup: { paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  sheet.columns = [{ width: 24 }, { width: 90 }];
  const council = plain(input.councilName).trim();
  const rows: [string, string][] = [
    ...(council ? [['Council', council] as [string, string]] : []),
    ['Assessment period', input.periodName],
    ['Sign-off', input.signOffSummary],
    ['Framework', `${input.framework.title} (version ${input.framework.version})${input.frameworkAsSignedOff ? ', as recorded when the year was signed off' : ''}`],
    ['Exported', formatUkDateTime(exportedAt.toISOString())],
    [
      'What is in this workbook',
      'One sheet for each theme and one for the enablers, with a row for each key area or enabler; ' +
        `the "${SHEET_NAMES.actions}" sheet lists the period's actions and the "${SHEET_NAMES.trends}" sheet shows levels across periods.`,
    ],
  ];
  rows.forEach(([label, value], i) => {
    const row = sheet.getRow(i + 1);
    setText(row.getCell(1), label, { font: BOLD, alignment: TOP_LEFT });
    setText(row.getCell(2), value, { alignment: WRAPPED });
  });
}

function addIndexSheet(
  workbook: Workbook,
  name: string,
  indices: MaturityIndex[],
  assessments: Map<string, IndexAssessment>,
  levelTitles: Record<LevelId, string>
): void {
  const sheet = addTableSheet(workbook, name, INDEX_SHEET_HEADERS, [34, 14, 60, 14, 18, 14, 50, 50, 45]);
  indices.forEach((index, i) => {
    const a = assessments.get(index.id);
    const current = a?.currentLevel && isLevelId(a.currentLevel) ? a.currentLevel : undefined;
    const target = a?.targetLevel && isLevelId(a.targetLevel) ? a.targetLevel : undefined;
    const row = sheet.getRow(i + 2);
    setText(row.getCell(1), index.title, { alignment: WRAPPED });
    setText(row.getCell(2), current ? levelTitles[current] : 'Not assessed', { alignment: TOP_LEFT });
    setText(row.getCell(3), current ? index.descriptors?.[current] ?? '' : '', { alignment: WRAPPED });
    setText(row.getCell(4), target ? levelTitles[target] : 'Not set', { alignment: TOP_LEFT });
    setDate(row.getCell(5), a?.targetDate);
    const gap = gapToTarget(current, target);
    const gapCell = row.getCell(6);
    if (gap !== undefined && gap > 0) {
      gapCell.value = gap;
      gapCell.style = { alignment: TOP_LEFT };
    } else {
      setText(gapCell, gap !== undefined ? 'Met' : current ? 'No target set' : 'Not assessed', { alignment: TOP_LEFT });
    }
    setText(row.getCell(7), a?.rationale ?? '', { alignment: WRAPPED });
    setText(row.getCell(8), a?.evidence ?? '', { alignment: WRAPPED });
    setText(row.getCell(9), evidenceLinksText(a), { alignment: WRAPPED });
  });
}

function evidenceLinksText(a: IndexAssessment | undefined): string {
  return (a?.evidenceLinks ?? [])
    .map((link) => {
      const description = (link.description ?? '').trim();
      const url = (link.url ?? '').trim();
      return description && url && description !== url ? `${description}: ${url}` : description || url;
    })
    .filter((line) => line !== '')
    .join('\n');
}

function addActionsSheet(workbook: Workbook, actions: PeriodWorkbookAction[], framework: Framework, indexTitles: Map<string, string>): void {
  const withRag = actions.some((a) => !!a.rag);
  const headers = ACTION_SHEET_HEADERS.filter((h) => withRag || h !== 'RAG');
  const widths = headers.map((h) => ({ 'Key area or enabler': 34, Action: 40, Details: 50, Owner: 24, Due: 18, Status: 14, RAG: 10, 'Progress notes': 50 })[h]);
  const sheet = addTableSheet(workbook, SHEET_NAMES.actions, headers, widths);
  const position = indexPositions(framework);
  const sorted = [...actions].sort(
    (a, b) =>
      (position.get(a.indexId) ?? Number.MAX_SAFE_INTEGER) - (position.get(b.indexId) ?? Number.MAX_SAFE_INTEGER) ||
      (a.dueDate || '9999').localeCompare(b.dueDate || '9999') ||
      (a.title ?? '').localeCompare(b.title ?? '')
  );
  sorted.forEach((action, i) => {
    const row = sheet.getRow(i + 2);
    const values: Record<(typeof ACTION_SHEET_HEADERS)[number], (cell: Cell) => void> = {
      'Key area or enabler': (c) => setText(c, indexTitles.get(action.indexId) ?? action.indexId, { alignment: WRAPPED }),
      Action: (c) => setText(c, action.title, { alignment: WRAPPED }),
      Details: (c) => setText(c, action.details ?? '', { alignment: WRAPPED }),
      Owner: (c) => setText(c, action.owner?.displayName ?? '', { alignment: TOP_LEFT }),
      Due: (c) => setDate(c, action.dueDate),
      Status: (c) => setText(c, action.status, { alignment: TOP_LEFT }),
      RAG: (c) => setText(c, action.rag ?? '', { alignment: TOP_LEFT }),
      'Progress notes': (c) => setText(c, action.progressNotes ?? '', { alignment: WRAPPED }),
    };
    headers.forEach((header, col) => values[header](row.getCell(col + 1)));
  });
}

/** Every framework index's place in reading order: themes in order, their key areas, then enablers. */
function indexPositions(framework: Framework): Map<string, number> {
  const positions = new Map<string, number>();
  for (const group of indexGroups(framework)) for (const index of group.indices) positions.set(index.id, positions.size);
  return positions;
}

function addTrendsSheet(
  workbook: Workbook,
  trends: PeriodTrends,
  framework: Framework,
  indexTitles: Map<string, string>,
  levelTitles: Record<LevelId, string>
): void {
  const periods = trends?.periodNames ?? [];
  const levels = trends?.levels ?? {};
  const headers = [KEY_AREA_HEADER, ...periods];
  const sheet = addTableSheet(workbook, SHEET_NAMES.trends, headers, [34, ...periods.map(() => 18)]);
  // Every index of this framework in reading order, then any other id the caller gave (retired ones).
  const ids = [...indexPositions(framework).keys()];
  for (const id of Object.keys(levels)) if (ids.indexOf(id) < 0) ids.push(id);
  ids.forEach((id, i) => {
    const row = sheet.getRow(i + 2);
    setText(row.getCell(1), indexTitles.get(id) ?? trends.titles?.[id] ?? id, { alignment: WRAPPED });
    periods.forEach((period, p) => {
      const value = levels[id]?.[period];
      setText(row.getCell(p + 2), isLevelId(value) ? levelTitles[value] : value ?? '', { alignment: TOP_LEFT });
    });
  });
}

/** A sheet with a bold header row that stays in view, a filter on it, and the columns at the given widths. */
function addTableSheet(workbook: Workbook, name: string, headers: readonly string[], widths: number[]): Worksheet {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  sheet.columns = widths.map((width) => ({ width }));
  const header = sheet.getRow(1);
  headers.forEach((text, i) => setText(header.getCell(i + 1), text, { font: BOLD, alignment: WRAPPED }));
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: Math.max(1, headers.length) } };
  return sheet;
}

/**
 * Writes untrusted text as a plain string (blank when empty). A value Excel would take for a formula
 * if it were retyped also gets the Text format, so editing the cell keeps it as text.
 */
function setText(cell: Cell, value: string | undefined | null, style: Partial<Style>): void {
  const text = cellText(value);
  cell.value = text === '' ? null : text;
  cell.style = FORMULA_START.test(text) ? { ...style, numFmt: TEXT_FORMAT } : { ...style };
}

/** What Excel (or a spreadsheet that opens the file) reads as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/;

/** A date-only value as a real date cell (UTC midnight, so it never shifts a day); other text as given. */
function setDate(cell: Cell, value: string | undefined): void {
  const iso = (value ?? '').slice(0, 10);
  if (value && isIsoDate(iso)) {
    const [y, m, d] = iso.split('-').map(Number);
    const date = new Date(Date.UTC(2000, m - 1, d));
    date.setUTCFullYear(y, m - 1, d);
    cell.value = date;
    cell.style = { numFmt: DATE_FORMAT, alignment: TOP_LEFT };
  } else {
    setText(cell, value ?? '', { alignment: TOP_LEFT });
  }
}

/** Text as a cell can hold it: Windows line breaks made \n, characters XML cannot carry dropped, cut at Excel's limit. */
export function cellText(value: string | undefined | null): string {
  const text = plain(value).replace(/\r\n?/g, '\n');
  return text.length > MAX_CELL_CHARS ? `${cutTo(text, MAX_CELL_CHARS - 1)}…` : text;
}

/** A string without the characters an XML file cannot hold (controls other than tab, line feed and carriage return; lone surrogates; U+FFFE, U+FFFF). */
function plain(value: string | undefined | null): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += text.slice(i, i + 2);
        i++;
      }
      continue;
    }
    const unsafe = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f || (code >= 0xdc00 && code <= 0xdfff) || code === 0xfffe || code === 0xffff;
    if (!unsafe) out += text[i];
  }
  return out;
}

/** Control characters (tabs and line breaks too) made spaces, for a name on one line. */
function controlsToSpaces(text: string): string {
  return Array.from(String(text), (ch) => (ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f ? ' ' : ch)).join('');
}

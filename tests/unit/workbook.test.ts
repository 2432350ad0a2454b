/** @jest-environment node */
/**
 * The period workbook (src/export/periodWorkbook.ts): built from data made here, then read back from its
 * bytes with the same library (ExcelJS) and, for what ExcelJS hides, from the sheet XML itself (JSZip).
 */
import { Workbook, ValueType } from 'exceljs';
import type { Worksheet } from 'exceljs';
import JSZip from 'jszip';
import {
  ACTION_SHEET_HEADERS,
  buildPeriodWorkbook,
  cellText,
  INDEX_SHEET_HEADERS,
  PeriodWorkbookInput,
  sheetName,
  XLSX_MIME_TYPE,
} from '../../src/export/periodWorkbook';
import { periodWorkbookFileName, REVOKE_AFTER_MS, safeFileName, saveBytes } from '../../src/export/download';
import { DashboardYear, dashboardWorkbookInput, downloadDashboardWorkbook, signOffSummary } from '../../src/export/dashboardWorkbook';
import type { AssessmentPeriod } from '../../src/domain/periods';
import type { Framework, LevelId, MaturityIndex } from '../../src/framework/types';
import type { IndexAssessment } from '../../src/domain/assessment';

const LONG_THEME = 'Leadership: people/places [and] *governance* across the whole council?';
const LONG_THEME_SHEET = 'Leadership - people-places and';

function descriptors(id: string): Record<LevelId, string> {
  return {
    minimum: `${id} minimum.`,
    developing: `${id} is developing, including:\n- Contracts pipeline\n- Resourcing plan`,
    mature: `${id} mature.\r\n- Windows line\r\n- Another`,
    leader: `${id} leader.`,
    innovator: `${id} innovator.`,
  };
}

function index(id: string, kind: MaturityIndex['kind'], themeId: string | null, order: number): MaturityIndex {
  return { id, kind, themeId, title: `Title of ${id}`, order, description: '', whatItIs: '', whyItIsImportant: '', descriptors: descriptors(id) };
}

const framework: Framework = {
  id: 'test',
  version: '1.0',
  title: 'Test framework',
  source: 'tests',
  targetGuidance: '',
  levels: [
    { id: 'minimum', rank: 1, title: 'Minimum' },
    { id: 'developing', rank: 2, title: 'Developing' },
    { id: 'mature', rank: 3, title: 'Mature' },
    { id: 'leader', rank: 4, title: 'Leader' },
    { id: 'innovator', rank: 5, title: 'Innovator' },
  ],
  // Out of order on purpose: sheets follow `order`.
  themes: [
    { id: 't2', title: "Council's commercial approach", order: 2 },
    { id: 't1', title: LONG_THEME, order: 1 },
  ],
  indices: [
    index('ka2', 'keyArea', 't1', 2),
    index('ka1', 'keyArea', 't1', 1),
    index('ka3', 'keyArea', 't2', 1),
    index('en1', 'enabler', null, 1),
  ],
};

function assessment(indexId: string, fields: Partial<IndexAssessment>): IndexAssessment {
  return { periodName: '2025/26', indexId, rationale: '', evidence: '', evidenceLinks: [], ...fields };
}

const FORMULA = '=HYPERLINK("http://x","y")';

function input(overrides: Partial<PeriodWorkbookInput> = {}): PeriodWorkbookInput {
  return {
    councilName: 'Anytown Borough Council',
    periodName: '2025/26',
    signOffSummary: 'Signed off by Jo Bloggs on 31 March 2026',
    framework,
    assessments: [
      assessment('ka1', {
        currentLevel: 'developing',
        targetLevel: 'leader',
        targetDate: '2027-03-31',
        rationale: FORMULA,
        evidence: '+1',
        evidenceLinks: [
          { url: 'https://anytown.example/strategy', description: 'Procurement strategy' },
          { url: 'https://anytown.example/plan', description: '' },
        ],
      }),
      assessment('ka2', { currentLevel: 'mature', targetLevel: 'mature', rationale: 'Line one\r\nLine two', evidence: '@SUM(A1)' }),
      assessment('ka3', { currentLevel: 'leader', targetLevel: 'mature', targetDate: '2026-01-01', evidence: '-2+3' }),
      assessment('en1', { currentLevel: 'minimum', evidence: 'Bell\u0007 and form\u000cfeed' }),
    ],
    actions: [
      {
        periodName: '2025/26', indexId: 'ka3', title: 'Later area action', details: 'Details', status: 'In progress', progressNotes: '',
        owner: { id: 2, displayName: 'Sam Owner' }, dueDate: '2026-06-30', rag: 'Green',
      },
      {
        periodName: '2025/26', indexId: 'ka1', title: FORMULA, details: '+1', status: 'Not started', progressNotes: '-note\nsecond line',
        owner: { id: 1, displayName: 'Jo Bloggs' }, dueDate: '2026-04-30', rag: 'Red',
      },
      { periodName: '2025/26', indexId: 'ka1', title: 'No due date', details: '', status: 'Complete', progressNotes: 'Done' },
    ],
    trends: {
      periodNames: ['2023/24', '2024/25', '2025/26'],
      levels: {
        ka1: { '2023/24': 'minimum', '2024/25': 'Not assessed', '2025/26': 'developing' },
        ka3: { '2023/24': 'Not in the framework', '2024/25': 'mature', '2025/26': 'leader' },
        old: { '2023/24': 'mature', '2024/25': 'Not in the framework', '2025/26': 'Not in the framework' },
      },
      titles: { old: 'A retired key area' },
    },
    exportedAt: new Date(Date.UTC(2026, 3, 1, 9, 30)),
    ...overrides,
  };
}

async function readBack(bytes: Uint8Array): Promise<Workbook> {
  const workbook = new Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return workbook;
}

function rowValues(sheet: Worksheet, row: number, columns: number): unknown[] {
  return Array.from({ length: columns }, (_, i) => {
    const value = sheet.getRow(row).getCell(i + 1).value;
    return value === undefined ? null : value;
  });
}

function utc(y: number, m: number, d: number): Date {
  return new Date(Date.UTC(y, m - 1, d));
}

describe('the period workbook', () => {
  let bytes: Uint8Array;
  let book: Workbook;
  const sheet = (name: string): Worksheet => {
    const found = book.getWorksheet(name);
    if (!found) throw new Error(`no sheet called ${name}`);
    return found;
  };

  beforeAll(async () => {
    bytes = await buildPeriodWorkbook(input());
    book = await readBack(bytes);
  });

  it('is a zip-based .xlsx file given back as a plain Uint8Array', () => {
    expect(bytes.constructor).toBe(Uint8Array);
    expect(Array.from(bytes.slice(0, 2))).toEqual([0x50, 0x4b]);
    expect(XLSX_MIME_TYPE).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });

  it('has an About sheet, a sheet per theme in theme order with names Excel accepts, then Enablers, Actions and Trends', () => {
    const names = book.worksheets.map((w) => w.name);
    expect(names).toEqual(['About', LONG_THEME_SHEET, 'Council\u2019s commercial approach', 'Enablers', 'Actions', 'Trends']);
    for (const name of names) {
      expect(name.length).toBeLessThanOrEqual(31);
      expect(name).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it('records the council, period, sign-off and framework on the About sheet and the title in the document properties', () => {
    expect(book.title).toBe('Procurement maturity self-assessment: Anytown Borough Council, 2025/26');
    expect(book.company).toBe('Anytown Borough Council');
    const about = sheet('About');
    expect(rowValues(about, 1, 2)).toEqual(['Council', 'Anytown Borough Council']);
    expect(rowValues(about, 2, 2)).toEqual(['Assessment period', '2025/26']);
    expect(rowValues(about, 3, 2)).toEqual(['Sign-off', 'Signed off by Jo Bloggs on 31 March 2026']);
    expect(rowValues(about, 4, 2)).toEqual(['Framework', 'Test framework (version 1.0)']);
    expect(rowValues(about, 5, 2)).toEqual(['Exported', '1 April 2026 at 10:30']);
  });

  it('gives each theme sheet the header row, frozen, filtered and with set column widths', () => {
    for (const name of [LONG_THEME_SHEET, 'Council\u2019s commercial approach', 'Enablers']) {
      const ws = sheet(name);
      expect(rowValues(ws, 1, INDEX_SHEET_HEADERS.length)).toEqual([...INDEX_SHEET_HEADERS]);
      expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws.autoFilter).toBeTruthy();
      expect(ws.getColumn(1).width).toBe(34);
      expect(ws.getColumn(3).width).toBe(60);
    }
    expect(INDEX_SHEET_HEADERS).toEqual([
      'Key area or enabler', 'Current level', 'What the current level means', 'Target level', 'Target date',
      'Gap (levels below target)', 'Rationale', 'Evidence', 'Evidence links',
    ]);
  });

  it('has a row for every key area of the theme, in order, with its level, descriptor, target, date, gap and evidence', () => {
    const ws = sheet(LONG_THEME_SHEET);
    expect(ws.rowCount).toBe(3);
    expect(rowValues(ws, 2, 9)).toEqual([
      'Title of ka1',
      'Developing',
      'ka1 is developing, including:\n- Contracts pipeline\n- Resourcing plan',
      'Leader',
      utc(2027, 3, 31),
      2,
      FORMULA,
      '+1',
      'Procurement strategy: https://anytown.example/strategy\nhttps://anytown.example/plan',
    ]);
    expect(rowValues(ws, 3, 9)).toEqual([
      'Title of ka2', 'Mature', 'ka2 mature.\n- Windows line\n- Another', 'Mature', null, 'Met', 'Line one\nLine two', '@SUM(A1)', null,
    ]);
    const descriptor = ws.getCell('C2');
    expect(descriptor.alignment).toMatchObject({ wrapText: true, vertical: 'top' });
  });

  it('writes the target date as a real date cell shown as a UK date', () => {
    const cell = sheet(LONG_THEME_SHEET).getCell('E2');
    expect(cell.type).toBe(ValueType.Date);
    expect(cell.value).toEqual(utc(2027, 3, 31));
    expect(cell.numFmt).toBe('dd mmmm yyyy');
  });

  it('shows a target met or passed as "Met" and a missing target or level in words', () => {
    const other = sheet('Council\u2019s commercial approach');
    expect(rowValues(other, 2, 6)).toEqual(['Title of ka3', 'Leader', 'ka3 leader.', 'Mature', utc(2026, 1, 1), 'Met']);
    const enablers = sheet('Enablers');
    expect(rowValues(enablers, 2, 8)).toEqual(['Title of en1', 'Minimum', 'en1 minimum.', 'Not set', null, 'No target set', null, 'Bell and formfeed']);
  });

  it('shows an index with no assessment as not assessed', async () => {
    const workbook = await readBack(await buildPeriodWorkbook(input({ assessments: [] })));
    const ws = workbook.getWorksheet(LONG_THEME_SHEET)!;
    expect(rowValues(ws, 2, 9)).toEqual(['Title of ka1', 'Not assessed', null, 'Not set', null, 'Not assessed', null, null, null]);
  });

  it('lists the actions in reading order (theme, key area, due date) with owner, due date, status, RAG and notes', () => {
    const ws = sheet('Actions');
    expect(rowValues(ws, 1, 8)).toEqual([...ACTION_SHEET_HEADERS]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.rowCount).toBe(4);
    expect(rowValues(ws, 2, 8)).toEqual(['Title of ka1', FORMULA, '+1', 'Jo Bloggs', utc(2026, 4, 30), 'Not started', 'Red', '-note\nsecond line']);
    expect(rowValues(ws, 3, 8)).toEqual(['Title of ka1', 'No due date', null, null, null, 'Complete', null, 'Done']);
    expect(rowValues(ws, 4, 8)).toEqual(['Title of ka3', 'Later area action', 'Details', 'Sam Owner', utc(2026, 6, 30), 'In progress', 'Green', null]);
    expect(ws.getCell('E2').type).toBe(ValueType.Date);
    expect(ws.getCell('E2').numFmt).toBe('dd mmmm yyyy');
  });

  it('leaves out the RAG column when the caller gives no RAG', async () => {
    const actions = input().actions.map(({ rag, ...rest }) => rest);
    const ws = (await readBack(await buildPeriodWorkbook(input({ actions })))).getWorksheet('Actions')!;
    expect(rowValues(ws, 1, 8)).toEqual(['Key area or enabler', 'Action', 'Details', 'Owner', 'Due', 'Status', 'Progress notes', null]);
  });

  it('has a trends column per period in the order given, levels as titles and notes as given', () => {
    const ws = sheet('Trends');
    expect(rowValues(ws, 1, 4)).toEqual(['Key area or enabler', '2023/24', '2024/25', '2025/26']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.rowCount).toBe(6);
    expect(rowValues(ws, 2, 4)).toEqual(['Title of ka1', 'Minimum', 'Not assessed', 'Developing']);
    expect(rowValues(ws, 3, 4)).toEqual(['Title of ka2', null, null, null]);
    expect(rowValues(ws, 4, 4)).toEqual(['Title of ka3', 'Not in the framework', 'Mature', 'Leader']);
    expect(rowValues(ws, 5, 4)).toEqual(['Title of en1', null, null, null]);
    expect(rowValues(ws, 6, 4)).toEqual(['A retired key area', 'Mature', 'Not in the framework', 'Not in the framework']);
  });

  it('stores text that looks like a formula as text, never as a formula, and formats it as Text', async () => {
    const risky = [
      sheet(LONG_THEME_SHEET).getCell('G2'), // =HYPERLINK(...)
      sheet(LONG_THEME_SHEET).getCell('H2'), // +1
      sheet(LONG_THEME_SHEET).getCell('H3'), // @SUM(A1)
      sheet('Council\u2019s commercial approach').getCell('H2'), // -2+3
      sheet('Actions').getCell('B2'), // =HYPERLINK(...)
    ];
    expect(risky.map((c) => c.value)).toEqual([FORMULA, '+1', '@SUM(A1)', '-2+3', FORMULA]);
    for (const cell of risky) {
      expect(cell.type).toBe(ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.numFmt).toBe('@');
    }
    expect(sheet(LONG_THEME_SHEET).getCell('A2').numFmt).toBeUndefined();

    // The file itself: no formula element anywhere, and the cells are shared strings.
    const zip = await JSZip.loadAsync(bytes);
    const sheetFiles = Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f));
    expect(sheetFiles).toHaveLength(6);
    for (const file of sheetFiles) {
      const xml = await zip.file(file)!.async('string');
      expect(xml).not.toMatch(/<f[ >]/);
    }
    const themeXml = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    expect(themeXml).toMatch(/<c r="G2"[^>]* t="s"/);
    expect(themeXml).toMatch(/<c r="H2"[^>]* t="s"/);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)');
  });

  it('keeps the list line breaks of a descriptor inside one cell', async () => {
    const zip = await JSZip.loadAsync(bytes);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    expect(strings).toContain('ka1 is developing, including:\n- Contracts pipeline\n- Resourcing plan');
    expect(strings).not.toContain('\r');
  });
});

describe('sheet names', () => {
  it('drop the characters Excel refuses, keep to 31 characters and cut at a word', () => {
    const taken = new Set<string>();
    expect(sheetName(LONG_THEME, taken, 'Theme 1')).toBe(LONG_THEME_SHEET);
    expect(sheetName('A very long theme name that goes on and on', taken, 'x')).toBe('A very long theme name that');
    expect(sheetName('Supercalifragilisticexpialidocious-theme', taken, 'x')).toBe('Supercalifragilisticexpialidoci');
  });

  it('are never blank, never "History", never a straight apostrophe, and never the same as another ignoring case', () => {
    const taken = new Set<string>(['actions', 'trends']);
    expect(sheetName('  ', taken, 'Theme 3')).toBe('Theme 3');
    expect(sheetName('History', taken, 'Theme 4')).toBe('Theme 4');
    expect(sheetName("'Quoted'", taken, 'x')).toBe('\u2019Quoted\u2019');
    expect(sheetName('Actions', taken, 'x')).toBe('Actions (2)');
    expect(sheetName('ACTIONS', taken, 'x')).toBe('ACTIONS (3)');
    const long = 'Achieving community benefits and social value';
    expect(sheetName(long, taken, 'x')).toBe('Achieving community benefits');
    expect(sheetName(long, taken, 'x')).toBe('Achieving community (2)');
  });
});

describe('cell text', () => {
  it('makes Windows line breaks \\n, drops characters XML cannot carry and keeps emoji', () => {
    expect(cellText('a\r\nb\rc')).toBe('a\nb\nc');
    expect(cellText('x\u0000y\u001fz\ud800')).toBe('xyz');
    expect(cellText('ok \ud83d\udc4d')).toBe('ok \ud83d\udc4d');
    expect(cellText(undefined)).toBe('');
  });

  it('cuts text at Excel\'s 32,767 characters a cell', () => {
    const text = cellText('x'.repeat(40000));
    expect(text.length).toBe(32767);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('saving the workbook', () => {
  it('names the file after the period, with no slash', () => {
    expect(periodWorkbookFileName('2025-26')).toBe('Procurement maturity 2025-26.xlsx');
    expect(periodWorkbookFileName('2025/26')).toBe('Procurement maturity 2025-26.xlsx');
    expect(periodWorkbookFileName('2025/26', ' St. Albans City and District Council ')).toBe('St. Albans City and District Council procurement maturity 2025-26.xlsx');
    expect(periodWorkbookFileName('2025/26', '   ')).toBe('Procurement maturity 2025-26.xlsx');
    expect(safeFileName('a\\b:c*?"<>|.xlsx')).toBe('a-bc.xlsx');
    expect(safeFileName('   .xlsx')).toBe('Download.xlsx');
  });

  it('downloads the bytes through a temporary link and revokes the object URL afterwards', async () => {
    jest.useFakeTimers();
    const clicked: { href: string; download: string }[] = [];
    const removed: unknown[] = [];
    const link = {
      href: '', download: '', rel: '', style: {} as Record<string, string>,
      click(): void { clicked.push({ href: this.href, download: this.download }); },
      remove(): void { removed.push(this); },
    };
    const appended: unknown[] = [];
    const fakeDocument = { createElement: jest.fn(() => link), body: { appendChild: (node: unknown) => appended.push(node) } };
    (globalThis as unknown as { document: unknown }).document = fakeDocument;
    let blob: Blob | undefined;
    const create = jest.spyOn(URL, 'createObjectURL').mockImplementation((b) => { blob = b as Blob; return 'blob:test/1'; });
    const revoke = jest.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    try {
      saveBytes(new Uint8Array([1, 2, 3]), 'Procurement maturity 2025/26.xlsx', XLSX_MIME_TYPE);
      expect(fakeDocument.createElement).toHaveBeenCalledWith('a');
      expect(clicked).toEqual([{ href: 'blob:test/1', download: 'Procurement maturity 2025-26.xlsx' }]);
      expect(appended).toEqual([link]);
      expect(removed).toEqual([link]);
      expect(blob?.type).toBe(XLSX_MIME_TYPE);
      expect(revoke).not.toHaveBeenCalled();
      jest.advanceTimersByTime(REVOKE_AFTER_MS);
      expect(revoke).toHaveBeenCalledWith('blob:test/1');
    } finally {
      create.mockRestore();
      revoke.mockRestore();
      delete (globalThis as unknown as { document?: unknown }).document;
      jest.useRealTimers();
    }
    expect(Array.from(new Uint8Array(await blob!.arrayBuffer()))).toEqual([1, 2, 3]);
  });
});

describe('what ExcelJS itself does with text', () => {
  // The workbook relies on this: a string is written as a string, and only a { formula } value is a formula.
  it('writes a string that starts with = as text and only a { formula } value as a formula', async () => {
    const book = new Workbook();
    const ws = book.addWorksheet('Check');
    ws.getCell('A1').value = '=1+2';
    ws.getCell('A2').value = { formula: '1+2' } as never;
    const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toMatch(/<c r="A1"[^>]* t="s"/);
    expect(xml).not.toMatch(/<c r="A1"[^>]*>\s*<f>/);
    expect(xml).toMatch(/<c r="A2"[^>]*><f>1\+2<\/f>/);
  });
});

describe('the About sheet without a council name, and for a year signed off against an older framework', () => {
  it('leaves the council out and says the framework is the one recorded at sign-off', async () => {
    const workbook = await readBack(await buildPeriodWorkbook(input({ councilName: undefined, frameworkAsSignedOff: true })));
    expect(workbook.title).toBe('Procurement maturity self-assessment, 2025/26');
    expect(workbook.company ?? '').toBe('');
    const about = workbook.getWorksheet('About')!;
    expect(rowValues(about, 1, 2)).toEqual(['Assessment period', '2025/26']);
    expect(rowValues(about, 3, 2)).toEqual(['Framework', 'Test framework (version 1.0), as recorded when the year was signed off']);
  });
});

describe('the dashboard\'s workbook', () => {
  const people = { jo: { id: 1, displayName: 'Jo Bloggs' }, sam: { id: 2, displayName: 'Sam Approver' } };

  function period(name: string, fields: Partial<AssessmentPeriod> = {}): AssessmentPeriod {
    const start = Number(name.slice(0, 4));
    return {
      name, startDate: `${start}-04-01`, endDate: `${start + 1}-03-31`, frameworkId: 'test', frameworkVersion: '1.0',
      status: 'Draft', returnComment: '', history: [], problems: [], ...fields,
    };
  }

  function year(fields: Partial<DashboardYear> = {}): DashboardYear {
    const selected = period('2025/26', { status: 'Signed off', submittedBy: people.jo, signedOffBy: people.sam, signedOffOn: '2026-03-31T09:15:00Z' });
    const retired = index('gone', 'keyArea', 't1', 9);
    const earlier = period('2024/25', {
      status: 'Signed off',
      frameworkSnapshot: JSON.stringify({ ...framework, indices: [...framework.indices, { ...retired, title: 'A retired key area' }] }),
    });
    return {
      framework,
      frameworkAsSignedOff: true,
      periods: [selected, earlier],
      period: selected,
      assessments: [assessment('ka1', { currentLevel: 'developing', targetLevel: 'mature' })],
      allAssessments: [
        assessment('ka1', { currentLevel: 'developing', targetLevel: 'mature' }),
        { ...assessment('ka1', { currentLevel: 'minimum' }), periodName: '2024/25' },
        { ...assessment('gone', { currentLevel: 'leader' }), periodName: '2024/25' },
      ],
      actions: [
        { periodName: '2025/26', indexId: 'ka1', title: 'Overdue', details: '', status: 'In progress', progressNotes: '', dueDate: '2026-01-31' },
        { periodName: '2025/26', indexId: 'en1', title: 'Later', details: '', status: 'Not started', progressNotes: '', dueDate: '2027-06-30' },
      ],
      ...fields,
    };
  }

  it('says where the year stands in sign-off, in words', () => {
    expect(signOffSummary(year().period)).toBe('Signed off by Sam Approver on 31 March 2026 at 10:15');
    expect(signOffSummary(period('2025/26', { status: 'Submitted', submittedBy: people.jo, submittedOn: '2026-02-02T12:00:00Z' }))).toBe(
      'Submitted for sign-off by Jo Bloggs on 2 February 2026 at 12:00; not signed off yet'
    );
    expect(signOffSummary(period('2025/26', { status: 'Returned', returnedBy: people.sam }))).toBe('Returned for changes by Sam Approver; not signed off');
    expect(signOffSummary(period('2025/26'))).toBe('Draft: not yet submitted for sign-off');
  });

  it('gives each action its RAG on the day, and levels of every year with retired key areas by their recorded title', () => {
    const made = dashboardWorkbookInput({ year: year(), today: '2026-04-01', councilName: 'Anytown Borough Council' });
    expect(made.frameworkAsSignedOff).toBe(true);
    expect(made.actions.map((a) => [a.title, a.rag])).toEqual([['Overdue', 'Red'], ['Later', 'Green']]);
    expect(made.trends.periodNames).toEqual(['2024/25', '2025/26']);
    expect(made.trends.levels.ka1).toEqual({ '2024/25': 'minimum', '2025/26': 'developing' });
    // Retired before 2025/26: not in the framework that year was signed off against.
    expect(made.trends.levels.gone).toEqual({ '2024/25': 'leader', '2025/26': 'Not in the framework' });
    expect(made.trends.levels.ka2).toEqual({ '2024/25': 'Not assessed', '2025/26': 'Not assessed' });
    expect(made.trends.titles).toEqual({ gone: 'A retired key area' });
  });

  it('writes the workbook and hands its bytes to the download under the council\'s file name', async () => {
    const saved: Array<{ bytes: Uint8Array; fileName: string; mimeType: string }> = [];
    const fileName = await downloadDashboardWorkbook({ year: year(), today: '2026-04-01', councilName: 'Anytown Borough Council' }, (bytes, name, mimeType) =>
      saved.push({ bytes, fileName: name, mimeType })
    );
    expect(fileName).toBe('Anytown Borough Council procurement maturity 2025-26.xlsx');
    expect(saved.map((s) => [s.fileName, s.mimeType])).toEqual([[fileName, XLSX_MIME_TYPE]]);
    const book = await readBack(saved[0].bytes);
    expect(rowValues(book.getWorksheet('About')!, 3, 2)).toEqual(['Sign-off', 'Signed off by Sam Approver on 31 March 2026 at 10:15']);
    expect(rowValues(book.getWorksheet('Trends')!, 6, 3)).toEqual(['A retired key area', 'Leader', 'Not in the framework']);
    expect(rowValues(book.getWorksheet('Actions')!, 2, 7)).toEqual(['Title of ka1', 'Overdue', null, null, utc(2026, 1, 31), 'In progress', 'Red']);
  });
});

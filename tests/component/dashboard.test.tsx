/**
 * @jest-environment ./tests/support/jsdomWithFetch.js
 * @jest-environment-options {"customExportConditions": ["node", "node-addons"]}
 */
// (Node's export conditions, not the browser's: ExcelJS's Node build, which this test reads the workbook with,
// needs uuid's CommonJS build, and jsdom's default "browser" condition picks its ES module build.)
import * as React from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import '@testing-library/jest-dom';
import { setIconOptions } from '@fluentui/react/lib/Styling';
import { ValueType, Workbook } from 'exceljs';
import type { Worksheet } from 'exceljs';
import { npsFramework2018 } from '../../src/framework';
import { LevelId, MaturityIndex } from '../../src/framework/types';
import { ProcurementDashboardApp } from '../../src/ui/views/ProcurementDashboardApp';
import { DashboardSettings, DEFAULT_DASHBOARD_SETTINGS, DashboardSection } from '../../src/domain/dashboardSettings';
import { DataServices } from '../../src/data/services';
import { LISTS } from '../../src/data/schema';
import { ActionPlanItem, Person } from '../../src/domain/actions';
import { AssessmentPeriod } from '../../src/domain/periods';
import { formatUkDate } from '../../src/domain/dates';
import { Role } from '../../src/domain/signOff';
import { saveBytes } from '../../src/export/download';
import { XLSX_MIME_TYPE } from '../../src/export/periodWorkbook';
import { PRINT_ONLY } from '../../src/ui/dashboard/printStyles';
import { DIRECTORY, SITE_OWNER } from '../../preview/server/directory';
import { assessedYear as assessedYearAs, signOffStep } from '../support/workflow';
import { RunningService, servicesAs, setUpSite, spAs, startListService } from '../support/listService';
import { previewHost } from '../support/host';
import { readFileSync } from 'fs';
import { join } from 'path';
import ProcurementDashboardWebPart from '../../src/webparts/procurementDashboard/ProcurementDashboardWebPart';
import { dashboardSettings } from '../../src/domain/dashboardSettings';

// SPFx's runtime modules cannot load outside a SharePoint page: stand-ins that keep what the web part declares.
jest.mock('@microsoft/sp-core-library', () => ({ Version: { parse: (v: string) => v } }));
jest.mock('@microsoft/sp-component-base', () => ({ ThemeProvider: { serviceKey: 'ThemeProvider' } }));
jest.mock('@microsoft/sp-webpart-base', () => ({
  BaseClientSideWebPart: class {
    public properties: Record<string, unknown> = {};
    public domElement: HTMLElement = document.createElement('div');
  },
}));
jest.mock('@microsoft/sp-property-pane', () => {
  const field = (kind: string) => (targetProperty: string, properties: unknown) => ({ kind, targetProperty, properties });
  return { PropertyPaneTextField: field('text'), PropertyPaneCheckbox: field('checkbox'), PropertyPaneChoiceGroup: field('choice'), PropertyPaneDropdown: field('dropdown') };
});
// The strings the build serves to the page (an AMD module), read as they are.
jest.mock(
  'MaturityWebPartStrings',
  () => {
    let strings: unknown;
    const source = (require('fs') as typeof import('fs')).readFileSync(require('path').join(__dirname, '..', '..', 'src', 'webparts', 'loc', 'en-us.js'), 'utf8');
    new Function('define', source)((_deps: unknown, make: () => unknown) => (strings = make()));
    return strings;
  },
  { virtual: true }
);

// The download sink only: the workbook itself is built for real and read back from its bytes.
jest.mock('../../src/export/download', () => ({ ...jest.requireActual('../../src/export/download'), saveBytes: jest.fn() }));
const save = saveBytes as jest.MockedFunction<typeof saveBytes>;

/*
 * The senior managers' dashboard as its web part's settings shape it (default year, sections, one
 * theme), its Excel workbook download and its printed form, rendered in jsdom against the local list
 * service. Each test makes its own financial years, so any test can run alone.
 */
const framework = npsFramework2018();
const person = (role: string, n = 0) => DIRECTORY.filter((p) => p.role === role)[n];
const OFFICER = person('officer');
const APPROVER = person('headOfProcurement');
const COUNCILLOR = person('councillor');
const TODAY = '2026-11-25';
const byOrder = (a: { order: number }, b: { order: number }): number => a.order - b.order;
const THEMES = [...framework.themes].sort(byOrder);
const keyAreasOf = (themeId: string): MaturityIndex[] => framework.indices.filter((i) => i.kind === 'keyArea' && i.themeId === themeId).sort(byOrder);

let service: RunningService;
const as = (who: { loginName: string }): DataServices => servicesAs(service, who.loginName);

function settingsWith(changes: Partial<DashboardSettings>, sections: Partial<Record<DashboardSection, boolean>> = {}): DashboardSettings {
  return { ...DEFAULT_DASHBOARD_SETTINGS, ...changes, sections: { ...DEFAULT_DASHBOARD_SETTINGS.sections, ...sections } };
}

function dashboardAs(who: { loginName: string }, options: { periodName?: string; settings?: DashboardSettings } = {}) {
  return render(
    <ProcurementDashboardApp
      host={previewHost({ siteUrl: service.siteUrl })}
      services={as(who)}
      framework={framework}
      title="Procurement dashboard"
      today={TODAY}
      target={options.periodName ? { periodName: options.periodName } : undefined}
      settings={options.settings}
    />
  );
}

type Levels = { current?: LevelId; target?: LevelId };
const assessedYear = (name: string, levels?: (i: number) => Levels): Promise<AssessmentPeriod> => assessedYearAs(as(OFFICER), name, levels);
const step = async (who: { loginName: string }, role: Role, period: AssessmentPeriod, action: 'submit' | 'signOff'): Promise<AssessmentPeriod> =>
  (await signOffStep(as(who), role, period, action)).period;
const signOff = async (period: AssessmentPeriod): Promise<AssessmentPeriod> => step(APPROVER, 'approver', await step(OFFICER, 'officer', period, 'submit'), 'signOff');

async function siteUser(who: { loginName: string }): Promise<Person> {
  const { id, displayName, email } = await as(who).site.currentUser();
  return { id, displayName, email };
}

async function addAction(periodName: string, indexId: string, title: string, owner: Person, dueDate: string, status: ActionPlanItem['status'] = 'In progress'): Promise<void> {
  await as(OFFICER).actions.save({ periodName, indexId, title, details: '', owner, dueDate, status, progressNotes: '' });
}

/** The data rows of a table (without its header row). */
const bodyRows = (table: HTMLElement): HTMLElement[] => within(table).getAllByRole('row').filter((r) => r.closest('tbody'));

setIconOptions({ disableWarnings: true });

beforeAll(async () => {
  service = await startListService();
  await setUpSite(service, { officers: [OFFICER.loginName], approvers: [APPROVER.loginName], scrutiny: [COUNCILLOR.loginName] });
}, 90000);

afterAll(async () => {
  await service?.stop();
});

beforeEach(() => save.mockReset());

describe('the year the dashboard opens on', () => {
  // The newest years on the site, so they are what "latest" means here.
  it('is the latest signed-off year by default, the latest year when set so, and a linked year whatever the setting', async () => {
    await signOff(await assessedYear('2096/97'));
    await assessedYear('2097/98');

    const seen: string[] = [];
    const watcher = new MutationObserver(() => seen.push(document.body.textContent ?? ''));
    watcher.observe(document.body, { childList: true, subtree: true, characterData: true });
    const byDefault = dashboardAs(APPROVER);
    expect(await screen.findByRole('heading', { name: 'Sign-off history, 2096/97' }, { timeout: 15000 })).toBeInTheDocument();
    watcher.disconnect();
    // The newer draft is never shown on the way, not even for a moment (the year picker may list it).
    expect(seen.filter((text) => /Sign-off history, 2097\/98|The 2097\/98 assessment|workbook for 2097\/98|Assessment period 2097\/98/.test(text))).toEqual([]);
    byDefault.unmount();

    const latest = dashboardAs(APPROVER, { settings: settingsWith({ defaultPeriod: 'latest' }) });
    expect(await screen.findByRole('heading', { name: 'Sign-off history, 2097/98' }, { timeout: 15000 })).toBeInTheDocument();
    expect(await screen.findByText('The 2097/98 assessment is a draft.')).toBeInTheDocument();
    latest.unmount();

    dashboardAs(APPROVER, { periodName: '2097/98', settings: settingsWith({ defaultPeriod: 'latestSignedOff' }) });
    expect(await screen.findByRole('heading', { name: 'Sign-off history, 2097/98' }, { timeout: 15000 })).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Sign-off history, 2096/97' })).toBeNull();
  }, 120000);
});

describe('scrutiny, from the dashboard', () => {
  it('offers approvers Share for scrutiny on a signed-off year and counts the challenges awaiting a response; officers get no Share', async () => {
    const year = await signOff(await assessedYear('2091/92'));
    const [first, second] = framework.indices;
    const raised = await as(COUNCILLOR).challenges.raise({ periodName: year.name, indexId: first.id, text: 'Is this level fair?', response: '', status: 'Open' }, 'Signed off');
    await as(COUNCILLOR).challenges.raise({ periodName: year.name, indexId: second.id, text: 'Where is the evidence?', response: '', status: 'Open' }, 'Signed off');
    await as(OFFICER).challenges.respond(raised, 'The evidence is in the annual review.');

    const approverView = dashboardAs(APPROVER, { periodName: year.name });
    expect(await screen.findByText('1 of 2 scrutiny challenges on 2091/92 awaits a response.', {}, { timeout: 15000 })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Share the 2091/92 scrutiny review with councillors' })).toBeInTheDocument();
    approverView.unmount();

    dashboardAs(OFFICER, { periodName: year.name });
    expect(await screen.findByText('1 of 2 scrutiny challenges on 2091/92 awaits a response.', {}, { timeout: 15000 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /scrutiny review with councillors/ })).toBeNull();
  }, 90000);

  it('offers officers and approvers a reminder to the owners of actions overdue or due within 14 days, counting them', async () => {
    const year = await assessedYear('2090/91');
    const owner = await siteUser(OFFICER);
    await addAction(year.name, framework.indices[0].id, 'Late action', owner, '2026-11-01');
    await addAction(year.name, framework.indices[1].id, 'Due next week', owner, '2026-12-02');
    await addAction(year.name, framework.indices[2].id, 'Due next year', owner, '2027-12-31');
    dashboardAs(APPROVER, { periodName: year.name });
    expect(await screen.findByRole('button', { name: 'Remind action owners (2 overdue or due within 14 days)' }, { timeout: 15000 })).toBeInTheDocument();
  }, 90000);
});

describe('the sections the web part is set to show', () => {
  it('shows only the ticked sections, and every one when all are ticked', async () => {
    await assessedYear('2014/15', () => ({ current: 'developing', target: 'leader' }));
    await addAction('2014/15', keyAreasOf(THEMES[0].id)[0].id, 'Refresh the contract standing orders', await siteUser(OFFICER), '2026-06-30');

    const some = dashboardAs(APPROVER, { periodName: '2014/15', settings: settingsWith({}, { chart: false, signOffHistory: false, actionHealth: false, trends: false, overdue: false }) });
    expect(await screen.findByRole('region', { name: 'Headlines' }, { timeout: 15000 })).toBeInTheDocument();
    expect(await screen.findByRole('region', { name: 'Gaps to target, 2014/15' }, { timeout: 15000 })).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Current level and target, 2014/15' })).toBeNull();
    for (const hidden of ['Sign-off history, 2014/15', 'Action health, 2014/15', 'Levels over the years', 'Overdue actions']) {
      expect(screen.queryByRole('region', { name: hidden })).toBeNull();
    }
    some.unmount();

    dashboardAs(APPROVER, { periodName: '2014/15' });
    expect(await screen.findByRole('region', { name: 'Levels over the years' }, { timeout: 15000 })).toBeInTheDocument();
    for (const shown of ['Headlines', 'Sign-off history, 2014/15', 'Action health, 2014/15', 'Gaps to target, 2014/15', 'Overdue actions']) {
      expect(screen.getByRole('region', { name: shown })).toBeInTheDocument();
    }
    expect(screen.getByRole('table', { name: 'Current level and target, 2014/15' })).toBeInTheDocument();
  }, 90000);
});

describe('one theme on its own', () => {
  it('shows only that theme\'s key areas in every section, and says which theme in the heading', async () => {
    const theme = THEMES[1];
    const inTheme = keyAreasOf(theme.id);
    const position = new Map(framework.indices.map((i, n) => [i.id, n] as [string, number]));
    // The theme's key areas are all below target; everything else is at target, so the counts tell them apart.
    await assessedYear('2015/16', (i) => (inTheme.some((k) => position.get(k.id) === i) ? { current: 'minimum', target: 'mature' } : { current: 'mature', target: 'mature' }));
    const enabler = framework.indices.find((i) => i.kind === 'enabler')!;
    const otherTheme = keyAreasOf(THEMES[0].id)[0];
    const owner = await siteUser(OFFICER);
    await addAction('2015/16', inTheme[0].id, 'Action in the theme', owner, '2026-07-31');
    await addAction('2015/16', enabler.id, 'Action for an enabler', owner, '2026-08-31');
    await addAction('2015/16', otherTheme.id, 'Action in another theme', owner, '2026-09-30');

    dashboardAs(APPROVER, { periodName: '2015/16', settings: settingsWith({ themeId: theme.id }) });
    expect(await screen.findByRole('heading', { level: 2, name: `Procurement dashboard: ${theme.title}` }, { timeout: 15000 })).toBeInTheDocument();
    const headlines = within(screen.getByRole('region', { name: 'Headlines' }));
    expect(headlines.getByText(/at or above target/).closest('li')).toHaveTextContent(`0 of ${inTheme.length} key areas at or above target; ${inTheme.length} below target.`);
    expect(headlines.getByText(/actions:/).closest('li')).toHaveTextContent('1 actions: 1 red, 0 amber, 0 green, 0 closed.');

    const titles = (rows: HTMLElement[]): string[] => rows.map((r) => within(r).getByRole('rowheader').textContent ?? '');
    const expected = inTheme.map((i) => i.title);
    expect(titles(bodyRows(screen.getByRole('table', { name: 'Current level and target, 2015/16' })))).toEqual(expected);
    expect(titles(bodyRows(screen.getByRole('table', { name: 'Overdue actions' })))).toEqual(['Action in the theme']);

    const trends = await screen.findByRole('table', { name: /^Current level of each key area and enabler in each year/ }, { timeout: 15000 });
    expect(titles(bodyRows(trends)).sort()).toEqual([...expected].sort());
    const gaps = within(screen.getByRole('region', { name: 'Gaps to target, 2015/16' })).getAllByRole('table');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toHaveAccessibleName(new RegExp(`^Theme: ${theme.title}: ${inTheme.length} below target, 0 at or above`));
    expect(titles(bodyRows(screen.getByRole('table', { name: 'Actions by key area and enabler, by RAG' })))).toEqual([inTheme[0].title]);
    expect(screen.getByText(new RegExp(`Only the key areas of the theme ${theme.title} are shown`))).toBeInTheDocument();
  }, 90000);
});

async function readBack(bytes: Uint8Array): Promise<Workbook> {
  const book = new Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book;
}

const column = (sheet: Worksheet, col: number): unknown[] => {
  const values: unknown[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) values.push(sheet.getRow(r).getCell(col).value);
  return values;
};

describe('the Excel workbook download', () => {
  it('downloads the year as a workbook: a sheet per theme as signed off, the actions and the trends, text never a formula', async () => {
    const name = '2012/13';
    const reworded = keyAreasOf(THEMES[0].id)[0];
    let period = await assessedYear(name, () => ({ current: 'developing', target: 'mature' }));
    const saved = (await as(OFFICER).assessments.forPeriod(name)).find((a) => a.indexId === reworded.id)!;
    await as(OFFICER).assessments.save({ ...saved, evidence: '=HYPERLINK("http://x.example","Click")', rationale: '@SUM(A1)' });
    period = await signOff(period);
    const owner = await siteUser(OFFICER);
    await addAction(name, reworded.id, '+44 supplier helpline', owner, '2026-01-31');
    await addAction(name, framework.indices.find((i) => i.kind === 'enabler')!.id, 'Train the commissioners', owner, '2027-06-30');
    // After sign-off a site owner rewords the descriptor in the list itself: the record keeps the signed-off words.
    const ownerSp = spAs(service.siteUrl, SITE_OWNER.loginName);
    const indices = ownerSp.web.lists.getByTitle(LISTS.indices.title).items;
    const deployed = (await as(OFFICER).indices.all()).find((i) => i.id === reworded.id)!;
    const before = deployed.descriptors.developing;
    await indices.getById(deployed.itemId).update({ NpsDescriptorDeveloping: 'Reworded after sign-off.' });
    try {
      dashboardAs(APPROVER, { periodName: name, settings: settingsWith({ councilName: 'Borsetshire County Council' }) });
      fireEvent.click(await screen.findByRole('button', { name: `Download Excel workbook for ${name}` }, { timeout: 15000 }));
      expect(screen.getByText(`Preparing the Excel workbook for ${name}…`)).toHaveAttribute('role', 'status');
      await waitFor(() => expect(save).toHaveBeenCalledTimes(1), { timeout: 20000 });
      const [bytes, fileName, mimeType] = save.mock.calls[0];
      expect(fileName).toBe('Borsetshire County Council procurement maturity 2012-13.xlsx');
      expect(mimeType).toBe(XLSX_MIME_TYPE);
      expect(await screen.findByText(`${fileName} is ready: find it in your browser's downloads.`)).toHaveAttribute('role', 'status');

      const book = await readBack(bytes);
      const sheets = book.worksheets;
      expect(sheets.map((s) => s.name)).toEqual(['About', ...THEMES.map(() => expect.any(String)), 'Enablers', 'Actions', 'Trends']);
      const about = new Map(column(sheets[0], 1).map((label, i) => [label, sheets[0].getRow(i + 2).getCell(2).value] as [unknown, unknown]));
      about.set(sheets[0].getCell('A1').value, sheets[0].getCell('B1').value);
      expect(about.get('Council')).toBe('Borsetshire County Council');
      expect(about.get('Assessment period')).toBe(name);
      expect(about.get('Sign-off')).toMatch(new RegExp(`^Signed off by ${APPROVER.displayName} on `));
      expect(about.get('Framework')).toMatch(/as recorded when the year was signed off$/);

      // A row per key area of each theme, in the strategy's order; then the enablers.
      THEMES.forEach((theme, t) => expect(column(sheets[1 + t], 1)).toEqual(keyAreasOf(theme.id).map((i) => i.title)));
      expect(column(book.getWorksheet('Enablers')!, 1)).toEqual(framework.indices.filter((i) => i.kind === 'enabler').sort(byOrder).map((i) => i.title));
      const first = sheets[1];
      const row = first.getRow(2);
      expect([row.getCell(1).value, row.getCell(2).value, row.getCell(4).value, row.getCell(6).value]).toEqual([reworded.title, 'Developing', 'Mature', 1]);
      expect(row.getCell(3).value).toBe(before);
      expect(row.getCell(8).value).toBe('=HYPERLINK("http://x.example","Click")');
      expect(row.getCell(7).value).toBe('@SUM(A1)');
      for (const cell of [row.getCell(7), row.getCell(8)]) {
        expect(cell.type).toBe(ValueType.String);
        expect(cell.formula).toBeUndefined();
      }

      const actions = book.getWorksheet('Actions')!;
      expect(column(actions, 2)).toEqual(['+44 supplier helpline', 'Train the commissioners']);
      expect(actions.getRow(2).getCell(4).value).toBe(owner.displayName);
      expect(actions.getRow(2).getCell(7).value).toBe('Red');
      expect(actions.getRow(2).getCell(2).type).toBe(ValueType.String);

      const trends = book.getWorksheet('Trends')!;
      const header = trends.getRow(1).values as unknown[];
      const yearColumn = header.indexOf(name);
      expect(yearColumn).toBeGreaterThan(1);
      expect(trends.getRow(2).getCell(1).value).toBe(reworded.title);
      expect(trends.getRow(2).getCell(yearColumn).value).toBe('Developing');
    } finally {
      await indices.getById(deployed.itemId).update({ NpsDescriptorDeveloping: before });
    }
  }, 120000);

  it('says so when the workbook cannot be saved, leaves the dashboard as it was, and works on the next try', async () => {
    await assessedYear('2013/14');
    save.mockImplementationOnce(() => {
      throw new Error('the browser refused the download');
    });
    dashboardAs(APPROVER, { periodName: '2013/14' });
    const button = await screen.findByRole('button', { name: 'Download Excel workbook for 2013/14' }, { timeout: 15000 });
    fireEvent.click(button);
    expect(await screen.findByRole('alert', {}, { timeout: 20000 })).toHaveTextContent(
      'The Excel workbook for 2013/14 could not be made: the browser refused the download. Nothing on the dashboard has changed.'
    );
    expect(screen.getByRole('region', { name: 'Headlines' })).toBeInTheDocument();
    expect(screen.getByRole('table', { name: 'Current level and target, 2013/14' })).toBeInTheDocument();

    fireEvent.click(screen.getByRole('button', { name: 'Download Excel workbook for 2013/14' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(2), { timeout: 20000 });
    expect(save.mock.calls[1][1]).toBe('Procurement maturity 2013-14.xlsx');
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  }, 90000);
});

/** The rules the page's style sheets hold for print, as the browser would read them. */
function printRules(): CSSStyleRule[] {
  const rules: CSSStyleRule[] = [];
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules)) {
      if (rule instanceof CSSMediaRule && rule.media.mediaText === 'print') rules.push(...(Array.from(rule.cssRules) as CSSStyleRule[]));
    }
  }
  return rules;
}

describe('the printed dashboard', () => {
  it('leaves out every control, names the year and the date printed, keeps rows and the chart whole, in black on white', async () => {
    await step(OFFICER, 'officer', await assessedYear('2016/17'), 'submit');
    await addAction('2016/17', keyAreasOf(THEMES[0].id)[0].id, 'Overdue in print', await siteUser(OFFICER), '2026-05-31');
    dashboardAs(APPROVER, { periodName: '2016/17', settings: settingsWith({ councilName: 'Borsetshire County Council' }) });
    await screen.findByRole('region', { name: 'Levels over the years' }, { timeout: 15000 });
    const region = screen.getByRole('region', { name: 'Procurement dashboard' });

    const rules = printRules();
    const hiding = rules.filter((r) => r.style.getPropertyValue('display') === 'none' && r.style.getPropertyPriority('display') === 'important');
    const hidden = (el: Element): boolean => hiding.some((r) => el.matches(r.selectorText) || r.selectorText.split(',').some((s) => el.closest(s.trim()) !== null));
    // Buttons (the download, sign-off), the year picker: none prints.
    const controls = [
      screen.getByRole('button', { name: 'Download Excel workbook for 2016/17' }),
      screen.getByRole('button', { name: 'Sign off' }),
      screen.getByRole('button', { name: 'Return for changes' }),
      screen.getByRole('combobox'),
    ];
    for (const control of controls) expect(hidden(control)).toBe(true);
    // The report itself does.
    for (const content of [
      screen.getByRole('region', { name: 'Headlines' }),
      screen.getByRole('table', { name: 'Overdue actions' }),
      screen.getByRole('table', { name: 'Current level and target, 2016/17' }),
      screen.getByRole('heading', { level: 2, name: 'Procurement dashboard' }),
    ]) {
      expect(hidden(content)).toBe(false);
    }

    // The line naming the year and the date printed shows in print only.
    const printLine = region.querySelector(`.${PRINT_ONLY}`)!;
    expect(printLine).toHaveTextContent(`Borsetshire County Council. Assessment period 2016/17 (submitted). Printed on ${formatUkDate(TODAY)}.`);
    const showsInPrint = rules.find((r) => printLine.matches(r.selectorText) && r.style.getPropertyValue('display') === 'block');
    expect(showsInPrint).toBeDefined();
    const row = within(screen.getByRole('table', { name: 'Overdue actions' })).getByRole('row', { name: /Overdue in print/ });
    expect(rules.some((r) => row.matches(r.selectorText) && r.style.getPropertyValue('break-inside') === 'avoid')).toBe(true);
    const chart = screen.getByRole('table', { name: 'Current level and target, 2016/17' }).closest('figure')!;
    expect(rules.some((r) => chart.matches(r.selectorText) && r.style.getPropertyValue('break-inside') === 'avoid')).toBe(true);
    const text = screen.getByRole('heading', { level: 3, name: 'Headlines' });
    expect(rules.some((r) => text.matches(r.selectorText) && r.style.getPropertyValue('color') === '#000000' && r.style.getPropertyPriority('color') === 'important')).toBe(true);
  }, 90000);
});

type PaneField = { kind: string; targetProperty: string; properties: Record<string, unknown> & { options?: Array<Record<string, unknown>> } };
type PaneGroup = { groupName: string; groupFields: PaneField[] };
/** What a test reaches inside the web part: SPFx calls these, nobody else. */
type WebPartInside = {
  properties: Record<string, unknown>;
  domElement: HTMLElement;
  host?: unknown;
  services?: unknown;
  loadPropertyPaneResources(): Promise<void>;
  getPropertyPaneConfiguration(): { pages: Array<{ groups: PaneGroup[] }> };
  render(): void;
  onDispose(): void;
};

describe('the dashboard web part', () => {
  it('is added to a page with the default settings', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'src', 'webparts', 'procurementDashboard', 'ProcurementDashboardWebPart.manifest.json'), 'utf8'));
    expect(dashboardSettings(manifest.preconfiguredEntries[0].properties)).toEqual(DEFAULT_DASHBOARD_SETTINGS);
  });

  it('offers the default year, a theme of the strategy and the sections in its pane, and its view follows them', async () => {
    await assessedYear('2017/18');
    const theme = THEMES[2];
    const webPart = new ProcurementDashboardWebPart() as unknown as WebPartInside;
    webPart.properties = { title: 'Our procurement', defaultPeriod: 'latest', themeId: theme.id, showChart: false, showTrends: false };

    await webPart.loadPropertyPaneResources();
    const groups = webPart.getPropertyPaneConfiguration().pages[0].groups;
    expect(groups.map((g) => g.groupName)).toEqual(['Display', 'What the dashboard shows', 'Sections to show']);
    const [period, themes, council] = groups[1].groupFields;
    expect(period.targetProperty).toBe('defaultPeriod');
    expect(period.properties.options!.map((o) => [o.text, o.checked])).toEqual([['Latest signed-off year', false], ['Latest year, signed off or not', true]]);
    expect(themes.targetProperty).toBe('themeId');
    expect(themes.properties.options!.map((o) => o.text)).toEqual(['All themes, and the enablers', ...THEMES.map((t) => t.title)]);
    expect(themes.properties.selectedKey).toBe(theme.id);
    expect(council.targetProperty).toBe('councilName');
    // A section not yet set (a web part added before the setting) shows as ticked, as it is shown.
    expect(groups[2].groupFields.map((f) => [f.properties.text, f.properties.checked])).toEqual([
      ['Headlines', true],
      ['Chart of current level and target', false],
      ['Sign-off history', true],
      ['Action health', true],
      ['Levels over the years', false],
      ['Gaps to target, by theme', true],
      ['Overdue actions', true],
    ]);

    // What SPFx would have set up on start: where the page is and the services to the procurement site.
    webPart.host = previewHost({ siteUrl: service.siteUrl });
    const services = as(APPROVER);
    // Each load of the view asks who the person is once: a count of loads.
    const loads = jest.spyOn(services.site, 'currentUser');
    webPart.services = services;
    document.body.appendChild(webPart.domElement);
    try {
      webPart.render();
      expect(await screen.findByRole('heading', { level: 2, name: `Our procurement: ${theme.title}` }, { timeout: 15000 })).toBeInTheDocument();
      await screen.findByRole('region', { name: /^Gaps to target/ }, { timeout: 15000 });
      expect(screen.queryByRole('table', { name: /^Current level and target/ })).toBeNull();
      expect(screen.queryByRole('region', { name: 'Levels over the years' })).toBeNull();
      expect(screen.getByRole('region', { name: 'Headlines' })).toBeInTheDocument();

      // A change in the pane re-renders the web part: the view follows at once, without loading its data again.
      const loadsBefore = loads.mock.calls.length;
      webPart.properties.showChart = true;
      webPart.render();
      expect(await screen.findByRole('table', { name: /^Current level and target/ })).toBeInTheDocument();
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(loads.mock.calls.length).toBe(loadsBefore);
    } finally {
      webPart.onDispose();
      webPart.domElement.remove();
    }
  }, 90000);
});

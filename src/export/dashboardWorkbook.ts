/**
 * The dashboard's "Download Excel workbook": what the dashboard has loaded for a year, made into the
 * period workbook and saved as a download. The dashboard loads this module with `import()` when the
 * button is pressed, so ExcelJS (through periodWorkbook) never weighs on the page's first load.
 */
import type { Workspace } from '../data/workspace';
import type { AssessmentPeriod } from '../domain/periods';
import type { IsoDate } from '../domain/dates';
import { formatUkDateTime } from '../domain/dates';
import { actionRag } from '../domain/actions';
import { buildYearTrends, TrendTable } from '../domain/trends';
import { buildPeriodWorkbook, PeriodTrends, PeriodWorkbookInput, XLSX_MIME_TYPE } from './periodWorkbook';
import { periodWorkbookFileName, saveBytes } from './download';

/** What the dashboard holds for the selected year. */
export type DashboardYear = Pick<Workspace, 'framework' | 'frameworkAsSignedOff' | 'periods' | 'assessments' | 'actions' | 'allAssessments'> & {
  period: AssessmentPeriod;
};

export interface DashboardWorkbookRequest {
  year: DashboardYear;
  /** For the actions' RAG status. */
  today: IsoDate;
  councilName?: string;
  exportedAt?: Date;
}

/** Where the finished bytes go: the browser's downloads, unless a test says otherwise. */
export type SaveBytes = (bytes: Uint8Array, fileName: string, mimeType: string) => void;

/** One line on where the year stands in sign-off, for the workbook's About sheet. */
export function signOffSummary(period: AssessmentPeriod): string {
  const who = (p: { displayName: string } | undefined): string => p?.displayName ?? 'someone no longer on the site';
  switch (period.status) {
    case 'Signed off':
      return `Signed off by ${who(period.signedOffBy)} on ${formatUkDateTime(period.signedOffOn)}`;
    case 'Submitted':
      return `Submitted for sign-off by ${who(period.submittedBy)} on ${formatUkDateTime(period.submittedOn)}; not signed off yet`;
    case 'Returned':
      return `Returned for changes by ${who(period.returnedBy)}; not signed off`;
    default:
      return 'Draft: not yet submitted for sign-off';
  }
}

/** The trend table as the workbook's Trends sheet takes it: a level id, or the table's note, per index and year. */
export function workbookTrends(table: TrendTable, knownIds: ReadonlySet<string>): PeriodTrends {
  const levels: PeriodTrends['levels'] = {};
  const titles: Record<string, string> = {};
  for (const row of table.rows) {
    levels[row.indexId] = {};
    for (const cell of row.cells) levels[row.indexId][cell.periodName] = cell.kind === 'level' ? cell.level : cell.label;
    if (!knownIds.has(row.indexId)) titles[row.indexId] = row.title;
  }
  return { periodNames: table.periods.map((p) => p.name), levels, titles };
}

/**
 * The workbook's content for the year: every theme and enabler of the year's framework (as signed off,
 * for a signed-off year), all the year's actions with their RAG, and the levels of every year.
 */
export function dashboardWorkbookInput({ year, today, councilName, exportedAt }: DashboardWorkbookRequest): PeriodWorkbookInput {
  const { framework, period } = year;
  const trends = buildYearTrends({ framework, periods: year.periods, allAssessments: year.allAssessments ?? year.assessments, selectedPeriodName: period.name });
  return {
    councilName,
    periodName: period.name,
    signOffSummary: signOffSummary(period),
    framework,
    frameworkAsSignedOff: year.frameworkAsSignedOff,
    assessments: year.assessments.filter((a) => a.periodName === period.name),
    actions: year.actions.filter((a) => a.periodName === period.name).map((a) => ({ ...a, rag: actionRag(a, today) })),
    trends: workbookTrends(trends, new Set(framework.indices.map((i) => i.id))),
    exportedAt,
  };
}

/** Builds the year's workbook and hands it to `save` (the browser's downloads); gives back the file name used. */
export async function downloadDashboardWorkbook(request: DashboardWorkbookRequest, save: SaveBytes = saveBytes): Promise<string> {
  const bytes = await buildPeriodWorkbook(dashboardWorkbookInput(request));
  const fileName = periodWorkbookFileName(request.year.period.name, request.councilName);
  save(bytes, fileName, XLSX_MIME_TYPE);
  return fileName;
}

import type { Framework, MaturityIndex, Theme } from '../framework/types';
import type { TrendPeriod } from './trends';

/**
 * What a site owner sets in the dashboard web part's property pane, and the rules that follow from it:
 * which year opens by default, which sections show, and whether one theme is shown on its own.
 */

/** Which year the dashboard opens on when no link names one. */
export type DefaultPeriod = 'latestSignedOff' | 'latest';

export const DEFAULT_PERIODS: readonly DefaultPeriod[] = ['latestSignedOff', 'latest'];

/** The dashboard's sections, in the order they appear. */
export const DASHBOARD_SECTIONS = ['headlines', 'chart', 'signOffHistory', 'actionHealth', 'trends', 'gaps', 'overdue'] as const;

export type DashboardSection = (typeof DASHBOARD_SECTIONS)[number];

export interface DashboardSettings {
  defaultPeriod: DefaultPeriod;
  /** True for each section that is shown. */
  sections: Readonly<Record<DashboardSection, boolean>>;
  /** Show only this theme's key areas; undefined shows every key area and enabler. */
  themeId?: string;
  /** The council's name, for the Excel workbook and the printed report; undefined when not given. */
  councilName?: string;
}

export const DEFAULT_DASHBOARD_SETTINGS: DashboardSettings = {
  defaultPeriod: 'latestSignedOff',
  sections: { headlines: true, chart: true, signOffHistory: true, actionHealth: true, trends: true, gaps: true, overdue: true },
};

/**
 * The web part's properties as a page stores them: flat, one per pane field. A web part added to a page
 * before a field existed has no value for it, and a page's JSON can hold anything, so each is checked.
 */
export interface DashboardProperties {
  defaultPeriod?: unknown;
  showHeadlines?: unknown;
  showChart?: unknown;
  showSignOffHistory?: unknown;
  showActionHealth?: unknown;
  showTrends?: unknown;
  showGaps?: unknown;
  showOverdue?: unknown;
  themeId?: unknown;
  councilName?: unknown;
}

/** The property that shows or hides each section. */
export const SECTION_PROPERTIES: Readonly<Record<DashboardSection, keyof DashboardProperties>> = {
  headlines: 'showHeadlines',
  chart: 'showChart',
  signOffHistory: 'showSignOffHistory',
  actionHealth: 'showActionHealth',
  trends: 'showTrends',
  gaps: 'showGaps',
  overdue: 'showOverdue',
};

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);

/**
 * Settings from the web part's properties. A section is hidden only when its box was unticked (a
 * missing value shows it, as before the setting existed); an unknown default period is the default.
 */
export function dashboardSettings(properties: DashboardProperties | undefined): DashboardSettings {
  const p = properties ?? {};
  const sections = {} as Record<DashboardSection, boolean>;
  for (const section of DASHBOARD_SECTIONS) sections[section] = p[SECTION_PROPERTIES[section]] !== false;
  return {
    defaultPeriod: DEFAULT_PERIODS.indexOf(p.defaultPeriod as DefaultPeriod) >= 0 ? (p.defaultPeriod as DefaultPeriod) : DEFAULT_DASHBOARD_SETTINGS.defaultPeriod,
    sections,
    themeId: text(p.themeId),
    councilName: text(p.councilName),
  };
}

/**
 * The year the dashboard opens on: the newest signed-off year (the council's record) or simply the
 * newest year. With no signed-off year yet it is the newest year, so a new site still shows something.
 */
export function defaultPeriodName(periods: readonly TrendPeriod[], choice: DefaultPeriod): string | undefined {
  const newest = (list: readonly TrendPeriod[]): string | undefined =>
    // Names are "2025/26", so text order is year order.
    list.reduce<string | undefined>((found, p) => (found === undefined || p.name > found ? p.name : found), undefined);
  if (choice === 'latestSignedOff') {
    const signedOff = newest(periods.filter((p) => p.status === 'Signed off'));
    if (signedOff) return signedOff;
  }
  return newest(periods);
}

/** Whether an index is one of a theme's key areas; with no theme, every index is. Enablers belong to no theme. */
export function isInTheme(index: Pick<MaturityIndex, 'kind' | 'themeId'>, themeId: string | undefined): boolean {
  return themeId === undefined || (index.kind === 'keyArea' && index.themeId === themeId);
}

export interface ThemeView {
  /** The framework cut down to the theme and its key areas; the whole framework with no theme. */
  framework: Framework;
  /** The theme shown, when one is. */
  theme?: Theme;
  /** A theme was chosen that this framework does not have (a tailored or older framework), so everything is shown. */
  missingThemeId?: string;
}

/** The part of the framework the dashboard shows for the theme setting. */
export function frameworkForTheme(framework: Framework, themeId: string | undefined): ThemeView {
  if (themeId === undefined) return { framework };
  const theme = framework.themes.find((t) => t.id === themeId);
  if (!theme) return { framework, missingThemeId: themeId };
  return { framework: { ...framework, themes: [theme], indices: framework.indices.filter((i) => isInTheme(i, theme.id)) }, theme };
}

/** The choices the property pane offers for the theme filter: every theme (`allText`, key ''), or one of them in the framework's order. */
export function themeChoices(themes: readonly Theme[], allText: string): Array<{ key: string; text: string }> {
  return [{ key: '', text: allText }, ...[...themes].sort((a, b) => a.order - b.order).map((t) => ({ key: t.id, text: t.title }))];
}

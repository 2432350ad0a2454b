import { Framework, IndexKind, LevelId, MaturityIndex } from '../framework/types';
import { IndexAssessment } from './assessment';
import { formatUkDate, IsoDate } from './dates';
import { describeGap, gapToTarget, isLevelId, LEVEL_TITLES } from './levels';
import { periodDates } from './periods';

/**
 * Where the council is furthest from its own targets in one year, theme by theme, for the senior
 * managers' dashboard.
 *
 * "Due this year" means the target date is on or before the end of the selected financial year
 * (31 March), not within 365 days of today. The year end is what the assessment is signed off
 * against, it gives the same answer whenever the dashboard is opened or printed, and looking back at
 * an earlier year shows what fell due in that year rather than what falls due now.
 */

export type GapStanding = 'Below target' | 'Target met' | 'Not assessed' | 'No target set';

export interface RankedGap {
  indexId: string;
  title: string;
  kind: IndexKind;
  themeId: string | null;
  currentLevel?: LevelId;
  targetLevel?: LevelId;
  targetDate?: IsoDate;
  /** Levels still to climb; 0 or less when met. Undefined until both levels are set. */
  gap?: number;
  standing: GapStanding;
  /** "2 levels below target", "Target met", "Above target by 1 level", "Not assessed", "No target set". */
  gapText: string;
  /** The target in words, e.g. "Mature by 31 March 2026"; empty when there is no target. */
  targetText: string;
  /** A target not yet met whose date is on or before the end of the selected year. */
  dueThisYear: boolean;
  /** A target not yet met whose date is before today. */
  targetDatePassed: boolean;
}

export interface GapGroupSummary {
  atOrAboveTarget: number;
  belowTarget: number;
  notAssessed: number;
  /** Assessed, but with no target level chosen. */
  noTarget: number;
  /** The most levels any index in the group is below target; undefined when none is below. */
  largestGap?: number;
  dueThisYear: number;
}

export interface GapGroup {
  /** A theme's id, "enablers", or "other" for key areas whose theme the framework does not list. */
  id: string;
  title: string;
  kind: 'theme' | 'enablers' | 'other';
  /** Furthest below target first; then not assessed or without a target; then met. */
  gaps: RankedGap[];
  summary: GapGroupSummary;
}

export const ENABLERS_GROUP_ID = 'enablers';
export const OTHER_GROUP_ID = 'other';

function standingOf(current: LevelId | undefined, target: LevelId | undefined): GapStanding {
  const gap = gapToTarget(current, target);
  if (gap === undefined) return current ? 'No target set' : 'Not assessed';
  return gap > 0 ? 'Below target' : 'Target met';
}

/** Below target before the unknowns, because a known shortfall is what managers act on first. */
const STANDING_ORDER: Record<GapStanding, number> = { 'Below target': 0, 'Not assessed': 1, 'No target set': 1, 'Target met': 2 };

function rankedGap(index: MaturityIndex, a: IndexAssessment | undefined, periodEnd: IsoDate, today: IsoDate): RankedGap {
  // A level the framework does not know (a stray value in the list) counts as not set.
  const currentLevel = a && isLevelId(a.currentLevel) ? a.currentLevel : undefined;
  const targetLevel = a && isLevelId(a.targetLevel) ? a.targetLevel : undefined;
  const targetDate = a?.targetDate ? a.targetDate : undefined;
  const gap = gapToTarget(currentLevel, targetLevel);
  const standing = standingOf(currentLevel, targetLevel);
  const met = standing === 'Target met';
  let targetText = '';
  if (targetLevel) targetText = targetDate ? `${LEVEL_TITLES[targetLevel]} by ${formatUkDate(targetDate)}` : LEVEL_TITLES[targetLevel];
  return {
    indexId: index.id,
    title: index.title,
    kind: index.kind,
    themeId: index.themeId,
    currentLevel,
    targetLevel,
    targetDate,
    gap,
    standing,
    gapText: describeGap(currentLevel, targetLevel),
    targetText,
    dueThisYear: !met && !!targetDate && targetDate <= periodEnd,
    targetDatePassed: !met && !!targetDate && targetDate < today,
  };
}

function compareGaps(order: Map<string, number>): (a: RankedGap, b: RankedGap) => number {
  return (a, b) => {
    const byStanding = STANDING_ORDER[a.standing] - STANDING_ORDER[b.standing];
    if (byStanding !== 0) return byStanding;
    if (a.standing === 'Below target' && a.gap !== b.gap) return (b.gap ?? 0) - (a.gap ?? 0);
    // Otherwise the order the strategy gives them, so equal gaps read as the framework does.
    return (order.get(a.indexId) ?? 0) - (order.get(b.indexId) ?? 0);
  };
}

function summarise(gaps: RankedGap[]): GapGroupSummary {
  const count = (s: GapStanding): number => gaps.filter((g) => g.standing === s).length;
  const below = gaps.filter((g) => g.standing === 'Below target').map((g) => g.gap ?? 0);
  return {
    atOrAboveTarget: count('Target met'),
    belowTarget: below.length,
    notAssessed: count('Not assessed'),
    noTarget: count('No target set'),
    largestGap: below.length > 0 ? Math.max(...below) : undefined,
    dueThisYear: gaps.filter((g) => g.dueThisYear).length,
  };
}

/**
 * The year's gaps to target, grouped by theme in the framework's order with enablers as their own
 * group last. Only assessments for `periodName` count.
 */
export function rankGapsByTheme(framework: Framework, periodName: string, assessments: readonly IndexAssessment[], today: IsoDate): GapGroup[] {
  const { end } = periodDates(periodName);
  const byIndex = new Map<string, IndexAssessment>();
  for (const a of assessments) if (a.periodName === periodName) byIndex.set(a.indexId, a);
  const order = new Map(framework.indices.map((i) => [i.id, i.order] as [string, number]));
  const sorter = compareGaps(order);
  const gapsOf = (indices: MaturityIndex[]): RankedGap[] => indices.map((i) => rankedGap(i, byIndex.get(i.id), end, today)).sort(sorter);
  const group = (id: string, title: string, kind: GapGroup['kind'], indices: MaturityIndex[]): GapGroup => {
    const gaps = gapsOf(indices);
    return { id, title, kind, gaps, summary: summarise(gaps) };
  };

  const groups: GapGroup[] = [];
  const themes = [...framework.themes].sort((a, b) => a.order - b.order);
  const keyAreas = framework.indices.filter((i) => i.kind === 'keyArea');
  for (const theme of themes) {
    const members = keyAreas.filter((i) => i.themeId === theme.id);
    if (members.length > 0) groups.push(group(theme.id, theme.title, 'theme', members));
  }
  // A key area pointing at a theme the framework does not list is still shown, never dropped.
  const themeIds = new Set(themes.map((t) => t.id));
  const orphans = keyAreas.filter((i) => !i.themeId || !themeIds.has(i.themeId));
  if (orphans.length > 0) groups.push(group(OTHER_GROUP_ID, 'Other key areas', 'other', orphans));
  const enablerIndices = framework.indices.filter((i) => i.kind === 'enabler');
  if (enablerIndices.length > 0) groups.push(group(ENABLERS_GROUP_ID, 'Enablers', 'enablers', enablerIndices));
  return groups;
}

import { Framework, IndexKind, LevelId, MaturityIndex } from '../framework/types';
import { IndexAssessment } from './assessment';
import { isLevelId, LEVEL_TITLES, levelRank } from './levels';
import type { AssessmentPeriod } from './periods';

/**
 * How each key area and enabler has moved from year to year, for the senior managers' dashboard.
 * Indices are matched by id, so a title reworded in a later framework version is still the same row.
 */

/** What a period contributes to a trend: its name and where it stands in sign-off. */
export type TrendPeriod = Pick<AssessmentPeriod, 'name' | 'status'>;

/**
 * One year of one index. "Not in the framework" means the index was not part of that year's
 * framework and nobody assessed it, so the blank is expected; "Not assessed" means it was there to be
 * assessed and has no current level.
 */
export type TrendCell =
  | { periodName: string; kind: 'level'; level: LevelId; label: string }
  | { periodName: string; kind: 'not assessed'; label: 'Not assessed' }
  | { periodName: string; kind: 'not in framework'; label: 'Not in the framework' };

/**
 * Movement since the newest signed-off year before the selected one. 'no previous' when there is no
 * such year or the index had no level in it; 'not assessed' when the selected year has no level, so
 * there is nothing to compare.
 */
export type Movement = 'up' | 'down' | 'unchanged' | 'no previous' | 'not assessed';

export interface IndexTrend {
  indexId: string;
  title: string;
  kind: IndexKind;
  themeId: string | null;
  /** One per period, oldest first, in the same order as TrendTable.periods. */
  cells: TrendCell[];
  movement: Movement;
  /** The signed-off year the selected year is compared with, when there is one. */
  comparedWith?: string;
  previousLevel?: LevelId;
  selectedLevel?: LevelId;
  /** The movement in words, e.g. "Down from Mature in 2023/24". */
  movementText: string;
}

export interface TrendColumn {
  name: string;
  status: TrendPeriod['status'];
  signedOff: boolean;
}

export interface TrendTable {
  /** Oldest first. */
  periods: TrendColumn[];
  selectedPeriodName: string;
  /** The newest signed-off year before the selected one, if any. */
  comparedWith?: string;
  rows: IndexTrend[];
}

export interface TrendInput {
  /** Every index of the current and past frameworks; the first with a given id supplies the title. */
  indices: readonly MaturityIndex[];
  /** The years to show. Sorted oldest first here, whatever order they arrive in. */
  periods: readonly TrendPeriod[];
  /** Each year's assessments, by period name. */
  assessmentsByPeriod: Readonly<Record<string, readonly IndexAssessment[] | undefined>>;
  /**
   * The ids of the indices in each year's framework. A year missing here is taken to have had every
   * index, so a blank shows as "Not assessed" rather than being explained away.
   */
  indexIdsByPeriod: Readonly<Record<string, ReadonlySet<string> | undefined>>;
  /** The year whose movement is shown (usually the one picked on the dashboard). */
  selectedPeriodName: string;
}

function oldestFirst(a: TrendPeriod, b: TrendPeriod): number {
  // Names are "2025/26", so text order is year order.
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/**
 * The newest signed-off year before `periodName`. A year that was reopened is Draft again and does
 * not count: it is no longer the council's record.
 */
export function previousSignedOffPeriod<P extends TrendPeriod>(periods: readonly P[], periodName: string): P | undefined {
  let found: P | undefined;
  for (const p of periods) {
    if (p.status !== 'Signed off' || p.name >= periodName) continue;
    if (!found || p.name > found.name) found = p;
  }
  return found;
}

function trendCell(periodName: string, index: MaturityIndex, input: TrendInput): TrendCell {
  const assessment = (input.assessmentsByPeriod[periodName] ?? []).find((a) => a.indexId === index.id && a.periodName === periodName);
  // A level the list holds but the framework does not know is no level at all.
  if (assessment && isLevelId(assessment.currentLevel)) {
    return { periodName, kind: 'level', level: assessment.currentLevel, label: LEVEL_TITLES[assessment.currentLevel] };
  }
  const idsThatYear = input.indexIdsByPeriod[periodName];
  // An assessment item means someone could assess the index that year, whatever the framework said.
  if (!assessment && idsThatYear && !idsThatYear.has(index.id)) {
    return { periodName, kind: 'not in framework', label: 'Not in the framework' };
  }
  return { periodName, kind: 'not assessed', label: 'Not assessed' };
}

function levelIn(cell: TrendCell | undefined): LevelId | undefined {
  return cell && cell.kind === 'level' ? cell.level : undefined;
}

function describeMovement(
  movement: Movement,
  selectedPeriodName: string,
  previous: TrendPeriod | undefined,
  previousCell: TrendCell | undefined
): string {
  switch (movement) {
    case 'not assessed':
      return `Not assessed in ${selectedPeriodName}`;
    case 'unchanged':
      return `Unchanged since ${previous?.name ?? ''}`;
    case 'up':
    case 'down': {
      const from = previousCell && previousCell.kind === 'level' ? previousCell.label : '';
      return `${movement === 'up' ? 'Up' : 'Down'} from ${from} in ${previous?.name ?? ''}`;
    }
    default:
      if (!previous) return `No signed-off year before ${selectedPeriodName} to compare with`;
      if (previousCell?.kind === 'not in framework') return `Not in the framework in ${previous.name}`;
      return `Not assessed in ${previous.name}`;
  }
}

/**
 * Each index's level in each year, and its movement since the last signed-off year. The comparison
 * is with a signed-off year only, because a draft may still change and is not the council's record.
 */
export function buildTrends(input: TrendInput): TrendTable {
  const periods = [...input.periods].sort(oldestFirst);
  const selected = input.selectedPeriodName;
  const previous = previousSignedOffPeriod(periods, selected);
  const seen = new Set<string>();
  const rows: IndexTrend[] = [];
  for (const index of input.indices) {
    if (seen.has(index.id)) continue;
    seen.add(index.id);
    const cells = periods.map((p) => trendCell(p.name, index, input));
    const selectedCell = cells.find((c) => c.periodName === selected) ?? trendCell(selected, index, input);
    const previousCell = previous ? cells.find((c) => c.periodName === previous.name) : undefined;
    const selectedLevel = levelIn(selectedCell);
    const previousLevel = levelIn(previousCell);
    let movement: Movement;
    if (!selectedLevel) movement = 'not assessed';
    else if (!previousLevel) movement = 'no previous';
    else {
      const change = levelRank(selectedLevel) - levelRank(previousLevel);
      movement = change > 0 ? 'up' : change < 0 ? 'down' : 'unchanged';
    }
    rows.push({
      indexId: index.id,
      title: index.title,
      kind: index.kind,
      themeId: index.themeId,
      cells,
      movement,
      comparedWith: previous?.name,
      previousLevel,
      selectedLevel,
      movementText: describeMovement(movement, selected, previous, previousCell),
    });
  }
  return {
    periods: periods.map((p) => ({ name: p.name, status: p.status, signedOff: p.status === 'Signed off' })),
    selectedPeriodName: selected,
    comparedWith: previous?.name,
    rows,
  };
}

/** A year as the dashboard has it: where it stands, and the framework recorded at its sign-off (JSON), if any. */
export type RecordedPeriod = TrendPeriod & { frameworkSnapshot?: string };

/** The indices recorded with a year's sign-off, or undefined when it has no record or the record cannot be read. */
function recordedIndices(period: RecordedPeriod): MaturityIndex[] | undefined {
  const snapshot = period.frameworkSnapshot;
  if (!snapshot) return undefined;
  if (!parsedSnapshots.has(snapshot)) {
    // A year's record is read once however many times the trends are worked out (twelve years, ~30 KB each).
    if (parsedSnapshots.size > 100) parsedSnapshots.clear();
    parsedSnapshots.set(snapshot, parseRecordedIndices(snapshot));
  }
  return parsedSnapshots.get(snapshot);
}

const parsedSnapshots = new Map<string, MaturityIndex[] | undefined>();

function parseRecordedIndices(snapshot: string): MaturityIndex[] | undefined {
  try {
    const recorded = JSON.parse(snapshot) as Partial<Framework> | null;
    return Array.isArray(recorded?.indices) ? recorded.indices : undefined;
  } catch {
    // A record that cannot be read is named elsewhere (the workspace's problems).
    return undefined;
  }
}

/** The ids of the indices a year was assessed against: its sign-off record's framework, where it has one. */
export function indexIdsRecordedFor(period: RecordedPeriod): ReadonlySet<string> | undefined {
  const indices = recordedIndices(period);
  return indices ? new Set(indices.map((i) => String(i.id))) : undefined;
}

/** Indices of today's framework, then any a past year's record holds that have since gone. */
export function indicesOfEveryYear(framework: Framework, periods: readonly RecordedPeriod[]): MaturityIndex[] {
  const all = [...framework.indices];
  const ids = new Set(all.map((i) => i.id));
  for (const period of periods) {
    for (const index of recordedIndices(period) ?? []) {
      if (index && typeof index.id === 'string' && !ids.has(index.id)) {
        all.push(index);
        ids.add(index.id);
      }
    }
  }
  return all;
}

export interface YearTrendsInput {
  /** Today's framework (or the selected year's, as signed off). */
  framework: Framework;
  periods: readonly RecordedPeriod[];
  /** Every year's assessments. */
  allAssessments: readonly IndexAssessment[];
  selectedPeriodName: string;
  /** Keep only the indices this accepts (a theme's key areas, say); every index without it. */
  include?: (index: MaturityIndex) => boolean;
}

/** The trend table from what a view has: every year's assessments, and each signed-off year's record of its framework. */
export function buildYearTrends({ framework, periods, allAssessments, selectedPeriodName, include }: YearTrendsInput): TrendTable {
  const byPeriod: Record<string, IndexAssessment[]> = {};
  for (const a of allAssessments) (byPeriod[a.periodName] = byPeriod[a.periodName] ?? []).push(a);
  const ids: Record<string, ReadonlySet<string> | undefined> = {};
  for (const p of periods) ids[p.name] = indexIdsRecordedFor(p);
  // The selected year's framework is the one the view resolved for it (as submitted, or today's with any
  // retired index it assessed): an index added since, or retired before it, was not in it.
  ids[selectedPeriodName] = ids[selectedPeriodName] ?? new Set(framework.indices.map((i) => i.id));
  const indices = indicesOfEveryYear(framework, periods).filter((i) => !include || include(i));
  return buildTrends({ indices, periods, assessmentsByPeriod: byPeriod, indexIdsByPeriod: ids, selectedPeriodName });
}

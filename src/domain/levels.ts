import { LEVEL_IDS, LevelId } from '../framework/types';

export const LEVEL_TITLES: Record<LevelId, string> = {
  minimum: 'Minimum',
  developing: 'Developing',
  mature: 'Mature',
  leader: 'Leader',
  innovator: 'Innovator',
};

export function isLevelId(value: unknown): value is LevelId {
  return typeof value === 'string' && LEVEL_IDS.indexOf(value as LevelId) >= 0;
}

/** 1 for Minimum up to 5 for Innovator. */
export function levelRank(level: LevelId): number {
  return LEVEL_IDS.indexOf(level) + 1;
}

export function levelFromRank(rank: number): LevelId | undefined {
  return LEVEL_IDS[rank - 1];
}

/**
 * How many levels the council still has to climb to reach its target: 0 when the target is met,
 * negative when the council is already above it. Undefined until both levels are set.
 */
export function gapToTarget(current: LevelId | undefined, target: LevelId | undefined): number | undefined {
  if (!current || !target) return undefined;
  return levelRank(target) - levelRank(current);
}

export function describeGap(current: LevelId | undefined, target: LevelId | undefined): string {
  const gap = gapToTarget(current, target);
  if (gap === undefined) return current ? 'No target set' : 'Not assessed';
  if (gap === 0) return 'Target met';
  if (gap < 0) return `Above target by ${-gap} ${-gap === 1 ? 'level' : 'levels'}`;
  return `${gap} ${gap === 1 ? 'level' : 'levels'} below target`;
}

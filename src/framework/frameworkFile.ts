import { FrameworkValidationError, parseFrameworkJson } from './loadFramework';
import { isLocalIndexId, LOCAL_ID_PREFIX } from './ids';
import { Framework, LEVEL_IDS, MaturityIndex, Theme } from './types';

/**
 * A site's framework as a file, and what importing one would change.
 *
 * The file is a framework file like the built-in nps-2018.json (the same loader reads both), holding
 * every index the site has, retired ones marked "retired": true, local ones "origin": "local". So an
 * export imported again changes nothing, and a regional group can start from one council's export.
 *
 * Importing never changes anything by itself: planFrameworkImport only works out what would change
 * (indices added, reworded, retired, restored), refusing a file the loader refuses or one that
 * conflicts with the site, each problem naming the entry at fault. The data layer applies a plan only
 * after a site owner has seen it and confirmed.
 */

/** The framework as a file's text: two-space JSON, retired indices after the rest. */
export function frameworkFileText(framework: Framework): string {
  const indices = [...framework.indices.filter((i) => !i.retired), ...framework.indices.filter((i) => i.retired)];
  return `${JSON.stringify({ ...framework, indices }, null, 2)}\n`;
}

/** A file name for an export made on `date` (ISO): nps-framework-borsetshire-2026-03-31.json. */
export function frameworkFileName(siteName: string, date: string): string {
  const site = siteName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `nps-framework-${site ? `${site}-` : ''}${date}.json`;
}

/** One index as the site holds it, for comparing with a file. */
export interface SiteIndex {
  itemId: number;
  etag: string;
  /** As it reads now (retired flag included). */
  index: MaturityIndex;
  /** The theme title stored with it. */
  themeTitle: string;
}

export interface PlannedChange {
  site: SiteIndex;
  /** The index as the file has it (position kept as on the site). */
  next: MaturityIndex;
  nextThemeTitle: string;
  /** What changes, in words: "Title", "Leader descriptor", "Theme: Showing leadership → Behaving commercially". */
  changes: string[];
}

export interface PlannedAddition {
  index: MaturityIndex;
  themeTitle: string;
}

export interface ImportPlan {
  file: { id: string; version: string; title: string };
  added: PlannedAddition[];
  reworded: PlannedChange[];
  retired: SiteIndex[];
  /** Retired on the site and active in the file; may be reworded at the same time. */
  restored: PlannedChange[];
  unchanged: number;
  /** Things worth knowing that change nothing (the file's title is not imported, say). */
  notes: string[];
}

export function planIsEmpty(plan: ImportPlan): boolean {
  return !plan.added.length && !plan.reworded.length && !plan.retired.length && !plan.restored.length;
}

function norm(text: string | null | undefined): string {
  return (text ?? '').replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
}

function describe(index: MaturityIndex, position: number): string {
  return `indices[${position}] (${index.id})`;
}

/** What differs between the site's index and the file's, in words a site owner recognises. */
export function indexChanges(before: MaturityIndex, beforeTheme: string, after: MaturityIndex, afterTheme: string, levelTitles: Record<string, string>): string[] {
  const changes: string[] = [];
  if (norm(before.title) !== norm(after.title)) changes.push(`Title: “${before.title}” → “${after.title}”`);
  if ((before.themeId ?? '') !== (after.themeId ?? '')) changes.push(`Theme: ${beforeTheme || before.themeId || 'none'} → ${afterTheme || after.themeId || 'none'}`);
  if (norm(before.description) !== norm(after.description)) changes.push('Description');
  if (norm(before.whatItIs) !== norm(after.whatItIs)) changes.push('What it is');
  if (norm(before.whyItIsImportant) !== norm(after.whyItIsImportant)) changes.push('Why it is important');
  for (const level of LEVEL_IDS) if (norm(before.descriptors[level]) !== norm(after.descriptors[level])) changes.push(`${levelTitles[level] ?? level} descriptor`);
  if ((before.startingPoint ?? '') !== (after.startingPoint ?? '')) changes.push('Starting point');
  return changes;
}

/**
 * What importing `text` into a site holding `site` would change. Throws FrameworkValidationError
 * naming every problem when the file cannot be used: anything the framework loader refuses, and
 * anything that conflicts with the site or would make its history untrue:
 * - levels named differently from the site's (they are fixed: Minimum to Innovator);
 * - a new index whose id is not the strategy's and does not start "local-";
 * - an index that is a key area on the site and an enabler in the file, or the other way round;
 * - a theme the site has under another title;
 * - two active indices with one title; a starting point on an index that is not local;
 * - a file that would leave no active key area or enabler.
 */
export function planFrameworkImport(text: string, site: readonly SiteIndex[], builtIn: Framework, siteThemes: readonly Theme[]): ImportPlan {
  const file = parseFrameworkJson(text);
  const problems: string[] = [];
  const strategyIds = new Set(builtIn.indices.map((i) => i.id));
  const levelTitles: Record<string, string> = {};
  for (const level of builtIn.levels) levelTitles[level.id] = level.title;

  for (const level of file.levels) {
    if (level.title !== levelTitles[level.id]) {
      problems.push(`levels: the file calls the level "${level.id}" "${level.title}", but this site's levels are ${builtIn.levels.map((l) => l.title).join(', ')} and cannot be renamed`);
    }
  }
  for (const theme of file.themes) {
    const ours = siteThemes.find((t) => t.id === theme.id);
    if (ours && norm(ours.title) !== norm(theme.title)) {
      problems.push(`themes (${theme.id}): this site calls the theme "${ours.title}" and the file "${theme.title}"; a theme keeps its title, so use "${ours.title}" or a new theme id`);
    }
  }

  const byId = new Map(site.map((s) => [s.index.id, s] as [string, SiteIndex]));
  const activeTitles = new Map<string, number>();
  file.indices.forEach((index, position) => {
    const where = describe(index, position);
    const ours = byId.get(index.id);
    if (!ours && !strategyIds.has(index.id) && !isLocalIndexId(index.id)) {
      problems.push(
        `${where}: "${index.id}" is not one of the strategy's indices, so its id must start "${LOCAL_ID_PREFIX}" (such as ${LOCAL_ID_PREFIX}${index.id}) so it can never collide with an index the strategy adds`
      );
    }
    if (ours && ours.index.kind !== index.kind) {
      const kind = (k: string): string => (k === 'enabler' ? 'an enabler' : 'a key area');
      problems.push(`${where}: it is ${kind(ours.index.kind)} on this site but ${kind(index.kind)} in the file; an index cannot change kind, as its history would no longer match. Retire it and add a new index instead`);
    }
    if (index.startingPoint && !isLocalIndexId(index.id)) problems.push(`${where}: only a local index can name a starting point, not one of the strategy's`);
    if (!index.retired) {
      const key = norm(index.title).toLowerCase();
      const first = activeTitles.get(key);
      if (first !== undefined) problems.push(`${where}: the title "${index.title}" is also used by ${describe(file.indices[first], first)}; each key area and enabler needs its own title`);
      else activeTitles.set(key, position);
    }
  });
  if (!file.indices.some((i) => !i.retired)) problems.push('indices: every index in the file is retired, which would leave nothing to assess');
  if (problems.length) throw new FrameworkValidationError(problems);

  const themeTitle = (index: MaturityIndex): string => (index.themeId ? file.themes.find((t) => t.id === index.themeId)?.title ?? '' : '');
  const plan: ImportPlan = { file: { id: file.id, version: file.version, title: file.title }, added: [], reworded: [], retired: [], restored: [], unchanged: 0, notes: [] };
  const inFile = new Set(file.indices.map((i) => i.id));
  let retiredNotAdded = 0;
  for (const index of file.indices) {
    const ours = byId.get(index.id);
    const next: MaturityIndex = { ...index, descriptors: { ...index.descriptors } };
    delete next.retired;
    if (isLocalIndexId(index.id)) next.origin = 'local';
    else delete next.origin;
    if (!ours) {
      if (index.retired) retiredNotAdded += 1;
      else plan.added.push({ index: next, themeTitle: themeTitle(index) });
      continue;
    }
    // Positions stay as they are on the site; only the words, theme and status come from the file.
    next.order = ours.index.order;
    const changes = indexChanges(ours.index, ours.themeTitle, next, themeTitle(index), levelTitles);
    const change: PlannedChange = { site: ours, next, nextThemeTitle: themeTitle(index), changes };
    if (index.retired && !ours.index.retired) plan.retired.push(ours);
    else if (!index.retired && ours.index.retired) plan.restored.push(change);
    else if (!index.retired && changes.length) plan.reworded.push(change);
    else plan.unchanged += 1;
  }
  for (const ours of site) if (!inFile.has(ours.index.id) && !ours.index.retired) plan.retired.push(ours);

  if (file.title !== builtIn.title || norm(file.targetGuidance) !== norm(builtIn.targetGuidance)) {
    plan.notes.push(`The file's title ("${file.title}") and its guidance on target levels are not imported: this site keeps those of the ${builtIn.title}.`);
  }
  if (retiredNotAdded) plan.notes.push(`${retiredNotAdded} ${retiredNotAdded === 1 ? 'index is' : 'indices are'} retired in the file and not on this site, so ${retiredNotAdded === 1 ? 'it is' : 'they are'} not added.`);
  if (plan.added.length) plan.notes.push('New key areas and enablers go after the others of their kind; positions on this site are not changed.');
  return plan;
}

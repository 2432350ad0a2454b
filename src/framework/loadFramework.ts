import { descriptorTextProblems } from './descriptorText';
import { Framework, IndexKind, IndexOrigin, LEVEL_IDS, LevelId, MaturityIndex, MaturityLevel, STARTING_POINT_IDS, StartingPointId, Theme } from './types';

/**
 * How long each text may be. Ids and titles match the SharePoint columns that hold them (Index id and
 * Theme id 100 characters, Title and Theme 255); the longer texts are generous ceilings (the strategy's
 * longest descriptor is about 550 characters) so a pasted document is refused, not stored.
 */
export const FRAMEWORK_LIMITS = {
  id: 100,
  title: 255,
  themeTitle: 255,
  descriptor: 2000,
  text: 5000,
} as const;

/** A framework file that cannot be used, with every problem found, each naming where it is. */
export class FrameworkValidationError extends Error {
  public readonly problems: string[];

  constructor(problems: string[]) {
    super(`The framework file cannot be used:\n- ${problems.join('\n- ')}`);
    this.name = 'FrameworkValidationError';
    this.problems = problems;
  }
}

/** A key area or enabler left out of a framework because it failed its checks; the rest still load. */
export interface SkippedEntry {
  /** Its position in the file's "indices" list (from 0). */
  position: number;
  /** Its id and title as far as they could be read ('' when missing or not text). */
  id: string;
  title: string;
  problems: string[];
}

/** A framework whose file-level parts are sound, with the indices that failed their checks left out. */
export interface LenientFramework {
  framework: Framework;
  skipped: SkippedEntry[];
}

const KINDS: readonly IndexKind[] = ['keyArea', 'enabler'];
const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** True for an id the framework accepts: lower-case words joined by hyphens. */
export function isFrameworkId(value: string): boolean {
  return ID_PATTERN.test(value);
}

type Raw = Record<string, unknown>;

function isObject(value: unknown): value is Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/** Collects problems while reading a raw object, so one pass reports them all. */
class Reader {
  public readonly problems: string[] = [];

  public text(obj: Raw, field: string, where: string, options: { allowEmpty?: boolean; maxLength?: number } = {}): string {
    const value = obj[field];
    if (value === undefined) {
      this.problems.push(`${where}: "${field}" is missing`);
      return '';
    }
    if (typeof value !== 'string') {
      this.problems.push(`${where}: "${field}" must be text, not ${typeName(value)}`);
      return '';
    }
    if (!options.allowEmpty && value.trim() === '') {
      this.problems.push(`${where}: "${field}" is empty`);
    }
    if (options.maxLength !== undefined && value.length > options.maxLength) {
      this.problems.push(`${where}: "${field}" is ${value.length} characters; the limit is ${options.maxLength}`);
    }
    return value;
  }

  public id(obj: Raw, field: string, where: string): string {
    const value = this.text(obj, field, where, { maxLength: FRAMEWORK_LIMITS.id });
    if (value && !ID_PATTERN.test(value)) {
      this.problems.push(`${where}: "${field}" "${value}" must be lower-case words joined by hyphens`);
    }
    return value;
  }

  public number(obj: Raw, field: string, where: string): number {
    const value = obj[field];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.problems.push(
        value === undefined ? `${where}: "${field}" is missing` : `${where}: "${field}" must be a number, not ${typeName(value)}`
      );
      return 0;
    }
    return value;
  }

  public list(obj: Raw, field: string, where: string): unknown[] {
    const value = obj[field];
    if (!Array.isArray(value)) {
      this.problems.push(
        value === undefined ? `${where}: "${field}" is missing` : `${where}: "${field}" must be a list, not ${typeName(value)}`
      );
      return [];
    }
    if (value.length === 0) this.problems.push(`${where}: "${field}" is empty`);
    return value;
  }

  public unique(ids: string[], collection: string): void {
    const firstSeen = new Map<string, number>();
    ids.forEach((id, i) => {
      if (!id) return;
      const first = firstSeen.get(id);
      if (first === undefined) firstSeen.set(id, i);
      else this.problems.push(`${collection}[${i}]: duplicate id "${id}" (already used by ${collection}[${first}])`);
    });
  }
}

function label(collection: string, i: number, item: unknown): string {
  const id = isObject(item) && typeof item.id === 'string' && item.id ? ` (${item.id})` : '';
  return `${collection}[${i}]${id}`;
}

function readLevels(reader: Reader, raw: unknown[]): MaturityLevel[] {
  const levels = raw.map((item, i): MaturityLevel => {
    const where = label('levels', i, item);
    if (!isObject(item)) {
      reader.problems.push(`${where} must be an object, not ${typeName(item)}`);
      return { id: 'minimum', rank: 0, title: '' };
    }
    const id = reader.text(item, 'id', where) as LevelId;
    if (id && LEVEL_IDS.indexOf(id) < 0) {
      reader.problems.push(`${where}: unknown level "${id}" (levels are ${LEVEL_IDS.join(', ')})`);
    }
    return { id, rank: reader.number(item, 'rank', where), title: reader.text(item, 'title', where) };
  });
  reader.unique(levels.map((l) => l.id), 'levels');
  LEVEL_IDS.forEach((id, position) => {
    const level = levels.find((l) => l.id === id);
    if (!level) reader.problems.push(`levels: level "${id}" is missing`);
    else if (level.rank !== position + 1) reader.problems.push(`levels: "${id}" must have rank ${position + 1}, not ${level.rank}`);
  });
  return levels.sort((a, b) => a.rank - b.rank);
}

function readThemes(reader: Reader, raw: unknown[]): Theme[] {
  const themes = raw.map((item, i): Theme => {
    const where = label('themes', i, item);
    if (!isObject(item)) {
      reader.problems.push(`${where} must be an object, not ${typeName(item)}`);
      return { id: '', title: '', order: 0 };
    }
    return { id: reader.id(item, 'id', where), title: reader.text(item, 'title', where, { maxLength: FRAMEWORK_LIMITS.themeTitle }), order: reader.number(item, 'order', where) };
  });
  reader.unique(themes.map((t) => t.id), 'themes');
  return themes;
}

function readIndex(reader: Reader, item: unknown, i: number, themeIds: string[]): MaturityIndex | undefined {
  const where = label('indices', i, item);
  if (!isObject(item)) {
    reader.problems.push(`${where} must be an object, not ${typeName(item)}`);
    return undefined;
  }
  const kind = reader.text(item, 'kind', where) as IndexKind;
  if (kind && KINDS.indexOf(kind) < 0) reader.problems.push(`${where}: "kind" must be keyArea or enabler, not "${kind}"`);

  let themeId: string | null = null;
  if (kind === 'keyArea') {
    themeId = reader.text(item, 'themeId', where);
    if (themeId && themeIds.indexOf(themeId) < 0) {
      reader.problems.push(`${where}: unknown theme "${themeId}" (themes are ${themeIds.join(', ')})`);
    }
  } else if (kind === 'enabler' && item.themeId !== undefined && item.themeId !== null) {
    reader.problems.push(`${where}: an enabler cuts across the themes, so "themeId" must be null`);
  }

  const descriptors = {} as Record<LevelId, string>;
  const rawDescriptors = item.descriptors;
  if (!isObject(rawDescriptors)) {
    reader.problems.push(
      rawDescriptors === undefined
        ? `${where}: "descriptors" is missing`
        : `${where}: "descriptors" must be an object keyed by level, not ${typeName(rawDescriptors)}`
    );
  } else {
    for (const level of LEVEL_IDS) {
      const text = rawDescriptors[level];
      if (text === undefined) reader.problems.push(`${where}: missing level "${level}" in "descriptors"`);
      else if (typeof text !== 'string') reader.problems.push(`${where}: descriptor for "${level}" must be text, not ${typeName(text)}`);
      else if (text.trim() === '') reader.problems.push(`${where}: descriptor for "${level}" is empty`);
      else if (text.length > FRAMEWORK_LIMITS.descriptor) {
        reader.problems.push(`${where}: descriptor for "${level}" is ${text.length} characters; the limit is ${FRAMEWORK_LIMITS.descriptor}`);
      } else for (const problem of descriptorTextProblems(text)) reader.problems.push(`${where}: descriptor for "${level}": ${problem}`);
      descriptors[level] = typeof text === 'string' ? text : '';
    }
    for (const key of Object.keys(rawDescriptors)) {
      if (LEVEL_IDS.indexOf(key as LevelId) < 0) reader.problems.push(`${where}: unknown level "${key}" in "descriptors"`);
    }
  }

  // Enablers have no description in the strategy; key areas must have all three texts.
  const optional = { allowEmpty: kind === 'enabler', maxLength: FRAMEWORK_LIMITS.text };
  const index: MaturityIndex = {
    id: reader.id(item, 'id', where),
    kind,
    themeId,
    title: reader.text(item, 'title', where, { maxLength: FRAMEWORK_LIMITS.title }),
    order: reader.number(item, 'order', where),
    description: reader.text(item, 'description', where, optional),
    whatItIs: reader.text(item, 'whatItIs', where, optional),
    whyItIsImportant: reader.text(item, 'whyItIsImportant', where, optional),
    descriptors,
  };
  readProvenance(reader, item, where, index);
  return index;
}

const ORIGINS: readonly IndexOrigin[] = ['local', 'reworded'];

/**
 * The optional fields a site's own framework carries (an export, a sign-off record): whose words an
 * index is in, the strategy's starting point it was begun from, and whether it is retired. Files
 * without them (the built-in framework) read exactly as before.
 */
function readProvenance(reader: Reader, item: Raw, where: string, index: MaturityIndex): void {
  const { origin, startingPoint, retired } = item;
  if (origin !== undefined && origin !== null) {
    if (typeof origin !== 'string' || ORIGINS.indexOf(origin as IndexOrigin) < 0) {
      reader.problems.push(`${where}: "origin" must be ${ORIGINS.join(' or ')}, not ${typeof origin === 'string' ? `"${origin}"` : typeName(origin)}`);
    } else index.origin = origin as IndexOrigin;
  }
  if (startingPoint !== undefined && startingPoint !== null) {
    if (typeof startingPoint !== 'string' || STARTING_POINT_IDS.indexOf(startingPoint as StartingPointId) < 0) {
      reader.problems.push(`${where}: "startingPoint" must be ${STARTING_POINT_IDS.join(' or ')}, not ${typeof startingPoint === 'string' ? `"${startingPoint}"` : typeName(startingPoint)}`);
    } else index.startingPoint = startingPoint as StartingPointId;
  }
  if (retired !== undefined && retired !== null) {
    if (typeof retired !== 'boolean') reader.problems.push(`${where}: "retired" must be true or false, not ${typeName(retired)}`);
    else if (retired) index.retired = true;
  }
}

interface Parsed {
  framework: Framework;
  /** Problems with the framework as a whole: its own fields, levels and themes. */
  fileProblems: string[];
  /** Each index's own problems, by position (empty when it is sound). */
  indexProblems: string[][];
  indexOf: Array<MaturityIndex | undefined>;
  rawIds: string[];
}

function readAll(raw: unknown, lenient: boolean): Parsed {
  const reader = new Reader();
  if (!isObject(raw)) throw new FrameworkValidationError([`the file must hold a JSON object, not ${typeName(raw)}`]);

  const id = reader.id(raw, 'id', 'framework');
  const version = reader.text(raw, 'version', 'framework');
  const title = reader.text(raw, 'title', 'framework');
  const source = reader.text(raw, 'source', 'framework', { allowEmpty: true });
  const targetGuidance = reader.text(raw, 'targetGuidance', 'framework');
  const levels = readLevels(reader, reader.list(raw, 'levels', 'framework'));
  // A list whose every entry was left out is still a framework (an empty one), so lenient reading
  // accepts empty theme and index lists.
  const listOf = (field: string): unknown[] => (lenient && Array.isArray(raw[field]) ? (raw[field] as unknown[]) : reader.list(raw, field, 'framework'));
  const themes = readThemes(reader, listOf('themes'));
  const themeIds = themes.map((t) => t.id).filter(Boolean);
  const rawIndices = listOf('indices');
  const indexProblems: string[][] = [];
  const indexOf = rawIndices.map((item, i) => {
    const own = new Reader();
    const index = readIndex(own, item, i, themeIds);
    indexProblems.push(own.problems);
    return index;
  });
  const rawIds = rawIndices.map((item) => (isObject(item) && typeof item.id === 'string' ? item.id : ''));
  return {
    framework: { id, version, title, source, targetGuidance, levels, themes: themes.sort((a, b) => a.order - b.order), indices: [] },
    fileProblems: reader.problems,
    indexProblems,
    indexOf,
    rawIds,
  };
}

function themesWithoutKeyAreas(themes: Theme[], indices: MaturityIndex[]): string[] {
  return themes.filter((t) => t.id && !indices.some((index) => index.themeId === t.id)).map((t) => t.id);
}

/**
 * Checks a framework file (already parsed from JSON) and returns it typed.
 * Throws FrameworkValidationError listing every problem, each naming the offending entry and field.
 */
export function parseFramework(raw: unknown): Framework {
  const parsed = readAll(raw, false);
  const problems = [...parsed.fileProblems, ...parsed.indexProblems.flat()];
  const duplicates = new Reader();
  duplicates.unique(parsed.rawIds, 'indices');
  problems.push(...duplicates.problems);
  const indices = parsed.indexOf.filter((index): index is MaturityIndex => index !== undefined);
  for (const themeId of themesWithoutKeyAreas(parsed.framework.themes, indices)) problems.push(`themes: theme "${themeId}" has no key areas`);

  if (problems.length > 0) throw new FrameworkValidationError(problems);
  return { ...parsed.framework, indices };
}

/**
 * Reads a framework the way a view needs it: a key area or enabler that fails its checks (or repeats
 * an id already used) is left out and reported in `skipped`, so one bad entry never blanks the view;
 * a theme left with no key areas is dropped. Problems with the framework as a whole (its id, levels,
 * themes) still throw FrameworkValidationError, as nothing sensible can be shown without them.
 */
export function parseFrameworkSkippingBadIndices(raw: unknown): LenientFramework {
  const parsed = readAll(raw, true);
  if (parsed.fileProblems.length > 0) throw new FrameworkValidationError(parsed.fileProblems);

  const indices: MaturityIndex[] = [];
  const skipped: SkippedEntry[] = [];
  const kept = new Map<string, number>();
  parsed.indexOf.forEach((index, position) => {
    const problems = [...parsed.indexProblems[position]];
    const id = parsed.rawIds[position];
    const first = kept.get(id);
    if (problems.length === 0 && index && first !== undefined) {
      problems.push(`indices[${position}]: duplicate id "${id}" (already used by indices[${first}])`);
    }
    if (problems.length > 0 || !index) {
      skipped.push({ position, id, title: index?.title ?? '', problems });
      return;
    }
    kept.set(id, position);
    indices.push(index);
  });
  const empty = themesWithoutKeyAreas(parsed.framework.themes, indices);
  const themes = parsed.framework.themes.filter((t) => empty.indexOf(t.id) < 0);
  return { framework: { ...parsed.framework, themes, indices }, skipped };
}

/** Parses framework JSON text, reporting a syntax error as a framework problem rather than a crash. */
export function parseFrameworkJson(text: string): Framework {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new FrameworkValidationError([`the file is not valid JSON: ${(e as Error).message}`]);
  }
  return parseFramework(raw);
}

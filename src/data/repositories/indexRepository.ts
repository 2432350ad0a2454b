import { SPFI } from '@pnp/sp';
import { Framework, LEVEL_IDS, LevelId, MaturityIndex, STARTING_POINT_IDS, StartingPointId, Theme } from '../../framework/types';
import { FRAMEWORK_LIMITS, FrameworkValidationError, isFrameworkId, parseFrameworkSkippingBadIndices } from '../../framework/loadFramework';
import { descriptorTextProblems } from '../../framework/descriptorText';
import { compareVersions, CORRECTIONS, FrameworkCorrection } from '../../framework/corrections';
import { isLocalIndexId, LOCAL_ID_PREFIX } from '../../framework/ids';

import { col, everyColumn, etagOf } from '../fieldValues';
import { ConflictError, DataError, toDataError } from '../errors';
import { eq } from '../odata';
import { ColumnOf, LISTS } from '../schema';
import { ListRepository, SpItem } from './listRepository';

const INDEX_ID = col('indices', 'NpsIndexId');
const THEME_ID = col('indices', 'NpsThemeId');
const THEME_TITLE = col('indices', 'NpsThemeTitle');
const KIND = col('indices', 'NpsIndexKind');
const DESCRIPTION = col('indices', 'NpsIndexDescription');
const WHAT = col('indices', 'NpsWhatItIs');
const WHY = col('indices', 'NpsWhyItIsImportant');
const ORDER = col('indices', 'NpsSortOrder');
const RETIRED = col('indices', 'NpsRetired');
const SOURCE = col('indices', 'NpsSourceFramework');
const VERSION = col('indices', 'NpsFrameworkVersion');
const STARTING_POINT = col('indices', 'NpsStartingPoint');
const DESCRIPTOR: Record<LevelId, ColumnOf<'indices'>> = {
  minimum: col('indices', 'NpsDescriptorMinimum'),
  developing: col('indices', 'NpsDescriptorDeveloping'),
  mature: col('indices', 'NpsDescriptorMature'),
  leader: col('indices', 'NpsDescriptorLeader'),
  innovator: col('indices', 'NpsDescriptorInnovator'),
};

const KIND_CHOICES = { keyArea: 'Key area', enabler: 'Enabler' } as const;

/** A column as site owners see it in SharePoint's list forms, quoted: "Index id", "Leader". */
function column(internalName: string): string {
  return `"${internalName === 'Title' ? 'Title' : LISTS.indices.fields.find((f) => f.internalName === internalName)?.displayName ?? internalName}"`;
}

export interface DeployedIndex extends MaturityIndex {
  itemId: number;
  /** The item's ETag when read, so a correction never overwrites an edit made since. */
  etag: string;
  /** The Kind column as it stands ("Key area", "Enabler", or whatever else a site owner chose). */
  kindChoice: string;
  themeTitle: string;
  retired: boolean;
  sourceFramework: string;
  frameworkVersion: string;
  /** The Starting point column as it stands ('' when empty): checked against the strategy's starting points. */
  startingPointValue?: string;
  /** When the item was added and last changed (SharePoint's own dates), to read the framework as at a moment. */
  created?: string;
  modified?: string;
}

/** One version of an item from its version history: the item as it stood from `modified` on. */
export type IndexVersion = DeployedIndex;

/** The columns a site owner's change may write (the rest, such as the id and kind, never change). */
export interface IndexWrite {
  index: MaturityIndex;
  themeTitle: string;
}

/** The framework as deployed on this site: seeded from the strategy, tailored by site owners. */
export class IndexRepository extends ListRepository<DeployedIndex> {
  protected readonly select = [
    'Id',
    'Title',
    'Created',
    'Modified',
    ...everyColumn('indices', [INDEX_ID, THEME_ID, THEME_TITLE, KIND, DESCRIPTION, WHAT, WHY, ORDER, RETIRED, SOURCE, VERSION, STARTING_POINT, ...Object.values(DESCRIPTOR)]),
  ];
  protected readonly expand: string[] = [];

  constructor(sp: SPFI) {
    super(sp, 'indices');
  }

  protected fromItem(item: SpItem): DeployedIndex {
    const descriptors = {} as Record<LevelId, string>;
    for (const level of LEVEL_IDS) descriptors[level] = item[DESCRIPTOR[level]] ?? '';
    return {
      itemId: item.Id,
      etag: etagOf(item) ?? '*',
      kindChoice: item[KIND] ?? '',
      id: item[INDEX_ID] ?? '',
      kind: item[KIND] === KIND_CHOICES.enabler ? 'enabler' : 'keyArea',
      themeId: item[KIND] === KIND_CHOICES.enabler ? null : item[THEME_ID] ?? null,
      themeTitle: item[THEME_TITLE] ?? '',
      title: item.Title ?? '',
      order: Number(item[ORDER] ?? 0),
      description: item[DESCRIPTION] ?? '',
      whatItIs: item[WHAT] ?? '',
      whyItIsImportant: item[WHY] ?? '',
      descriptors,
      retired: [true, 1, '1', 'true', 'Yes'].indexOf(item[RETIRED]) >= 0,
      sourceFramework: item[SOURCE] ?? '',
      frameworkVersion: item[VERSION] ?? '',
      startingPointValue: typeof item[STARTING_POINT] === 'string' ? item[STARTING_POINT].trim() : '',
      created: typeof item.Created === 'string' ? item.Created : undefined,
      modified: typeof item.Modified === 'string' ? item.Modified : undefined,
    };
  }

  /**
   * The item's version history, newest first: each version as the item stood from that version's
   * date. SharePoint keeps it for every change, including edits in the list's own forms, and only site
   * owners can delete versions; it is how a submitted year is shown as it was when submitted.
   */
  public async versions(itemId: number, via: SPFI = this.sp): Promise<IndexVersion[]> {
    try {
      const versions: SpItem[] = await this.items(via).getById(itemId).versions();
      return versions.map((v) => ({ ...this.fromItem({ ...v, Id: itemId, Created: v.Created, Modified: v.Created ?? v.Modified }), etag: '*' }));
    } catch (e) {
      throw toDataError(e, this.listTitle, 'read');
    }
  }

  public all(via?: SPFI): Promise<DeployedIndex[]> {
    return this.readAll({ orderBy: [[ORDER, true]] }, via);
  }

  /**
   * The deployed framework, checked like any framework file, item by item: an item that fails its
   * checks (only a Title; an empty descriptor; an unknown Kind; an index id already used; an id that is
   * neither the strategy's nor local) is left out and listed in `skipped` with each problem naming the
   * column at fault, so one bad edit by a site owner never blanks a view. If every item fails, the
   * framework has no indices and `skipped` lists them all. Retired items are left out without comment,
   * unless `keepRetired` keeps them (a period that assessed them): they then come marked `retired`.
   */
  public static toFramework(deployed: DeployedIndex[], builtIn: Framework, options: ToFrameworkOptions = {}): DeployedFramework {
    const strategy = new Map(builtIn.indices.map((i) => [i.id, i] as [string, MaturityIndex]));
    const shown = deployed.filter((i) => !i.retired || (options.keepRetired?.(i) ?? false));
    const skipped: SkippedIndex[] = [];
    const kept: DeployedIndex[] = [];
    for (const index of shown) {
      const problems = checkDeployedIndex(index, strategy);
      const first = kept.find((k) => k.id === index.id);
      if (problems.length === 0 && first) {
        problems.push(`${column(INDEX_ID)} ${index.id} is already used by item ${first.itemId} (${first.title}), which is shown instead`);
      }
      if (problems.length > 0) skipped.push({ itemId: index.itemId, indexId: index.id, title: index.title, problems });
      else kept.push(index);
    }

    const themes: Theme[] = [];
    for (const index of kept) {
      if (index.themeId && !themes.some((t) => t.id === index.themeId)) {
        const known = builtIn.themes.find((t) => t.id === index.themeId);
        themes.push({ id: index.themeId, title: index.themeTitle.trim() || known?.title || index.themeId, order: known?.order ?? 100 + themes.length });
      }
    }
    // The built-in framework's version the site is at; items from a regional file carry their own file's.
    const versions = shown.filter((i) => !i.retired && (i.sourceFramework === builtIn.id || !i.sourceFramework)).map((i) => i.frameworkVersion).filter(Boolean).sort(compareVersions);
    const raw = {
      id: builtIn.id,
      version: versions.length ? versions[versions.length - 1] : builtIn.version,
      title: builtIn.title,
      source: builtIn.source,
      targetGuidance: builtIn.targetGuidance,
      levels: builtIn.levels,
      themes,
      indices: kept.map((i): MaturityIndex => {
        const index: MaturityIndex = {
          id: i.id,
          kind: i.kind,
          themeId: i.themeId,
          title: i.title,
          order: i.order,
          description: i.description,
          whatItIs: i.whatItIs,
          whyItIsImportant: i.whyItIsImportant,
          descriptors: i.descriptors,
        };
        const origin = originOf(i, strategy.get(i.id));
        if (origin) index.origin = origin;
        if (i.startingPointValue) index.startingPoint = i.startingPointValue as StartingPointId;
        if (i.retired) index.retired = true;
        return index;
      }),
    };
    try {
      // The checks above cover everything the loader checks of an index; anything it still refuses
      // is left out the same way, in the loader's words.
      const read = parseFrameworkSkippingBadIndices(raw);
      for (const entry of read.skipped) {
        const index = kept[entry.position];
        skipped.push({ itemId: index.itemId, indexId: index.id, title: index.title, problems: entry.problems });
      }
      return { framework: read.framework, skipped };
    } catch (e) {
      const problems = e instanceof FrameworkValidationError ? e.problems.join('; ') : (e as Error).message;
      throw new DataError('refused', `The maturity framework cannot be shown: ${problems}`);
    }
  }

  /** The deployed framework alone, leaving out items that fail their checks without saying which. Prefer toFramework. */
  public static frameworkOf(deployed: DeployedIndex[], builtIn: Framework): Framework {
    return IndexRepository.toFramework(deployed, builtIn).framework;
  }

  /**
   * Brings built-in items up to date with corrections made to the built-in framework since they were
   * added: a theme or descriptor still holding the value shipped before is changed; one a site owner
   * has changed is left alone and reported. Safe to run again: a second run changes nothing.
   */
  public async applyCorrections(builtIn: Framework, corrections: readonly FrameworkCorrection[] = CORRECTIONS): Promise<CorrectionOutcome> {
    const plan = planCorrections(await this.all(), builtIn, corrections);
    const changed: string[] = [];
    const leftAlone = [...plan.leftAlone];
    for (const update of plan.updates) {
      try {
        await this.write(update.fields, update.itemId, update.etag);
        changed.push(...update.lines);
      } catch (e) {
        if (!(e instanceof ConflictError)) throw e;
        leftAlone.push(`${update.title}: someone changed this item while set-up was running, so it was left as it is. Run set-up again to correct it.`);
      }
    }
    return { changed, leftAlone };
  }

  /** Adds the framework's indices that are not on the site yet; returns the titles it added. */
  public async seed(framework: Framework): Promise<string[]> {
    const existing = new Set((await this.all()).map((i) => i.id));
    const added: string[] = [];
    for (const index of framework.indices) {
      if (existing.has(index.id)) continue;
      const theme = framework.themes.find((t) => t.id === index.themeId);
      const fields: Record<string, unknown> = {
        Title: index.title,
        [INDEX_ID]: index.id,
        [THEME_ID]: index.themeId,
        [THEME_TITLE]: theme?.title ?? null,
        [KIND]: index.kind === 'enabler' ? 'Enabler' : 'Key area',
        [DESCRIPTION]: index.description,
        [WHAT]: index.whatItIs,
        [WHY]: index.whyItIsImportant,
        [ORDER]: (index.kind === 'enabler' ? 100 : 0) + index.order,
        [RETIRED]: false,
        [SOURCE]: framework.id,
        [VERSION]: framework.version,
      };
      for (const level of LEVEL_IDS) fields[DESCRIPTOR[level]] = index.descriptors[level];
      await this.write(fields);
      added.push(index.title);
    }
    return added;
  }

  public async byIndexId(indexId: string): Promise<DeployedIndex | undefined> {
    const found = await this.readAll({ filter: eq(INDEX_ID, indexId) });
    return found[0];
  }

  /**
   * Adds an index a site owner made (a local one, or one from an imported file). The caller has
   * checked it as strictly as the built-in framework (checkIndexDraft, or the loader for a file).
   * `source` is the Source framework column: 'local' for one added on this site, or the id of the
   * framework file it came from.
   */
  public async add(write: IndexWrite, source: string, version = ''): Promise<DeployedIndex> {
    const fields: Record<string, unknown> = { ...fieldsOf(write), [INDEX_ID]: write.index.id, [KIND]: KIND_CHOICES[write.index.kind], [ORDER]: write.index.order, [RETIRED]: false, [SOURCE]: source, [VERSION]: version };
    const saved = await this.write(fields);
    return this.getById(saved.id);
  }

  /**
   * Rewords an index: writes only the columns that differ from `item` as it was read, with its ETag,
   * so an edit someone made meanwhile (here or in the list's own form) is never overwritten: that
   * answers ConflictError holding their version. The id and kind never change.
   */
  public async reword(item: DeployedIndex, write: IndexWrite): Promise<DeployedIndex> {
    const wanted = fieldsOf(write);
    const now = fieldsOf({ index: { ...item, startingPoint: (item.startingPointValue || undefined) as StartingPointId | undefined }, themeTitle: item.themeTitle });
    const changed: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(wanted)) if ((now[name] ?? null) !== (value ?? null)) changed[name] = value;
    if (!Object.keys(changed).length) return item;
    await this.write(changed, item.itemId, item.etag);
    return this.getById(item.itemId);
  }

  /** Retires (true) or restores (false) an index, with the ETag it was read with. */
  public async setRetired(item: DeployedIndex, retired: boolean): Promise<DeployedIndex> {
    await this.write({ [RETIRED]: retired }, item.itemId, item.etag);
    return this.getById(item.itemId);
  }
}

/** The columns holding an index's words, theme and starting point. */
function fieldsOf({ index, themeTitle }: IndexWrite): Record<string, unknown> {
  const fields: Record<string, unknown> = {
    Title: index.title,
    [THEME_ID]: index.kind === 'enabler' ? null : index.themeId,
    [THEME_TITLE]: index.kind === 'enabler' ? null : themeTitle || null,
    [DESCRIPTION]: index.description,
    [WHAT]: index.whatItIs,
    [WHY]: index.whyItIsImportant,
    [STARTING_POINT]: index.startingPoint ?? null,
  };
  for (const level of LEVEL_IDS) fields[DESCRIPTOR[level]] = index.descriptors[level];
  return fields;
}

export interface ToFrameworkOptions {
  /** Retired items to keep, such as those a period assessed; they come marked `retired`. */
  keepRetired?: (index: DeployedIndex) => boolean;
}

/**
 * Whose words an item is in: 'local' for a local index; 'reworded' for one of the strategy's whose
 * title or texts differ from the strategy's (a text still as first shipped, before a correction, is
 * the strategy's too); undefined when it is the strategy's own.
 */
function originOf(item: DeployedIndex, strategy: MaturityIndex | undefined): MaturityIndex['origin'] {
  if (isLocalIndexId(item.id)) return 'local';
  if (!strategy) return undefined;
  const shipped = (field: 'descriptor', level: LevelId, text: string): boolean =>
    CORRECTIONS.some((c) => c.indexId === item.id && c.field === field && c.level === level && sameText(c.was, text));
  const same =
    sameText(item.title, strategy.title) &&
    sameText(item.description, strategy.description) &&
    sameText(item.whatItIs, strategy.whatItIs) &&
    sameText(item.whyItIsImportant, strategy.whyItIsImportant) &&
    LEVEL_IDS.every((level) => sameText(item.descriptors[level], strategy.descriptors[level]) || shipped('descriptor', level, item.descriptors[level]));
  return same ? undefined : 'reworded';
}


/** An item of the Maturity indices list left out of the framework, and why. */
export interface SkippedIndex {
  /** The SharePoint item ID. */
  itemId: number;
  /** The item's Index id ('' when it has none). */
  indexId: string;
  title: string;
  /** Each names the column at fault, as site owners see it: `"Leader" is empty`. */
  problems: string[];
}

export interface DeployedFramework {
  framework: Framework;
  skipped: SkippedIndex[];
}

/** One sentence for a site owner about a skipped item, naming the list, the item and its problems. */
export function describeSkippedIndex(skipped: SkippedIndex): string {
  const name = [skipped.title.trim() ? `"${skipped.title.trim()}"` : 'with no title', skipped.indexId ? `(index id ${skipped.indexId})` : ''].filter(Boolean).join(' ');
  return `${LISTS.indices.title} item ${skipped.itemId} ${name} is not shown until a site owner fixes it: ${skipped.problems.join('; ')}.`;
}

/**
 * An item's problems in the terms of the list's columns; none when it can be shown. The checks are the
 * framework loader's, so an item typed into the list's own form is held to the same rules as the
 * built-in framework and a form in the app. Given the strategy's indices (`strategy`), an id that is
 * not one of them must be a local one ("local-…"), so it can never collide with the strategy's.
 */
export function checkDeployedIndex(index: DeployedIndex, strategy?: ReadonlyMap<string, unknown>): string[] {
  const problems: string[] = [];
  const empty = (value: string | null | undefined): boolean => !value || value.trim() === '';
  const tooLong = (name: string, text: string | null | undefined, limit: number): void => {
    if ((text ?? '').length > limit) problems.push(`${column(name)} is ${(text ?? '').length} characters; the limit is ${limit}`);
  };
  if (empty(index.title)) problems.push(`${column('Title')} is empty`);
  if (empty(index.id)) problems.push(`${column(INDEX_ID)} is empty`);
  else if (!isFrameworkId(index.id)) problems.push(`${column(INDEX_ID)} "${index.id}" must be lower-case words joined by hyphens, such as engaging-councillors`);
  else if (strategy && !strategy.has(index.id) && !isLocalIndexId(index.id)) {
    problems.push(
      `${column(INDEX_ID)} ${index.id} is not one of the strategy's: a local index's id starts ${LOCAL_ID_PREFIX} (such as ${LOCAL_ID_PREFIX}${index.id}), so it can never collide with one of the strategy's`
    );
  }
  if (index.startingPointValue) {
    if (STARTING_POINT_IDS.indexOf(index.startingPointValue as StartingPointId) < 0) {
      problems.push(`${column(STARTING_POINT)} "${index.startingPointValue}" is not one of the strategy's starting points (${STARTING_POINT_IDS.join(', ')})`);
    } else if (index.id && !isLocalIndexId(index.id)) problems.push(`${column(STARTING_POINT)} is only for a local index, not one of the strategy's`);
  }
  tooLong(DESCRIPTION, index.description, FRAMEWORK_LIMITS.text);
  tooLong(WHAT, index.whatItIs, FRAMEWORK_LIMITS.text);
  tooLong(WHY, index.whyItIsImportant, FRAMEWORK_LIMITS.text);
  tooLong(THEME_TITLE, index.themeTitle, FRAMEWORK_LIMITS.themeTitle);

  const isKeyArea = index.kindChoice === KIND_CHOICES.keyArea;
  if (empty(index.kindChoice)) problems.push(`${column(KIND)} is empty: choose ${KIND_CHOICES.keyArea} or ${KIND_CHOICES.enabler}`);
  else if (!isKeyArea && index.kindChoice !== KIND_CHOICES.enabler) {
    problems.push(`${column(KIND)} "${index.kindChoice}" is not one of the choices: choose ${KIND_CHOICES.keyArea} or ${KIND_CHOICES.enabler}`);
  }
  if (isKeyArea) {
    if (empty(index.themeId)) problems.push(`${column(THEME_ID)} is empty: a key area belongs to a theme`);
    else if (!isFrameworkId(index.themeId as string)) problems.push(`${column(THEME_ID)} "${index.themeId}" must be lower-case words joined by hyphens, such as showing-leadership`);
    // A key area explains itself; an enabler has no such texts in the strategy.
    if (empty(index.description)) problems.push(`${column(DESCRIPTION)} is empty: a key area needs one`);
    if (empty(index.whatItIs)) problems.push(`${column(WHAT)} is empty: a key area needs it`);
    if (empty(index.whyItIsImportant)) problems.push(`${column(WHY)} is empty: a key area needs it`);
  }
  if (!Number.isFinite(index.order)) problems.push(`${column(ORDER)} is not a number`);
  for (const level of LEVEL_IDS) {
    const text = index.descriptors[level];
    if (empty(text)) problems.push(`${column(DESCRIPTOR[level])} is empty: every level needs a descriptor`);
    else if (text.length > FRAMEWORK_LIMITS.descriptor) problems.push(`${column(DESCRIPTOR[level])} is ${text.length} characters; the limit is ${FRAMEWORK_LIMITS.descriptor}`);
    else for (const problem of descriptorTextProblems(text)) problems.push(`${column(DESCRIPTOR[level])}: ${problem}`);
  }
  return problems;
}

/** What set-up changed, and what it left alone because a site owner had changed it. */
export interface CorrectionOutcome {
  /** One line per change, for the set-up report. */
  changed: string[];
  /** One line per correction not applied because the item was changed on this site. */
  leftAlone: string[];
}

export interface PlannedCorrection {
  itemId: number;
  etag: string;
  title: string;
  /** Only the columns being corrected (and the item's framework version). */
  fields: Record<string, unknown>;
  lines: string[];
}

/** Line breaks as SharePoint may send them, and stray spaces, never make a value look reworded. */
function sameText(a: string | null | undefined, b: string | null | undefined): boolean {
  const norm = (s: string | null | undefined): string => (s ?? '').replace(/\r\n?/g, '\n').replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
  return norm(a) === norm(b);
}

/**
 * Decides which built-in items need which corrections: only items added from the built-in framework
 * (Source framework is its id) at a version before the correction, and only fields that still hold
 * the value shipped before. A field a site owner has changed is reported in `leftAlone`.
 */
export function planCorrections(
  deployed: DeployedIndex[],
  builtIn: Framework,
  corrections: readonly FrameworkCorrection[] = CORRECTIONS
): { updates: PlannedCorrection[]; leftAlone: string[] } {
  const updates: PlannedCorrection[] = [];
  const leftAlone: string[] = [];
  for (const item of deployed) {
    if (item.sourceFramework !== builtIn.id) continue;
    const due = corrections.filter(
      (c) => c.frameworkId === builtIn.id && c.indexId === item.id && (!item.frameworkVersion || compareVersions(item.frameworkVersion, c.correctedIn) < 0)
    );
    const now = builtIn.indices.find((i) => i.id === item.id);
    if (!due.length || !now) continue;

    const fields: Record<string, unknown> = {};
    const lines: string[] = [];
    let keptAny = false;
    for (const correction of due) {
      if (correction.field === 'theme') {
        const theme = builtIn.themes.find((t) => t.id === now.themeId);
        if (!now.themeId || !theme || item.kindChoice !== KIND_CHOICES.keyArea || item.themeId === now.themeId) continue;
        if (item.themeId === correction.was) {
          const was = builtIn.themes.find((t) => t.id === correction.was)?.title ?? correction.was;
          fields[THEME_ID] = now.themeId;
          fields[THEME_TITLE] = theme.title;
          lines.push(`${item.title}: moved from the theme ${item.themeTitle.trim() || was} to ${theme.title}, ${correction.why}`);
        } else {
          keptAny = true;
          leftAlone.push(`${item.title}: its theme has been changed on this site, so it stays as it is (the strategy puts it under ${theme.title})`);
        }
      } else {
        const level = builtIn.levels.find((l) => l.id === correction.level)?.title ?? correction.level;
        const current = item.descriptors[correction.level];
        const wanted = now.descriptors[correction.level];
        if (sameText(current, wanted)) continue;
        if (sameText(current, correction.was)) {
          fields[DESCRIPTOR[correction.level]] = wanted;
          lines.push(`${item.title}: the ${level} descriptor is ${correction.why}`);
        } else {
          keptAny = true;
          leftAlone.push(`${item.title}: the ${level} descriptor has been reworded on this site, so it stays as it is (the built-in descriptor is ${correction.why})`);
        }
      }
    }
    if (!lines.length) continue;
    // The item is up to date with this version only if nothing was left alone.
    if (!keptAny) fields[VERSION] = builtIn.version;
    updates.push({ itemId: item.itemId, etag: item.etag, title: item.title, fields, lines });
  }
  return { updates, leftAlone };
}

import { FRAMEWORK_LIMITS, FrameworkValidationError, parseFrameworkSkippingBadIndices } from './loadFramework';
import { descriptorTextProblems } from './descriptorText';
import { startingPoint } from './startingPoints';
import { isLocalIndexId, LOCAL_ID_PREFIX } from './ids';
import { Framework, IndexKind, LEVEL_IDS, LevelId, MaturityIndex, StartingPointId, Theme } from './types';

export { isLocalIndexId, LOCAL_ID_PREFIX };

/**
 * Local indices: key areas and enablers a council (or its regional group) adds to the strategy's.
 *
 * Their ids always start "local-" (ids.ts says why). The rest of the id is made once from the title
 * ("Ethical procurement" → local-ethical-procurement, then local-ethical-procurement-2 if that is taken,
 * retired indices included) and never changes, so rewording the title later keeps the index's history
 * and its assessments together.
 */

/** Lower-case ASCII words joined by hyphens, accents dropped: "Café & Green Value!" → cafe-green-value. */
export function slugOf(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // Room for the prefix and a "-99" suffix within the Index id column's 100 characters.
  return slug.slice(0, 80).replace(/-+$/, '') || 'index';
}

/** A new local index id for `title` that none of `taken` (every id on the site, retired too) uses. */
export function localIndexId(title: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base = `${LOCAL_ID_PREFIX}${slugOf(title)}`;
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

/** What a site owner fills in to add or reword an index. */
export interface IndexDraft {
  kind: IndexKind;
  /** A key area's theme; null for an enabler. */
  themeId: string | null;
  title: string;
  description: string;
  whatItIs: string;
  whyItIsImportant: string;
  descriptors: Record<LevelId, string>;
  startingPoint?: StartingPointId;
}

/** The form fields a problem can be tied to. */
export type IndexDraftField = 'kind' | 'themeId' | 'title' | 'description' | 'whatItIs' | 'whyItIsImportant' | `descriptor-${LevelId}` | 'startingPoint';

export interface IndexDraftProblem {
  field: IndexDraftField;
  message: string;
}

export const FIELD_LABELS: Record<Exclude<IndexDraftField, `descriptor-${LevelId}`>, string> = {
  kind: 'Kind',
  themeId: 'Theme',
  title: 'Title',
  description: 'Description',
  whatItIs: 'What it is',
  whyItIsImportant: 'Why it is important',
  startingPoint: 'Starting point',
};

export interface DraftContext {
  /** The themes a key area may belong to: the site's. */
  themes: readonly Theme[];
  /** The framework the index will join (its levels give the descriptors' names). */
  framework: Pick<Framework, 'id' | 'version' | 'title' | 'source' | 'targetGuidance' | 'levels'>;
  /** Titles of the site's other active indices: two indices with one title would confuse everyone. */
  otherTitles: readonly string[];
}

const empty = (text: string | null | undefined): boolean => !text || text.trim() === '';

function tooLong(problems: IndexDraftProblem[], field: IndexDraftField, label: string, text: string, limit: number): void {
  if (text.length > limit) problems.push({ field, message: `${label} is ${text.length.toLocaleString('en-GB')} characters; the limit is ${limit.toLocaleString('en-GB')}. Shorten it by ${(text.length - limit).toLocaleString('en-GB')}.` });
}

/**
 * Checks a draft as strictly as the built-in framework is checked, with each problem tied to the form
 * field at fault and worded for the person filling it in. The draft is then run through the framework
 * loader itself, so nothing the loader would refuse can be saved.
 */
export function checkIndexDraft(draft: IndexDraft, context: DraftContext): IndexDraftProblem[] {
  const problems: IndexDraftProblem[] = [];
  const levelTitle = (level: LevelId): string => context.framework.levels.find((l) => l.id === level)?.title ?? level;
  if (draft.kind !== 'keyArea' && draft.kind !== 'enabler') problems.push({ field: 'kind', message: 'Choose whether it is a key area or an enabler.' });

  if (empty(draft.title)) problems.push({ field: 'title', message: 'Title is required.' });
  else {
    tooLong(problems, 'title', 'Title', draft.title, FRAMEWORK_LIMITS.title);
    const same = context.otherTitles.find((t) => t.trim().toLowerCase() === draft.title.trim().toLowerCase());
    if (same) problems.push({ field: 'title', message: `"${same}" is already the title of a key area or enabler. Choose a title nobody will confuse with it.` });
  }

  if (draft.kind === 'keyArea') {
    if (empty(draft.themeId)) problems.push({ field: 'themeId', message: 'Choose the theme this key area belongs to.' });
    else if (!context.themes.some((t) => t.id === draft.themeId)) problems.push({ field: 'themeId', message: `"${draft.themeId}" is not one of this site's themes. Choose one from the list.` });
    if (empty(draft.description)) problems.push({ field: 'description', message: 'Description is required for a key area.' });
    if (empty(draft.whatItIs)) problems.push({ field: 'whatItIs', message: '"What it is" is required for a key area.' });
    if (empty(draft.whyItIsImportant)) problems.push({ field: 'whyItIsImportant', message: '"Why it is important" is required for a key area.' });
  } else if (draft.kind === 'enabler' && draft.themeId) {
    problems.push({ field: 'themeId', message: 'An enabler cuts across the themes, so it has no theme.' });
  }
  tooLong(problems, 'description', 'Description', draft.description, FRAMEWORK_LIMITS.text);
  tooLong(problems, 'whatItIs', '"What it is"', draft.whatItIs, FRAMEWORK_LIMITS.text);
  tooLong(problems, 'whyItIsImportant', '"Why it is important"', draft.whyItIsImportant, FRAMEWORK_LIMITS.text);

  for (const level of LEVEL_IDS) {
    const field: IndexDraftField = `descriptor-${level}`;
    const text = draft.descriptors[level] ?? '';
    if (empty(text)) problems.push({ field, message: `The ${levelTitle(level)} descriptor is required: every level needs one.` });
    else {
      tooLong(problems, field, `The ${levelTitle(level)} descriptor`, text, FRAMEWORK_LIMITS.descriptor);
      for (const problem of descriptorTextProblems(text)) problems.push({ field, message: `The ${levelTitle(level)} descriptor: ${problem}.` });
    }
  }
  if (draft.startingPoint !== undefined && !startingPoint(draft.startingPoint)) {
    problems.push({ field: 'startingPoint', message: `"${draft.startingPoint}" is not one of the strategy's starting points.` });
  }
  if (problems.length) return problems;

  // Whatever the loader would still refuse is refused here too, in its words.
  try {
    const { skipped } = parseFrameworkSkippingBadIndices(draftAsFramework(draft, 'local-check', context));
    for (const entry of skipped) for (const message of entry.problems) problems.push({ field: 'title', message: `The framework check refused it: ${message}.` });
  } catch (e) {
    if (!(e instanceof FrameworkValidationError)) throw e;
    for (const message of e.problems) problems.push({ field: 'title', message: `The framework check refused it: ${message}.` });
  }
  return problems;
}

/** The draft as an index with the given id (its position is set where it is stored). */
export function draftToIndex(draft: IndexDraft, id: string, order: number): MaturityIndex {
  const index: MaturityIndex = {
    id,
    kind: draft.kind,
    themeId: draft.kind === 'keyArea' ? draft.themeId : null,
    title: draft.title.trim(),
    order,
    description: draft.description.trim(),
    whatItIs: draft.whatItIs.trim(),
    whyItIsImportant: draft.whyItIsImportant.trim(),
    descriptors: { ...draft.descriptors },
  };
  for (const level of LEVEL_IDS) index.descriptors[level] = (draft.descriptors[level] ?? '').trim();
  if (isLocalIndexId(id)) index.origin = 'local';
  if (draft.startingPoint) index.startingPoint = draft.startingPoint;
  return index;
}

/** An index as a draft, for rewording it in the same form. */
export function indexToDraft(index: MaturityIndex): IndexDraft {
  return {
    kind: index.kind,
    themeId: index.themeId,
    title: index.title,
    description: index.description,
    whatItIs: index.whatItIs,
    whyItIsImportant: index.whyItIsImportant,
    descriptors: { ...index.descriptors },
    startingPoint: index.startingPoint,
  };
}

function draftAsFramework(draft: IndexDraft, id: string, context: DraftContext): unknown {
  const index = draftToIndex(draft, id, 1);
  const theme = context.themes.find((t) => t.id === index.themeId);
  // A framework of this one index, read leniently so an enabler needs no theme beside it.
  return {
    ...context.framework,
    themes: theme ? [theme] : [],
    indices: [index],
  };
}

/** A blank draft, or one begun from a starting point the strategy names (title only: the texts are the council's). */
export function blankDraft(from?: StartingPointId): IndexDraft {
  const point = startingPoint(from);
  return {
    kind: 'keyArea',
    themeId: null,
    title: point?.suggestedTitle ?? '',
    description: '',
    whatItIs: '',
    whyItIsImportant: '',
    descriptors: { minimum: '', developing: '', mature: '', leader: '', innovator: '' },
    startingPoint: point?.id,
  };
}

import { DATE_RANGE, daysInMonth, formatUkDate, isInDateRange, isIsoDate, IsoDate, MONTH_NAMES, readTypedDate } from './dates';
import { LIMITS } from './limits';

/** A problem with one field, in words the person filling in the form can act on. */
export interface FieldProblem {
  field: string;
  message: string;
}

export function checkRequired(problems: FieldProblem[], field: string, label: string, value: string | undefined): void {
  if (!value || value.trim() === '') problems.push({ field, message: `${label} is required.` });
}

/** Counted as SharePoint counts them (UTF-16 units), so a message never says "fits" when SharePoint would refuse. */
export function lengthProblem(label: string, value: string | undefined | null, limit: number): string | undefined {
  if (typeof value !== 'string' || value.length <= limit) return undefined;
  return `${label} is ${value.length.toLocaleString('en-GB')} characters; the limit is ${limit.toLocaleString('en-GB')}. Shorten it by ${(value.length - limit).toLocaleString('en-GB')}.`;
}

export function checkLength(problems: FieldProblem[], field: string, label: string, value: string | undefined, limit: number): void {
  const message = lengthProblem(label, value, limit);
  if (message) problems.push({ field, message });
}

/**
 * Problems from several checks of the same item, without saying the same thing twice: a problem is
 * left out when an earlier list already has one for that field. Within one list every problem is kept.
 */
export function mergeProblems(...lists: ReadonlyArray<readonly FieldProblem[]>): FieldProblem[] {
  const merged: FieldProblem[] = [];
  for (const list of lists) {
    const before = new Set(merged.map((p) => p.field));
    for (const p of list) if (!before.has(p.field)) merged.push(p);
  }
  return merged;
}

/**
 * Links to evidence must be web addresses (SharePoint, OneDrive or public pages), never script.
 * @deprecated Use isLinkableUrl to decide what becomes a link, and evidenceLinkProblems to check input.
 */
export function isSafeHttpUrl(value: string): boolean {
  return /^https?:\/\/[^\s<>"]+$/i.test(value.trim());
}

// ---------------------------------------------------------------------------------------------------
// Links
// ---------------------------------------------------------------------------------------------------

/**
 * Whitespace, control and invisible formatting characters. Browsers strip some of these before reading
 * a URL ("java\tscript:" runs as "javascript:"), so any of them anywhere makes an address plain text.
 */
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x0020], [0x007f, 0x00a0], [0x00ad, 0x00ad], [0x034f, 0x034f], [0x061c, 0x061c], [0x115f, 0x1160],
  [0x1680, 0x1680], [0x17b4, 0x17b5], [0x180b, 0x180e], [0x2000, 0x200f], [0x2028, 0x202f], [0x205f, 0x206f],
  [0x2800, 0x2800], [0x3000, 0x3000], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0],
  [0xfff0, 0xfffb], [0xd800, 0xdfff], [0xe0000, 0xe0fff],
];

function hasInvisibleOrSpace(value: string): boolean {
  for (const ch of Array.from(value)) {
    const cp = ch.codePointAt(0)!;
    if (INVISIBLE_RANGES.some(([from, to]) => cp >= from && cp <= to)) return true;
  }
  return false;
}

export type LinkKind = 'absolute' | 'siteRelative';

/**
 * What kind of link an address from a list may become, or undefined when it must be shown as plain
 * text. Only two kinds become links:
 * - absolute web addresses starting http:// or https:// (any case) with a host name;
 * - site-relative addresses starting with a single "/" (such as /sites/procurement/Shared Documents/a.pdf).
 * Everything else stays text: javascript:, data:, vbscript: and every other scheme; protocol-relative
 * "//host" and "/\host"; backslashes; and anything containing a space, tab, line break, control or
 * invisible character, wherever it is. Entity-encoded text ("&#106;avascript:") starts with neither
 * form, so it stays text too.
 */
export function linkKind(value: unknown): LinkKind | undefined {
  if (typeof value !== 'string' || value === '' || value.length > 2048) return undefined;
  if (hasInvisibleOrSpace(value) || value.indexOf('\\') >= 0) return undefined;
  if (/^https?:\/\//i.test(value)) {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '' ? 'absolute' : undefined;
    } catch {
      return undefined;
    }
  }
  if (value[0] === '/' && value[1] !== '/') {
    try {
      // Resolved against a placeholder origin: a site-relative address must stay on that origin.
      return new URL(value, 'https://site.invalid').host === 'site.invalid' ? 'siteRelative' : undefined;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** True when an address read from a list may be shown as a link; otherwise it is shown as plain text. */
export function isLinkableUrl(value: unknown): value is string {
  return linkKind(value) !== undefined;
}

export interface EvidenceLinkInput {
  url: string;
  description: string;
}

/**
 * Checks evidence links before they are saved, naming each link by its number (1 for the first).
 * Address problems use the field "evidenceLinks.<i>"; description problems "evidenceLinks.<i>.description".
 * Values that are not text (list data typed by hand) are reported, never thrown on.
 */
export function evidenceLinkProblems(links: ReadonlyArray<Partial<EvidenceLinkInput> | null | undefined> | null | undefined): FieldProblem[] {
  const problems: FieldProblem[] = [];
  (links ?? []).forEach((link, i) => {
    const n = i + 1;
    const field = `evidenceLinks.${i}`;
    const url: unknown = link?.url;
    const description: unknown = link?.description;
    if (typeof url !== 'string' || url.trim() === '') {
      problems.push({ field, message: `Evidence link ${n} has no address. Add a web address starting https://, or remove the link.` });
    } else if (url.length > LIMITS.url) {
      problems.push({ field, message: lengthProblem(`The address of evidence link ${n}`, url, LIMITS.url)! });
    } else if (hasInvisibleOrSpace(url)) {
      problems.push({ field, message: `The address of evidence link ${n} contains a space, line break or invisible character. Copy the address again from the browser's address bar.` });
    } else if (linkKind(url) !== 'absolute') {
      problems.push({ field, message: `Evidence link ${n} must be a web address starting https://, such as https://council.sharepoint.com/sites/procurement/report.pdf.` });
    }
    if (description !== undefined && description !== null && typeof description !== 'string') {
      problems.push({ field: `${field}.description`, message: `The description of evidence link ${n} is not text.` });
    } else {
      const tooLong = lengthProblem(`Description of evidence link ${n}`, description as string | undefined, LIMITS.linkDescription);
      if (tooLong) problems.push({ field: `${field}.description`, message: tooLong });
    }
  });
  return problems;
}

// ---------------------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------------------

/** "1 January 2000 and 31 December 2099": the allowed range, in words. */
export function dateRangeInWords(): string {
  return `${formatUkDate(DATE_RANGE.min)} and ${formatUkDate(DATE_RANGE.max)}`;
}

function notRealReason(day: number, month: number, year: number): string {
  if (month < 1 || month > 12) return `There is no month ${month}.`;
  if (day < 1) return 'There is no day 0.';
  const days = daysInMonth(year, month);
  return `${MONTH_NAMES[month - 1]} ${String(year).padStart(4, '0')} has ${days} days.`;
}

/**
 * What is wrong with a stored date value, or undefined when it is fine or empty (whether a date is
 * required is a separate check). Refuses dates that do not exist and dates outside DATE_RANGE.
 */
export function dateProblem(label: string, iso: IsoDate | undefined | null): string | undefined {
  if (iso === undefined || iso === null || iso === '') return undefined;
  if (typeof iso !== 'string') return `${label} is not a date.`;
  if (!isIsoDate(iso)) {
    const parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (parts) {
      const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
      return `${label}: ${parts[3]}/${parts[2]}/${parts[1]} is not a real date. ${notRealReason(day, month, year)}`;
    }
    return `${label}: "${iso}" is not a date.`;
  }
  if (!isInDateRange(iso)) {
    return `${label} must be between ${dateRangeInWords()}; ${formatUkDate(iso)} is outside that range.`;
  }
  return undefined;
}

/**
 * What is wrong with a date as typed (31/02/2026, 01/01/9999, "next week"), or undefined when it is
 * empty or a real date within DATE_RANGE.
 */
export function typedDateProblem(label: string, text: string): string | undefined {
  const typed = readTypedDate(text);
  const shown = text.trim();
  switch (typed.kind) {
    case 'empty':
      return undefined;
    case 'notADate':
      return `${label}: "${shown}" is not a date. Type it like 31/03/2026.`;
    case 'shortYear':
      return `${label}: type the year in full in "${shown}", like 31/03/2026.`;
    case 'notReal':
      return `${label}: ${shown} is not a real date. ${notRealReason(typed.day, typed.month, typed.year)}`;
    case 'date':
      return dateProblem(label, typed.iso);
  }
}

// ---------------------------------------------------------------------------------------------------
// Cutting text
// ---------------------------------------------------------------------------------------------------

interface GraphemeSegmenter {
  segment(input: string): Iterable<{ segment: string }>;
}
type GraphemeSegmenterConstructor = new (locale?: string, options?: { granularity: 'grapheme' }) => GraphemeSegmenter;

let segmenter: GraphemeSegmenter | null | undefined;

/** One segmenter for the page: making one costs far more than using it, and text is measured often. */
function graphemeSegmenter(): GraphemeSegmenter | undefined {
  if (segmenter !== undefined) return segmenter ?? undefined;
  const ctor = typeof Intl === 'undefined' ? undefined : (Intl as unknown as { Segmenter?: GraphemeSegmenterConstructor }).Segmenter;
  try {
    segmenter = ctor ? new ctor('en-GB', { granularity: 'grapheme' }) : null;
  } catch {
    segmenter = null;
  }
  return segmenter ?? undefined;
}

/** Code points that join onto the character before them: accents, variation selectors, skin tones, tags. */
function extendsPrevious(cp: number): boolean {
  return (
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x1ab0 && cp <= 0x1aff) ||
    (cp >= 0x1dc0 && cp <= 0x1dff) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xfe20 && cp <= 0xfe2f) ||
    (cp >= 0x1f3fb && cp <= 0x1f3ff) ||
    (cp >= 0xe0020 && cp <= 0xe007f) ||
    (cp >= 0xe0100 && cp <= 0xe01ef) ||
    cp === 0x200d
  );
}

const isRegionalIndicator = (cp: number): boolean => cp >= 0x1f1e6 && cp <= 0x1f1ff;

/** Without Intl.Segmenter: whole code points, keeping accents, emoji sequences and flags together. */
function clustersByCodePoint(text: string): string[] {
  const clusters: string[] = [];
  let joinNext = false;
  let openFlag = false;
  for (const ch of Array.from(text)) {
    const cp = ch.codePointAt(0)!;
    const last = clusters.length - 1;
    if (last >= 0 && (joinNext || extendsPrevious(cp) || (openFlag && isRegionalIndicator(cp)))) {
      clusters[last] += ch;
      openFlag = false;
    } else {
      clusters.push(ch);
      openFlag = isRegionalIndicator(cp);
    }
    joinNext = cp === 0x200d;
  }
  return clusters;
}

/**
 * Text in which every code point is a character of its own: Latin letters, digits and punctuation below
 * U+0300 (except CR, which joins a following LF), general punctuation (dashes, quotes, the ellipsis) and
 * currency signs. None of these joins onto another, so no segmenter is needed.
 */
function isSimpleText(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x300 ? unit === 0x0d : !((unit >= 0x2010 && unit <= 0x2027) || (unit >= 0x2030 && unit <= 0x205e) || (unit >= 0x20a0 && unit <= 0x20c0))) return false;
  }
  return true;
}

/**
 * Text split into the characters a person sees (grapheme clusters): "👩‍👩‍👧" is one, "é" typed as e
 * plus an accent is one. Uses Intl.Segmenter where the browser has it, whole code points otherwise.
 */
export function splitCharacters(text: string): string[] {
  // Plain text needs no segmenter (making the page's first one costs tens of ms).
  if (isSimpleText(text)) return text.split('');
  const segmenter = graphemeSegmenter();
  if (segmenter) return Array.from(segmenter.segment(text), (s) => s.segment);
  return clustersByCodePoint(text);
}

export interface TruncateOptions {
  /** Added when the text is cut, and counted within the limit: "…". */
  ellipsis?: string;
  /** Also keep the result within this many UTF-16 units, as SharePoint counts a column's length. */
  maxCodeUnits?: number;
}

/**
 * The text cut to at most `max` characters as a person sees them, never splitting an emoji, an accented
 * letter or a flag. Text that fits is returned unchanged. For a SharePoint column, pass
 * `{ maxCodeUnits: limit }` as well, since SharePoint counts an emoji as two or more.
 */
export function truncateCharacters(text: string, max: number, options: TruncateOptions = {}): string {
  const value = typeof text === 'string' ? text : String(text ?? '');
  const unitLimit = options.maxCodeUnits ?? Infinity;
  const limit = Math.max(0, Math.floor(max));
  if (value.length <= limit && value.length <= unitLimit) return value; // fewer units than the limit: fewer characters too
  const characters = splitCharacters(value);
  if (characters.length <= limit && value.length <= unitLimit) return value;
  const ellipsis = options.ellipsis ?? '';
  const ellipsisCount = ellipsis ? splitCharacters(ellipsis).length : 0;
  const keepCount = Math.max(0, limit - ellipsisCount);
  const unitBudget = unitLimit - ellipsis.length;
  let kept = '';
  for (let i = 0; i < keepCount; i++) {
    if (kept.length + characters[i].length > unitBudget) break;
    kept += characters[i];
  }
  if (!ellipsis) return kept;
  return (kept.replace(/\s+$/, '') || kept) + ellipsis;
}

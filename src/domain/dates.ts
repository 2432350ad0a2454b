/**
 * Calendar dates as councils read and store them. A date-only value is held as ISO "YYYY-MM-DD" text
 * so that a due date never shifts by a day across time zones or daylight saving.
 */

const MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export type IsoDate = string;

/** True when the text is a real calendar date in YYYY-MM-DD form (no 31 April, no 29 February 2025). */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** Days in a month of the Gregorian calendar, worked out without Date (which reads years 0–99 as 1900–1999). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * The dates a council can sensibly enter for a target or a due date. Anything outside is a typing
 * slip (01/01/0001, 31/12/9999) that SharePoint would refuse or quietly change, so it is refused here
 * first with a message naming the range. The one place the range is set.
 */
export const DATE_RANGE: { readonly min: IsoDate; readonly max: IsoDate } = { min: '2000-01-01', max: '2099-12-31' };

/** True when a real date lies within DATE_RANGE (inclusive). */
export function isInDateRange(value: IsoDate): boolean {
  return isIsoDate(value) && value >= DATE_RANGE.min && value <= DATE_RANGE.max;
}

export const MONTH_NAMES: readonly string[] = MONTHS;

/** What a typed date turned out to be: a date, nothing, or something that cannot be a date and why. */
export type TypedDate =
  | { kind: 'empty' }
  | { kind: 'date'; iso: IsoDate }
  /** Not in a form we read, e.g. "next Tuesday" or "31-March". */
  | { kind: 'notADate' }
  /** Day, month and year were found but the year has two digits: 31/03/26. */
  | { kind: 'shortYear' }
  /** In the right form but no such day exists: 31/02/2026, 00/01/2026, 15/13/2026. */
  | { kind: 'notReal'; day: number; month: number; year: number };

/**
 * Reads a date as a UK user types it: 31/03/2026, 31.03.2026, 31-3-2026, 2026-03-31 or
 * 31 March 2026 (month names in full or as three letters, any case).
 */
export function readTypedDate(text: string): TypedDate {
  const trimmed = text.trim();
  if (trimmed === '') return { kind: 'empty' };
  let day: number;
  let month: number;
  let year: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  const numeric = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d+)$/.exec(trimmed);
  const words = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d+)$/.exec(trimmed);
  if (iso) {
    [year, month, day] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  } else if (numeric) {
    if (numeric[3].length !== 4) return numeric[3].length < 4 ? { kind: 'shortYear' } : { kind: 'notADate' };
    [day, month, year] = [Number(numeric[1]), Number(numeric[2]), Number(numeric[3])];
  } else if (words) {
    const name = words[2].toLowerCase();
    const found = MONTHS.findIndex((m) => m.toLowerCase() === name || (name.length >= 3 && m.toLowerCase().slice(0, 3) === name) || (name === 'sept' && m === 'September'));
    if (found < 0) return { kind: 'notADate' };
    if (words[3].length !== 4) return words[3].length < 4 ? { kind: 'shortYear' } : { kind: 'notADate' };
    [day, month, year] = [Number(words[1]), found + 1, Number(words[3])];
  } else {
    return { kind: 'notADate' };
  }
  const value = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  return isIsoDate(value) ? { kind: 'date', iso: value } : { kind: 'notReal', day, month, year };
}

/** A local-midnight Date for an ISO date, without Date's habit of reading years 0–99 as 1900–1999. */
export function isoToLocalDate(value: IsoDate): Date {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number);
  const date = new Date(2000, m - 1, d);
  date.setFullYear(y, m - 1, d);
  return date;
}

/** Takes the date part of an ISO date or date-time ("2026-03-31T00:00:00Z" → "2026-03-31"). */
export function toIsoDate(value: string | Date): IsoDate {
  if (value instanceof Date) {
    return `${String(value.getFullYear()).padStart(4, '0')}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
  }
  return value.slice(0, 10);
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** "2026-03-31" → "31 March 2026", the way a council writes a date. */
export function formatUkDate(value: IsoDate | undefined | null): string {
  if (!value) return '';
  const iso = toIsoDate(value);
  if (!isIsoDate(iso)) return value;
  const [year, month, day] = iso.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}

/** 01:00 UTC on the last Sunday of a month: when UK clocks change (March forward, October back). */
function clockChange(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/**
 * An instant as London wall-clock time, "YYYY-MM-DDTHH:MM". UK summer time runs from 01:00 UTC on the
 * last Sunday in March to 01:00 UTC on the last Sunday in October (the rule since 1996; the app's dates
 * are 2000 to 2099). Worked out directly rather than through Intl with a time zone, which costs far more
 * and is called for every date of every item a view shows (tests/unit/londonDate.test.ts checks it
 * against Intl for every day of the century).
 */
function londonWallClock(instant: Date): string {
  const t = instant.getTime();
  const year = instant.getUTCFullYear();
  const summer = t >= clockChange(year, 2) && t < clockChange(year, 9);
  return new Date(summer ? t + 3600000 : t).toISOString().slice(0, 16);
}

/** The London calendar date of an instant. */
export function londonCalendarDate(instant: Date): IsoDate {
  return londonWallClock(instant).slice(0, 10);
}

/** "2026-11-25T14:05:00Z" → "25 November 2026 at 14:05" in UK local time. */
export function formatUkDateTime(value: string | undefined | null): string {
  if (!value) return '';
  const date = new Date(value);
  if (isNaN(date.getTime())) return value;
  const local = londonWallClock(date);
  return `${formatUkDate(local.slice(0, 10))} at ${local.slice(11, 16)}`;
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const b = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
  return Math.round((b - a) / 86400000);
}

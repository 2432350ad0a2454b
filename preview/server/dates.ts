/**
 * Date handling as SharePoint Online does it for a site in the Europe/London time zone.
 * Values are kept and returned as UTC ISO strings without milliseconds ("2026-03-31T10:00:00Z"), the
 * form SharePoint's REST API uses; the fixed-width form also sorts correctly as a string.
 */

export const SITE_TIME_ZONE = 'Europe/London';

/** SharePoint stores dates from 1 January 1900 to 31 December 8900; anything outside is refused. */
const MIN_DATE = Date.UTC(1900, 0, 1);
const MAX_DATE = Date.UTC(8901, 0, 1) - 1;

export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The demo loader's clock (see atClock); undefined means the real time. */
let clock: number | undefined;

export function nowIso(): string {
  return isoSeconds(clock ?? Date.now());
}

/**
 * Runs fn as if it were `ms` o'clock, so the demo's past years carry past Created and Modified dates.
 * Only the demo loader uses it (X-Local-Clock with X-Local-Seed; not SharePoint): requests are
 * handled synchronously, so the clock cannot leak into another request.
 */
export function atClock<T>(ms: number | undefined, fn: () => T): T {
  if (ms === undefined) return fn();
  const before = clock;
  clock = ms;
  try {
    return fn();
  } finally {
    clock = before;
  }
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?(Z|([+-])(\d{2}):?(\d{2}))?$/i;

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

/**
 * Parses an OData/ISO date string; without a zone the value is taken as UTC, as SharePoint's REST API
 * does. Each part is checked, so an impossible date (31 February, 31 April, hour 24) is refused rather
 * than rolled over as Date.parse would, and years below 100 are not read as 19xx.
 */
export function parseDate(text: string): number | undefined {
  const m = DATE_PATTERN.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
  const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
  if (offsetHours > 14 || offsetMinutes > 59) return undefined;
  const fraction = m[7] ? Math.floor(Number(`0${m[7]}`) * 1000) : 0;
  const utc = new Date(0);
  // setUTCFullYear keeps years 0-99 as they are (Date.UTC would add 1900).
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, fraction);
  const sign = m[9] === '-' ? -1 : 1;
  const ms = utc.getTime() - sign * (offsetHours * 60 + offsetMinutes) * 60000;
  if (Number.isNaN(ms) || ms < MIN_DATE || ms > MAX_DATE) return undefined;
  return ms;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: SITE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function localFields(ms: number): { y: number; m: number; d: number; h: number; min: number; s: number } {
  const parts: Record<string, number> = {};
  for (const p of londonParts.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { y: parts.year, m: parts.month, d: parts.day, h: parts.hour, min: parts.minute, s: parts.second };
}

/** Offset of site local time from UTC at an instant, in milliseconds (0 in winter, 1 h in summer). */
function offsetAt(ms: number): number {
  const f = localFields(ms);
  return Date.UTC(f.y, f.m - 1, f.d, f.h, f.min, f.s) - Math.floor(ms / 1000) * 1000;
}

/**
 * A "date only" column keeps midnight of the site's local date: the value is reduced to its
 * Europe/London calendar date and stored as the UTC instant of that local midnight, so
 * 2026-07-01T12:00:00Z reads back as 2026-06-30T23:00:00Z and 2026-01-15T12:00:00Z as 2026-01-15T00:00:00Z.
 */
export function toSiteMidnight(ms: number): number {
  const f = localFields(ms);
  const guess = Date.UTC(f.y, f.m - 1, f.d);
  // Local midnight is guess minus the offset in force at that moment (try the offset either side of it).
  const first = guess - offsetAt(guess);
  return guess - offsetAt(first);
}

/**
 * The UTC instant of a wall-clock time in the site's time zone (Europe/London), as SharePoint reads a
 * date typed into a form; undefined for a date or time that does not exist or is out of SharePoint's range.
 */
export function fromSiteLocal(year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number | undefined {
  if (!Number.isInteger(year) || year < 1900 || year > 8900 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) return undefined;
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = guess - offsetAt(guess);
  const ms = guess - offsetAt(first);
  if (Number.isNaN(ms) || ms < MIN_DATE || ms > MAX_DATE) return undefined;
  return ms;
}

/** The form-digest timestamp SharePoint appends to a digest value ("25 Nov 2025 21:31:00 -0000"). */
export function digestTimestamp(ms: number): string {
  const d = new Date(ms);
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} -0000`;
}

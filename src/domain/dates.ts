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

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Takes the date part of an ISO date or date-time ("2026-03-31T00:00:00Z" → "2026-03-31"). */
export function toIsoDate(value: string | Date): IsoDate {
  if (value instanceof Date) {
    return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
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
  const [year, month, day] = iso.split('-').map(Number);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/** "2026-11-25T14:05:00Z" → "25 November 2026 at 14:05" in UK local time. */
export function formatUkDateTime(value: string | undefined | null): string {
  if (!value) return '';
  const date = new Date(value);
  if (isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  }).formatToParts(date);
  const part = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${Number(part('day'))} ${part('month')} ${part('year')} at ${part('hour')}:${part('minute')}`;
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const b = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
  return Math.round((b - a) / 86400000);
}

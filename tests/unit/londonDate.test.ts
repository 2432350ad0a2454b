import { dateOnlyFromSp } from '../../src/data/fieldValues';
import { formatUkDateTime, londonCalendarDate } from '../../src/domain/dates';

const viaIntl = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' });
const timeViaIntl = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit', hour12: false });

describe('the London calendar date of a SharePoint date', () => {
  it('agrees with the time zone database for every day from 2000 to 2099, around midnight and the clock changes', () => {
    const differences: string[] = [];
    for (let t = Date.UTC(2000, 0, 1); t < Date.UTC(2100, 0, 1); t += 86400000) {
      // Midnight in summer arrives as 23:00Z the day before; the clocks change at 01:00Z.
      for (const minutes of [0, 59, 60, 61, 22 * 60 + 59, 23 * 60, 23 * 60 + 1]) {
        const instant = new Date(t + minutes * 60000);
        if (londonCalendarDate(instant) !== viaIntl.format(instant)) differences.push(instant.toISOString());
        if (!formatUkDateTime(instant.toISOString()).endsWith(` at ${timeViaIntl.format(instant)}`)) differences.push(`${instant.toISOString()} time`);
      }
    }
    expect(differences).toEqual([]);
  });

  it('reads what SharePoint sends for 1 July and 1 January as those dates', () => {
    expect(dateOnlyFromSp('2025-06-30T23:00:00Z')).toBe('2025-07-01');
    expect(dateOnlyFromSp('2026-01-01T00:00:00Z')).toBe('2026-01-01');
    expect(dateOnlyFromSp('not a date')).toBeUndefined();
    expect(dateOnlyFromSp(null)).toBeUndefined();
  });

  it('says a moment in UK local time, the way a council writes it', () => {
    expect(formatUkDateTime('2026-11-25T14:05:00Z')).toBe('25 November 2026 at 14:05');
    expect(formatUkDateTime('2026-07-01T08:30:00Z')).toBe('1 July 2026 at 09:30');
    expect(formatUkDateTime('2026-03-29T00:59:00Z')).toBe('29 March 2026 at 00:59');
    expect(formatUkDateTime('2026-03-29T01:00:00Z')).toBe('29 March 2026 at 02:00');
    expect(formatUkDateTime('2026-10-25T00:59:00Z')).toBe('25 October 2026 at 01:59');
    expect(formatUkDateTime('2026-10-25T01:00:00Z')).toBe('25 October 2026 at 01:00');
  });
});

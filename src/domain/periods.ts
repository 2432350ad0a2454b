import { IsoDate } from './dates';
import type { SignOffState } from './signOff';

/**
 * Assessment periods are council financial years, 1 April to 31 March, named as councils write
 * them: "2025/26".
 */

const PERIOD_NAME = /^(\d{4})\/(\d{2})$/;

export function isPeriodName(name: string): boolean {
  const match = PERIOD_NAME.exec(name);
  if (!match) return false;
  return (Number(match[1]) + 1) % 100 === Number(match[2]);
}

export function periodNameForYear(startYear: number): string {
  const end = (startYear + 1) % 100;
  return `${startYear}/${end < 10 ? '0' : ''}${end}`;
}

/** The financial year a date falls in: 31 March 2026 is in 2025/26, 1 April 2026 in 2026/27. */
export function periodNameForDate(date: IsoDate): string {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return periodNameForYear(month >= 4 ? year : year - 1);
}

export function periodStartYear(name: string): number {
  if (!isPeriodName(name)) throw new Error(`"${name}" is not a financial year such as 2025/26`);
  return Number(name.slice(0, 4));
}

export function periodDates(name: string): { start: IsoDate; end: IsoDate } {
  const year = periodStartYear(name);
  return { start: `${year}-04-01`, end: `${year + 1}-03-31` };
}

export function nextPeriodName(name: string): string {
  return periodNameForYear(periodStartYear(name) + 1);
}

/** Newest first, the order people look for periods in. */
export function comparePeriodsNewestFirst(a: string, b: string): number {
  // Names are "2025/26": plain text order is year order (and far cheaper than a locale-aware compare).
  return a < b ? 1 : a > b ? -1 : 0;
}

/** A financial year as the Assessment periods list holds it. */
export interface PeriodRecord {
  id?: number;
  name: string;
  startDate: IsoDate;
  endDate: IsoDate;
  frameworkId: string;
  frameworkVersion: string;
  created?: string;
  etag?: string;
}

/** One financial year's assessment and where it stands in sign-off (worked out from the logs). */
export interface AssessmentPeriod extends PeriodRecord, SignOffState {}

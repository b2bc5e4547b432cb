/**
 * Days for usage and the daily budget, in the home's time zone: "today" for a household is its
 * own calendar day, not UTC's.
 */
import { resolveTimeZone, wallClockParts, wallTimeToInstant } from '../time-zone.js';

/** Where "today" comes from; `timeZone` is the home's (undefined or invalid → UTC). */
export interface UsageClock {
  now(): Date;
  timeZone(): string | undefined;
}

/** YYYY-MM-DD of `date` in the zone. */
export function dayKey(date: Date, timeZone: string | undefined): string {
  const p = wallClockParts(date, resolveTimeZone(timeZone));
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The day `offset` days from `day` (negative: earlier), as YYYY-MM-DD. */
export function shiftDay(day: string, offset: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

/** The instant a local day starts (midnight in the zone; the first instant of it across DST changes). */
export function startOfDay(day: string, timeZone: string | undefined): Date {
  const zone = resolveTimeZone(timeZone);
  const midnightUtc = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return new Date(wallTimeToInstant(midnightUtc, zone));
}

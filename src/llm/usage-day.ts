/**
 * Days for usage and the daily budget, in the home's time zone: "today" for a household is its
 * own calendar day, not UTC's.
 */

/** Where "today" comes from; `timeZone` is the home's (undefined or invalid → UTC). */
export interface UsageClock {
  now(): Date;
  timeZone(): string | undefined;
}

/** The zone to use: the given one when valid, else UTC. */
export function resolveTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

function parts(date: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  for (const part of format.formatToParts(date)) if (part.type !== 'literal') out[part.type] = Number(part.value);
  return out;
}

/** YYYY-MM-DD of `date` in the zone. */
export function dayKey(date: Date, timeZone: string | undefined): string {
  const p = parts(date, resolveTimeZone(timeZone));
  return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The day `offset` days from `day` (negative: earlier), as YYYY-MM-DD. */
export function shiftDay(day: string, offset: number): string {
  const date = new Date(`${day}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

/** Local wall time minus UTC at `date`, in ms. */
function zoneOffsetMs(date: Date, timeZone: string): number {
  const p = parts(date, timeZone);
  const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(date.getTime() / 1000) * 1000;
}

/** The instant a local day starts (midnight in the zone; the first instant of it across DST changes). */
export function startOfDay(day: string, timeZone: string | undefined): Date {
  const zone = resolveTimeZone(timeZone);
  const midnightUtc = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  let guess = midnightUtc - zoneOffsetMs(new Date(midnightUtc), zone);
  // A second pass settles days where the offset at UTC midnight differs from the local one.
  guess = midnightUtc - zoneOffsetMs(new Date(guess), zone);
  return new Date(guess);
}

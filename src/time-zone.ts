/** Wall-clock arithmetic in a named IANA time zone (the home's), with nothing but Intl. */

// Building an Intl.DateTimeFormat costs far more than formatting with one, and every model call
// asks for the day in the home's zone: formatters are kept, by locale and options (few of each).
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A shared Intl.DateTimeFormat; throws RangeError for an unknown time zone, like the constructor. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, format);
  }
  return format;
}

/** The zone to use: the given one when valid, else UTC. */
export function resolveTimeZone(timeZone: string | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    dateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

/** The calendar fields (year, month, day, hour, minute, second) of `date` as read on a clock in `timeZone`. */
export function wallClockParts(date: Date, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {};
  const format = dateTimeFormat('en-US', {
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

/** Local wall time minus UTC at `instant` (ms since the epoch), in ms. */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const p = wallClockParts(new Date(instant), timeZone);
  const wall = Date.UTC(p.year ?? 1970, (p.month ?? 1) - 1, p.day ?? 1, p.hour ?? 0, p.minute ?? 0, p.second ?? 0);
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall-clock time (as ms of a UTC date with the same fields) happens in `timeZone`.
 * Two passes: near a DST change the offset at the first guess can differ from the one at the answer.
 */
export function wallTimeToInstant(wallMs: number, timeZone: string): number {
  const guess = wallMs - zoneOffsetMs(wallMs, timeZone);
  return wallMs - zoneOffsetMs(guess, timeZone);
}

/** Pure formatting helpers shared by the views; every one takes the language explicitly. */

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.34524],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** "5 minutes ago" / "in 2 hours" for a timestamp; an unreadable date gives an empty string. */
export function formatRelativeTime(when: string | number, language: string, now: number = Date.now()): string {
  const time = typeof when === 'number' ? when : Date.parse(when);
  if (!Number.isFinite(time)) return '';
  let value = (time - now) / 1000;
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  for (const [unit, size] of RELATIVE_STEPS) {
    if (Math.abs(value) < size) return format.format(Math.round(value), unit);
    value /= size;
  }
  return '';
}

/** A short local date and time; an unreadable date is shown as given. */
export function formatDateTime(when: string | number, language: string): string {
  const date = new Date(when);
  if (Number.isNaN(date.getTime())) return String(when);
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A grouped integer (`12,345` / `12 345`). */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(language).format(value);
}

/** US dollars in the language's way ("$0.042", "0,04 $US"); sub-dollar amounts keep a third decimal. */
export function formatUsd(value: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'currency', currency: 'USD', maximumFractionDigits: value < 1 ? 3 : 2 }).format(value);
}

/** A calendar day (`YYYY-MM-DD`) as "Mar 4" / "4 mars". */
export function formatDay(day: string, language: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(language, { month: 'short', day: 'numeric', timeZone: 'UTC' }).format(date);
}

/** A clause the server words for use inside a sentence ("unlocking a lock…"), shown on its own: first letter up. */
export function sentenceStart(text: string, language: string): string {
  const first = text.charAt(0);
  return first ? `${first.toLocaleUpperCase(language)}${text.slice(1)}` : text;
}

/** Cuts a string to `max` characters with an ellipsis. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** A tool input shown in full (indented JSON), capped so a huge input cannot flood the page. */
export function formatToolInput(input: unknown, max = 4000): string {
  if (input === undefined) return '';
  if (typeof input === 'string') return truncate(input, max);
  let json: string | undefined;
  try {
    json = JSON.stringify(input, null, 2);
  } catch {
    json = undefined;
  }
  return truncate(json ?? String(input), max);
}

/** A one-line gist of a tool input (`entity_id: light.kitchen, brightness: 50`). */
export function summarizeToolInput(input: unknown, max = 120): string {
  if (input === null || input === undefined) return '';
  if (typeof input !== 'object') return truncate(String(input), max);
  const parts: string[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    parts.push(`${key}: ${gist(value)}`);
  }
  return truncate(parts.join(', '), max);
}

function gist(value: unknown): string {
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return value.map(gist).join(' ');
  return Object.entries(value)
    .map(([key, inner]) => `${key}=${gist(inner)}`)
    .join(' ');
}

/** Small helpers for the sentences tools write about their calls (approval summaries). */
import { t } from '../messages/messages.js';

const MAX_TEXT = 160;

/** A summary line cut to 160 characters (phone notifications and cards show no more). */
export function clipSummary(text: string): string {
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;
}

/** "a", "a and b", "a, b and c" (in `language`: "a, b et c"). */
export function joinWords(items: readonly string[], language?: string): string {
  return items.length <= 1 ? (items[0] ?? '') : t(language, 'words.and', { first: items.slice(0, -1).join(', '), last: items.at(-1) ?? '' });
}

/** A value as a person reads it in a summary: strings as they are, anything else as JSON. */
export function describeValue(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One value or a list of them, as a list. */
export function listOf<T>(value: T | readonly T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? [...(value as readonly T[])] : [value as T];
}

/** The language a panel request asks its sentences in (`?language=fr`, the HA user's), read safely. */

/** `?language=fr`: the panel's language when it is a plain BCP 47 tag; else `fallback`. */
export function requestedLanguage(query: unknown, fallback: string): string;
export function requestedLanguage(query: unknown, fallback?: string): string | undefined;
export function requestedLanguage(query: unknown, fallback?: string): string | undefined {
  return typeof query === 'string' && /^[a-z]{2,3}(-[A-Za-z]{2,4})?$/.test(query) ? query : fallback;
}

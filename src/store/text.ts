import type { ContentBlock } from '../contracts/messages.js';

/** Longest title derived from a first message, in characters (code points). */
export const TITLE_MAX = 80;

/** Lower-cases and strips accents so "Lumière" and "lumiere" match. */
export function foldForSearch(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** A LIKE pattern matching `query` anywhere, with `%`, `_` and `\` taken literally (ESCAPE '\'). */
export function containsPattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A one-line title from free text: whitespace collapsed, at most TITLE_MAX characters. */
export function titleFromText(text: string, max = TITLE_MAX): string {
  const line = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(line); // code points, so an emoji is never cut in half
  if (chars.length <= max) return line;
  return `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/** The text a person would search for in a message: its text blocks, folded. */
export function searchTextOf(blocks: readonly ContentBlock[]): string {
  return foldForSearch(
    blocks
      .filter((b): b is Extract<ContentBlock, { type: 'text' }> => b.type === 'text')
      .map((b) => b.text)
      .join('\n'),
  );
}

/** The first text block's text, when it has any non-blank text. */
export function firstText(blocks: readonly ContentBlock[]): string | undefined {
  for (const b of blocks) {
    if (b.type === 'text' && b.text.trim() !== '') return b.text;
  }
  return undefined;
}

/**
 * Whether a cover's name says it closes a passage (a gate, a garage door, a door). Many gate and
 * garage motors report no device class, or a wrong one (a relay module set up as a "shutter"),
 * so the name people gave the entity is the best evidence left.
 */

/** What a name can say a cover is. */
export type PassageKind = 'garage' | 'gate' | 'door';

// English and French words, most specific first ("porte de garage" is a garage door).
const WORDS: ReadonlyArray<readonly [string, PassageKind]> = [
  ['garage', 'garage'],
  ['portail', 'gate'],
  ['gate', 'gate'],
  ['porte', 'door'],
  ['door', 'door'],
];

// Words that end like a keyword without being one ("outdoor awning").
const NOT_PASSAGES: ReadonlySet<string> = new Set(['outdoor', 'outdoors', 'indoor', 'indoors']);

/** Lower-case ASCII words of a text: accents dropped, split on anything but letters. */
function wordsOf(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((word) => word !== '' && !NOT_PASSAGES.has(word));
}

/**
 * The passage a name or entity id speaks of, if any. A word counts when it starts or ends with a
 * keyword, so plurals and run-together ids count too: "Gates", "Portes", "garagedoor", "frontdoor".
 */
export function passageNamed(texts: readonly string[]): PassageKind | undefined {
  const words = texts.flatMap(wordsOf);
  for (const [keyword, kind] of WORDS) {
    if (words.some((word) => word.startsWith(keyword) || word.endsWith(keyword))) return kind;
  }
  return undefined;
}

/**
 * A tokenizer-free token estimate, applied identically to every row of the bench so sizes compare
 * fairly (Majordome's JSON requests and HA's YAML alike). It is not calibrated against a real
 * tokenizer: read it as a relative measure, next to the exact byte counts.
 */

/** How the estimate is made, printed under the table and saved with the results. */
export const TOKEN_ESTIMATOR_NOTE =
  'tokens ≈ word pieces: each letter run (with one leading space or underscore) counts ceil(len/8), ' +
  'each group of up to 3 digits 1, each other whitespace run 1, each run of punctuation ceil(len/2); ' +
  'no tokenizer, same rule for every row (chars/4 is saved beside it in the JSON)';

// Letter runs keep one leading space or underscore, as BPE vocabularies do (" light", "_light").
const PIECES = /[ _]?\p{L}+|\d{1,3}|\s+|[^\s\p{L}\d]+/gu;
const LETTERS = /\p{L}/u;
const DIGIT = /\d/;
const SPACE = /\s/;

/** Tokens of one piece of text under the rule of TOKEN_ESTIMATOR_NOTE. */
function piecesTokens(piece: string): number {
  const last = piece.at(-1) ?? '';
  if (LETTERS.test(last)) return Math.ceil([...piece.replace(/^[ _]/, '')].length / 8);
  if (DIGIT.test(last) || SPACE.test(last)) return 1;
  return Math.ceil(piece.length / 2);
}

/** Estimated tokens of `text` (0 for the empty string). */
export function estimateTokens(text: string): number {
  let total = 0;
  for (const match of text.matchAll(PIECES)) total += piecesTokens(match[0]);
  return total;
}

/** The crude estimate many tools use, saved for comparison. */
export function charsOver4(text: string): number {
  return Math.ceil(text.length / 4);
}

/** UTF-8 size of a string, what actually goes over the wire. */
export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

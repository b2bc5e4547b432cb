/**
 * Text folding shared by the entity index and its search: one canonical token form so that
 * "Séjour's Lamps", "sejour lamp" and "SEJOUR  lamp" compare equal.
 */

/** Words that carry no entity information in a request ("turn on the lights please"). */
const STOPWORDS = new Set([
  // English
  'a', 'an', 'the', 'my', 'our', 'your', 'his', 'her', 'their', 'me', 'i', 'you', 'we', 'us', 'it', 'its',
  'please', 'can', 'could', 'would', 'will', 'should', 'shall', 'do', 'does', 'did',
  'turn', 'on', 'off', 'set', 'to', 'in', 'into', 'of', 'at', 'for', 'from', 'by', 'with', 'and', 'or',
  'is', 'are', 'was', 'be', 'been', 'what', 'whats', 'which', 'who', 'where', 'how', 'much', 'many',
  'this', 'that', 'these', 'those', 'there', 'here', 'any', 'all', 'every', 'each', 'some',
  'tell', 'show', 'give', 'get', 'check', 'make', 'let', 'now', 'currently', 'current', 'up', 'like',
  'activate', 'deactivate', 'enable', 'disable', 'start', 'stop', 'run', 'go', 'just', 'thanks', 'thank',
  'status', 'state', 'value', 'level', 'amount', 'indicated', 'measured', 'same',
  // French
  'le', 'la', 'les', 'l', 'un', 'une', 'des', 'de', 'du', 'd', 'au', 'aux', 'dans', 'sur', 'et', 'ou',
  'mon', 'ma', 'mes', 'ton', 'ta', 'tes', 'notre', 'nos', 'votre', 'vos', 'est', 'sont',
  'allume', 'allumer', 'eteins', 'eteindre', 'mets', 'mettre', 'stp', 'svp', 'quel', 'quelle',
  'quels', 'quelles', 'il', 'elle', 'y', 'a', 'tous', 'toutes', 'tout', 'toute',
]);

/** True for words that never identify an entity. */
export function isStopword(token: string): boolean {
  return STOPWORDS.has(token);
}

/**
 * Lower-cases, strips accents, drops English possessives and HA template brackets
 * ("Trader Joe[']s" → "trader joe"), and turns all other punctuation into spaces.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[[\]]/g, '')
    .replace(/(\p{L})['’`]s\b/gu, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Reduces English (and most French) plurals to the singular; leaves short words and numbers alone. */
export function stemToken(token: string): string {
  if (token.length <= 3 || /\d/.test(token)) return token;
  if (token.endsWith('ies') && token.length > 4) return `${token.slice(0, -3)}y`;
  if (/(ss|us|is)$/.test(token)) return token;
  if (/(ches|shes|xes|sses|zes)$/.test(token)) return token.slice(0, -2);
  if (token.endsWith('s')) return token.slice(0, -1);
  return token;
}

/** Folds and splits text into stemmed tokens, stopwords included. */
export function tokenize(text: string): string[] {
  const folded = foldText(text);
  if (folded === '') return [];
  return folded.split(' ').map(stemToken);
}

/** Tokens that identify something: stopwords removed (all of them kept if nothing else is left). */
export function contentTokens(text: string): string[] {
  const tokens = tokenize(text);
  const content = tokens.filter((t) => !isStopword(t));
  return content.length > 0 ? content : tokens;
}

/**
 * Optimal-string-alignment distance (Levenshtein plus adjacent transpositions, so "lihgt" is one
 * edit from "light"). Gives up early and returns `max + 1` once the distance must exceed `max`.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** How many typos a token of this length may carry and still match (none for short words or numbers). */
export function typoBudget(token: string): number {
  if (/\d/.test(token)) return 0;
  if (token.length >= 8) return 2;
  if (token.length >= 4) return 1;
  return 0;
}

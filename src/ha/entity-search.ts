/**
 * Ranked entity search, as pure functions. Each entity becomes a bag of weighted terms (its names
 * weigh most, then area, device, domain words…); a query, often a whole sentence, is folded into
 * tokens that match terms exactly, by plural, by prefix or within a small typo budget. Rare terms
 * count more (IDF), and an entity whose whole name appears in the query gets a bonus so the thing
 * the user named comes first.
 */
import { deviceClassWords, domainWords } from './search-vocabulary.js';
import { contentTokens, editDistance, isStopword, tokenize, typoBudget } from './text-normalize.js';

/** The raw texts one entity is known by. */
export interface SearchDocInput {
  entityId: string;
  /** Friendly name, registry name, original name, aliases. */
  names: readonly string[];
  /** Area name and its aliases. */
  areaNames: readonly string[];
  floorNames: readonly string[];
  deviceNames: readonly string[];
  deviceClass?: string | undefined;
}

/** One entity, tokenised for ranking. */
export interface SearchDoc {
  entityId: string;
  /** Each name as content tokens (for the whole-name bonus). */
  names: readonly (readonly string[])[];
  /** term → best field weight among the entity's fields. */
  terms: ReadonlyMap<string, number>;
}

/** Document frequencies, vocabulary and postings of a set of docs. */
export interface SearchCorpus {
  docs: readonly SearchDoc[];
  byId: ReadonlyMap<string, SearchDoc>;
  df: ReadonlyMap<string, number>;
  /** The vocabulary (every term) by first letter: a query word is only compared with terms sharing its first letter. */
  vocabularyByInitial: ReadonlyMap<string, readonly string[]>;
  /** term → the docs holding it: a query scores only the docs that share a word with it. */
  postings: ReadonlyMap<string, readonly SearchDoc[]>;
}

/** A ranked hit. */
export interface SearchHit {
  entityId: string;
  score: number;
}

const FIELD_WEIGHT = {
  name: 1,
  area: 0.8,
  device: 0.7,
  domain: 0.6,
  floor: 0.5,
  deviceClass: 0.5,
  objectId: 0.4,
} as const;

const MATCH_QUALITY = { exact: 1, inflected: 0.8, typo1: 0.75, typo2: 0.55, prefix: 0.6 } as const;

/** Bare numbers in a request are usually amounts ("5 minutes", "50%"), rarely names ("Bedroom 2"). */
const NUMBER_WEIGHT = 0.35;

/** How much matching more of the query's meaningful words counts (Lucene's "coord"). */
const COORD_WEIGHT = 0.5;

/** How much a name's words missing from the query count against it. */
const PRECISION_WEIGHT = 0.1;

/** Share of the whole name's weight added when every word of a name is in the query. */
const WHOLE_NAME_BONUS = 1;

/** Hits scoring under this share of the best hit are noise for a sentence query. */
const RELATIVE_CUTOFF = 0.3;

function addTerms(terms: Map<string, number>, tokens: readonly string[], weight: number): void {
  for (const token of tokens) {
    if ((terms.get(token) ?? 0) < weight) terms.set(token, weight);
  }
}

/** Adds a phrase's tokens and its joined neighbours ("living room" also as "livingroom"). */
function addPhrase(terms: Map<string, number>, phrase: string, weight: number): string[] {
  const tokens = contentTokens(phrase);
  addTerms(terms, tokens, weight);
  const all = tokenize(phrase);
  for (let i = 0; i + 1 < all.length; i++) addTerms(terms, [`${all[i]}${all[i + 1]}`], weight);
  return tokens;
}

/** Tokenises one entity for ranking. */
export function buildSearchDoc(input: SearchDocInput): SearchDoc {
  const terms = new Map<string, number>();
  const [domain = '', objectId = ''] = input.entityId.split('.', 2);
  addTerms(terms, tokenize(objectId.replace(/_/g, ' ')), FIELD_WEIGHT.objectId);
  addTerms(terms, domainWords(domain).flatMap((w) => tokenize(w)), FIELD_WEIGHT.domain);
  if (input.deviceClass) {
    addTerms(terms, deviceClassWords(input.deviceClass).flatMap((w) => tokenize(w)), FIELD_WEIGHT.deviceClass);
  }
  for (const floor of input.floorNames) addPhrase(terms, floor, FIELD_WEIGHT.floor);
  for (const device of input.deviceNames) addPhrase(terms, device, FIELD_WEIGHT.device);
  for (const area of input.areaNames) addPhrase(terms, area, FIELD_WEIGHT.area);
  const names = input.names.filter((n) => n.trim() !== '').map((n) => addPhrase(terms, n, FIELD_WEIGHT.name));
  return { entityId: input.entityId, names: names.filter((n) => n.length > 0), terms };
}

/** Counts document frequencies once per index change. */
export function buildCorpus(docs: readonly SearchDoc[]): SearchCorpus {
  const postings = new Map<string, SearchDoc[]>();
  for (const doc of docs) {
    for (const term of doc.terms.keys()) {
      const list = postings.get(term);
      if (list) list.push(doc);
      else postings.set(term, [doc]);
    }
  }
  const df = new Map([...postings].map(([term, list]) => [term, list.length]));
  const vocabularyByInitial = new Map<string, string[]>();
  for (const term of df.keys()) {
    const bucket = vocabularyByInitial.get(term[0] ?? '');
    if (bucket) bucket.push(term);
    else vocabularyByInitial.set(term[0] ?? '', [term]);
  }
  return { docs, byId: new Map(docs.map((doc) => [doc.entityId, doc])), df, vocabularyByInitial, postings };
}

/** Query tokens worth matching: folded, stemmed, deduplicated, minus stopwords and verb uses of "switch". */
export function queryTokens(query: string): string[] {
  const tokens = tokenize(query);
  const kept = tokens.filter((token, i) => {
    if (isStopword(token)) return false;
    // "switch on the lights": "switch" is the verb, not the domain.
    if (token === 'switch' && ['on', 'off'].includes(tokens[i + 1] ?? tokens[i - 1] ?? '')) return false;
    return true;
  });
  return [...new Set(kept)];
}

/** Vocabulary terms a query token may stand for, with how well each matches. */
export function expandToken(token: string, vocabulary: readonly string[]): Map<string, number> {
  const out = new Map<string, number>([[token, MATCH_QUALITY.exact]]);
  const budget = typoBudget(token);
  for (const term of vocabulary) {
    if (term === token || term[0] !== token[0]) continue;
    let quality = 0;
    if (token.length >= 4 && term.length > token.length && term.startsWith(token)) quality = MATCH_QUALITY.prefix;
    // An inflected query word ("vacuuming", "locked") against its stem in the home's words.
    if (term.length >= 4 && token.length > term.length && token.length <= term.length + 3 && token.startsWith(term)) {
      quality = MATCH_QUALITY.inflected;
    }
    const max = Math.min(budget, typoBudget(term));
    if (max > 0) {
      const distance = editDistance(token, term, max);
      if (distance === 1) quality = Math.max(quality, MATCH_QUALITY.typo1);
      else if (distance === 2 && max >= 2) quality = Math.max(quality, MATCH_QUALITY.typo2);
    }
    if (quality > 0) out.set(term, quality);
  }
  return out;
}

function firstKey(map: ReadonlyMap<string, number>): string {
  return map.keys().next().value ?? '';
}

function scaleQualities(candidates: ReadonlyMap<string, number>, factor: number): Map<string, number> {
  return new Map([...candidates].map(([term, quality]) => [term, quality * factor]));
}

function idf(corpus: SearchCorpus, term: string): number {
  const df = corpus.df.get(term) ?? 0;
  return Math.log(1 + (corpus.docs.length + 1) / (df + 1));
}

function scoreDoc(
  doc: SearchDoc,
  expanded: readonly Map<string, number>[],
  covered: ReadonlySet<string>,
  corpus: SearchCorpus,
): number {
  let score = 0;
  let matched = 0;
  for (const candidates of expanded) {
    let best = 0;
    for (const [term, quality] of candidates) {
      const weight = doc.terms.get(term);
      if (weight !== undefined) best = Math.max(best, weight * quality * idf(corpus, term));
    }
    if (best > 0) matched++;
    score += best;
  }
  if (score === 0) return 0;
  let bonus = 0;
  let precision = 0;
  for (const name of doc.names) {
    const inQuery = name.filter((t) => covered.has(t)).length;
    precision = Math.max(precision, inQuery / name.length);
    if (inQuery === name.length) {
      bonus = Math.max(bonus, WHOLE_NAME_BONUS * name.reduce((sum, t) => sum + idf(corpus, t), 0));
    }
  }
  const coord = 1 - COORD_WEIGHT + (COORD_WEIGHT * matched) / expanded.length;
  // Among equals, the name with fewer words left unsaid wins ("Kitchen Light" over "Kitchen 10 Light").
  return (score + bonus) * coord * (1 - PRECISION_WEIGHT + PRECISION_WEIGHT * precision);
}

/**
 * Ranks the corpus's docs that `keep` accepts (default: all) against a free-text query. Returns
 * hits best first, without near-zero noise, at most `limit`.
 */
export function rankEntities(corpus: SearchCorpus, query: string, limit: number, keep: (doc: SearchDoc) => boolean = () => true): SearchHit[] {
  const exact = corpus.byId.get(query.trim().toLowerCase());
  if (exact && keep(exact)) return [{ entityId: exact.entityId, score: Number.POSITIVE_INFINITY }];
  const tokens = queryTokens(query);
  if (tokens.length === 0) return [];
  // Only words the home knows in some form take part; the rest of a sentence is noise.
  const expanded = tokens
    .map((t) => expandToken(t, corpus.vocabularyByInitial.get(t[0] ?? '') ?? []))
    .filter((candidates) => [...candidates.keys()].some((term) => corpus.df.has(term)))
    .map((candidates) => (/^\d+$/.test(firstKey(candidates)) ? scaleQualities(candidates, NUMBER_WEIGHT) : candidates));
  if (expanded.length === 0) return [];
  const covered = new Set(expanded.flatMap((e) => [...e.keys()]));
  // A doc sharing no term with the query scores 0: only the postings of the query's terms are read.
  const matching = new Set<SearchDoc>();
  for (const term of covered) for (const doc of corpus.postings.get(term) ?? []) if (keep(doc)) matching.add(doc);
  const hits: SearchHit[] = [];
  for (const doc of matching) {
    const score = scoreDoc(doc, expanded, covered, corpus);
    if (score > 0) hits.push({ entityId: doc.entityId, score });
  }
  hits.sort((a, b) => b.score - a.score || a.entityId.localeCompare(b.entityId));
  const top = hits[0]?.score ?? 0;
  return hits.filter((h) => h.score >= top * RELATIVE_CUTOFF).slice(0, limit);
}

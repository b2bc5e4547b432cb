/** Turns mail_search input into IMAP SEARCH criteria (one set per word: the results are intersected). */
import type { SearchObject } from 'imapflow';

/** The filters of mail_search. */
export interface MailSearchFilters {
  query?: string;
  from?: string;
  unseen?: boolean;
  since?: string;
}

/** More words than this are ignored: each one costs a SEARCH round trip. */
export const MAX_QUERY_WORDS = 6;

/** Words and "quoted phrases" of a query, at most MAX_QUERY_WORDS. */
export function queryTerms(query: string | undefined): string[] {
  if (!query) return [];
  const terms: string[] = [];
  for (const match of query.matchAll(/"([^"]+)"|(\S+)/g)) {
    const term = (match[1] ?? match[2] ?? '').trim();
    if (term && !terms.includes(term)) terms.push(term);
  }
  return terms.slice(0, MAX_QUERY_WORDS);
}

/**
 * The SEARCH criteria to run; a message matches when it matches all of them. IMAP's TEXT
 * looks for one substring, so each word of the query gets its own search.
 */
export function buildSearchCriteria(filters: MailSearchFilters): SearchObject[] {
  const base: SearchObject = {};
  if (filters.from) base.from = filters.from;
  if (filters.unseen !== undefined) base.seen = !filters.unseen;
  if (filters.since) base.since = new Date(filters.since);
  const terms = queryTerms(filters.query);
  if (terms.length === 0) return [Object.keys(base).length ? base : { all: true }];
  return terms.map((text, i) => (i === 0 ? { ...base, text } : { text }));
}

/** UIDs present in every list, newest (highest) first. */
export function intersectUids(lists: readonly (readonly number[])[]): number[] {
  const [first, ...rest] = lists;
  if (!first) return [];
  const sets = rest.map((list) => new Set(list));
  return first.filter((uid) => sets.every((set) => set.has(uid))).sort((a, b) => b - a);
}

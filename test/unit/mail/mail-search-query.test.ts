import { describe, expect, it } from 'vitest';
import { buildSearchCriteria, intersectUids, MAX_QUERY_WORDS, queryTerms } from '../../../src/mail/search-query.js';

describe('mail search criteria', () => {
  it('splits a query into words and keeps quoted phrases together', () => {
    expect(queryTerms('invoice "direct debit"  march invoice')).toEqual(['invoice', 'direct debit', 'march']);
    expect(queryTerms(undefined)).toEqual([]);
    expect(queryTerms(Array.from({ length: 10 }, (_, i) => `w${i}`).join(' '))).toHaveLength(MAX_QUERY_WORDS);
  });

  it('puts the filters on the first search and one word on each', () => {
    expect(buildSearchCriteria({ query: 'school trip', from: 'ecole', unseen: true, since: '2025-03-01' })).toEqual([
      { from: 'ecole', seen: false, since: new Date('2025-03-01'), text: 'school' },
      { text: 'trip' },
    ]);
  });

  it('searches everything when nothing is asked, and read mail for unseen=false', () => {
    expect(buildSearchCriteria({})).toEqual([{ all: true }]);
    expect(buildSearchCriteria({ unseen: false })).toEqual([{ seen: true }]);
  });

  it('keeps the UIDs found by every search, newest first', () => {
    expect(intersectUids([[1, 4, 7, 9], [9, 4, 2], [4, 9]])).toEqual([9, 4]);
    expect(intersectUids([])).toEqual([]);
    expect(intersectUids([[3, 1, 2]])).toEqual([3, 2, 1]);
  });
});

/**
 * Combining the facts a tool declared about a call (tools/call-facts.ts) into the records rules
 * are matched against.
 */
import type { CallFacts, FactRecord } from '../../tools/call-facts.js';

export type { CallFacts, FactRecord } from '../../tools/call-facts.js';

/** Past this many combinations the call is not judged item by item: it asks. */
export const MAX_FACT_RECORDS = 1000;

/** Every combination of `base` with one item of each group; undefined when there are too many. */
export function expandFacts(facts: CallFacts): FactRecord[] | undefined {
  let records: FactRecord[] = [facts.base];
  for (const group of facts.groups) {
    if (group.length === 0) continue;
    if (records.length * group.length > MAX_FACT_RECORDS) return undefined;
    records = records.flatMap((record) => group.map((item) => ({ ...record, ...item })));
  }
  return records;
}

/**
 * Facts about one call, as rules see them. A call acting on several things (entities, e-mail
 * recipients, temperatures) is judged once per combination, and the strictest verdict wins: a
 * call touching a light and a lock is treated like the lock.
 */

/** One combination of facts; a missing key means the fact does not apply. */
export type FactRecord = Readonly<Record<string, string>>;

/** Everything the policy knows about a call. */
export interface CallFacts {
  /** Facts of the whole call (tool kind, service…). */
  base: Record<string, string>;
  /** Lists of alternatives judged one at a time (targets, recipients, temperatures); empty lists are ignored. */
  groups: ReadonlyArray<readonly FactRecord[]>;
  /** Set when the call must be refused whatever the rules say (an entity outside entity_access). */
  refusal?: string;
  /** Which check refused, for the audit log; `entity_access` when not set. */
  refusedBy?: string;
}

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

import type { HaCompressedHistoryRow } from '../../ha/ha-types.js';

/** One state change as the model sees it. */
export interface StateChange {
  state: string;
  at: string;
}

/** The compact history of one entity. */
export interface CompactHistory {
  changes: StateChange[];
  /** Changes left out (the oldest ones) to keep the answer short. */
  omitted?: number;
  /** For numeric states: the spread over the whole period. */
  stats?: { min: number; max: number; mean: number };
}

/** Epoch seconds → ISO time without milliseconds. */
function isoSeconds(epochSeconds: number): string {
  return new Date(Math.round(epochSeconds * 1000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Keeps only real state changes (not attribute-only updates), newest `cap`, plus numeric stats. */
export function compactHistory(rows: readonly HaCompressedHistoryRow[], cap: number): CompactHistory {
  const changes: StateChange[] = [];
  for (const row of rows) {
    const at = row.lc ?? row.lu;
    if (at === undefined) continue;
    if (changes.at(-1)?.state === row.s) continue;
    changes.push({ state: row.s, at: isoSeconds(at) });
  }
  const out: CompactHistory = { changes: changes.slice(-cap) };
  if (changes.length > cap) out.omitted = changes.length - cap;
  const numbers = changes.map((c) => Number(c.state)).filter((n) => Number.isFinite(n));
  if (numbers.length > 1 && numbers.length === changes.length) {
    const sum = numbers.reduce((a, b) => a + b, 0);
    out.stats = { min: Math.min(...numbers), max: Math.max(...numbers), mean: Math.round((sum / numbers.length) * 100) / 100 };
  }
  return out;
}

/**
 * The recorder: every state the sim ever had, answered in the compressed format of
 * `history/history_during_period` (HA's recorder `get_significant_states(compressed=True)`).
 */
import type { EventBus } from './event-bus.js';
import type { SimHistoryEntry, SimState } from './home.js';
import { toEpochSeconds } from './ids.js';
import type { StateChangedData } from './state-store.js';

/** Domains whose attribute-only changes are significant (HA's SIGNIFICANT_DOMAINS). */
const SIGNIFICANT_DOMAINS = new Set(['climate', 'device_tracker', 'humidifier', 'thermostat', 'water_heater']);
/** Domains that keep attributes even with no_attributes/minimal_response (NEED_ATTRIBUTE_DOMAINS). */
const NEED_ATTRIBUTE_DOMAINS = new Set(['climate', 'humidifier', 'input_datetime', 'thermostat', 'water_heater']);

/** One compressed history row. */
export interface HistoryRow {
  s: string;
  a?: Record<string, unknown>;
  lu: number;
  lc?: number;
}

/** Options of `history/history_during_period`, already parsed. */
export interface HistoryQuery {
  start: Date;
  end: Date;
  entityIds: string[];
  includeStartTimeState: boolean;
  significantChangesOnly: boolean;
  minimalResponse: boolean;
  noAttributes: boolean;
}

function domainOf(entityId: string): string {
  return entityId.split('.', 1)[0] ?? '';
}

function toRow(entry: SimHistoryEntry, keepAttributes: boolean): HistoryRow {
  const row: HistoryRow = keepAttributes
    ? { s: entry.state, a: entry.attributes, lu: toEpochSeconds(entry.last_updated) }
    : { s: entry.state, lu: toEpochSeconds(entry.last_updated) };
  if (entry.last_changed !== entry.last_updated) row.lc = toEpochSeconds(entry.last_changed);
  return row;
}

export class HistoryRecorder {
  private readonly rows = new Map<string, SimHistoryEntry[]>();

  constructor(seed: Record<string, SimHistoryEntry[]> | undefined, initial: readonly SimState[]) {
    for (const [entityId, entries] of Object.entries(seed ?? {})) this.rows.set(entityId, entries.map((e) => ({ ...e })));
    for (const state of initial) this.record(state);
  }

  /** Starts recording every state change on the bus; returns the stop function. */
  attach(bus: EventBus): () => void {
    return bus.on('state_changed', (event) => {
      const change = event.data as StateChangedData;
      if (change.new_state) this.record(change.new_state);
    });
  }

  private record(state: SimState): void {
    const list = this.rows.get(state.entity_id) ?? [];
    list.push({
      state: state.state,
      attributes: state.attributes,
      last_changed: state.last_changed,
      last_updated: state.last_updated,
    });
    this.rows.set(state.entity_id, list);
  }

  query(q: HistoryQuery): Record<string, HistoryRow[]> {
    const out: Record<string, HistoryRow[]> = {};
    const startMs = q.start.getTime();
    const endMs = q.end.getTime();
    for (const entityId of q.entityIds) {
      const entries = this.rows.get(entityId) ?? [];
      const domain = domainOf(entityId);
      const keepAttributes = !q.noAttributes || NEED_ATTRIBUTE_DOMAINS.has(domain);
      const rows: HistoryRow[] = [];
      if (q.includeStartTimeState) {
        const before = entries.filter((e) => Date.parse(e.last_updated) < startMs).at(-1);
        // HA reports the state in force at start_time with start_time as its timestamp.
        if (before) rows.push({ ...toRow(before, keepAttributes), lu: startMs / 1000, lc: undefined });
      }
      for (const entry of entries) {
        const t = Date.parse(entry.last_updated);
        if (t < startMs || t >= endMs) continue;
        const stateChanged = entry.last_changed === entry.last_updated;
        if (q.significantChangesOnly && !stateChanged && !SIGNIFICANT_DOMAINS.has(domain)) continue;
        if (q.minimalResponse && rows.length > 0 && !NEED_ATTRIBUTE_DOMAINS.has(domain)) {
          rows.push({ s: entry.state, lu: toEpochSeconds(entry.last_changed) });
        } else {
          rows.push(toRow(entry, keepAttributes));
        }
      }
      for (const row of rows) if (row.lc === undefined) delete row.lc;
      if (rows.length > 0) out[entityId] = rows;
    }
    return out;
  }
}

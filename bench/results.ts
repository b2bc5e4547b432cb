/** The shape of bench-results/latest.json. */
import type { FindMeasurement } from './find-latency.js';
import type { RssMeasurement } from './idle-rss.js';
import type { MachineFacts } from './machine.js';
import type { PromptRow } from './prompt-size.js';
import type { TurnMeasurement } from './turn-overhead.js';

/** A target checked against a measurement. INFO rows have no target. */
export interface Check {
  name: string;
  target: string;
  value: string;
  verdict: 'PASS' | 'WARN' | 'INFO';
}

/** Overhead of one home size. */
export type OverheadRow = { entities: number } & Omit<TurnMeasurement, 'sample_turn_requests'>;

/** Everything one bench run measured. */
export interface BenchResults {
  schema: 1;
  generated_at: string;
  duration_s: number;
  machine: MachineFacts;
  load_average_1m_at_end: number;
  /** The reference workload again when the bench ended (absent in older results). */
  reference_workload_ms_at_end?: number;
  settings: {
    home_sizes: number[];
    home_seed: number;
    warmup_turns: number;
    measured_turns: number;
    search_iterations: number;
    rss_home_sizes: number[];
    rss_idle_s: number;
  };
  token_estimator: string;
  prompt: { scenario: string; rows: PromptRow[]; prefix_identical_across_homes: boolean };
  overhead: OverheadRow[];
  search: FindMeasurement & { entities: number };
  rss: Array<{ entities: number } & RssMeasurement>;
  server_command: { label: string; note?: string };
  checks: Check[];
}

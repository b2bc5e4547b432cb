import type BetterSqlite3 from 'better-sqlite3';

/** What one model call used, and what it counts for. */
export interface UsageRecord {
  at: Date;
  /** YYYY-MM-DD in the home's time zone. */
  day: string;
  provider: string;
  model: string;
  purpose: 'answer' | 'summary';
  conversationId?: string | undefined;
  turnId?: string | undefined;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** Summed token counts. */
export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** Model calls. */
  calls: number;
}

/** Totals of one model on one day. */
export interface DayModelTotals extends UsageTotals {
  day: string;
  provider: string;
  model: string;
}

interface TotalsRow {
  day: string;
  provider: string;
  model: string;
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  calls: number;
}

function count(n: number): number {
  return Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

/** Model usage, one row per call; read back as per-day, per-model totals. */
export class UsageStore {
  readonly #insert: BetterSqlite3.Statement;
  readonly #totals: BetterSqlite3.Statement<[string, string], TotalsRow>;
  readonly #turns: BetterSqlite3.Statement<[string, string], { day: string; turns: number }>;

  constructor(db: BetterSqlite3.Database) {
    this.#insert = db.prepare(
      `INSERT INTO model_usage (at, day, provider, model, purpose, conversation_id, turn_id,
         input_tokens, output_tokens, cache_read_tokens, cache_write_tokens)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.#totals = db.prepare(
      `SELECT day, provider, model, SUM(input_tokens) AS input_tokens, SUM(output_tokens) AS output_tokens,
         SUM(cache_read_tokens) AS cache_read_tokens, SUM(cache_write_tokens) AS cache_write_tokens, COUNT(*) AS calls
       FROM model_usage WHERE day BETWEEN ? AND ? GROUP BY day, provider, model ORDER BY day DESC, model`,
    );
    this.#turns = db.prepare(
      `SELECT day, COUNT(DISTINCT turn_id) AS turns FROM model_usage
       WHERE day BETWEEN ? AND ? AND purpose = 'answer' GROUP BY day`,
    );
  }

  /** Stores one call; negative or non-numeric counts are stored as 0 rather than refused. */
  record(row: UsageRecord): void {
    this.#insert.run(
      row.at.toISOString(),
      row.day,
      row.provider,
      row.model,
      row.purpose,
      row.conversationId ?? null,
      row.turnId ?? null,
      count(row.inputTokens),
      count(row.outputTokens),
      count(row.cacheReadTokens),
      count(row.cacheWriteTokens),
    );
  }

  /** Per day and model for days from `fromDay` to `toDay` (inclusive, YYYY-MM-DD), newest day first. */
  totalsByDay(fromDay: string, toDay: string): DayModelTotals[] {
    return this.#totals.all(fromDay, toDay).map((r) => ({
      day: r.day,
      provider: r.provider,
      model: r.model,
      inputTokens: r.input_tokens,
      outputTokens: r.output_tokens,
      cacheReadTokens: r.cache_read_tokens,
      cacheWriteTokens: r.cache_write_tokens,
      calls: r.calls,
    }));
  }

  /** Agent turns that called the model, per day. */
  turnsByDay(fromDay: string, toDay: string): Map<string, number> {
    return new Map(this.#turns.all(fromDay, toDay).map((r) => [r.day, r.turns]));
  }
}

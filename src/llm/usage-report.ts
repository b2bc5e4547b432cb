/**
 * What `GET /api/usage` answers: today's and the last 30 days' usage, per day and per model,
 * with estimated costs and the budget. Built from the store's totals by a pure function.
 */
import type { DayModelTotals } from '../store/usage.js';
import { tokensOf, type BudgetState } from './budget.js';
import type { PriceTable } from './prices.js';
import { resolveTimeZone } from '../time-zone.js';
import { dayKey, shiftDay, startOfDay, type UsageClock } from './usage-day.js';

/** Days reported, today included. */
export const USAGE_REPORT_DAYS = 30;

/** Token counts and cost on the wire. */
export interface UsageTotalsView {
  input_tokens: number;
  output_tokens: number;
  cache_read_tokens: number;
  cache_write_tokens: number;
  /** Model calls. */
  calls: number;
  /** Estimated USD of the priced models. */
  cost_usd: number;
  /** Tokens of models without a known price (not in cost_usd). */
  unpriced_tokens: number;
}

/** One model's share. */
export interface ModelUsageView extends UsageTotalsView {
  provider: string;
  model: string;
  /** False when the model has no price (add it to model_prices). */
  priced: boolean;
}

/** One day. */
export interface DayUsageView extends UsageTotalsView {
  day: string;
  /** Agent turns that called the model. */
  turns: number;
}

/** The budget on the wire; a cap not set is null. */
export interface BudgetView {
  usd: number | null;
  tokens: number | null;
  spent_usd: number;
  spent_tokens: number;
  reached: boolean;
  reached_by?: 'usd' | 'tokens';
  resets_at: string;
}

/** `GET /api/usage`. */
export interface UsageReport {
  time_zone: string;
  today: DayUsageView & { since: string; models: ModelUsageView[] };
  /** Days with any use, newest first, today included. */
  days: DayUsageView[];
  /** Over the whole period. */
  models: ModelUsageView[];
  budget: BudgetView;
}

function emptyTotals(): UsageTotalsView {
  return { input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, calls: 0, cost_usd: 0, unpriced_tokens: 0 };
}

function add(into: UsageTotalsView, row: DayModelTotals, prices: PriceTable): void {
  into.input_tokens += row.inputTokens;
  into.output_tokens += row.outputTokens;
  into.cache_read_tokens += row.cacheReadTokens;
  into.cache_write_tokens += row.cacheWriteTokens;
  into.calls += row.calls;
  const cost = prices.costOf(row.model, row);
  if (cost === undefined) into.unpriced_tokens += tokensOf(row);
  else into.cost_usd += cost;
}

function byModel(rows: readonly DayModelTotals[], prices: PriceTable): ModelUsageView[] {
  const models = new Map<string, ModelUsageView>();
  for (const row of rows) {
    const key = `${row.provider}\u0000${row.model}`;
    let view = models.get(key);
    if (!view) {
      view = { provider: row.provider, model: row.model, priced: prices.priceOf(row.model) !== undefined, ...emptyTotals() };
      models.set(key, view);
    }
    add(view, row, prices);
  }
  return [...models.values()].sort((a, b) => b.cost_usd - a.cost_usd || b.calls - a.calls);
}

function budgetView(state: BudgetState): BudgetView {
  return {
    usd: state.limits.usd ?? null,
    tokens: state.limits.tokens ?? null,
    spent_usd: state.spentUsd,
    spent_tokens: state.spentTokens,
    reached: state.reached,
    ...(state.reachedBy && { reached_by: state.reachedBy }),
    resets_at: state.resetsAt.toISOString(),
  };
}

/** Everything the report is built from. */
export interface UsageReportInput {
  today: string;
  timeZone: string;
  /** Totals of the period, any order. */
  rows: readonly DayModelTotals[];
  turns: ReadonlyMap<string, number>;
  prices: PriceTable;
  budget: BudgetState;
}

/** The report; pure. */
export function buildUsageReport(input: UsageReportInput): UsageReport {
  const days = new Map<string, DayUsageView>();
  for (const row of input.rows) {
    let view = days.get(row.day);
    if (!view) {
      view = { day: row.day, turns: input.turns.get(row.day) ?? 0, ...emptyTotals() };
      days.set(row.day, view);
    }
    add(view, row, input.prices);
  }
  const todayRows = input.rows.filter((row) => row.day === input.today);
  const today = days.get(input.today) ?? { day: input.today, turns: 0, ...emptyTotals() };
  return {
    time_zone: input.timeZone,
    today: { ...today, since: startOfDay(input.today, input.timeZone).toISOString(), models: byModel(todayRows, input.prices) },
    days: [...days.values()].sort((a, b) => b.day.localeCompare(a.day)),
    models: byModel(input.rows, input.prices),
    budget: budgetView(input.budget),
  };
}

/** What the reporter reads. */
export interface UsageReader {
  totalsByDay(fromDay: string, toDay: string): DayModelTotals[];
  turnsByDay(fromDay: string, toDay: string): ReadonlyMap<string, number>;
}

/** Reads the store and builds the report for now. */
export function createUsageReporter(deps: { usage: UsageReader; prices: PriceTable; budget: { state(): BudgetState }; clock: UsageClock }): () => UsageReport {
  return () => {
    const timeZone = resolveTimeZone(deps.clock.timeZone());
    const today = dayKey(deps.clock.now(), timeZone);
    const from = shiftDay(today, -(USAGE_REPORT_DAYS - 1));
    return buildUsageReport({
      today,
      timeZone,
      rows: deps.usage.totalsByDay(from, today),
      turns: deps.usage.turnsByDay(from, today),
      prices: deps.prices,
      budget: deps.budget.state(),
    });
  };
}

/**
 * The daily spend cap. Before every model call the day's spend (home time zone) is compared with
 * `daily_budget_usd` and `daily_budget_tokens`; once either is reached, calls stop with
 * `budget_reached` until midnight. The check runs before each call, not only each turn, so a
 * long tool loop cannot run past the cap.
 */
import { MajordomeError } from '../errors.js';
import { formatNumber, t } from '../messages/messages.js';
import type { DayModelTotals } from '../store/usage.js';
import type { PriceTable } from './prices.js';
import { dayKey, shiftDay, startOfDay, type UsageClock } from './usage-day.js';

/** The caps; either may be absent. */
export interface BudgetLimits {
  usd?: number | undefined;
  /** All tokens: uncached input, cache reads and writes, and output. */
  tokens?: number | undefined;
}

/** Where today's spend stands. */
export interface BudgetState {
  limits: BudgetLimits;
  spentUsd: number;
  spentTokens: number;
  /** Tokens of models without a known price: not in `spentUsd`. */
  unpricedTokens: number;
  reached: boolean;
  /** Which cap was reached first. */
  reachedBy?: 'usd' | 'tokens';
  /** When the day (and so the budget) turns over. */
  resetsAt: Date;
}

/** All tokens of a totals row. */
export function tokensOf(t: Pick<DayModelTotals, 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'cacheWriteTokens'>): number {
  return t.inputTokens + t.outputTokens + t.cacheReadTokens + t.cacheWriteTokens;
}

/** Today's state from today's per-model totals; pure. */
export function evaluateBudget(today: readonly DayModelTotals[], prices: PriceTable, limits: BudgetLimits, resetsAt: Date): BudgetState {
  let spentUsd = 0;
  let spentTokens = 0;
  let unpricedTokens = 0;
  for (const row of today) {
    const tokens = tokensOf(row);
    spentTokens += tokens;
    const cost = prices.costOf(row.model, row);
    if (cost === undefined) unpricedTokens += tokens;
    else spentUsd += cost;
  }
  const byUsd = limits.usd !== undefined && spentUsd >= limits.usd;
  const byTokens = limits.tokens !== undefined && spentTokens >= limits.tokens;
  const reachedBy = byUsd ? 'usd' : byTokens ? 'tokens' : undefined;
  return { limits, spentUsd, spentTokens, unpricedTokens, reached: reachedBy !== undefined, ...(reachedBy && { reachedBy }), resetsAt };
}

function usd(language: string | undefined, n: number): string {
  return formatNumber(language, n, { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

/** What a person reads when a turn is stopped, in `language` (English by default), amounts written as that language writes them. */
export function budgetMessage(state: BudgetState, language?: string): string {
  const used =
    state.reachedBy === 'tokens'
      ? t(language, 'budget.used_tokens', { spent: formatNumber(language, state.spentTokens), limit: formatNumber(language, state.limits.tokens ?? 0) })
      : t(language, 'budget.used_usd', { spent: usd(language, state.spentUsd), limit: usd(language, state.limits.usd ?? 0) });
  const option = state.reachedBy === 'tokens' ? 'daily_budget_tokens' : 'daily_budget_usd';
  return t(language, 'budget.used_up', { used, option });
}

/** What the budget reads: today's totals. */
export interface UsageTotalsReader {
  totalsByDay(fromDay: string, toDay: string): DayModelTotals[];
}

/** Today's budget, read from the usage store at each check. */
export class DailyBudget {
  readonly #usage: UsageTotalsReader;
  readonly #prices: PriceTable;
  readonly #limits: BudgetLimits;
  readonly #clock: UsageClock;

  constructor(deps: { usage: UsageTotalsReader; prices: PriceTable; limits: BudgetLimits; clock: UsageClock }) {
    this.#usage = deps.usage;
    this.#prices = deps.prices;
    this.#limits = deps.limits;
    this.#clock = deps.clock;
  }

  /** Whether any cap is set. */
  get enabled(): boolean {
    return this.#limits.usd !== undefined || this.#limits.tokens !== undefined;
  }

  state(): BudgetState {
    const zone = this.#clock.timeZone();
    const today = dayKey(this.#clock.now(), zone);
    const resetsAt = startOfDay(shiftDay(today, 1), zone);
    return evaluateBudget(this.#usage.totalsByDay(today, today), this.#prices, this.#limits, resetsAt);
  }

  /** Throws MajordomeError `budget_reached` once today's spend reaches a cap. */
  check(): void {
    if (!this.enabled) return;
    const state = this.state();
    // The check runs inside a model call, which does not know who reads: the channel words it for them.
    if (state.reached) throw new MajordomeError('budget_reached', budgetMessage(state), { words: (language) => budgetMessage(state, language) });
  }
}

import { describe, expect, it } from 'vitest';
import { MajordomeError } from '../../../src/errors.js';
import { DailyBudget, budgetMessage, evaluateBudget } from '../../../src/llm/budget.js';
import { createMeteredProvider } from '../../../src/llm/metered-provider.js';
import { PriceTable } from '../../../src/llm/prices.js';
import type { ModelRequest, Provider } from '../../../src/llm/provider.js';
import { dayKey, startOfDay } from '../../../src/llm/usage-day.js';
import type { DayModelTotals, UsageRecord } from '../../../src/store/usage.js';

const row = (model: string, inputTokens: number, outputTokens: number, day = '2026-11-25'): DayModelTotals => ({
  day,
  provider: 'openai',
  model,
  inputTokens,
  outputTokens,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  calls: 1,
});

/** An in-memory stand-in for the usage store, with the same two methods. */
function memoryUsage() {
  const rows: UsageRecord[] = [];
  return {
    rows,
    record: (r: UsageRecord) => void rows.push(r),
    totalsByDay: (from: string, to: string) =>
      rows.filter((r) => r.day >= from && r.day <= to).map((r) => ({ ...r, calls: 1 })),
  };
}

const request: ModelRequest = { system: 's', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }], tools: [] };

function countingProvider(): Provider & { calls: number } {
  const provider = {
    name: 'openai',
    acceptsImages: false,
    model: 'gpt-4o',
    calls: 0,
    complete: async () => {
      provider.calls += 1;
      return { content: [{ type: 'text' as const, text: 'ok' }], stopReason: 'end_turn' as const, model: 'gpt-4o', usage: { inputTokens: 400_000, outputTokens: 50_000, cacheReadTokens: 100 } };
    },
  };
  return provider;
}

describe('daily budget', () => {
  const resetsAt = new Date('2026-11-26T00:00:00Z');

  it('is reached by money when priced spend meets the cap; unpriced tokens count only against a token cap', () => {
    const prices = new PriceTable();
    const today = [row('gpt-4o', 400_000, 100_000), row('llama3.1', 1_000_000, 0)];
    const money = evaluateBudget(today, prices, { usd: 2 }, resetsAt);
    expect(money).toMatchObject({ reached: true, reachedBy: 'usd', unpricedTokens: 1_000_000 });
    expect(money.spentUsd).toBeCloseTo(2);
    expect(evaluateBudget(today, prices, { usd: 2.01 }, resetsAt).reached).toBe(false);
    expect(evaluateBudget(today, prices, { tokens: 1_500_000 }, resetsAt)).toMatchObject({ reached: true, reachedBy: 'tokens', spentTokens: 1_500_000 });
  });

  it('says what was used, which option to raise, and that it resets at midnight', () => {
    const state = evaluateBudget([row('gpt-4o', 400_000, 100_000)], new PriceTable(), { usd: 1.5 }, resetsAt);
    expect(budgetMessage(state)).toBe(
      "Today's model budget is used up (about $2.00 of $1.50). Majordome will answer again after midnight, or raise daily_budget_usd in the add-on options.",
    );
  });

  it('stops calls before the model is asked once reached, and lets them through again the next local day', async () => {
    let now = new Date('2026-11-25T21:00:00Z');
    const clock = { now: () => now, timeZone: () => 'Europe/Paris' };
    const usage = memoryUsage();
    const prices = new PriceTable();
    const budget = new DailyBudget({ usage, prices, limits: { usd: 1 }, clock });
    const inner = countingProvider();
    const metered = createMeteredProvider(inner, { usage, budget, clock });

    await metered.complete({ ...request, meter: { conversationId: 'c1', turnId: 't1', purpose: 'answer' } });
    expect(usage.rows).toEqual([
      expect.objectContaining({ day: '2026-11-25', provider: 'openai', model: 'gpt-4o', conversationId: 'c1', turnId: 't1', purpose: 'answer', inputTokens: 400_000, cacheReadTokens: 100, cacheWriteTokens: 0 }),
    ]);
    const err = await metered.complete(request).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MajordomeError);
    expect((err as MajordomeError).code).toBe('budget_reached');
    expect(inner.calls).toBe(1);

    now = new Date('2026-11-25T23:30:00Z'); // 00:30 in Paris: a new day
    await metered.complete(request);
    expect(inner.calls).toBe(2);
    expect(usage.rows[1]?.day).toBe('2026-11-26');
  });
});

describe('days in the home time zone', () => {
  it('puts a late-evening UTC call on the next local day across a DST change', () => {
    expect(dayKey(new Date('2026-03-29T22:30:00Z'), 'Europe/Paris')).toBe('2026-03-30');
    expect(dayKey(new Date('2026-03-29T22:30:00Z'), 'America/New_York')).toBe('2026-03-29');
    expect(dayKey(new Date('2026-03-29T22:30:00Z'), 'Not/AZone')).toBe('2026-03-29');
  });

  it('finds local midnight on both sides of a DST change', () => {
    expect(startOfDay('2026-03-29', 'Europe/Paris').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfDay('2026-03-30', 'Europe/Paris').toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfDay('2026-11-25', 'America/Los_Angeles').toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(startOfDay('2026-11-25', undefined).toISOString()).toBe('2026-11-25T00:00:00.000Z');
  });
});

import { describe, expect, it } from 'vitest';
import { MajordomeError, messageFor } from '../../../src/errors.js';
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

  it('says it to a French person in French, amounts and counts as French writes them', () => {
    const money = evaluateBudget([row('gpt-4o', 400_000, 100_000)], new PriceTable(), { usd: 1.5 }, resetsAt);
    expect(budgetMessage(money, 'fr')).toBe(
      'Le budget du modèle pour aujourd’hui est épuisé (environ 2,00\u00a0$US sur 1,50\u00a0$US). Majordome répondra de nouveau après minuit ; sinon, augmentez daily_budget_usd dans les options de l’add-on.',
    );
    const tokens = evaluateBudget([row('gpt-4o', 1_200_000, 34_567)], new PriceTable(), { tokens: 1_000_000 }, resetsAt);
    expect(budgetMessage(tokens, 'fr-CA')).toBe(
      'Le budget du modèle pour aujourd’hui est épuisé (1\u202f234\u202f567 jetons sur 1\u202f000\u202f000). Majordome répondra de nouveau après minuit ; sinon, augmentez daily_budget_tokens dans les options de l’add-on.',
    );
  });

  it('throws budget_reached with English for the log and French words for a French reader', () => {
    const clock = { now: () => new Date('2026-11-25T12:00:00Z'), timeZone: () => 'Europe/Paris' };
    const usage = memoryUsage();
    usage.record({ at: clock.now(), day: '2026-11-25', provider: 'openai', model: 'gpt-4o', purpose: 'answer', inputTokens: 2000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 });
    const budget = new DailyBudget({ usage, prices: new PriceTable(), limits: { tokens: 1000 }, clock });
    const err = (() => {
      try {
        budget.check();
      } catch (e) {
        return e;
      }
    })() as MajordomeError;
    expect(err.code).toBe('budget_reached');
    expect(err.message).toMatch(/^Today's model budget is used up \(2,000 of 1,000 tokens\)/);
    expect(messageFor(err, 'fr')).toMatch(/^Le budget du modèle pour aujourd’hui est épuisé \(2\u202f000 jetons sur 1\u202f000\)/);
    expect(messageFor(err, 'de')).toBe(err.message);
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

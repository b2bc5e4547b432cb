import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { evaluateBudget } from '../../../src/llm/budget.js';
import { PriceTable } from '../../../src/llm/prices.js';
import { buildUsageReport } from '../../../src/llm/usage-report.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { UsageStore, type UsageRecord } from '../../../src/store/usage.js';
import { useTempDir } from './temp-dir.js';

const tmp = useTempDir();
let db: Database;
let usage: UsageStore;

beforeEach(() => {
  db = openDatabase(tmp.path('majordome.db'));
  usage = new UsageStore(db);
});
afterEach(() => {
  closeDatabase(db);
  tmp.cleanup();
});

function call(day: string, model: string, extra: Partial<UsageRecord> = {}): UsageRecord {
  return {
    at: new Date(`${day}T10:00:00Z`),
    day,
    provider: model.startsWith('claude') ? 'anthropic' : 'openai',
    model,
    purpose: 'answer',
    inputTokens: 1000,
    outputTokens: 100,
    cacheReadTokens: 5000,
    cacheWriteTokens: 0,
    ...extra,
  };
}

describe('UsageStore', () => {
  it('sums calls per day and model, newest day first, and keeps them across reopening', () => {
    usage.record(call('2026-11-24', 'claude-sonnet-4-5', { turnId: 'a' }));
    usage.record(call('2026-11-25', 'claude-sonnet-4-5', { turnId: 'b' }));
    usage.record(call('2026-11-25', 'claude-sonnet-4-5', { turnId: 'b', cacheWriteTokens: 300 }));
    usage.record(call('2026-11-25', 'gpt-4o', { turnId: 'c', purpose: 'summary' }));
    closeDatabase(db);
    db = openDatabase(tmp.path('majordome.db'));
    usage = new UsageStore(db);

    expect(usage.totalsByDay('2026-11-25', '2026-11-25')).toEqual([
      { day: '2026-11-25', provider: 'anthropic', model: 'claude-sonnet-4-5', inputTokens: 2000, outputTokens: 200, cacheReadTokens: 10000, cacheWriteTokens: 300, calls: 2 },
      { day: '2026-11-25', provider: 'openai', model: 'gpt-4o', inputTokens: 1000, outputTokens: 100, cacheReadTokens: 5000, cacheWriteTokens: 0, calls: 1 },
    ]);
    expect(usage.totalsByDay('2026-11-01', '2026-11-30').map((r) => r.day)).toEqual(['2026-11-25', '2026-11-25', '2026-11-24']);
    // A turn is counted once however many calls it made; summaries are not turns.
    expect(usage.turnsByDay('2026-11-24', '2026-11-25')).toEqual(new Map([['2026-11-24', 1], ['2026-11-25', 1]]));
  });

  it('stores nonsense counts from a server as zero rather than losing the row', () => {
    usage.record(call('2026-11-25', 'gpt-4o', { inputTokens: -5, outputTokens: Number.NaN }));
    expect(usage.totalsByDay('2026-11-25', '2026-11-25')[0]).toMatchObject({ inputTokens: 0, outputTokens: 0, calls: 1 });
  });
});

describe('usage report', () => {
  it('reports today, the days with use and each model with estimated costs and unpriced tokens', () => {
    usage.record(call('2026-11-24', 'gpt-4o', { turnId: 'a', inputTokens: 1_000_000, outputTokens: 0, cacheReadTokens: 0 }));
    usage.record(call('2026-11-25', 'gpt-4o', { turnId: 'b', inputTokens: 0, outputTokens: 100_000, cacheReadTokens: 0 }));
    usage.record(call('2026-11-25', 'llama3.1:8b', { turnId: 'c', inputTokens: 700, outputTokens: 300, cacheReadTokens: 0 }));
    const prices = new PriceTable();
    const rows = usage.totalsByDay('2026-10-27', '2026-11-25');
    const today = rows.filter((r) => r.day === '2026-11-25');
    const budget = evaluateBudget(today, prices, { usd: 5 }, new Date('2026-11-26T00:00:00Z'));

    const report = buildUsageReport({ today: '2026-11-25', timeZone: 'UTC', rows, turns: usage.turnsByDay('2026-10-27', '2026-11-25'), prices, budget });

    expect(report.today).toMatchObject({ day: '2026-11-25', since: '2026-11-25T00:00:00.000Z', turns: 2, calls: 2, output_tokens: 100_300, unpriced_tokens: 1000 });
    expect(report.today.cost_usd).toBeCloseTo(1);
    expect(report.today.models.map((m) => [m.model, m.priced])).toEqual([['gpt-4o', true], ['llama3.1:8b', false]]);
    expect(report.days.map((d) => [d.day, Number(d.cost_usd.toFixed(2))])).toEqual([['2026-11-25', 1], ['2026-11-24', 2.5]]);
    expect(report.models[0]).toMatchObject({ model: 'gpt-4o', calls: 2, input_tokens: 1_000_000 });
    expect(report.budget).toEqual({ usd: 5, tokens: null, spent_usd: expect.closeTo(1) as number, spent_tokens: 101_000, reached: false, resets_at: '2026-11-26T00:00:00.000Z' });
  });
});

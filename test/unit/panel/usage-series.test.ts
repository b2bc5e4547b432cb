import { describe, expect, it } from 'vitest';
import { usageSeries, type UsageReport } from '../../../panel/src/data/usage.js';

const totals = { input_tokens: 0, output_tokens: 0, cache_read_tokens: 0, cache_write_tokens: 0, calls: 1, cost_usd: 0, unpriced_tokens: 0 };

function report(days: Array<{ day: string; cost_usd: number; input_tokens?: number }>): UsageReport {
  const rows = days.map((d) => ({ ...totals, turns: 1, ...d }));
  return {
    time_zone: 'Europe/Paris',
    today: { ...totals, day: '2026-03-31', turns: 0, since: '', models: [] },
    days: rows,
    models: [],
    budget: { usd: null, tokens: null, spent_usd: 0, spent_tokens: 0, reached: false, resets_at: '' },
  };
}

describe('the usage chart series', () => {
  it('has one bar per day of the last 30, today last, days without use at zero', () => {
    const series = usageSeries(report([{ day: '2026-03-31', cost_usd: 0.5 }, { day: '2026-03-02', cost_usd: 0.25 }, { day: '2026-02-20', cost_usd: 9 }]));
    expect(series.unit).toBe('usd');
    expect(series.days).toHaveLength(30);
    expect(series.days[0]).toEqual({ day: '2026-03-02', value: 0.25 });
    expect(series.days.at(-1)).toEqual({ day: '2026-03-31', value: 0.5 });
    expect(series.days.filter((d) => d.value === 0)).toHaveLength(28);
  });

  it('counts tokens when no model has a price (a local model)', () => {
    const series = usageSeries(report([{ day: '2026-03-31', cost_usd: 0, input_tokens: 1200 }]));
    expect(series.unit).toBe('tokens');
    expect(series.days.at(-1)?.value).toBe(1200);
  });
});

import type { DayUsageView, ModelUsageView, UsageReport } from '../../../src/llm/usage-report.js';
import { ApiError, type PanelApi } from './api.js';

export type { DayUsageView, ModelUsageView, UsageReport };

/** Model usage today and over the last 30 days, with costs and the budget; undefined when the server does not count it. */
export async function fetchUsage(api: PanelApi): Promise<UsageReport | undefined> {
  try {
    return await api.fetchJson<UsageReport>('usage');
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return undefined;
    throw err;
  }
}

/** One bar of the chart: a day and its value. */
export interface UsageDay {
  day: string;
  value: number;
}

/** Shifts a `YYYY-MM-DD` day by whole days (calendar arithmetic in UTC: no time zone can skip a day). */
function shiftDay(day: string, by: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + by);
  return date.toISOString().slice(0, 10);
}

/**
 * The last `count` days up to today, oldest first, with days without use at zero: cost in USD, or
 * tokens when no model in the period has a price (a local model).
 */
export function usageSeries(report: UsageReport, count = 30): { unit: 'usd' | 'tokens'; days: UsageDay[] } {
  const priced = report.days.some((d) => d.cost_usd > 0);
  const unit = priced ? 'usd' : 'tokens';
  const byDay = new Map(report.days.map((d) => [d.day, d]));
  const days: UsageDay[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const day = shiftDay(report.today.day, -i);
    const usage = byDay.get(day);
    days.push({ day, value: !usage ? 0 : unit === 'usd' ? usage.cost_usd : usage.input_tokens + usage.output_tokens + usage.cache_read_tokens + usage.cache_write_tokens });
  }
  return { unit, days };
}

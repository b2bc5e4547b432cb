/**
 * Part of the composition root (main.ts): the model. Every call is metered and budgeted per day of
 * the home's time zone, and long histories are compacted; the provider's SDK is loaded only for
 * the provider chosen (create-provider.ts).
 */
import { Compactor } from '../agent/compactor.js';
import type { Config } from '../config/config.js';
import { DEFAULT_CONTEXT_MAX_TOKENS } from '../config/options.js';
import { DailyBudget } from '../llm/budget.js';
import { configuredModel, createConfiguredProvider } from '../llm/create-provider.js';
import { createMeteredProvider } from '../llm/metered-provider.js';
import { PriceTable } from '../llm/prices.js';
import type { Provider } from '../llm/provider.js';
import { createUsageReporter, type UsageReport } from '../llm/usage-report.js';
import type { Logger } from '../logger.js';
import type { Database } from '../store/database.js';
import { SummaryStore } from '../store/summaries.js';
import { UsageStore } from '../store/usage.js';

/** The model as the rest of Majordome uses it. */
export interface ModelServices {
  /** The model asked for, defaults included. */
  model: string;
  /** Undefined while no key (or local server) is configured. */
  provider: Provider | undefined;
  prices: PriceTable;
  usageReport: () => UsageReport;
  compactor: Compactor | undefined;
}

/** Builds the metered provider, the usage report and the compactor. */
export async function buildModel(config: Config, db: Database, timeZone: () => string | undefined, logger: Logger): Promise<ModelServices> {
  const { options } = config;
  const model = configuredModel(config);
  const usage = new UsageStore(db);
  const prices = new PriceTable(options.model_prices);
  const clock = { now: () => new Date(), timeZone };
  const budget = new DailyBudget({ usage, prices, limits: { usd: options.daily_budget_usd, tokens: options.daily_budget_tokens }, clock });
  const unmetered = await createConfiguredProvider(config, logger.child({ module: 'llm' }));
  const provider = unmetered && createMeteredProvider(unmetered, { usage, budget, clock, logger });
  const maxTokens = options.context_max_tokens ?? DEFAULT_CONTEXT_MAX_TOKENS;
  return {
    model,
    provider,
    prices,
    usageReport: createUsageReporter({ usage, prices, budget, clock }),
    compactor: provider && new Compactor({ provider, summaries: new SummaryStore(db), maxTokens, logger: logger.child({ module: 'compaction' }) }),
  };
}

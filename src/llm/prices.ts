/**
 * Estimated model prices in US dollars per million tokens, for usage reports and the daily money
 * budget. Public list prices as known when this table was written; the user's `model_prices`
 * option overrides or completes it. Unknown models (local ones, mostly) have no price: their
 * spend shows as unpriced, and only a token budget can cap them.
 */

/** USD per million tokens; cache prices default from the input price when a list does not say. */
export interface ModelPrice {
  input: number;
  output: number;
  cacheRead?: number;
  cacheWrite?: number;
}

/** One price as the user writes it in the options. */
export interface PriceOverride {
  model: string;
  input: number;
  output: number;
  cache_read?: number | undefined;
  cache_write?: number | undefined;
}

/** Token counts to price. */
export interface TokenCounts {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

const claude = (input: number, output: number): ModelPrice => ({ input, output, cacheRead: input / 10, cacheWrite: input * 1.25 });
const openai = (input: number, output: number, cacheRead: number): ModelPrice => ({ input, output, cacheRead, cacheWrite: input });

/**
 * Keys match a model name or its start (`claude-sonnet-4-5` matches `claude-sonnet-4-5-20250929`);
 * the longest key wins. Family keys (`claude-sonnet`) price newer versions at the family's
 * current price until the table learns them.
 */
export const BUILTIN_PRICES: Readonly<Record<string, ModelPrice>> = {
  'claude-opus-4-5': claude(5, 25),
  'claude-opus-4-1': claude(15, 75),
  'claude-opus-4': claude(15, 75),
  'claude-3-opus': claude(15, 75),
  'claude-opus': claude(5, 25),
  'claude-sonnet': claude(3, 15),
  'claude-3-7-sonnet': claude(3, 15),
  'claude-3-5-sonnet': claude(3, 15),
  'claude-haiku-4-5': claude(1, 5),
  'claude-haiku': claude(1, 5),
  'claude-3-5-haiku': claude(0.8, 4),
  'claude-3-haiku': claude(0.25, 1.25),
  'gpt-5-nano': openai(0.05, 0.4, 0.005),
  'gpt-5-mini': openai(0.25, 2, 0.025),
  'gpt-5': openai(1.25, 10, 0.125),
  'gpt-4.1-nano': openai(0.1, 0.4, 0.025),
  'gpt-4.1-mini': openai(0.4, 1.6, 0.1),
  'gpt-4.1': openai(2, 8, 0.5),
  'gpt-4o-mini': openai(0.15, 0.6, 0.075),
  'gpt-4o': openai(2.5, 10, 1.25),
  'o4-mini': openai(1.1, 4.4, 0.275),
  'o3-mini': openai(1.1, 4.4, 0.55),
  o3: openai(2, 8, 0.5),
};

/**
 * A model name as tables key it: lower case, without a router's vendor prefix
 * (`anthropic/claude-sonnet-4.5` → `claude-sonnet-4-5`), dots in versions as dashes for Claude.
 */
export function normalizeModelName(model: string): string {
  const bare = model.trim().toLowerCase().split('/').at(-1) ?? '';
  return bare.startsWith('claude') ? bare.replaceAll('.', '-') : bare;
}

function lookup(table: ReadonlyMap<string, ModelPrice>, name: string): ModelPrice | undefined {
  let best: [string, ModelPrice] | undefined;
  for (const entry of table) {
    const key = entry[0];
    const matches = name === key || name.startsWith(`${key}-`) || name.startsWith(`${key}:`);
    if (matches && (!best || key.length > best[0].length)) best = entry;
  }
  return best?.[1];
}

/** The price list to use: built-in prices, with the user's entries taking precedence. */
export class PriceTable {
  readonly #user: ReadonlyMap<string, ModelPrice>;
  readonly #builtin: ReadonlyMap<string, ModelPrice>;

  constructor(overrides: readonly PriceOverride[] = [], builtin: Readonly<Record<string, ModelPrice>> = BUILTIN_PRICES) {
    this.#user = new Map(
      overrides.map((o) => [
        normalizeModelName(o.model),
        { input: o.input, output: o.output, ...(o.cache_read !== undefined && { cacheRead: o.cache_read }), ...(o.cache_write !== undefined && { cacheWrite: o.cache_write }) },
      ]),
    );
    this.#builtin = new Map(Object.entries(builtin));
  }

  /** The price of a model, user entries first (exact or prefix, longest match), or undefined. */
  priceOf(model: string): ModelPrice | undefined {
    const name = normalizeModelName(model);
    return lookup(this.#user, name) ?? lookup(this.#builtin, name);
  }

  /** Estimated cost in USD, or undefined when the model has no price. */
  costOf(model: string, tokens: TokenCounts): number | undefined {
    const price = this.priceOf(model);
    return price ? costWith(price, tokens) : undefined;
  }
}

/** USD for these tokens at this price; unlisted cache prices are the input price. */
export function costWith(price: ModelPrice, tokens: TokenCounts): number {
  const perToken = (usdPerMillion: number) => usdPerMillion / 1_000_000;
  return (
    tokens.inputTokens * perToken(price.input) +
    tokens.outputTokens * perToken(price.output) +
    tokens.cacheReadTokens * perToken(price.cacheRead ?? price.input) +
    tokens.cacheWriteTokens * perToken(price.cacheWrite ?? price.input)
  );
}

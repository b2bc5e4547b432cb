import { describe, expect, it } from 'vitest';
import { costWith, normalizeModelName, PriceTable } from '../../../src/llm/prices.js';

const tokens = (inputTokens: number, outputTokens: number, cacheReadTokens = 0, cacheWriteTokens = 0) => ({
  inputTokens,
  outputTokens,
  cacheReadTokens,
  cacheWriteTokens,
});

describe('model prices', () => {
  it('prices dated, routed and versioned names of known models', () => {
    const prices = new PriceTable();
    expect(prices.priceOf('claude-sonnet-4-5-20250929')).toMatchObject({ input: 3, output: 15 });
    expect(prices.priceOf('anthropic/claude-sonnet-4.5')).toMatchObject({ input: 3, output: 15 });
    expect(prices.priceOf('claude-opus-4-20250514')).toMatchObject({ input: 15, output: 75 });
    expect(prices.priceOf('claude-opus-4-5')).toMatchObject({ input: 5, output: 25 });
    expect(prices.priceOf('gpt-4o-mini-2024-07-18')).toMatchObject({ input: 0.15 });
    expect(prices.priceOf('openai/gpt-4o')).toMatchObject({ input: 2.5 });
    expect(normalizeModelName(' OpenAI/GPT-4.1-mini ')).toBe('gpt-4.1-mini');
  });

  it('has no price for local models, and does not confuse names that merely start alike', () => {
    const prices = new PriceTable();
    expect(prices.priceOf('llama3.1:8b')).toBeUndefined();
    expect(prices.priceOf('gpt-4oops')).toBeUndefined();
    expect(prices.costOf('qwen2.5', tokens(1000, 1000))).toBeUndefined();
  });

  it('lets the user override a built-in price and price a model the table does not know', () => {
    const prices = new PriceTable([
      { model: 'gpt-4o', input: 1, output: 2 },
      { model: 'llama3.1', input: 0, output: 0 },
    ]);
    expect(prices.priceOf('gpt-4o-2024-08-06')).toEqual({ input: 1, output: 2 });
    expect(prices.costOf('llama3.1:70b', tokens(5000, 5000))).toBe(0);
  });

  it('charges cache reads and writes at their own prices, or the input price when unlisted', () => {
    expect(costWith({ input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 }, tokens(1_000_000, 100_000, 2_000_000, 400_000))).toBeCloseTo(3 + 1.5 + 0.6 + 1.5);
    expect(costWith({ input: 2, output: 4 }, tokens(0, 0, 1_000_000, 1_000_000))).toBeCloseTo(4);
  });
});

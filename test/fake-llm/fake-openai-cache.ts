/** The fake OpenAI server's token counts and automatic prefix cache (`prompt_tokens_details.cached_tokens`). */
import { createHash } from 'node:crypto';
import type { OpenAiRequestBody } from './fake-openai-types.js';
import { estimateTokens } from './usage.js';

/** Prompt tokens of each cacheable unit (tools, then messages) with the hash of the prefix ending there. */
export function promptUnits(body: OpenAiRequestBody): Array<{ tokens: number; prefixHash: string }> {
  const texts = [...(body.tools ?? []).map((t) => `tool:${JSON.stringify(t)}`), ...body.messages.map((m) => `message:${JSON.stringify(m)}`)];
  let hash = createHash('sha256').update(`model:${body.model}`).digest('hex');
  return texts.map((text) => {
    hash = createHash('sha256').update(hash).update('\n').update(text).digest('hex');
    return { tokens: estimateTokens(text), prefixHash: hash };
  });
}

/** OpenAI-style automatic caching: the longest prefix seen before is read from the cache. */
export class PrefixCache {
  readonly #known = new Set<string>();
  constructor(private readonly minTokens: number) {}

  account(units: Array<{ tokens: number; prefixHash: string }>): { prompt: number; cached: number } {
    let total = 0;
    let cached = 0;
    for (const unit of units) {
      total += unit.tokens;
      if (this.#known.has(unit.prefixHash)) cached = total;
    }
    let running = 0;
    for (const unit of units) {
      running += unit.tokens;
      if (running >= this.minTokens) this.#known.add(unit.prefixHash);
    }
    return { prompt: total, cached: cached >= this.minTokens ? cached : 0 };
  }
}

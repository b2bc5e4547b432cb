import { createHash } from 'node:crypto';
import type { FakeReplyBlock, FakeRequestBody, FakeUsage } from './types.js';

/** Tokens of a text, estimated at four characters per token (a fair average for English and JSON). */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** One cacheable block of a request, in the API's cache order (tools, system, messages). */
export interface PromptUnit {
  tokens: number;
  /** Hash of the whole prefix ending with this block, so equal prefixes compare in O(1). */
  prefixHash: string;
  breakpoint: boolean;
}

type Marked = { cache_control?: unknown };

function withoutCacheControl(block: object): string {
  const { cache_control: _ignored, ...rest } = block as Marked & Record<string, unknown>;
  return JSON.stringify(rest);
}

/** Flattens a request into prefix-hashed units; the model seeds the chain since caches are per model. */
export function buildPromptUnits(body: FakeRequestBody): PromptUnit[] {
  const raw: Array<{ text: string; breakpoint: boolean }> = [];
  for (const tool of body.tools ?? []) {
    raw.push({ text: `tool:${withoutCacheControl(tool)}`, breakpoint: tool.cache_control !== undefined });
  }
  if (typeof body.system === 'string') raw.push({ text: `system:${body.system}`, breakpoint: false });
  for (const block of Array.isArray(body.system) ? body.system : []) {
    raw.push({ text: `system:${withoutCacheControl(block)}`, breakpoint: block.cache_control !== undefined });
  }
  for (const message of body.messages) {
    if (typeof message.content === 'string') {
      raw.push({ text: `${message.role}:${message.content}`, breakpoint: false });
      continue;
    }
    for (const block of message.content) {
      raw.push({ text: `${message.role}:${withoutCacheControl(block)}`, breakpoint: block.cache_control !== undefined });
    }
  }
  let hash = createHash('sha256').update(`model:${body.model}`).digest('hex');
  return raw.map(({ text, breakpoint }) => {
    hash = createHash('sha256').update(hash).update('\n').update(text).digest('hex');
    return { tokens: estimateTokens(text), prefixHash: hash, breakpoint };
  });
}

/** How many blocks before a breakpoint the API looks for an earlier cached prefix. */
const LOOKBACK_BLOCKS = 20;

/**
 * The server-side prompt cache: a prefix ending at a breakpoint is written the first time and
 * read afterwards, like Anthropic's ephemeral cache (without its five-minute expiry).
 */
export class PromptCache {
  readonly #known = new Set<string>();
  readonly #minTokens: number;

  constructor(minTokens: number) {
    this.#minTokens = minTokens;
  }

  /** Splits a request's input into uncached, read and written tokens, and remembers its prefixes. */
  account(units: PromptUnit[]): Pick<FakeUsage, 'input_tokens' | 'cache_read_input_tokens' | 'cache_creation_input_tokens'> {
    const cumulative: number[] = [];
    let total = 0;
    for (const unit of units) cumulative.push((total += unit.tokens));
    const breakpoints = units.flatMap((unit, i) => (unit.breakpoint ? [i] : []));

    let read = 0;
    for (const bp of breakpoints) {
      for (let j = bp; j >= Math.max(0, bp - LOOKBACK_BLOCKS); j -= 1) {
        if (this.#known.has(units[j]?.prefixHash ?? '')) {
          read = Math.max(read, cumulative[j] ?? 0);
          break;
        }
      }
    }

    let written = 0;
    const last = breakpoints.at(-1);
    if (last !== undefined) {
      const lastTokens = cumulative[last] ?? 0;
      const lastUnit = units[last];
      if (lastUnit && !this.#known.has(lastUnit.prefixHash) && lastTokens >= this.#minTokens) {
        written = Math.max(0, lastTokens - read);
      }
    }
    for (const bp of breakpoints) {
      const unit = units[bp];
      if (unit && (cumulative[bp] ?? 0) >= this.#minTokens) this.#known.add(unit.prefixHash);
    }
    return { input_tokens: total - read - written, cache_read_input_tokens: read, cache_creation_input_tokens: written };
  }
}

/** Output tokens of an answer: its text and tool inputs at four characters per token, at least 1. */
export function estimateOutputTokens(content: FakeReplyBlock[]): number {
  const chars = content.reduce(
    (sum, block) => sum + (block.type === 'text' ? block.text.length : JSON.stringify(block.input ?? {}).length + block.name.length),
    0,
  );
  return Math.max(1, Math.ceil(chars / 4));
}

/**
 * Splits a Messages API request into the stable prefix the provider caches (tools, then system
 * blocks up to the last cache breakpoint in the system) and the part that changes per request.
 */
import type { FakeRequestBody } from '../test/fake-llm/index.js';
import { charsOver4, estimateTokens, utf8Bytes } from './token-estimate.js';

/** A size in bytes and estimated tokens. */
export interface Size {
  bytes: number;
  tokens: number;
  chars_over_4: number;
}

/** One request, split. */
export interface RequestSplit {
  /** tools + system up to the cache breakpoint: identical across turns, cached. */
  prefix: Size;
  /** system after the breakpoint + messages. */
  variable: Size;
  /** The whole JSON body as sent. */
  total: Size;
  /** The prefix text itself, to check it is byte-identical across requests and homes. */
  prefixText: string;
}

/** Size of a text. */
export function sizeOf(text: string): Size {
  return { bytes: utf8Bytes(text), tokens: estimateTokens(text), chars_over_4: charsOver4(text) };
}

/** Sum of sizes. */
export function addSizes(...sizes: Size[]): Size {
  return sizes.reduce((a, b) => ({ bytes: a.bytes + b.bytes, tokens: a.tokens + b.tokens, chars_over_4: a.chars_over_4 + b.chars_over_4 }), {
    bytes: 0,
    tokens: 0,
    chars_over_4: 0,
  });
}

/** Splits one request body (as recorded by the fake model server). */
export function splitRequest(body: FakeRequestBody): RequestSplit {
  const system = typeof body.system === 'string' ? [{ type: 'text' as const, text: body.system }] : (body.system ?? []);
  const breakpoint = system.findLastIndex((block) => block.cache_control !== undefined);
  const stable = system.slice(0, breakpoint + 1);
  const dynamic = system.slice(breakpoint + 1);
  const prefixText = JSON.stringify({ tools: body.tools ?? [], system: stable });
  const variableText = JSON.stringify({ system: dynamic, messages: body.messages });
  return { prefix: sizeOf(prefixText), variable: sizeOf(variableText), total: sizeOf(JSON.stringify(body)), prefixText };
}

/**
 * Wraps any Provider: checks the daily budget before each call and records what each answered
 * call used. The wrapped provider stays unaware of both.
 */
import type { Logger } from '../logger.js';
import type { UsageRecord } from '../store/usage.js';
import type { ModelRequest, ModelResponse, ModelStreamEvent, Provider } from './provider.js';
import { dayKey, type UsageClock } from './usage-day.js';

/** Where usage rows go. */
export interface UsageSink {
  record(row: UsageRecord): void;
}

/** What the metered provider needs. */
export interface MeteringDeps {
  usage: UsageSink;
  /** Throws (budget_reached) when no more calls may be made today. */
  budget?: { check(): void } | undefined;
  clock: UsageClock;
  logger?: Logger | undefined;
}

/** Builds the usage row of one answered call. */
export function usageRecordOf(provider: string, request: ModelRequest, response: ModelResponse, at: Date, day: string): UsageRecord {
  const tag = request.meter ?? {};
  return {
    at,
    day,
    provider,
    model: response.model,
    purpose: tag.purpose ?? 'answer',
    conversationId: tag.conversationId,
    turnId: tag.turnId,
    inputTokens: response.usage.inputTokens,
    outputTokens: response.usage.outputTokens,
    cacheReadTokens: response.usage.cacheReadTokens ?? 0,
    cacheWriteTokens: response.usage.cacheWriteTokens ?? 0,
  };
}

/** The same provider, metered. */
export function createMeteredProvider(inner: Provider, deps: MeteringDeps): Provider {
  async function complete(request: ModelRequest, onEvent?: (event: ModelStreamEvent) => void): Promise<ModelResponse> {
    deps.budget?.check();
    const response = await inner.complete(request, onEvent);
    const at = deps.clock.now();
    try {
      deps.usage.record(usageRecordOf(inner.name, request, response, at, dayKey(at, deps.clock.timeZone())));
    } catch (err) {
      // The answer is paid for already; losing its accounting must not lose the answer too.
      deps.logger?.error({ err }, 'could not record model usage');
    }
    return response;
  }
  return { name: inner.name, model: inner.model, acceptsImages: inner.acceptsImages, complete };
}

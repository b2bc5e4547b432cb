/**
 * The Claude provider over @anthropic-ai/sdk: streamed answers, prompt caching of tools and
 * the stable system prompt, SDK retries on 429/5xx/529, plain-language errors, and one try on a
 * fallback model when the primary stays unavailable.
 */
import Anthropic from '@anthropic-ai/sdk';
import { wordedModelError } from './worded-error.js';
import type { Logger } from '../logger.js';
import { mapAnthropicError } from './anthropic-errors.js';
import { buildMessageParams } from './anthropic-request.js';
import { mapMessage } from './anthropic-response.js';
import { streamMessage } from './anthropic-stream.js';
import { completeWithFallback } from './fallback-complete.js';
import type { ModelRequest, ModelResponse, Provider } from './provider.js';

/** Options of createAnthropicProvider. */
export interface AnthropicProviderOptions {
  apiKey: string;
  model: string;
  /** Without `/v1`; defaults to ANTHROPIC_BASE_URL, then the SDK's default. */
  baseURL?: string | undefined;
  /** SDK retries on 408/409/429/5xx/529 and connection errors; default 3. */
  maxRetries?: number | undefined;
  /** Wait for response headers per attempt, and longest silence inside a stream; default 120 s. */
  timeoutMs?: number | undefined;
  logger?: Logger | undefined;
  /** Tried once when the primary model stays unavailable (429/529/5xx after retries). */
  fallbackModel?: string | undefined;
}

const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_TIMEOUT_MS = 120_000;

/** The SDK's logger shape, fed into pino; the SDK already redacts auth headers from what it logs. */
function sdkLogger(logger: Logger): NonNullable<ConstructorParameters<typeof Anthropic>[0]>['logger'] {
  const forward = (level: 'error' | 'warn' | 'debug') => (message: string) => logger[level](message);
  return { error: forward('error'), warn: forward('warn'), info: forward('debug'), debug: forward('debug') };
}

function notConfigured(model: string): Provider {
  return {
    name: 'anthropic',
    model,
    acceptsImages: false,
    complete: () =>
      Promise.reject(wordedModelError('model_not_configured', 'anthropic.no_key', {})),
  };
}

/** Builds the provider; the key is handed to the SDK and never logged. */
export function createAnthropicProvider(opts: AnthropicProviderOptions): Provider {
  if (!opts.apiKey.trim()) return notConfigured(opts.model);
  const maxRetries = opts.maxRetries ?? DEFAULT_MAX_RETRIES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const logger = opts.logger?.child({ component: 'anthropic' });
  const client = new Anthropic({
    apiKey: opts.apiKey,
    ...(opts.baseURL ? { baseURL: opts.baseURL } : {}),
    maxRetries,
    timeout: timeoutMs,
    ...(logger ? { logger: sdkLogger(logger), logLevel: 'info' as const } : { logLevel: 'off' as const }),
  });

  async function attempt(model: string, request: ModelRequest, onText: (delta: string) => void): Promise<ModelResponse> {
    try {
      const message = await streamMessage(client, buildMessageParams(request, model), { signal: request.signal, onText, idleMs: timeoutMs });
      return mapMessage(message);
    } catch (err) {
      throw mapAnthropicError(err, { model, attempts: maxRetries + 1, signal: request.signal });
    }
  }

  // Every current Claude model reads images.
  return { name: 'anthropic', model: opts.model, acceptsImages: true, complete: completeWithFallback(attempt, opts, logger) };
}

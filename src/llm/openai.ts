/**
 * Any OpenAI-compatible chat-completions server over the official `openai` SDK: OpenAI itself,
 * OpenRouter, or a local model through Ollama, LM Studio, vLLM or llama.cpp. Streamed answers
 * with tool calls, SDK retries on 408/409/429/5xx, plain-language errors (including "this model
 * cannot call tools"), and one try on a fallback model when the primary stays unavailable.
 */
import OpenAI from 'openai';
import type { Logger } from '../logger.js';
import { mapOpenAiError, type ModelServer } from './openai-errors.js';
import { wordedModelError } from './worded-error.js';
import { buildChatParams } from './openai-request.js';
import { finishResponse, streamChat, type StreamState } from './openai-stream.js';
import { completeWithFallback } from './fallback-complete.js';
import type { ModelRequest, ModelResponse, ModelUsage, Provider } from './provider.js';

/** Options of createOpenAiProvider. */
export interface OpenAiProviderOptions {
  /** Optional when `baseURL` points at a server that needs none (Ollama). */
  apiKey?: string | undefined;
  model: string;
  /** With `/v1` (e.g. `http://localhost:11434/v1`); the SDK's default is OpenAI's own API. */
  baseURL?: string | undefined;
  /** SDK retries on 408/409/429/5xx and connection errors; default 3. */
  maxRetries?: number | undefined;
  /** Wait for response headers per attempt, and longest silence inside a stream; default 120 s. */
  timeoutMs?: number | undefined;
  logger?: Logger | undefined;
  /** Tried once when the primary model stays unavailable (429/5xx after retries). */
  fallbackModel?: string | undefined;
  /** Whether the model reads images (option `openai_vision`): many local models do not, and refuse a request that holds one. */
  vision?: boolean | undefined;
}

const DEFAULT_MAX_RETRIES = 3;
const DEFAULT_TIMEOUT_MS = 120_000;
// Sent to servers that need no key: the SDK refuses to start without one.
const NO_KEY = 'no-key';

/** How messages name the server: OpenAI's own API, or the host the user configured. */
export function modelServerOf(baseURL: string | undefined): ModelServer {
  if (!baseURL) return { kind: 'openai' };
  try {
    const host = new URL(baseURL).host;
    return host === 'api.openai.com' ? { kind: 'openai' } : { kind: 'host', host };
  } catch {
    return { kind: 'unknown' };
  }
}

/** The SDK's logger shape, fed into pino; the SDK already redacts auth headers from what it logs. */
function sdkLogger(logger: Logger): NonNullable<ConstructorParameters<typeof OpenAI>[0]>['logger'] {
  const forward = (level: 'error' | 'warn' | 'debug') => (message: string) => logger[level](message);
  return { error: forward('error'), warn: forward('warn'), info: forward('debug'), debug: forward('debug') };
}

function notConfigured(model: string): Provider {
  return {
    name: 'openai',
    model,
    acceptsImages: false,
    complete: () =>
      Promise.reject(
        wordedModelError('model_not_configured', 'openai.no_key', {}),
      ),
  };
}

/** Rough counts for a server that reports no usage, so the budget still sees the spend. */
function estimateUsage(params: unknown, state: StreamState): ModelUsage {
  const output = state.text.length + [...state.calls.values()].reduce((sum, call) => sum + call.name.length + call.args.length, 0);
  return { inputTokens: Math.ceil(JSON.stringify(params).length / 4), outputTokens: Math.ceil(output / 4) };
}

/** Builds the provider; the key is handed to the SDK and never logged. */
export function createOpenAiProvider(opts: OpenAiProviderOptions): Provider {
  const apiKey = opts.apiKey?.trim();
  if (!apiKey && !opts.baseURL) return notConfigured(opts.model);
  const maxRetries = opts.maxRetries ?? DEFAULT_MAX_RETRIES;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const server = modelServerOf(opts.baseURL);
  const logger = opts.logger?.child({ component: 'openai' });
  const client = new OpenAI({
    apiKey: apiKey || NO_KEY,
    // Explicit, so the SDK never picks up OPENAI_BASE_URL or an organisation from the environment.
    baseURL: opts.baseURL ?? 'https://api.openai.com/v1',
    organization: null,
    project: null,
    maxRetries,
    timeout: timeoutMs,
    ...(logger ? { logger: sdkLogger(logger), logLevel: 'info' as const } : { logLevel: 'off' as const }),
  });

  async function attempt(model: string, request: ModelRequest, onText: (delta: string) => void): Promise<ModelResponse> {
    const params = buildChatParams(request, model);
    try {
      const state = await streamChat(client, params, { signal: request.signal, onText, idleMs: timeoutMs, server });
      if (!state.usage) logger?.debug({ model }, 'the server sent no usage; counting an estimate');
      return finishResponse(state, model, () => estimateUsage(params, state));
    } catch (err) {
      throw mapOpenAiError(err, { model, attempts: maxRetries + 1, server, signal: request.signal });
    }
  }

  return { name: 'openai', model: opts.model, acceptsImages: opts.vision === true, complete: completeWithFallback(attempt, opts, logger) };
}

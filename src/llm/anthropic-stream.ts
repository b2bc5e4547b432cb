/**
 * One streamed Messages call through the SDK, with an idle watchdog: the SDK's own timeout only
 * covers the wait for response headers, so a stream that stalls half-way would otherwise hang a
 * turn (and a voice satellite waiting on it) forever.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import { wordedModelError } from './worded-error.js';
import { createMessageBuilder } from './anthropic-message-builder.js';

/** Per-call hooks and limits. */
export interface StreamCallOptions {
  signal?: AbortSignal | undefined;
  /** Called for each text delta, in order. */
  onText: (delta: string) => void;
  /** Longest silence allowed once the answer has started. */
  idleMs: number;
}

/** Streams one answer and resolves with the final message; rejects with what the SDK threw. */
export async function streamMessage(client: Anthropic, params: MessageCreateParamsBase, opts: StreamCallOptions): Promise<Message> {
  // Resolves once the response headers are in; the SDK's timeout and retries cover that wait.
  const stream = await client.messages.create({ ...params, stream: true }, opts.signal ? { signal: opts.signal } : undefined);
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      stream.controller.abort();
    }, opts.idleMs);
  };
  const builder = createMessageBuilder();
  try {
    arm();
    for await (const event of stream) {
      arm();
      const text = builder.apply(event);
      if (text) opts.onText(text);
    }
    return builder.finish();
  } catch (err) {
    if (stalled) {
      throw wordedModelError('model_unavailable', 'anthropic.silent', { seconds: Math.round(opts.idleMs / 1000) }, { cause: err });
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * One streamed Messages call through the SDK, with an idle watchdog: the SDK's own timeout only
 * covers the wait for response headers, so a stream that stalls half-way would otherwise hang a
 * turn (and a voice satellite waiting on it) forever.
 */
import type Anthropic from '@anthropic-ai/sdk';
import type { Message, MessageCreateParamsBase } from '@anthropic-ai/sdk/resources/messages';
import { ModelError } from '../errors.js';

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
  const stream = client.messages.stream(params, opts.signal ? { signal: opts.signal } : undefined);
  let stalled = false;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      stalled = true;
      stream.abort();
    }, opts.idleMs);
  };
  stream.on('connect', arm);
  stream.on('streamEvent', arm);
  stream.on('text', (delta) => opts.onText(delta));
  try {
    return await stream.finalMessage();
  } catch (err) {
    if (stalled) {
      throw new ModelError('model_unavailable', `The Anthropic API stopped sending its answer (nothing for ${Math.round(opts.idleMs / 1000)} s).`, undefined, {
        cause: err,
      });
    }
    throw err;
  } finally {
    clearTimeout(timer);
  }
}

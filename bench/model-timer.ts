/**
 * Times the model's HTTP round-trips as the server's own fetch sees them (undici's diagnostics
 * channels: request created → response fully received), so a turn's time can be split into
 * "waiting for the model" and everything else.
 */
import diagnostics from 'node:diagnostics_channel';

interface UndiciRequestMessage {
  request: { origin?: unknown };
}

/** Accumulates round-trip time of requests to one origin. */
export interface ModelTimer {
  /** Milliseconds spent in finished round-trips since the last reset. */
  readonly totalMs: number;
  /** Round-trips finished since the last reset. */
  readonly count: number;
  reset(): void;
  stop(): void;
}

/** Starts timing every request to `baseUrl`'s origin made through the global fetch. */
export function startModelTimer(baseUrl: string): ModelTimer {
  const origin = new URL(baseUrl).origin;
  const started = new WeakMap<object, number>();
  let totalMs = 0;
  let count = 0;
  const isModel = (message: unknown) => String((message as UndiciRequestMessage).request.origin) === origin;
  const onCreate = (message: unknown) => {
    if (isModel(message)) started.set((message as UndiciRequestMessage).request, performance.now());
  };
  const onEnd = (message: unknown) => {
    const request = (message as UndiciRequestMessage).request;
    const start = started.get(request);
    if (start === undefined) return;
    started.delete(request);
    totalMs += performance.now() - start;
    count += 1;
  };
  diagnostics.subscribe('undici:request:create', onCreate);
  diagnostics.subscribe('undici:request:trailers', onEnd);
  diagnostics.subscribe('undici:request:error', onEnd);
  return {
    get totalMs() {
      return totalMs;
    },
    get count() {
      return count;
    },
    reset() {
      totalMs = 0;
      count = 0;
    },
    stop() {
      diagnostics.unsubscribe('undici:request:create', onCreate);
      diagnostics.unsubscribe('undici:request:trailers', onEnd);
      diagnostics.unsubscribe('undici:request:error', onEnd);
    },
  };
}

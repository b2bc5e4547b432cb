import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../../logger.js';

/** grammy types its signal with the abort-controller polyfill's class; Node's own is the same at run time. */
export function grammySignal(signal: AbortSignal): Parameters<Api['getMe']>[0] {
  return signal as unknown as Parameters<Api['getMe']>[0];
}

/** How the poller runs; the handler must not block (a turn waits for a later update: its approval). */
export interface PollerOptions {
  api: Api;
  timeoutS: number;
  retryMs: number;
  logger: Logger;
  onUpdate(update: Update): void;
}

/** The wait after `failures` failed polls in a row: doubling from `retryMs`, at most a minute. */
export function retryDelay(retryMs: number, failures: number): number {
  return Math.min(retryMs * 2 ** Math.max(0, failures - 1), 60_000);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * Long polling with getUpdates: each update is confirmed by the next call's offset, and a lost
 * connection (network, Telegram down, a 5xx) is retried with backoff until `signal` aborts.
 */
export async function pollUpdates(opts: PollerOptions, signal: AbortSignal): Promise<void> {
  let offset: number | undefined;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const updates = await opts.api.getUpdates({ timeout: opts.timeoutS, allowed_updates: ['message', 'callback_query'], ...(offset !== undefined && { offset }) }, grammySignal(signal));
      if (failures > 0) opts.logger.info('Telegram polling works again');
      failures = 0;
      for (const update of updates) {
        offset = update.update_id + 1;
        opts.onUpdate(update);
      }
    } catch (err) {
      if (signal.aborted) break;
      failures += 1;
      // Only the message: grammy's wrapped cause may carry the request URL, which holds the token.
      opts.logger.warn({ err: err instanceof Error ? err.message : 'unknown error', failures }, 'Telegram polling failed; retrying');
      await sleep(retryDelay(opts.retryMs, failures), signal);
    }
  }
}

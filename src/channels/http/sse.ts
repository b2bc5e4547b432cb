import type { Response } from 'express';
import type { ChatEvent } from '../../contracts/chat-events.js';

/** A `text/event-stream` response carrying chat events, one JSON object per `data:` line. */
export interface EventStream {
  send(event: ChatEvent): void;
  /** Ends the response (idempotent) and stops the keep-alive timer. */
  end(): void;
  /** True once ended by us or closed by the client. */
  readonly closed: boolean;
}

/** One SSE message; JSON.stringify escapes newlines, so the payload is a single `data:` line. */
export function formatSseEvent(event: ChatEvent): string {
  return `data: ${JSON.stringify(event)}\n\n`;
}

/** The comment line that keeps proxies (ingress, nginx) from timing out an idle stream. */
export const KEEP_ALIVE_COMMENT = ': keep-alive\n\n';

/**
 * Starts the stream: headers go out at once so the client sees the stream open before the model
 * answers. `onClientGone` fires when the client disconnects before we end the stream.
 */
export function openEventStream(res: Response, opts: { keepAliveMs: number; onClientGone: () => void }): EventStream {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-cache');
  res.setHeader('X-Accel-Buffering', 'no');
  res.setHeader('Connection', 'keep-alive');
  res.flushHeaders();
  res.socket?.setNoDelay(true);

  let closed = false;
  const timer = setInterval(() => {
    if (!closed) res.write(KEEP_ALIVE_COMMENT);
  }, opts.keepAliveMs);
  timer.unref();

  const finish = (): void => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
  };
  res.on('close', () => {
    const byClient = !closed && !res.writableFinished;
    finish();
    if (byClient) opts.onClientGone();
  });

  // Events sent in the same tick (a burst of text deltas, a tool's call and result) leave in one
  // socket write instead of one write, and one system call, each. The stream must be uncorked
  // before it ends: Node 22 drops what is still corked when `end()` comes in the same tick.
  let corked = false;
  const uncork = (): void => {
    if (!corked) return;
    corked = false;
    res.uncork();
  };

  return {
    send(event) {
      if (closed) return;
      if (!corked) {
        corked = true;
        res.cork();
        process.nextTick(uncork);
      }
      res.write(formatSseEvent(event));
    },
    end() {
      if (closed) return;
      finish();
      uncork();
      res.end();
    },
    get closed() {
      return closed;
    },
  };
}

/** Where a streamed answer goes: one message, posted once then edited. */
export interface ReplyTarget {
  post(text: string): Promise<void>;
  update(text: string): Promise<void>;
}

/** Longest text sent in one message (Telegram's limit is 4096, Slack's far more). */
export const MAX_REPLY_CHARS = 4000;

/** The text shown for an answer so far: clipped to one message, never empty. */
export function replyText(text: string, fallback: string): string {
  const trimmed = text.trim();
  if (!trimmed) return fallback;
  return trimmed.length > MAX_REPLY_CHARS ? `${trimmed.slice(0, MAX_REPLY_CHARS - 1)}…` : trimmed;
}

/**
 * Streams an answer by editing one message at most once per `intervalMs` (messengers rate-limit
 * edits); the final text always lands. Calls to the target never overlap.
 */
export class StreamingReply {
  readonly #target: ReplyTarget;
  readonly #intervalMs: number;
  readonly #fallback: string;
  readonly #onError: (err: unknown) => void;
  #text = '';
  #shown: string | undefined;
  #chain: Promise<void> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #finished = false;

  constructor(target: ReplyTarget, opts: { intervalMs: number; fallback: string; onError: (err: unknown) => void }) {
    this.#target = target;
    this.#intervalMs = opts.intervalMs;
    this.#fallback = opts.fallback;
    this.#onError = opts.onError;
  }

  /** Adds streamed text; the message follows within `intervalMs`. */
  append(delta: string): void {
    if (this.#finished) return;
    this.#text += delta;
    if (this.#shown === undefined && this.#text.trim()) this.#flush();
    else this.#timer ??= setTimeout(() => this.#flush(), this.#intervalMs);
  }

  /** Shows the final text (or the text so far) and waits until it is sent. */
  async finish(finalText?: string): Promise<void> {
    this.#finished = true;
    if (finalText !== undefined) this.#text = finalText;
    this.#flush();
    await this.#chain;
  }

  #flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#chain = this.#chain.then(async () => {
      const text = replyText(this.#text, this.#fallback);
      if (text === this.#shown) return;
      const first = this.#shown === undefined;
      this.#shown = text;
      try {
        await (first ? this.#target.post(text) : this.#target.update(text));
      } catch (err) {
        this.#onError(err);
      }
    });
  }
}

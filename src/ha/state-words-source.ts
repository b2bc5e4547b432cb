/**
 * Fetches HA's words for states with `frontend/get_translations`, once per language and
 * connection: HA may have been updated (or its language files changed) while the link was down,
 * so a reconnect forgets them. A card never waits long for them: without an answer in time the
 * caller words the state itself, and the answer, when it comes, serves the next call.
 */
import type { Logger } from '../logger.js';
import type { HaConnection } from './ha-connection.js';
import { readStateWords, STATE_WORDS_CATEGORY, type StateWordSource, type StateWordTable } from './state-words.js';

/** What the words need of the connection. */
export type StateWordsConnection = Pick<HaConnection, 'sendMessage' | 'onReady' | 'status'>;

/** Settings of the state words. */
export interface HaStateWordsOptions {
  ha: StateWordsConnection;
  logger: Logger;
  /** HA language codes fetched as soon as HA is connected (the server's own language). */
  prefetch?: readonly string[];
  /** How long a caller waits for HA's answer before going without (default 2 s). */
  waitMs?: number;
}

const DEFAULT_WAIT_MS = 2000;

/** HA's state words, per language, kept for the life of a connection. */
export class HaStateWords implements StateWordSource {
  readonly #tables = new Map<string, Promise<StateWordTable | undefined>>();
  #stopListening: (() => void) | undefined;

  constructor(private readonly options: HaStateWordsOptions) {}

  start(): void {
    this.#stopListening = this.options.ha.onReady(() => {
      this.#tables.clear();
      for (const language of this.options.prefetch ?? []) void this.#fetch(language);
    });
  }

  stop(): void {
    this.#stopListening?.();
    this.#stopListening = undefined;
    this.#tables.clear();
  }

  /** The words of `language` (HA's code: `fr`, `pt-BR`), or undefined when HA is away or slow to answer. */
  async table(language: string): Promise<StateWordTable | undefined> {
    const pending = this.#tables.get(language) ?? (this.options.ha.status().connected ? this.#fetch(language) : undefined);
    if (!pending) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), this.options.waitMs ?? DEFAULT_WAIT_MS);
    });
    try {
      return await Promise.race([pending, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  #fetch(language: string): Promise<StateWordTable | undefined> {
    const message = { type: 'frontend/get_translations', language, category: STATE_WORDS_CATEGORY };
    const pending: Promise<StateWordTable | undefined> = this.options.ha.sendMessage<unknown>(message, { resendable: true }).then(readStateWords, (err: unknown) => {
      // Asked again by the next call: a refusal now may be a blip.
      if (this.#tables.get(language) === pending) this.#tables.delete(language);
      this.options.logger.warn({ err, language }, 'could not read the words Home Assistant shows for states');
      return undefined;
    });
    this.#tables.set(language, pending);
    return pending;
  }
}

/**
 * Turns that belong to their conversation, not to the client that started them. A panel tab that
 * closes, a phone that locks its screen or an HTTP client that drops the stream only stops
 * listening: the turn runs on, an approval keeps waiting its full timeout, and any client of the
 * same user can attach again, getting the events so far and then the rest as they come. Only a
 * Stop (or the turn's own limits, or shutdown) cancels a turn. Finished turns are forgotten: their
 * answer is in the stored conversation.
 */
import { randomUUID } from 'node:crypto';
import type { TurnRequest, TurnRunner } from '../contracts/turns.js';
import type { ChatEvent, ChatEventSink } from '../contracts/chat-events.js';
import { MajordomeError, messageFor } from '../errors.js';
import { t } from '../messages/messages.js';

/** A turn to start: a turn request without the signal, which the running turn owns. */
export type TurnStart = Omit<TurnRequest, 'signal'>;

/** One running turn, as channels see it. */
export interface RunningTurn {
  readonly id: string;
  readonly conversationId: string;
  readonly userId: string;
  /** The user's message that started it (a late client shows it above the replayed events). */
  readonly message: string;
  /**
   * Replays the events so far to `sink`, then streams new ones until the turn ends (its last event
   * is `done` or `error`). Returns the function that stops listening; the turn runs on.
   */
  attach(sink: ChatEventSink): () => void;
  /** Cancels the turn: it ends with an `error` event whose code is `cancelled`, saying why in the turn's language. */
  stop(why?: StopReason): void;
}

/** Why a turn stops: a person stopped it, or Majordome is shutting down. */
export type StopReason = 'turn.stopped' | 'turn.shutting_down';

/** The event a turn that threw ends with, in `language`; only our own errors show their message, anything else a sentence. */
export function errorEventFor(err: unknown, language?: string): Extract<ChatEvent, { type: 'error' }> {
  if (err instanceof MajordomeError) return { type: 'error', message: messageFor(err, language), code: err.code };
  return { type: 'error', message: t(language, 'turn.failed'), code: 'internal' };
}

/** The `error` event a stopped turn ends with, whatever the agent or the SDK threw. */
export function cancelledEvent(reason: unknown, language?: string): Extract<ChatEvent, { type: 'error' }> {
  const message = reason instanceof MajordomeError ? messageFor(reason, language) : t(language, 'turn.cancelled');
  return { type: 'error', message, code: 'cancelled' };
}

const DEFAULT_MAX_PER_USER = 4;

/** Appends an event to a replay log, merging consecutive text deltas so the log stays small. */
export function appendToLog(log: ChatEvent[], event: ChatEvent): void {
  const last = log.at(-1);
  if (event.type === 'text' && last?.type === 'text') log[log.length - 1] = { type: 'text', delta: last.delta + event.delta };
  else log.push(event);
}

/** The turns in flight, by id; each is reachable by its owner only. */
export class RunningTurns {
  readonly #agent: TurnRunner;
  readonly #maxPerUser: number;
  readonly #onError: (err: unknown) => void;
  readonly #language: string | undefined;
  readonly #turns = new Map<string, RunningTurn>();
  /** Resolves when each running turn has sent its last event. */
  readonly #endings = new Map<string, Promise<void>>();

  /**
   * `onError` hears what is not Majordome's own error (a bug), and listeners that throw;
   * `language` (the option) words what a turn says itself when its request names no language.
   */
  constructor(deps: { agent: TurnRunner; maxPerUser?: number; onError?: (err: unknown) => void; language?: string }) {
    this.#agent = deps.agent;
    this.#maxPerUser = deps.maxPerUser ?? DEFAULT_MAX_PER_USER;
    this.#onError = deps.onError ?? (() => undefined);
    this.#language = deps.language;
  }

  /**
   * Starts a turn in the background. A new conversation gets its id here, so a client knows where
   * to find the turn again before it ends. Throws `busy` past the user's limit of running turns.
   */
  start(request: TurnStart): RunningTurn {
    const language = request.language ?? this.#language;
    let running = 0;
    for (const turn of this.#turns.values()) if (turn.userId === request.user.id) running++;
    if (running >= this.#maxPerUser) throw new MajordomeError('busy', t(language, 'turn.busy'));
    const conversationId = request.conversationId ?? randomUUID();
    const controller = new AbortController();
    const log: ChatEvent[] = [];
    const listeners = new Set<ChatEventSink>();
    let ended = false;
    let sentLast!: () => void;
    const ending = new Promise<void>((resolve) => (sentLast = resolve));
    const emit = (event: ChatEvent): void => {
      if (ended) return;
      if (event.type === 'done' || event.type === 'error') {
        ended = true;
        this.#turns.delete(turn.id);
        this.#endings.delete(turn.id);
      } else {
        appendToLog(log, event);
      }
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch (err) {
          this.#onError(err);
        }
      }
      if (ended) {
        listeners.clear();
        sentLast();
      }
    };
    const turn: RunningTurn = {
      id: randomUUID(),
      conversationId,
      userId: request.user.id,
      message: request.text,
      attach(sink) {
        if (ended) return () => undefined;
        for (const event of log) sink(event);
        listeners.add(sink);
        return () => listeners.delete(sink);
      },
      stop(why = 'turn.stopped') {
        controller.abort(new MajordomeError('cancelled', t(language, why)));
      },
    };
    this.#turns.set(turn.id, turn);
    this.#endings.set(turn.id, ending);
    // On the next microtask: the caller attaches its client first, even to a turn that ends at once.
    queueMicrotask(() => {
      this.#agent.runTurn({ ...request, conversationId, signal: controller.signal }, emit).then(
        (outcome) => emit({ type: 'done', conversation_id: outcome.conversationId, text: outcome.text }),
        (err: unknown) => {
          if (!controller.signal.aborted && !(err instanceof MajordomeError)) this.#onError(err);
          emit(controller.signal.aborted ? cancelledEvent(controller.signal.reason, language) : errorEventFor(err, language));
        },
      );
    });
    return turn;
  }

  /** A running turn of this user, by its id. */
  get(turnId: string, userId: string): RunningTurn | undefined {
    const turn = this.#turns.get(turnId);
    return turn?.userId === userId ? turn : undefined;
  }

  /** The oldest running turn of a conversation of this user: the agent runs one at a time per conversation. */
  inConversation(conversationId: string, userId: string): RunningTurn | undefined {
    for (const turn of this.#turns.values()) if (turn.conversationId === conversationId && turn.userId === userId) return turn;
    return undefined;
  }

  /**
   * Cancels every running turn (shutdown), each told why in its own language, and waits (at most
   * `waitMs`) until each has sent that last event: the channels close their clients only after,
   * so a person sees why the answer stopped.
   */
  async stopAll(why: StopReason = 'turn.shutting_down', waitMs = 2000): Promise<void> {
    const endings = [...this.#endings.values()];
    for (const turn of this.#turns.values()) turn.stop(why);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([Promise.all(endings), late]);
    clearTimeout(timer);
  }
}

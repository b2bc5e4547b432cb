/**
 * The HA event bridge (DESIGN.md, external contract): an automation fires `majordome_request`,
 * Majordome runs a turn and fires `majordome_response` `{request_id, conversation_id, text, ok}`,
 * which the automation awaits with `wait_for_trigger`. With several instances on one HA, a request
 * may name one (`instance`, matched against `instance_name`); the others leave it alone.
 */
import type { TurnRunner } from '../../contracts/turns.js';
import { MajordomeError, messageFor } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { t } from '../../messages/messages.js';
import { identityOf, isForInstance, parseBridgeRequest, type HaBusEvent } from './request.js';

/** The event types of the bridge; a public contract. */
export const REQUEST_EVENT = 'majordome_request';
export const RESPONSE_EVENT = 'majordome_response';

/** The part of the HA connection the bridge uses. */
export interface HaEventBus {
  subscribeEvents<T>(callback: (event: T) => void, eventType: string): Promise<() => Promise<void>>;
  fireEvent(eventType: string, eventData: Record<string, unknown>): Promise<void>;
}

/** What the bridge needs. */
export interface HaEventBridgeDeps {
  ha: HaEventBus;
  agent: TurnRunner;
  logger: Logger;
  /** Turns running at once; more requests are answered `ok: false` at once (default 8). */
  maxTurns?: number;
  /** `instance_name`: requests naming another instance are ignored; answers carry it as `instance`. */
  instanceName?: string | undefined;
  /** The option `language`: Majordome's own answers (busy, failed) when a request names none. */
  language?: string;
}

/** The `majordome_response` data. */
export interface BridgeResponse {
  request_id: string | null;
  conversation_id: string | null;
  text: string;
  ok: boolean;
  /** The answering instance's name, when it has one. */
  instance?: string;
}

/** Answers `majordome_request` events with turns. */
export class HaEventBridge {
  readonly #deps: HaEventBridgeDeps;
  readonly #turns = new Set<Promise<void>>();
  #stopping = new AbortController();
  #unsubscribe: (() => Promise<void>) | undefined;

  constructor(deps: HaEventBridgeDeps) {
    this.#deps = deps;
  }

  /** Subscribes (now, or on the first connection to HA when it is down). */
  async start(): Promise<void> {
    if (this.#unsubscribe) return;
    this.#stopping = new AbortController();
    this.#unsubscribe = await this.#deps.ha.subscribeEvents<HaBusEvent>((event) => this.#handle(event), REQUEST_EVENT);
  }

  /** Unsubscribes and cancels running turns, waiting for them to end. */
  async stop(): Promise<void> {
    const unsubscribe = this.#unsubscribe;
    this.#unsubscribe = undefined;
    this.#stopping.abort(new MajordomeError('cancelled', 'Majordome is stopping.'));
    await unsubscribe?.();
    await Promise.allSettled([...this.#turns]);
  }

  #handle(event: HaBusEvent): void {
    if (this.#stopping.signal.aborted) return;
    // Several instances on one HA all hear the event: the one it names answers, or all when it names none.
    if (!isForInstance(event.data, this.#deps.instanceName)) return;
    const parsed = parseBridgeRequest(event.data);
    if (!parsed.ok) {
      this.#deps.logger.warn({ reason: parsed.message }, 'refused a majordome_request');
      void this.#respond({ request_id: parsed.requestId, conversation_id: null, text: parsed.message, ok: false });
      return;
    }
    const { request } = parsed;
    const language = request.language ?? this.#deps.language;
    if (this.#turns.size >= (this.#deps.maxTurns ?? 8)) {
      void this.#respond({ request_id: request.requestId, conversation_id: request.conversationId ?? null, text: t(language, 'turn.events_busy'), ok: false });
      return;
    }
    const turn = this.#deps.agent
      .runTurn(
        {
          text: request.text,
          ...(request.conversationId !== undefined && { conversationId: request.conversationId }),
          ...(request.language !== undefined && { language: request.language }),
          user: identityOf(event),
          channel: 'ha_event',
          signal: this.#stopping.signal,
        },
        () => undefined,
      )
      .then(
        (outcome): BridgeResponse => ({ request_id: request.requestId, conversation_id: outcome.conversationId, text: outcome.text, ok: true }),
        (err: unknown): BridgeResponse => {
          if (!(err instanceof MajordomeError)) this.#deps.logger.error({ err: err instanceof Error ? err.message : String(err) }, 'event bridge turn failed');
          const text = err instanceof MajordomeError ? messageFor(err, language) : t(language, 'turn.failed');
          return { request_id: request.requestId, conversation_id: request.conversationId ?? null, text, ok: false };
        },
      )
      .then((response) => (this.#stopping.signal.aborted ? undefined : this.#respond(response)));
    this.#turns.add(turn);
    void turn.finally(() => this.#turns.delete(turn));
  }

  async #respond(response: BridgeResponse): Promise<void> {
    try {
      const { instanceName } = this.#deps;
      await this.#deps.ha.fireEvent(RESPONSE_EVENT, { ...response, ...(instanceName !== undefined && { instance: instanceName }) });
    } catch (err) {
      this.#deps.logger.warn({ err: err instanceof Error ? err.message : String(err), requestId: response.request_id }, 'could not fire majordome_response');
    }
  }
}

import type { ChatEvent } from '../../contracts/chat-events.js';
import { MajordomeError } from '../../errors.js';
import { t } from '../../messages/messages.js';
import { describeIssues } from '../http/validate.js';
import { ChatMessageBody, turnStartOf } from '../chat-message.js';
import type { RunningTurn } from '../running-turns.js';
import type { ChannelSocket, SocketDeps } from './deps.js';
import { AttachPayload, StopPayload } from './payloads.js';
import type { Ack } from './protocol.js';

/** An acknowledgement callback, or a no-op when the client sent none. */
export type Reply<T> = (reply: Ack<T>) => void;

/** Turns whatever the client passed as the last argument into a safe ack function. */
export function replyFrom<T>(ack: unknown): Reply<T> {
  return typeof ack === 'function' ? (reply) => (ack as Reply<T>)(reply) : () => undefined;
}

/**
 * What one socket listens to: at most one listener per turn, removed when the socket goes. The
 * turns themselves run on (channels/running-turns.ts).
 */
export class SocketListeners {
  readonly #detach = new Map<string, () => void>();

  /** Streams a turn's events (those so far, then the rest) to the socket as `chat:event`. */
  listen(socket: ChannelSocket, turn: RunningTurn): void {
    this.#detach.get(turn.id)?.();
    const detach = turn.attach((event: ChatEvent) => {
      socket.emit('chat:event', { turn_id: turn.id, event });
      if (event.type === 'done' || event.type === 'error') this.#detach.delete(turn.id);
    });
    this.#detach.set(turn.id, detach);
  }

  /** Stops listening to everything (the socket disconnected). */
  clear(): void {
    for (const detach of this.#detach.values()) detach();
    this.#detach.clear();
  }
}

/** `chat:send`: validate, check ownership, ack with the turn and conversation ids, then stream the turn's events. */
export async function handleSend(
  deps: SocketDeps,
  socket: ChannelSocket,
  listeners: SocketListeners,
  payload: unknown,
  reply: Reply<{ turn_id: string; conversation_id: string }>,
): Promise<void> {
  const user = socket.data.user;
  const parsed = ChatMessageBody.safeParse(payload ?? {});
  if (!parsed.success) return reply({ ok: false, code: 'invalid_input', error: describeIssues(parsed.error) });
  const body = parsed.data;
  if (body.conversation_id !== undefined) {
    const conversation = await deps.conversations.get(body.conversation_id);
    // Another user's conversation looks exactly like a missing one. An unknown id is let through:
    // the agent starts a conversation under the id the client chose.
    if (conversation && conversation.userId !== user.id) return reply({ ok: false, code: 'not_found', error: t(body.language ?? deps.language, 'turn.no_conversation') });
  }
  let turn: RunningTurn;
  try {
    turn = deps.turns.start(turnStartOf(body, user, 'socket'));
  } catch (err) {
    if (err instanceof MajordomeError) return reply({ ok: false, code: err.code, error: err.message });
    throw err;
  }
  // socket.io keeps packet order on a connection, so the ack reaches the client before any event.
  reply({ ok: true, turn_id: turn.id, conversation_id: turn.conversationId });
  listeners.listen(socket, turn);
}

/** `chat:attach`: the running turn of one of this user's conversations, replayed then streamed. */
export function handleAttach(deps: SocketDeps, socket: ChannelSocket, listeners: SocketListeners, payload: unknown, reply: Reply<{ turn_id: string; message: string }>): void {
  const parsed = AttachPayload.safeParse(payload ?? {});
  if (!parsed.success) return reply({ ok: false, code: 'invalid_input', error: describeIssues(parsed.error) });
  const turn = deps.turns.inConversation(parsed.data.conversation_id, socket.data.user.id);
  if (!turn) return reply({ ok: false, code: 'not_found', error: t(deps.language, 'turn.not_running') });
  reply({ ok: true, turn_id: turn.id, message: turn.message });
  listeners.listen(socket, turn);
}

/** `chat:stop`: stops one of this user's running turns (from any of their sockets). */
export function handleStop(deps: SocketDeps, socket: ChannelSocket, payload: unknown, reply: Reply<object>): void {
  const parsed = StopPayload.safeParse(payload ?? {});
  if (!parsed.success) return reply({ ok: false, code: 'invalid_input', error: describeIssues(parsed.error) });
  const turn = deps.turns.get(parsed.data.turn_id, socket.data.user.id);
  if (!turn) return reply({ ok: false, code: 'not_found', error: t(deps.language, 'turn.no_running_answer') });
  // The turn says it stopped in its own language.
  turn.stop();
  reply({ ok: true });
}

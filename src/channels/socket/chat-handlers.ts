import type { ChatEvent } from '../../agent/events.js';
import { MajordomeError } from '../../errors.js';
import { errorEventFor } from '../http/routes/chat.js';
import { describeIssues } from '../http/validate.js';
import type { ChannelSocket, SocketDeps } from './deps.js';
import { ChatMessageBody, turnRequestOf } from '../chat-message.js';
import { StopPayload } from './payloads.js';
import type { Ack } from './protocol.js';
import type { TurnRegistry } from './turn-registry.js';

/** An acknowledgement callback, or a no-op when the client sent none. */
export type Reply<T> = (reply: Ack<T>) => void;

const DEFAULT_MAX_TURNS_PER_SOCKET = 4;

/** Turns whatever the client passed as the last argument into a safe ack function. */
export function replyFrom<T>(ack: unknown): Reply<T> {
  return typeof ack === 'function' ? (reply) => (ack as Reply<T>)(reply) : () => undefined;
}

/** The `error` event a stopped turn ends with, whatever the agent or the SDK threw. */
export function cancelledEvent(reason: unknown): Extract<ChatEvent, { type: 'error' }> {
  const message = reason instanceof MajordomeError ? reason.message : 'The turn was stopped.';
  return { type: 'error', message, code: 'cancelled' };
}

/** `chat:send`: validate, check ownership, ack with a turn id, then stream the turn's events. */
export async function handleSend(deps: SocketDeps, turns: TurnRegistry, socket: ChannelSocket, payload: unknown, reply: Reply<{ turn_id: string }>): Promise<void> {
  const user = socket.data.user;
  const parsed = ChatMessageBody.safeParse(payload ?? {});
  if (!parsed.success) return reply({ ok: false, code: 'invalid_input', error: describeIssues(parsed.error) });
  const body = parsed.data;
  if (turns.countForSocket(socket.id) >= (deps.maxTurnsPerSocket ?? DEFAULT_MAX_TURNS_PER_SOCKET)) {
    return reply({ ok: false, code: 'busy', error: 'Too many answers are running at once; wait for one to finish or stop it.' });
  }
  if (body.conversation_id !== undefined) {
    const conversation = await deps.conversations.get(body.conversation_id);
    // Another user's conversation looks exactly like a missing one. An unknown id is let through:
    // the agent starts a conversation under the id the client chose.
    if (conversation && conversation.userId !== user.id) return reply({ ok: false, code: 'not_found', error: 'No such conversation.' });
  }

  const turn = turns.begin(user.id, socket.id);
  const signal = turn.controller.signal;
  // socket.io keeps packet order on a connection, so the ack reaches the client before any event.
  reply({ ok: true, turn_id: turn.id });
  let ended = false;
  const sink = (event: ChatEvent): void => {
    if (ended) return;
    socket.emit('chat:event', { turn_id: turn.id, event });
    if (event.type === 'done' || event.type === 'error') ended = true;
  };
  try {
    const outcome = await deps.agent.runTurn(turnRequestOf(body, user, 'socket', signal), sink);
    sink({ type: 'done', conversation_id: outcome.conversationId, text: outcome.text });
  } catch (err) {
    if (signal.aborted) return sink(cancelledEvent(signal.reason));
    if (!(err instanceof MajordomeError)) {
      deps.logger?.error({ err: err instanceof Error ? err.message : String(err) }, 'socket chat turn failed');
    }
    sink(errorEventFor(err));
  } finally {
    turns.end(turn.id);
  }
}

/** `chat:stop`: aborts one of this user's running turns (from any of their sockets). */
export function handleStop(turns: TurnRegistry, socket: ChannelSocket, payload: unknown, reply: Reply<object>): void {
  const parsed = StopPayload.safeParse(payload ?? {});
  if (!parsed.success) return reply({ ok: false, code: 'invalid_input', error: describeIssues(parsed.error) });
  const stopped = turns.abortOwned(parsed.data.turn_id, socket.data.user.id, new MajordomeError('cancelled', 'Stopped.'));
  reply(stopped ? { ok: true } : { ok: false, code: 'not_found', error: 'No such running answer.' });
}

/**
 * One messenger message becomes one agent turn, the same way in Telegram and Slack: the answer
 * streams into one reply (throttled edits), each approval becomes a message with Approve/Deny
 * buttons, changed once decided, and the chat stays linked to its conversation. Each messenger
 * supplies only its own calls (a MessengerSurface) and words.
 */
import type { ChatEvent } from '../../contracts/chat-events.js';
import type { UserIdentity } from '../../contracts/identity.js';
import type { TurnRunner } from '../../contracts/turns.js';
import { MajordomeError, messageFor } from '../../errors.js';
import type { Logger } from '../../logger.js';
import type { ButtonNonces } from './approval-buttons.js';
import type { ChatLinks } from './chat-deps.js';
import { StreamingReply } from './streaming-reply.js';

/** A tool call of the turn, as its tool_result finds it. */
export interface TurnToolCall {
  name: string;
  input: unknown;
}

/** What one messenger does in the chat of a turn; `M` identifies a posted approval message. */
export interface MessengerSurface<M> {
  /** Posts the answer's first text. */
  postAnswer(text: string): Promise<void>;
  /** Replaces the answer's text. */
  updateAnswer(text: string): Promise<void>;
  /** Posts an approval (what it does and why it asks) with its buttons; resolves with what `resolveApproval` needs. */
  postApproval(approvalId: string, nonce: string, summary: string, reason: string | undefined): Promise<M>;
  /** Shows how an approval ended, without its buttons. */
  resolveApproval(message: M, summary: string, decision: 'approve' | 'deny' | 'expired', by: string): Promise<void>;
  /** A tool call that succeeded (Telegram sends its photo). */
  toolSucceeded?(call: TurnToolCall): Promise<void>;
}

/** What every messenger turn needs. */
export interface MessengerTurnDeps {
  agent: TurnRunner;
  links: Pick<ChatLinks, 'conversationOf' | 'link'>;
  nonces: ButtonNonces;
  logger: Logger;
  editIntervalMs: number;
}

/** One message to answer: where it came from and the words the messenger uses. */
export interface MessengerAsk {
  channel: 'telegram' | 'slack';
  /** The messenger's name in the log ("Telegram"). */
  label: string;
  /** The chat ↔ conversation key (per chat or thread, and per person). */
  chatKey: string;
  text: string;
  user: UserIdentity;
  words: { noAnswer: string; failed: string };
  /** The messenger's language (the option `language`): the words of our own errors. */
  language?: string | undefined;
}

/** Runs the turn and answers in the chat; never throws. */
export async function runMessengerTurn<M>(deps: MessengerTurnDeps, surface: MessengerSurface<M>, ask: MessengerAsk, signal: AbortSignal): Promise<void> {
  const { logger } = deps;
  const onError = (err: unknown) => logger.warn({ err: err instanceof Error ? err.message : 'unknown error' }, `could not send to ${ask.label}`);
  const reply = new StreamingReply(
    { post: (text) => surface.postAnswer(text), update: (text) => surface.updateAnswer(text) },
    { intervalMs: deps.editIntervalMs, fallback: ask.words.noAnswer, onError },
  );
  const calls = new Map<string, TurnToolCall>();
  const approvals = new Map<string, { message: Promise<M | undefined>; summary: string }>();

  const sink = (event: ChatEvent): void => {
    if (event.type === 'text') reply.append(event.delta);
    else if (event.type === 'tool_call') calls.set(event.id, { name: event.name, input: event.input });
    else if (event.type === 'tool_result') {
      const call = calls.get(event.id);
      if (event.ok && call && surface.toolSucceeded) void surface.toolSucceeded(call).catch(onError);
    } else if (event.type === 'approval_required') {
      const nonce = deps.nonces.issue(event.approval_id);
      const message = surface.postApproval(event.approval_id, nonce, event.summary, event.reason).then(
        (posted) => posted,
        (err: unknown) => {
          onError(err);
          return undefined;
        },
      );
      approvals.set(event.approval_id, { message, summary: event.summary });
    } else if (event.type === 'approval_resolved') {
      deps.nonces.forget(event.approval_id);
      const shown = approvals.get(event.approval_id);
      if (!shown) return;
      void shown.message
        .then(async (message) => {
          if (message !== undefined) await surface.resolveApproval(message, shown.summary, event.decision, event.by);
        })
        .catch(onError);
    }
  };

  const conversationId = deps.links.conversationOf(ask.channel, ask.chatKey);
  try {
    const outcome = await deps.agent.runTurn({ text: ask.text, ...(conversationId !== undefined && { conversationId }), user: ask.user, channel: ask.channel, signal }, sink);
    deps.links.link(ask.channel, ask.chatKey, outcome.conversationId);
    await reply.finish(outcome.text);
  } catch (err) {
    if (!(err instanceof MajordomeError)) logger.error({ err: err instanceof Error ? err.message : String(err) }, `${ask.label} turn failed`);
    if (signal.aborted) return;
    await reply.finish(err instanceof MajordomeError ? messageFor(err, ask.language) : ask.words.failed);
  } finally {
    for (const id of approvals.keys()) deps.nonces.forget(id);
  }
}

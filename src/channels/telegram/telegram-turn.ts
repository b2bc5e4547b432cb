/**
 * One message from an allowed chat becomes one agent turn: the answer streams into one message
 * (throttled edits), each approval becomes a message with Approve/Deny buttons, edited once decided.
 */
import { InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { ChatEvent } from '../../contracts/chat-events.js';
import { MajordomeError } from '../../errors.js';
import type { UserIdentity } from '../../contracts/identity.js';
import type { Logger } from '../../logger.js';
import { encodeButton, type ButtonNonces } from '../messenger/approval-buttons.js';
import { StreamingReply } from '../messenger/streaming-reply.js';
import type { ChatLinks } from '../messenger/chat-deps.js';
import type { PhotoSource } from './deps.js';
import { TELEGRAM_TEXT } from './telegram-text.js';
import type { TurnRunner } from '../../contracts/turns.js';

/** What a Telegram turn needs. */
export interface TelegramTurnDeps {
  api: Api;
  agent: TurnRunner;
  links: ChatLinks;
  nonces: ButtonNonces;
  logger: Logger;
  editIntervalMs: number;
  photoOf?: PhotoSource;
}

/** The message that asked. */
export interface TelegramAsk {
  chatId: number;
  messageId: number;
  text: string;
  user: UserIdentity;
}

/** The Approve/Deny keyboard of one approval. */
export function approvalKeyboard(approvalId: string, nonce: string): InlineKeyboardMarkup {
  return {
    inline_keyboard: [
      [
        { text: TELEGRAM_TEXT.approve, callback_data: encodeButton({ approvalId, nonce, decision: 'approve' }) },
        { text: TELEGRAM_TEXT.deny, callback_data: encodeButton({ approvalId, nonce, decision: 'deny' }) },
      ],
    ],
  };
}

/** The conversation key of a chat: per chat and per person, since conversations belong to one user. */
export function chatKeyOf(chatId: number, user: UserIdentity): string {
  return `${chatId}:${user.id}`;
}

/** Runs the turn and answers in the chat; never throws. */
export async function runTelegramTurn(deps: TelegramTurnDeps, ask: TelegramAsk, signal: AbortSignal): Promise<void> {
  const { api, logger } = deps;
  const onError = (err: unknown) => logger.warn({ err: err instanceof Error ? err.message : 'unknown error' }, 'could not send to Telegram');
  let answerId: number | undefined;
  const reply = new StreamingReply(
    {
      post: async (text) => {
        answerId = (await api.sendMessage(ask.chatId, text, { reply_parameters: { message_id: ask.messageId, allow_sending_without_reply: true } })).message_id;
      },
      update: async (text) => {
        if (answerId !== undefined) await api.editMessageText(ask.chatId, answerId, text);
      },
    },
    { intervalMs: deps.editIntervalMs, fallback: TELEGRAM_TEXT.noAnswer, onError },
  );
  const calls = new Map<string, { name: string; input: unknown }>();
  const sendPhoto = async (call: { name: string; input: unknown }): Promise<void> => {
    const photo = await deps.photoOf?.(call);
    if (photo) await api.sendPhoto(ask.chatId, new InputFile(photo, 'photo.jpg'));
  };
  const approvalMessages = new Map<string, { messageId: Promise<number | undefined>; summary: string }>();

  const sink = (event: ChatEvent): void => {
    if (event.type === 'text') reply.append(event.delta);
    else if (event.type === 'tool_call') calls.set(event.id, { name: event.name, input: event.input });
    else if (event.type === 'tool_result') {
      const call = calls.get(event.id);
      if (event.ok && call && deps.photoOf) void sendPhoto(call).catch(onError);
    } else if (event.type === 'approval_required') {
      const nonce = deps.nonces.issue(event.approval_id);
      const sent = api
        .sendMessage(ask.chatId, TELEGRAM_TEXT.approvalNeeded(event.summary), { reply_markup: approvalKeyboard(event.approval_id, nonce) })
        .then(
          (message) => message.message_id,
          (err: unknown) => {
            onError(err);
            return undefined;
          },
        );
      approvalMessages.set(event.approval_id, { messageId: sent, summary: event.summary });
    } else if (event.type === 'approval_resolved') {
      deps.nonces.forget(event.approval_id);
      const shown = approvalMessages.get(event.approval_id);
      if (!shown) return;
      // Editing without reply_markup removes the buttons.
      const text = TELEGRAM_TEXT.resolved(shown.summary, event.decision, event.by);
      void shown.messageId
        .then(async (id) => {
          if (id !== undefined) await api.editMessageText(ask.chatId, id, text);
        })
        .catch(onError);
    }
  };

  const conversationId = deps.links.conversationOf('telegram', chatKeyOf(ask.chatId, ask.user));
  try {
    const outcome = await deps.agent.runTurn(
      { text: ask.text, ...(conversationId !== undefined && { conversationId }), user: ask.user, channel: 'telegram', signal },
      sink,
    );
    deps.links.link('telegram', chatKeyOf(ask.chatId, ask.user), outcome.conversationId);
    await reply.finish(outcome.text);
  } catch (err) {
    if (!(err instanceof MajordomeError)) logger.error({ err: err instanceof Error ? err.message : String(err) }, 'Telegram turn failed');
    if (signal.aborted) return;
    await reply.finish(err instanceof MajordomeError ? err.message : TELEGRAM_TEXT.failed);
  } finally {
    for (const id of approvalMessages.keys()) deps.nonces.forget(id);
  }
}

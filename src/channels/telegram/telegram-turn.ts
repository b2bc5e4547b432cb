/**
 * One message from an allowed chat becomes one agent turn (messenger/messenger-turn.ts): the
 * answer in a reply, each approval a message with an inline keyboard, a screenshot as a photo.
 */
import { InputFile, type Api } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { UserIdentity } from '../../contracts/identity.js';
import type { TurnRunner } from '../../contracts/turns.js';
import type { Logger } from '../../logger.js';
import { encodeButton, type ButtonNonces } from '../messenger/approval-buttons.js';
import type { ChatLinks } from '../messenger/chat-deps.js';
import { runMessengerTurn, type MessengerSurface } from '../messenger/messenger-turn.js';
import type { PhotoSource } from './deps.js';
import { telegramText } from './telegram-text.js';

/** What a Telegram turn needs. */
export interface TelegramTurnDeps {
  api: Api;
  agent: TurnRunner;
  links: ChatLinks;
  nonces: ButtonNonces;
  logger: Logger;
  editIntervalMs: number;
  photoOf?: PhotoSource;
  /** The option `language`: the bot's own words (buttons, approvals, failures) are in it. */
  language?: string;
}

/** The message that asked. */
export interface TelegramAsk {
  chatId: number;
  messageId: number;
  text: string;
  user: UserIdentity;
}

/** The Approve/Deny keyboard of one approval. */
export function approvalKeyboard(approvalId: string, nonce: string, language?: string): InlineKeyboardMarkup {
  const words = telegramText(language);
  return {
    inline_keyboard: [
      [
        { text: words.approve, callback_data: encodeButton({ approvalId, nonce, decision: 'approve' }) },
        { text: words.deny, callback_data: encodeButton({ approvalId, nonce, decision: 'deny' }) },
      ],
    ],
  };
}

/** The conversation key of a chat: per chat and per person, since conversations belong to one user. */
export function chatKeyOf(chatId: number, user: UserIdentity): string {
  return `${chatId}:${user.id}`;
}

/** Runs the turn and answers in the chat (messenger/messenger-turn.ts); never throws. */
export async function runTelegramTurn(deps: TelegramTurnDeps, ask: TelegramAsk, signal: AbortSignal): Promise<void> {
  const { api } = deps;
  const words = telegramText(deps.language);
  let answerId: number | undefined;
  const surface: MessengerSurface<number> = {
    postAnswer: async (text) => {
      answerId = (await api.sendMessage(ask.chatId, text, { reply_parameters: { message_id: ask.messageId, allow_sending_without_reply: true } })).message_id;
    },
    updateAnswer: async (text) => {
      if (answerId !== undefined) await api.editMessageText(ask.chatId, answerId, text);
    },
    postApproval: async (approvalId, nonce, summary, reason) =>
      (await api.sendMessage(ask.chatId, words.approvalNeeded(summary, reason), { reply_markup: approvalKeyboard(approvalId, nonce, deps.language) })).message_id,
    // Editing without reply_markup removes the buttons.
    resolveApproval: async (messageId, summary, decision, by) => {
      await api.editMessageText(ask.chatId, messageId, words.resolved(summary, decision, by));
    },
    ...(deps.photoOf && {
      toolSucceeded: async (call) => {
        const photo = await deps.photoOf?.(call);
        if (photo) await api.sendPhoto(ask.chatId, new InputFile(photo, 'photo.jpg'));
      },
    }),
  };
  const turn = { channel: 'telegram', label: 'Telegram', chatKey: chatKeyOf(ask.chatId, ask.user), text: ask.text, user: ask.user } as const;
  await runMessengerTurn(deps, surface, { ...turn, words: { noAnswer: words.noAnswer, failed: words.failed }, language: deps.language }, signal);
}

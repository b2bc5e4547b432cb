/**
 * One Slack message becomes one agent turn (messenger/messenger-turn.ts), answered in its thread:
 * the answer in one reply (chat.update), each approval a Block Kit message with buttons.
 */
import type { webApi } from '@slack/bolt';
import type { UserIdentity } from '../../contracts/identity.js';
import type { TurnRunner } from '../../contracts/turns.js';
import type { Logger } from '../../logger.js';
import { t } from '../../messages/messages.js';
import type { ButtonNonces } from '../messenger/approval-buttons.js';
import { approvalRequestText } from '../messenger/approval-text.js';
import type { ChatLinks } from '../messenger/chat-deps.js';
import { runMessengerTurn, type MessengerSurface } from '../messenger/messenger-turn.js';
import { approvalBlocks, resolvedText } from './slack-blocks.js';

/** What a Slack turn needs. */
export interface SlackTurnDeps {
  client: webApi.WebClient;
  agent: TurnRunner;
  links: ChatLinks;
  nonces: ButtonNonces;
  logger: Logger;
  editIntervalMs: number;
  /** The option `language`: the bot's own words are in it. */
  language?: string;
}

/** The message that asked, and the thread the answer goes to. */
export interface SlackAsk {
  channel: string;
  threadTs: string;
  text: string;
  user: UserIdentity;
}

/** The conversation key of a thread: per thread and per person (conversations belong to one user). */
export function threadKeyOf(ask: Pick<SlackAsk, 'channel' | 'threadTs' | 'user'>): string {
  return `${ask.channel}:${ask.threadTs}:${ask.user.id}`;
}

/** Slack's words for a failed turn, in `language`. */
export function slackFailed(language: string | undefined): string {
  return t(language, 'messenger.failed');
}

/** Runs the turn and answers in the thread (messenger/messenger-turn.ts); never throws. */
export async function runSlackTurn(deps: SlackTurnDeps, ask: SlackAsk, signal: AbortSignal): Promise<void> {
  const { client, language } = deps;
  const where = { channel: ask.channel, thread_ts: ask.threadTs };
  let answerTs: string | undefined;
  const surface: MessengerSurface<string | undefined> = {
    postAnswer: async (text) => {
      answerTs = (await client.chat.postMessage({ ...where, text })).ts;
    },
    updateAnswer: async (text) => {
      if (answerTs) await client.chat.update({ channel: ask.channel, ts: answerTs, text });
    },
    postApproval: async (approvalId, nonce, summary, reason) =>
      (
        await client.chat.postMessage({
          ...where,
          text: approvalRequestText(language, summary, reason),
          blocks: approvalBlocks(summary, approvalId, nonce, language, reason),
        })
      ).ts,
    resolveApproval: async (ts, summary, decision, by) => {
      if (ts) await client.chat.update({ channel: ask.channel, ts, text: resolvedText(summary, decision, by, language), blocks: [] });
    },
  };
  const turn = { channel: 'slack', label: 'Slack', chatKey: threadKeyOf(ask), text: ask.text, user: ask.user } as const;
  await runMessengerTurn(deps, surface, { ...turn, words: { noAnswer: t(language, 'messenger.no_answer'), failed: slackFailed(language) }, language }, signal);
}

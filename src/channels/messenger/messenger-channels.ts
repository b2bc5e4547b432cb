/**
 * The messenger channels (Telegram, Slack) built from the options: each is on only when its
 * tokens are set, and its library (grammy, @slack/bolt) is loaded only then. main.ts starts and
 * stops them with the rest and serves their pairings.
 */
import type { Options } from '../../config/options.js';
import type { Logger } from '../../logger.js';
import type { ChatLinkStore, ChatPairing } from '../../store/chat-links.js';
import type { PairingsAccess } from '../http/deps.js';
import type { ApprovalDecider } from './chat-deps.js';
import { parseUserMap, type HaUserLookup } from './user-map.js';
import type { TurnRunner } from '../../contracts/turns.js';

/** Test hooks: local fakes instead of Telegram's and Slack's servers, faster edits and retries. */
export interface MessengerOverrides {
  telegramApiRoot?: string;
  slackApiUrl?: string;
  editIntervalMs?: number;
  retryMs?: number;
  /** Socket Mode's pong wait and reconnect step. */
  slackPingTimeoutMs?: number;
}

/** What the messenger channels need. */
export interface MessengerDeps {
  options: Options;
  agent: TurnRunner;
  approvals: ApprovalDecider;
  links: ChatLinkStore;
  lookup: HaUserLookup;
  logger: Logger;
  overrides?: MessengerOverrides;
}

/** The configured messenger channels. */
export interface MessengerChannels {
  /** Pairing routes for the panel; undefined when no messenger is on. */
  pairings: PairingsAccess | undefined;
  start(): void;
  stop(): Promise<void>;
}

/** Builds the channels whose tokens are set. */
export async function createMessengerChannels(deps: MessengerDeps): Promise<MessengerChannels> {
  const { options, overrides = {} } = deps;
  const telegram = options.telegram_bot_token
    ? new (await import('../telegram/telegram-channel.js')).TelegramChannel({
        token: options.telegram_bot_token,
        allowedChats: options.telegram_allowed_chats,
        users: parseUserMap(options.telegram_users),
        lookup: deps.lookup,
        agent: deps.agent,
        approvals: deps.approvals,
        links: deps.links,
        logger: deps.logger.child({ module: 'telegram' }),
        language: options.language,
        ...(overrides.telegramApiRoot !== undefined && { apiRoot: overrides.telegramApiRoot }),
        ...(overrides.editIntervalMs !== undefined && { editIntervalMs: overrides.editIntervalMs }),
        ...(overrides.retryMs !== undefined && { retryMs: overrides.retryMs }),
      })
    : undefined;
  const slack =
    options.slack_bot_token && options.slack_app_token
      ? new (await import('../slack/slack-channel.js')).SlackChannel({
          botToken: options.slack_bot_token,
          appToken: options.slack_app_token,
          allowedUsers: options.slack_allowed_users,
          allowedChannels: options.slack_allowed_channels,
          users: parseUserMap(options.slack_users),
          lookup: deps.lookup,
          agent: deps.agent,
          approvals: deps.approvals,
          links: deps.links,
          logger: deps.logger.child({ module: 'slack' }),
          language: options.language,
          ...(overrides.slackApiUrl !== undefined && { apiUrl: overrides.slackApiUrl }),
          ...(overrides.editIntervalMs !== undefined && { editIntervalMs: overrides.editIntervalMs }),
          ...(overrides.slackPingTimeoutMs !== undefined && { pingTimeoutMs: overrides.slackPingTimeoutMs }),
        })
      : undefined;
  if (!slack && (options.slack_bot_token || options.slack_app_token)) {
    deps.logger.warn('Slack needs both slack_bot_token and slack_app_token; Slack is off');
  }
  const announce = (pairing: ChatPairing): void => {
    if (pairing.channel === 'telegram') void telegram?.announcePaired(pairing.chatId);
  };
  const pairings: PairingsAccess | undefined = telegram
    ? {
        list: () => deps.links.list(),
        confirm: (code, by) => {
          const pairing = deps.links.confirm(code, by);
          if (pairing) announce(pairing);
          return pairing;
        },
      }
    : undefined;
  return {
    pairings,
    start() {
      telegram?.start();
      slack?.start();
    },
    async stop() {
      await Promise.all([telegram?.stop(), slack?.stop()]);
    },
  };
}

import type { Logger } from '../../logger.js';
import type { ApprovalDecider, ChatLinks } from '../messenger/chat-deps.js';
import type { HaUserLookup } from '../messenger/user-map.js';
import type { TurnRunner } from '../../contracts/turns.js';

/**
 * The picture a finished tool call produced (a camera snapshot), if any. The seam for camera
 * photos: no tool returns images yet; a camera tool plugs in here and Telegram sends the photo.
 */
export type PhotoSource = (call: { name: string; input: unknown }) => Promise<Uint8Array | undefined>;

/** Everything the Telegram channel needs; `main.ts` wires it. */
export interface TelegramDeps {
  /** The bot token (a secret: never logged, never in a message). */
  token: string;
  /** Chat ids always allowed (the option); paired chats are allowed too. */
  allowedChats: readonly string[];
  /** Telegram user id → HA user id or username (option `telegram_users`). */
  users: ReadonlyMap<string, string>;
  lookup: HaUserLookup;
  agent: TurnRunner;
  approvals: ApprovalDecider;
  links: ChatLinks;
  logger: Logger;
  /** Photos of finished tool calls (see PhotoSource); absent → none are sent. */
  photoOf?: PhotoSource;
  /** The option `language`: the bot's own words are in it. */
  language?: string;
  /** Bot API base URL (default https://api.telegram.org); tests point it at a local fake. */
  apiRoot?: string;
  /** Least time between two edits of a streamed answer (default 1 s; Telegram limits edits). */
  editIntervalMs?: number;
  /** getUpdates long-poll timeout in seconds (default 30). */
  pollTimeoutS?: number;
  /** First wait after a failed poll, doubled up to a minute (default 2 s). */
  retryMs?: number;
}

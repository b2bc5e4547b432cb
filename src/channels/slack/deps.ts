import type { Logger } from '../../logger.js';
import type { ApprovalDecider, ChatLinks } from '../messenger/chat-deps.js';
import type { HaUserLookup } from '../messenger/user-map.js';
import type { TurnRunner } from '../../contracts/turns.js';

/** Everything the Slack channel needs; `main.ts` wires it. */
export interface SlackDeps {
  /** Bot token (`xoxb-…`) and app-level token (`xapp-…`): secrets, never logged or shown. */
  botToken: string;
  appToken: string;
  /** Slack member ids that may talk to Majordome. */
  allowedUsers: readonly string[];
  /** Channel ids where a mention is answered (direct messages need none). */
  allowedChannels: readonly string[];
  /** Slack member id → HA user id or username (option `slack_users`). */
  users: ReadonlyMap<string, string>;
  lookup: HaUserLookup;
  agent: TurnRunner;
  approvals: ApprovalDecider;
  links: ChatLinks;
  logger: Logger;
  /** Web API base URL (default https://slack.com/api/); tests point it at a local fake. */
  apiUrl?: string;
  /** Least time between two edits of a streamed answer (default 1 s). */
  editIntervalMs?: number;
  /** Socket Mode's pong wait, also the step of its reconnect delay (default 5 s). */
  pingTimeoutMs?: number;
  /** The option `language`: the bot's own words are in it. */
  language?: string;
}

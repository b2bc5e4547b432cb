import type { DefaultEventsMap, Server, Socket } from 'socket.io';
import type { UserIdentity } from '../../contracts/identity.js';
import type { ConversationReader, HttpLogger } from '../http/deps.js';
import type { RunningTurns } from '../running-turns.js';
import type { ClientToServerEvents, ServerToClientEvents } from './protocol.js';

/** Everything the socket channel needs; `main.ts` wires the same services the HTTP channel gets. */
export interface SocketDeps {
  /** Runs chat turns in the background of their conversation, shared with the HTTP channel. */
  turns: RunningTurns;
  /** The option `language`: the words of a refusal when the message names none. */
  language?: string;
  /** Only `get`, to refuse another user's conversation before a turn starts. */
  conversations: Pick<ConversationReader, 'get'>;
  /** Peers allowed to assert identity headers (normalised addresses). */
  trustedProxies: readonly string[];
  /** Checks an HA access token; see `src/ha/token-verifier.ts`. */
  verifyBearer(token: string): Promise<UserIdentity | undefined>;
  logger?: HttpLogger;
}

/** What each connected socket carries once its handshake passed. */
export interface SocketData {
  user: UserIdentity;
}

/** The typed socket.io server of the panel protocol. */
export type ChannelServer = Server<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;

/** One connected panel. */
export type ChannelSocket = Socket<ClientToServerEvents, ServerToClientEvents, DefaultEventsMap, SocketData>;

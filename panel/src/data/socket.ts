import { io, type Socket } from 'socket.io-client';
import type { Ack, ClientToServerEvents, ServerToClientEvents } from '../../../src/channels/socket/protocol.js';
import { INGRESS_SESSION, type PanelSession } from './session.js';

/** The panel's typed socket.io connection. */
export type PanelSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

// A turn's acknowledgement only says it started; the answer streams afterwards.
const ACK_TIMEOUT_MS = 15_000;

/** The socket.io path under the document's base (`/api/hassio_ingress/<token>/socket.io`). */
export function socketPath(baseUri: string): string {
  return new URL('socket.io', baseUri).pathname;
}

/**
 * A socket on the same origin, under the ingress prefix; idle until `connect()`. Standalone, every
 * (re)connection hands the session's current HA token to the handshake (browsers cannot set
 * headers on a WebSocket, so it travels in socket.io's `auth`).
 */
export function createPanelSocket(session: Pick<PanelSession, 'accessToken'> = INGRESS_SESSION, baseUri: string = document.baseURI): PanelSocket {
  return io({
    path: socketPath(baseUri),
    autoConnect: false,
    // Ingress passes WebSockets through: starting there saves the long-polling handshake (and its
    // requests left over when a refused session closes); polling remains if a proxy blocks them.
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    auth: (callback) => {
      session.accessToken().then(
        (token) => callback(token ? { token } : {}),
        () => callback({}),
      );
    },
  });
}

/** An acknowledgement that failed, with the server's code (or `timeout` / `disconnected`). */
export class AckError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'AckError';
    this.code = code;
  }
}

function unwrap<T>(reply: Ack<T>): T {
  if (!reply.ok) throw new AckError(reply.code, reply.error);
  return reply;
}

async function withAck<T>(send: () => Promise<Ack<T>>, socket: PanelSocket): Promise<T> {
  if (!socket.connected) throw new AckError('disconnected', 'Not connected to Majordome.');
  try {
    return unwrap(await send());
  } catch (err) {
    if (err instanceof AckError) throw err;
    throw new AckError('timeout', 'Majordome did not acknowledge in time.');
  }
}

/** A turn the server accepted, and the conversation it belongs to (new conversations get their id here). */
export interface StartedTurn {
  turnId: string;
  conversationId: string;
}

/** Starts a turn; resolves once the server accepted it. */
export async function startTurn(
  socket: PanelSocket,
  request: { message: string; conversation_id?: string; language?: string },
): Promise<StartedTurn> {
  const reply = await withAck(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:send', request), socket);
  return { turnId: reply.turn_id, conversationId: reply.conversation_id };
}

/** The turn running in a conversation, with the message that started it; undefined when none runs. */
export async function attachTurn(socket: PanelSocket, conversationId: string): Promise<{ turnId: string; message: string } | undefined> {
  try {
    const reply = await withAck(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:attach', { conversation_id: conversationId }), socket);
    return { turnId: reply.turn_id, message: reply.message };
  } catch (err) {
    if (err instanceof AckError && err.code === 'not_found') return undefined;
    throw err;
  }
}

/** Asks the server to stop a running turn. */
export async function stopTurn(socket: PanelSocket, turnId: string): Promise<void> {
  await withAck(() => socket.timeout(ACK_TIMEOUT_MS).emitWithAck('chat:stop', { turn_id: turnId }), socket);
}

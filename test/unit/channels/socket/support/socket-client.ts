import { io, type Socket } from 'socket.io-client';
import type { ChatEvent } from '../../../../../src/contracts/chat-events.js';
import type { Ack, ClientToServerEvents, ServerToClientEvents, TurnEvent } from '../../../../../src/channels/socket/protocol.js';

/** A panel-protocol client socket. */
export type PanelSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** How a test connects: through the ingress proxy (`base` = proxy URL) or straight to the server. */
export interface ConnectOptions {
  headers?: Record<string, string>;
  auth?: Record<string, unknown>;
  /** WebSocket only is where browsers send Origin on every handshake; default both transports. */
  transports?: Array<'polling' | 'websocket'>;
}

/** The error a refused handshake produced, as the client sees it. */
export interface RefusedConnection {
  message: string;
  data?: unknown;
  description?: unknown;
}

const opened = new Set<PanelSocket>();

/** Opens a socket at `base` (a URL whose path is the ingress root, or `/`); no reconnection. */
export function openSocket(base: string, opts: ConnectOptions = {}): PanelSocket {
  const url = new URL(base);
  const socket: PanelSocket = io(url.origin, {
    path: `${url.pathname.replace(/\/+$/, '')}/socket.io`,
    reconnection: false,
    forceNew: true,
    timeout: 5000,
    ...(opts.transports && { transports: opts.transports }),
    ...(opts.headers && { extraHeaders: opts.headers }),
    ...(opts.auth && { auth: opts.auth }),
  });
  opened.add(socket);
  return socket;
}

/** Connects and resolves once the server accepted the handshake. */
export async function connect(base: string, opts: ConnectOptions = {}): Promise<PanelSocket> {
  const socket = openSocket(base, opts);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (err) => reject(err));
  });
  return socket;
}

/** Connects expecting a refusal; resolves with the client-side error. */
export async function connectRefused(base: string, opts: ConnectOptions = {}): Promise<RefusedConnection> {
  const socket = openSocket(base, opts);
  return new Promise<RefusedConnection>((resolve, reject) => {
    socket.once('connect', () => reject(new Error('the server accepted a handshake it should refuse')));
    socket.once('connect_error', (err: Error & { data?: unknown; description?: unknown }) =>
      resolve({ message: err.message, data: err.data, description: err.description }),
    );
  });
}

/** Closes every socket this module opened (afterEach). */
export function closeAllSockets(): void {
  for (const socket of opened) socket.close();
  opened.clear();
}

/** What one `chat:send` produced: the ack, then (when accepted) every event of the turn. */
export interface SentTurn {
  ack: Ack<{ turn_id: string; conversation_id: string }>;
  events: ChatEvent[];
  /** False if any event of the turn arrived before its ack. */
  ackFirst: boolean;
}

/**
 * Sends a message; resolves when the ack refused it, or with the turn's events up to `done` or
 * `error`. The ack callback runs as its packet is read, so the order seen here is the wire order.
 */
export function sendMessage(socket: PanelSocket, request: { message: string; conversation_id?: string }, onAck?: (turnId: string) => void): Promise<SentTurn> {
  return new Promise<SentTurn>((resolve) => {
    let ack: Ack<{ turn_id: string; conversation_id: string }> | undefined;
    let ackFirst = true;
    const events: ChatEvent[] = [];
    const onEvent = (e: TurnEvent): void => {
      if (!ack) {
        ackFirst = false;
        return;
      }
      if (!ack.ok || e.turn_id !== ack.turn_id) return;
      events.push(e.event);
      if (e.event.type === 'done' || e.event.type === 'error') {
        socket.off('chat:event', onEvent);
        resolve({ ack, events, ackFirst });
      }
    };
    socket.on('chat:event', onEvent);
    socket.emit('chat:send', request, (reply) => {
      ack = reply;
      if (!reply.ok) {
        socket.off('chat:event', onEvent);
        resolve({ ack: reply, events, ackFirst });
      } else onAck?.(reply.turn_id);
    });
  });
}

/** Resolves on the next `name` event. */
export function nextEvent(socket: PanelSocket, name: 'approvals:changed' | 'status:changed'): Promise<void> {
  return new Promise<void>((resolve) => socket.once(name, () => resolve()));
}

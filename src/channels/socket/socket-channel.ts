import type http from 'node:http';
import { Server } from 'socket.io';
import { handleAttach, handleSend, handleStop, replyFrom, SocketListeners } from './chat-handlers.js';
import type { ChannelServer, ChannelSocket, SocketDeps } from './deps.js';
import { checkOrigin } from './origin-check.js';
import { SIGN_IN_MESSAGE } from '../http/identity.js';
import { resolveSocketIdentity, type SocketIdentityOutcome } from './socket-identity.js';
import { t } from '../../messages/messages.js';
import { requestedLanguage } from '../http/requested-language.js';

/** The socket.io path, relative to the ingress root (the panel connects to `./socket.io/`). */
export const SOCKET_PATH = '/socket.io';

// A chat message is at most 8000 characters; anything far bigger is not the panel talking.
const MAX_MESSAGE_BYTES = 64 * 1024;

/** The handshake error the client reads: a message and `data.code` (socket.io's connect_error). */
function refusal(outcome: Extract<SocketIdentityOutcome, { ok: false }>): Error {
  const message = outcome.code === 'ha_unavailable' ? outcome.message : SIGN_IN_MESSAGE;
  return Object.assign(new Error(message), { data: { code: outcome.code } });
}

/** The room every socket of one HA user joins, so changes reach all their tabs and devices. */
export function userRoom(userId: string): string {
  return `user:${userId}`;
}

/**
 * The panel's live channel: socket.io on the HTTP server's port. Handshakes need a same-origin
 * page (see origin-check.ts) and the same identity as HTTP; turns stream as `chat:event`.
 */
export class SocketChannel {
  readonly #deps: SocketDeps;
  #io: ChannelServer | undefined;

  constructor(deps: SocketDeps) {
    this.#deps = deps;
  }

  /** Attaches to the (listening) HTTP server; requests outside `/socket.io/` still reach express. */
  start(server: http.Server): void {
    if (this.#io) return;
    const deps = this.#deps;
    const io: ChannelServer = new Server(server, {
      path: SOCKET_PATH,
      serveClient: false,
      maxHttpBufferSize: MAX_MESSAGE_BYTES,
      // Refusing a foreign page here stops it before any session exists.
      allowRequest: (req, callback) => {
        const verdict = checkOrigin({ peer: req.socket.remoteAddress, headers: req.headers, trustedProxies: deps.trustedProxies });
        if (!verdict.ok) deps.logger?.warn({ origin: req.headers.origin }, 'socket handshake refused: foreign origin');
        callback(verdict.ok ? null : verdict.reason, verdict.ok);
      },
    });
    io.use((socket, next) => {
      resolveSocketIdentity({
        peer: socket.request.socket.remoteAddress,
        headers: socket.handshake.headers,
        authToken: (socket.handshake.auth as Record<string, unknown> | undefined)?.['token'],
        trustedProxies: deps.trustedProxies,
        verifyBearer: deps.verifyBearer,
        onVerifyError: (err) => deps.logger?.warn({ err: err instanceof Error ? err.message : String(err) }, 'bearer token check failed'),
      }).then(
        (outcome) => {
          if (!outcome.ok) return next(refusal(outcome));
          socket.data.user = outcome.user;
          next();
        },
        (err: unknown) => next(err instanceof Error ? err : new Error(String(err))),
      );
    });
    io.on('connection', (socket) => this.#onConnection(socket));
    this.#io = io;
  }

  #onConnection(socket: ChannelSocket): void {
    void socket.join(userRoom(socket.data.user.id));
    const listeners = new SocketListeners();
    socket.on('chat:send', (payload: unknown, ack: unknown) => {
      handleSend(this.#deps, socket, listeners, payload, replyFrom(ack)).catch((err: unknown) => {
        this.#deps.logger?.error({ err: err instanceof Error ? err.message : String(err) }, 'chat:send failed');
        const language = requestedLanguage((payload as { language?: unknown } | null | undefined)?.language, this.#deps.language);
        replyFrom(ack)({ ok: false, code: 'internal', error: t(language, 'turn.send_failed') });
      });
    });
    socket.on('chat:attach', (payload: unknown, ack: unknown) => handleAttach(this.#deps, socket, listeners, payload, replyFrom(ack)));
    socket.on('chat:stop', (payload: unknown, ack: unknown) => handleStop(this.#deps, socket, payload, replyFrom(ack)));
    // The panel going away (a closed tab, a locked phone) stops nothing: its turns run on.
    socket.on('disconnect', () => listeners.clear());
  }

  /** Tells the panels that approvals changed: one user's sockets, or everyone's (approvers may be many). */
  notifyApprovalsChanged(userId?: string): void {
    const io = this.#io;
    if (!io) return;
    if (userId === undefined) io.emit('approvals:changed');
    else io.to(userRoom(userId)).emit('approvals:changed');
  }

  /** Tells every panel to refetch `/api/status` (HA connected or lost, model changed). */
  notifyStatusChanged(): void {
    this.#io?.emit('status:changed');
  }

  /**
   * Closes every connection; the HTTP server and the running turns are left to their owners. The
   * transports are closed rather than the sockets disconnected, so panels see a lost connection
   * and reconnect by themselves once Majordome is back (an add-on restart or update).
   */
  async stop(): Promise<void> {
    const io = this.#io;
    if (!io) return;
    this.#io = undefined;
    io.engine.close();
  }
}

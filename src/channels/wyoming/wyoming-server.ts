/**
 * The Wyoming "handle" service Assist talks to (DESIGN.md, external contract): a TCP server on
 * `MAJORDOME_WYOMING_PORT` answering `describe` with `info` and `transcript` with `handled` or
 * `not-handled`. Wyoming has no authentication: the port is meant for HA's internal network only.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { WyomingConnection } from './connection.js';
import type { WyomingDeps } from './deps.js';
import { DEFAULT_FRAME_LIMITS } from './framing.js';
import { buildInfoData, voiceLanguages } from './info.js';
import type { VoiceRequest } from './transcript.js';
import { startVoiceTurn, type VoiceTurn } from './voice-turn.js';

/** Where to listen. */
export interface WyomingListenOptions {
  port: number;
  host: string;
}

/** The TCP server and its connections. */
export class WyomingServer {
  readonly #deps: WyomingDeps;
  readonly #listen: WyomingListenOptions;
  readonly #connections = new Set<WyomingConnection>();
  readonly #turns = new Set<Promise<void>>();
  #stopping = new AbortController();
  #server: Server | undefined;
  #port = 0;

  constructor(deps: WyomingDeps, listen: WyomingListenOptions) {
    this.#deps = deps;
    this.#listen = listen;
  }

  /** The bound port (after start). */
  get port(): number {
    return this.#port;
  }

  /** Listens; resolves with the bound port, rejects when the port cannot be bound. */
  async start(): Promise<number> {
    if (this.#server) return this.#port;
    this.#stopping = new AbortController();
    const deps = this.#deps;
    const info = buildInfoData({ version: deps.version, languages: voiceLanguages(deps.defaultLanguage) });
    const connectionDeps = {
      logger: deps.logger,
      limits: deps.limits ?? DEFAULT_FRAME_LIMITS,
      idleTimeoutMs: deps.idleTimeoutMs ?? 60_000,
      defaultLanguage: deps.defaultLanguage,
      info,
      startTurn: (request: VoiceRequest, client: AbortSignal) => this.#startTurn(request, client),
    };
    const server = createServer({ allowHalfOpen: true }, (socket: Socket) => {
      if (deps.isAllowedPeer && !deps.isAllowedPeer(socket.remoteAddress)) {
        deps.logger.warn({ peer: socket.remoteAddress }, 'Wyoming connection refused: not Home Assistant');
        socket.destroy();
        return;
      }
      const connection = new WyomingConnection(socket, connectionDeps);
      this.#connections.add(connection);
      void connection.start().then(() => this.#connections.delete(connection));
    });
    server.maxConnections = deps.maxConnections ?? 64;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#listen.port, this.#listen.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => deps.logger.error({ err: err.message }, 'Wyoming server error'));
    const address = server.address();
    this.#port = typeof address === 'object' && address ? address.port : this.#listen.port;
    this.#server = server;
    deps.logger.info({ port: this.#port }, 'Wyoming (Assist) server listening');
    return this.#port;
  }

  /** Stops listening, closes every connection and cancels running turns (waiting for them to end). */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    this.#stopping.abort();
    for (const connection of this.#connections) connection.destroy();
    this.#connections.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.allSettled([...this.#turns]);
  }

  #startTurn(request: VoiceRequest, client: AbortSignal): VoiceTurn | undefined {
    if (this.#stopping.signal.aborted || this.#turns.size >= (this.#deps.maxTurns ?? 32)) return undefined;
    const turn = startVoiceTurn(
      {
        agent: this.#deps.agent,
        logger: this.#deps.logger,
        defaultLanguage: this.#deps.defaultLanguage,
        approvalWaitMs: this.#deps.approvalWaitMs ?? 20_000,
        approvalsOnPhone: this.#deps.approvalsOnPhone ?? false,
        ...(this.#deps.announce && { announce: this.#deps.announce }),
      },
      request,
      { client, server: this.#stopping.signal },
    );
    this.#turns.add(turn.finished);
    void turn.finished.finally(() => this.#turns.delete(turn.finished));
    return turn;
  }
}

/**
 * The sim's single port: REST, Supervisor routes and the WebSocket API at `/api/websocket`,
 * `/core/websocket` and `/core/api/websocket` (the Supervisor's proxy paths).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

import { WebSocketServer } from 'ws';

import type { SimAuthFlow } from './auth-flow.js';
import type { CommandTable } from './commands/types.js';
import type { SimCore } from './core.js';
import { sendJson, sendText } from './http-util.js';
import { handleRest } from './rest.js';
import { handleSupervisor, type SupervisorState } from './supervisor.js';
import type { SimUser } from './users.js';
import { SimConnection, type CommandCut } from './ws-connection.js';

const WS_PATHS = new Set(['/api/websocket', '/core/websocket', '/core/api/websocket']);

/** Everything the server needs. */
export interface SimServerDeps {
  core: SimCore;
  commands: CommandTable;
  tokens: Record<string, SimUser>;
  supervisor: SupervisorState;
  authTimeoutMs: number;
  /** HA's browser sign-in (`/auth/authorize`, `/auth/token`, `/auth/revoke`). */
  auth: SimAuthFlow;
}

export class SimHttpServer {
  private server: Server | undefined;
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 * 1024 });
  private readonly sockets = new Set<Socket>();
  private readonly connections = new Set<SimConnection>();
  private readonly cuts = new Map<string, CommandCut>();

  constructor(private readonly deps: SimServerDeps) {}

  /** Starts listening on 127.0.0.1; returns the port actually bound. */
  async listen(port: number): Promise<number> {
    const server = createServer((req, res) => void this.route(req, res));
    server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    server.on('upgrade', (req, socket, head) => this.upgrade(req, socket as Socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const address = server.address();
    return typeof address === 'object' && address ? address.port : port;
  }

  /** Stops listening and cuts every connection at once (no graceful close, like a crash). */
  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    this.dropConnections();
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** How many WebSockets are open now (a client that stopped has closed its own). */
  openWebSockets(): number {
    return this.connections.size;
  }

  /** Cuts the connection that receives the next command of this type, before or after HA handles it. */
  cutOnCommand(type: string, when: CommandCut): void {
    this.cuts.set(type, when);
  }

  /** Terminates every WebSocket abruptly; HTTP listening goes on. */
  dropConnections(): void {
    for (const connection of this.connections) connection.terminate();
    this.connections.clear();
  }

  private upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    if (!WS_PATHS.has(path)) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const connection = new SimConnection(ws, {
        core: this.deps.core,
        commands: this.deps.commands,
        tokens: this.deps.tokens,
        authTimeoutMs: this.deps.authTimeoutMs,
        takeCut: (type) => {
          const cut = this.cuts.get(type);
          this.cuts.delete(type);
          return cut;
        },
      });
      this.connections.add(connection);
      ws.on('close', () => this.connections.delete(connection));
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = req.url ?? '/';
    // The Supervisor proxies HA Core under /core.
    const path = raw.startsWith('/core/') ? raw.slice('/core'.length) : raw;
    try {
      if (await this.deps.auth.handle(req, res, path)) return;
      if (await handleSupervisor(req, res, path.split('?')[0] ?? path, this.deps.tokens, this.deps.supervisor)) return;
      if (await handleRest(req, res, path, this.deps.core, this.deps.tokens)) return;
      sendText(res, 404, '404: Not Found');
    } catch (err) {
      if (!res.headersSent) sendJson(res, err instanceof SyntaxError ? 400 : 500, { message: err instanceof Error ? err.message : 'Error' });
    }
  }
}

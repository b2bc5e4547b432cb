import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A user the fake HA knows, as `auth/current_user` returns it. */
export interface FakeHaUser {
  id: string;
  name: string;
  is_admin: boolean;
  is_owner?: boolean;
}

/**
 * The slice of HA's WebSocket API a token check uses: `auth_required` → `auth` →
 * `auth_ok`/`auth_invalid` (then close) → `auth/current_user`. Counts logins to observe caching.
 */
export class FakeHa {
  logins = 0;
  private readonly http = http.createServer((_req, res) => res.writeHead(404).end());
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sockets = new Set<WebSocket>();

  constructor(private readonly users: Record<string, FakeHaUser>) {}

  /** Resolves with HA's base URL (`http://127.0.0.1:<port>`). */
  async start(): Promise<string> {
    this.http.on('upgrade', (req, socket, head) => {
      if (req.url !== '/api/websocket') return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    await new Promise<void>((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private accept(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    let user: FakeHaUser | undefined;
    ws.send(JSON.stringify({ type: 'auth_required', ha_version: '2025.7.0' }));
    ws.on('message', (raw) => {
      const msg = JSON.parse(raw.toString()) as { type: string; id?: number; access_token?: string };
      if (!user) {
        this.logins += 1;
        user = msg.type === 'auth' && msg.access_token ? this.users[msg.access_token] : undefined;
        if (!user) {
          ws.send(JSON.stringify({ type: 'auth_invalid', message: 'Invalid access token or password' }));
          ws.close();
          return;
        }
        ws.send(JSON.stringify({ type: 'auth_ok', ha_version: '2025.7.0' }));
        return;
      }
      if (msg.type === 'auth/current_user') {
        const result = { ...user, is_owner: user.is_owner ?? false, credentials: [], mfa_modules: [] };
        ws.send(JSON.stringify({ id: msg.id, type: 'result', success: true, result }));
      }
    });
  }
}

/** Clients for the simulator's tests: the real home-assistant-js-websocket and a raw socket. */
import { createConnection, createLongLivedTokenAuth, type Connection } from 'home-assistant-js-websocket';
import { WebSocket } from 'ws';

import type { HaSim } from '../../ha-sim/index.js';

// home-assistant-js-websocket needs a global WebSocket; Node 20 has none.
(globalThis as unknown as { WebSocket: unknown }).WebSocket ??= WebSocket;

/** Connects the real client library as the given token (default: the admin). */
export function connectLibrary(sim: HaSim, token = sim.adminToken): Promise<Connection> {
  return createConnection({ auth: createLongLivedTokenAuth(sim.url, token) });
}

type Message = Record<string, unknown>;

/** A bare WebSocket speaking HA's protocol by hand; arrays (coalesced frames) are flattened. */
export class RawClient {
  private readonly inbox: Message[] = [];
  private readonly frames: unknown[] = [];
  private waiters: Array<() => void> = [];
  readonly closed: Promise<void>;

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const parsed = JSON.parse(data.toString()) as unknown;
      this.frames.push(parsed);
      for (const m of Array.isArray(parsed) ? parsed : [parsed]) this.inbox.push(m as Message);
      this.wake();
    });
    this.closed = new Promise((resolve) => ws.once('close', () => {
      this.wake();
      resolve();
    }));
  }

  static async open(url: string, path = '/api/websocket'): Promise<RawClient> {
    const ws = new WebSocket(url.replace(/^http/, 'ws') + path);
    const client = new RawClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return client;
  }

  /** Opens, reads auth_required, authenticates and checks auth_ok. */
  static async authed(sim: HaSim, token = sim.adminToken): Promise<RawClient> {
    const client = await RawClient.open(sim.url);
    await client.next();
    client.send({ type: 'auth', access_token: token });
    const ok = await client.next();
    if (ok.type !== 'auth_ok') throw new Error(`auth failed: ${JSON.stringify(ok)}`);
    return client;
  }

  /** Raw frames received so far (to see coalesced arrays). */
  get rawFrames(): unknown[] {
    return this.frames;
  }

  send(message: unknown): void {
    this.ws.send(typeof message === 'string' ? message : JSON.stringify(message));
  }

  /** The next message; rejects if the socket closes first. */
  async next(): Promise<Message> {
    while (this.inbox.length === 0) {
      if (this.ws.readyState === this.ws.CLOSED) throw new Error('socket closed');
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    return this.inbox.shift() as Message;
  }

  /** Sends a command and returns the next message with the same id. */
  async command(message: Message): Promise<Message> {
    this.send(message);
    for (;;) {
      const m = await this.next();
      if (m.id === message.id) return m;
    }
  }

  close(): void {
    this.ws.close();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

/**
 * The browser's only way out: a small HTTP proxy on 127.0.0.1 that Chromium must use for every
 * request (pages, redirects, sub-resources, WebSockets, service workers). Each request's host is
 * resolved and checked (host-check.ts), then the connection goes to the very address that was
 * checked. Playwright's route interception sees neither redirect hops nor WebSockets; this does.
 */
import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HostCheck } from './host-check.js';

/** A request the proxy refused, kept for error messages. */
export interface Refusal {
  seq: number;
  host: string;
  reason: string;
}

/** Header on refusal answers, so the browser tools can tell them from a site's own 403. */
export const REFUSED_HEADER = 'x-majordome-refused';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'transfer-encoding', 'upgrade']);
const KEEP_REFUSALS = 50;

/** Splits `host:port` / `[v6]:port` (CONNECT targets). */
export function splitAuthority(authority: string, defaultPort: number): { host: string; port: number } | undefined {
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d{1,5}))?$/.exec(authority);
  if (!match?.[1]) return undefined;
  const port = match[2] === undefined ? defaultPort : Number(match[2]);
  return port > 0 && port < 65536 ? { host: match[1], port } : undefined;
}

function forwardHeaders(raw: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i] as string;
    if (!HOP_BY_HOP.has(name.toLowerCase())) out.push(name, raw[i + 1] as string);
  }
  return out;
}

function refusalPage(reason: string): string {
  const text = reason.replace(/[&<>"]/g, (ch) => `&#${ch.charCodeAt(0)};`);
  return `<!doctype html><title>Refused by Majordome</title><h1>Refused by Majordome</h1><p>${text}</p>`;
}

/** The proxy; `start()` listens on an ephemeral loopback port, `stop()` closes every tunnel. */
export class GuardProxy {
  readonly #check: HostCheck;
  readonly #server: Server;
  readonly #sockets = new Set<Duplex>();
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 16 });
  readonly #refusals: Refusal[] = [];
  #seq = 0;

  constructor(check: HostCheck) {
    this.#check = check;
    this.#server = createServer((req, res) => void this.#forward(req, res));
    this.#server.on('connect', (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.#tunnel(req, socket, head));
    this.#server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => void this.#upgrade(req, socket, head));
    this.#server.on('connection', (socket: Socket) => this.#track(socket));
  }

  async start(): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(0, '127.0.0.1', () => resolve());
    });
    return this.port;
  }

  get port(): number {
    return (this.#server.address() as AddressInfo | null)?.port ?? 0;
  }

  /** A number that grows with each refusal: take it before an action, read `refusalsSince` after. */
  get mark(): number {
    return this.#seq;
  }

  refusalsSince(mark: number): Refusal[] {
    return this.#refusals.filter((r) => r.seq > mark);
  }

  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.#agent.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #track(socket: Duplex): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
    // A page that goes away mid-request resets its socket; that is not the proxy's failure.
    socket.on('error', () => socket.destroy());
  }

  #refuse(host: string, reason: string): void {
    this.#refusals.push({ seq: ++this.#seq, host, reason });
    if (this.#refusals.length > KEEP_REFUSALS) this.#refusals.shift();
  }

  async #forward(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = URL.canParse(req.url ?? '') ? new URL(req.url ?? '') : undefined;
    if (!target || target.protocol !== 'http:') {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('This is a proxy for the browser only.');
      return;
    }
    const port = Number(target.port || 80);
    const verdict = await this.#check(target.hostname, port);
    if (!verdict.ok) {
      if (verdict.refused) this.#refuse(target.hostname, verdict.reason);
      res.writeHead(verdict.refused ? 403 : 502, { 'content-type': 'text/html; charset=utf-8', [REFUSED_HEADER]: verdict.refused ? '1' : '0' });
      res.end(refusalPage(verdict.reason));
      return;
    }
    const upstream = httpRequest({
      host: verdict.address,
      port,
      method: req.method,
      path: `${target.pathname}${target.search}`,
      headers: forwardHeaders(req.rawHeaders),
      setHost: false,
      agent: this.#agent,
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardHeaders(answer.rawHeaders));
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('The site could not be reached.');
      else res.destroy();
    });
    req.pipe(upstream);
  }

  async #tunnel(req: IncomingMessage, client: Duplex, head: Buffer): Promise<void> {
    const target = splitAuthority(req.url ?? '', 443);
    const verdict = target ? await this.#check(target.host, target.port) : { ok: false as const, refused: true, reason: 'bad CONNECT target' };
    if (!verdict.ok || !target) {
      if (verdict.ok === false && verdict.refused) this.#refuse(target?.host ?? '', verdict.reason);
      client.end(`HTTP/1.1 ${verdict.ok === false && verdict.refused ? '403 Forbidden' : '502 Bad Gateway'}\r\n${REFUSED_HEADER}: 1\r\n\r\n`);
      return;
    }
    this.#pipeTo(client, verdict.address, target.port, (upstream) => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
    });
  }

  async #upgrade(req: IncomingMessage, client: Duplex, head: Buffer): Promise<void> {
    const target = URL.canParse(req.url ?? '') ? new URL(req.url ?? '') : undefined;
    if (!target || (target.protocol !== 'http:' && target.protocol !== 'ws:')) return void client.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    const port = Number(target.port || 80);
    const verdict = await this.#check(target.hostname, port);
    if (!verdict.ok) {
      if (verdict.refused) this.#refuse(target.hostname, verdict.reason);
      return void client.end(`HTTP/1.1 403 Forbidden\r\n${REFUSED_HEADER}: 1\r\n\r\n`);
    }
    this.#pipeTo(client, verdict.address, port, (upstream) => {
      const lines = [`${req.method ?? 'GET'} ${target.pathname}${target.search} HTTP/1.1`];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
        const name = req.rawHeaders[i] as string;
        if (name.toLowerCase() !== 'proxy-connection') lines.push(`${name}: ${req.rawHeaders[i + 1] ?? ''}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
    });
  }

  #pipeTo(client: Duplex, address: string, port: number, onOpen: (upstream: Socket) => void): void {
    const upstream = connect({ host: address, port });
    this.#track(upstream);
    let opened = false;
    upstream.once('connect', () => {
      opened = true;
      onOpen(upstream);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('error', () => {
      if (!opened) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
      else client.destroy();
    });
    upstream.once('close', () => {
      if (opened) client.destroy();
    });
    client.once('close', () => upstream.destroy());
  }
}

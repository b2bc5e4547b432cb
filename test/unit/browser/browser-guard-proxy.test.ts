/**
 * The guard proxy with real sockets: an HTTP client speaking proxy requests (absolute URLs and
 * CONNECT), a site on loopback, and a host check the test controls. It forwards what the check
 * allows to the address the check chose, and refuses the rest with a marked answer.
 */
import { createServer, request, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuardProxy, REFUSED_HEADER, splitAuthority } from '../../../src/browser/guard-proxy.js';
import type { HostCheck } from '../../../src/browser/host-check.js';

let site: Server;
let sitePort: number;
let proxy: GuardProxy;
const checked: string[] = [];

// "shop.test" is allowed and pinned to 127.0.0.1; "nas.lan" is refused; anything else is unknown.
const check: HostCheck = async (host, port) => {
  checked.push(`${host}:${port}`);
  if (host === 'shop.test') return { ok: true, address: '127.0.0.1' };
  if (host === 'nas.lan') return { ok: false, refused: true, reason: 'nas.lan (192.168.1.5) is a private address' };
  return { ok: false, refused: false, reason: `${host} could not be found (DNS)` };
};

function viaProxy(url: string, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: proxy.port, method, path: url, headers: { host: new URL(url).host, 'proxy-connection': 'keep-alive' } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Sends CONNECT and returns the proxy's status line, then (when 200) a request through the tunnel. */
function tunnel(authority: string): Promise<{ statusLine: string; through?: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(proxy.port, '127.0.0.1');
    let buffer = '';
    let opened = false;
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      if (!opened && buffer.includes('\r\n\r\n')) {
        const statusLine = buffer.split('\r\n')[0] ?? '';
        if (!statusLine.includes(' 200 ')) return resolve({ statusLine });
        opened = true;
        buffer = '';
        socket.write('GET /hello HTTP/1.1\r\nHost: shop.test\r\nConnection: close\r\n\r\n');
        socket.on('end', () => resolve({ statusLine, through: buffer }));
      }
    });
    socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`);
  });
}

beforeAll(async () => {
  site = createServer((req, res) => {
    res.setHeader('set-cookie', ['a=1', 'b=2']);
    res.end(`site saw ${req.method} ${req.url} host=${req.headers.host} proxy-connection=${req.headers['proxy-connection'] ?? 'none'}`);
  });
  await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
  sitePort = (site.address() as AddressInfo).port;
  proxy = new GuardProxy(check);
  await proxy.start();
});

afterAll(async () => {
  await proxy?.stop();
  site.closeAllConnections();
  await new Promise((resolve) => site.close(resolve));
});

describe('guard proxy', () => {
  it('forwards an allowed request to the checked address, with the Host header kept and proxy headers dropped', async () => {
    const res = await viaProxy(`http://shop.test:${sitePort}/page?x=1`);
    expect(res.status).toBe(200);
    expect(res.body).toBe(`site saw GET /page?x=1 host=shop.test:${sitePort} proxy-connection=none`);
    expect(res.headers['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(checked).toContain(`shop.test:${sitePort}`);
  });

  it('refuses a private host with a marked 403 and remembers why', async () => {
    const mark = proxy.mark;
    const res = await viaProxy('http://nas.lan/admin');
    expect(res.status).toBe(403);
    expect(res.headers[REFUSED_HEADER]).toBe('1');
    expect(res.body).toContain('Refused by Majordome');
    expect(proxy.refusalsSince(mark)).toEqual([expect.objectContaining({ host: 'nas.lan', reason: expect.stringMatching(/private address/) })]);
  });

  it('answers 502 (not a refusal) for a name that does not resolve', async () => {
    const mark = proxy.mark;
    const res = await viaProxy('http://nowhere.test/');
    expect(res.status).toBe(502);
    expect(proxy.refusalsSince(mark)).toEqual([]);
  });

  it('tunnels CONNECT to an allowed host and refuses it to a private one', async () => {
    const open = await tunnel(`shop.test:${sitePort}`);
    expect(open.statusLine).toBe('HTTP/1.1 200 Connection Established');
    expect(open.through).toContain(`site saw GET /hello host=shop.test`);

    const refused = await tunnel('nas.lan:443');
    expect(refused.statusLine).toBe('HTTP/1.1 403 Forbidden');
  });

  it('is a proxy only: a plain request to it is turned away', async () => {
    const res = await fetch(`http://127.0.0.1:${proxy.port}/`);
    expect(res.status).toBe(400);
  });

  it('reads CONNECT targets, IPv6 included', () => {
    expect(splitAuthority('example.com:443', 443)).toEqual({ host: 'example.com', port: 443 });
    expect(splitAuthority('[::1]:8443', 443)).toEqual({ host: '[::1]', port: 8443 });
    expect(splitAuthority('example.com', 443)).toEqual({ host: 'example.com', port: 443 });
    expect(splitAuthority('example.com:99999', 443)).toBeUndefined();
    expect(splitAuthority('', 443)).toBeUndefined();
  });
});

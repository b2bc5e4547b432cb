import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

/** The HA user the proxy asserts, as the Supervisor does after HA's login. */
export interface IngressUser {
  id: string;
  name: string;
  displayName: string;
}

/** A running stand-in for HA's ingress path: browser → (this) → Majordome. */
export interface IngressProxy {
  /** Public base URL including the ingress prefix, with a trailing slash. */
  url: string;
  ingressPath: string;
  stop(): Promise<void>;
}

const IDENTITY_HEADERS = ['x-remote-user-id', 'x-remote-user-name', 'x-remote-user-display-name', 'x-ingress-path', 'x-hass-source'];

/**
 * Behaves like HA Core + Supervisor ingress for tests and the demo: serves the add-on under
 * `/api/hassio_ingress/<token>/`, strips that prefix, removes client-sent identity headers and sets
 * `X-Remote-User-*` and `X-Ingress-Path`. SSE and WebSocket upgrades pass through unbuffered.
 */
export async function startIngressProxy(options: {
  target: string;
  user: IngressUser;
  port?: number;
  token?: string;
  /** Drop WebSocket upgrades, as some proxies in front of HA do: clients must fall back to polling. */
  blockWebSockets?: boolean;
}): Promise<IngressProxy> {
  const target = new URL(options.target);
  const ingressPath = `/api/hassio_ingress/${options.token ?? 'demo-ingress-token'}`;

  const rewrite = (req: IncomingMessage): { path: string; headers: Record<string, string | string[] | undefined> } | undefined => {
    const url = req.url ?? '/';
    if (url !== ingressPath && !url.startsWith(`${ingressPath}/`)) return undefined;
    const headers: Record<string, string | string[] | undefined> = { ...req.headers };
    for (const name of IDENTITY_HEADERS) delete headers[name];
    headers['x-remote-user-id'] = options.user.id;
    headers['x-remote-user-name'] = options.user.name;
    headers['x-remote-user-display-name'] = options.user.displayName;
    headers['x-ingress-path'] = ingressPath;
    headers['x-hass-source'] = 'core.ingress';
    // Like HA Core: the host the browser used (the socket channel's Origin check compares with it).
    headers['x-forwarded-host'] = req.headers['x-forwarded-host'] ?? req.headers.host;
    headers.host = target.host;
    return { path: url.slice(ingressPath.length) || '/', headers };
  };

  const server: Server = createServer((req, res) => {
    if (req.url === '/' || req.url === '') {
      res.writeHead(302, { location: `${ingressPath}/` }).end();
      return;
    }
    const routed = rewrite(req);
    if (!routed) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not an ingress path');
      return;
    }
    const upstream = httpRequest(
      { hostname: target.hostname, port: target.port, method: req.method, path: routed.path, headers: routed.headers },
      (upstreamRes) => {
        res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
        res.flushHeaders();
        upstreamRes.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end('Add-on unreachable');
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  });

  server.on('upgrade', (req, socket, head) => {
    const routed = rewrite(req);
    if (!routed || options.blockWebSockets) {
      socket.destroy();
      return;
    }
    const upstream = connect(Number(target.port), target.hostname, () => {
      const lines = [`${req.method} ${routed.path} HTTP/1.1`];
      for (const [name, value] of Object.entries(routed.headers)) {
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) lines.push(`${name}: ${v}`);
      }
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${ingressPath}/`,
    ingressPath,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

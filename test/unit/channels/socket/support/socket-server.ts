import type { HttpDeps } from '../../../../../src/channels/http/deps.js';
import { HttpServer } from '../../../../../src/channels/http/server.js';
import { SocketChannel } from '../../../../../src/channels/socket/socket-channel.js';
import { startIngressProxy, type IngressProxy, type IngressUser } from '../../../../support/ingress-proxy.js';
import { makeDeps } from '../../http/support/fakes.js';

/** The HTTP and socket channels on one ephemeral port, over in-memory fakes. */
export interface SocketServer {
  deps: ReturnType<typeof makeDeps>;
  channel: SocketChannel;
  /** Direct URL of the server (no ingress). */
  url: string;
  /** Starts an ingress stand-in that signs requests in as `user`. */
  proxyFor(user: IngressUser): Promise<IngressProxy>;
  stop(): Promise<void>;
}

/** A user the ingress stand-in asserts. */
export function ingressUser(id: string): IngressUser {
  return { id, name: id, displayName: id.toUpperCase() };
}

/** Starts both channels like main.ts does; stop() closes proxies, sockets and the server. */
export async function startSocketServer(overrides: Partial<HttpDeps> = {}): Promise<SocketServer> {
  const deps = makeDeps(overrides);
  const http = new HttpServer(deps, { port: 0, host: '127.0.0.1' });
  const port = await http.start();
  const channel = new SocketChannel(deps);
  channel.start(http.httpServer);
  const url = `http://127.0.0.1:${port}`;
  const proxies: IngressProxy[] = [];
  return {
    deps,
    channel,
    url,
    async proxyFor(user) {
      const proxy = await startIngressProxy({ target: url, user, token: `token-${user.id}` });
      proxies.push(proxy);
      return proxy;
    },
    async stop() {
      await Promise.all(proxies.map((p) => p.stop()));
      await channel.stop();
      await http.stop();
    },
  };
}

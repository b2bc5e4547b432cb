import { HttpServer } from '../../../../../src/channels/http/server.js';
import type { HttpDeps } from '../../../../../src/channels/http/deps.js';

/** A running HTTP channel on an ephemeral loopback port. */
export interface RunningServer {
  url: string;
  server: HttpServer;
}

/** Starts the real server on 127.0.0.1:0 (or another host, e.g. an IPv4-mapped IPv6 one). */
export async function startServer(deps: HttpDeps, host = '127.0.0.1'): Promise<RunningServer> {
  const server = new HttpServer(deps, { port: 0, host });
  const port = await server.start();
  return { url: `http://127.0.0.1:${port}`, server };
}

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { MajordomeError } from '../../errors.js';
import { createHttpApp } from './app.js';
import type { HttpDeps } from './deps.js';

/** Where the HTTP server listens. */
export interface HttpServerOptions {
  port: number;
  host: string;
}

/** A taken port said in words (the add-on log is where users look); other errors as they are. */
function describeListenError(err: unknown, port: number): unknown {
  if ((err as { code?: unknown } | null)?.code !== 'EADDRINUSE') return err;
  return new MajordomeError('config_invalid', `The HTTP port ${port} is already in use: another program listens on it.`, { cause: err });
}

/** The HTTP channel's lifecycle: listen on start, drop every connection (SSE too) on stop. */
export class HttpServer {
  private server: http.Server | undefined;

  constructor(
    private readonly deps: HttpDeps,
    private readonly options: HttpServerOptions,
  ) {}

  /** Listens and resolves with the bound port (useful with port 0). */
  async start(): Promise<number> {
    if (this.server) return (this.server.address() as AddressInfo).port;
    const server = http.createServer(createHttpApp(this.deps));
    await new Promise<void>((resolve, reject) => {
      const fail = (err: unknown) => reject(describeListenError(err, this.options.port));
      server.once('error', fail);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', fail);
        resolve();
      });
    });
    this.server = server;
    return (server.address() as AddressInfo).port;
  }

  /** The listening node server, for channels that share its port (socket.io); throws before start(). */
  get httpServer(): http.Server {
    if (!this.server) throw new MajordomeError('internal', 'The HTTP server is not listening yet.');
    return this.server;
  }

  /** Stops listening and closes keep-alive and streaming connections; running turns outlive them (main.ts stops those). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }
}

/**
 * Add-on mode: once the Wyoming port listens, Majordome announces it to the Supervisor so HA shows
 * a "Discovered" card; failures are retried with back-off, refusals are not, and the token never
 * reaches the log.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { announceDiscovery } from '../../src/ha/supervisor-discovery.js';
import { createLogger } from '../../src/logger.js';
import { loadDatasetHome } from '../ha-sim/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { WyomingClient } from '../support/wyoming-client.js';

describe('discovery in add-on mode', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadDatasetHome('home1-us'), addon: true });
  });
  afterAll(async () => stack?.stop());

  it('posts the Wyoming service with this host name and the bound port to the Supervisor', async () => {
    const port = stack.majordome.wyomingPort;
    expect(port).toBeTypeOf('number');
    await vi.waitFor(() => expect(stack.sim.discoveryRequests).toHaveLength(1), { timeout: 5000 });
    expect(stack.sim.discoveryRequests[0]).toEqual({ service: 'wyoming', config: { uri: `tcp://${hostname()}:${port}` } });
    const client = await WyomingClient.connect(port ?? 0);
    client.send('describe');
    expect((await client.read()).type).toBe('info');
    client.destroy();
  });
});

/** A Supervisor stand-in answering with a scripted list of statuses (the last one repeats). */
async function startSupervisorStub(statuses: number[]): Promise<{ url: string; requests: Array<{ auth?: string; body: unknown }>; server: Server }> {
  const requests: Array<{ auth?: string; body: unknown }> = [];
  const read = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return JSON.parse(Buffer.concat(chunks).toString() || '{}') as unknown;
  };
  const server = createServer((req, res) => {
    void read(req).then((body) => {
      requests.push({ ...(req.headers.authorization && { auth: req.headers.authorization }), body });
      const status = statuses[Math.min(requests.length - 1, statuses.length - 1)] ?? 500;
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(status === 200 ? { result: 'ok', data: { uuid: 'abc123' } } : { result: 'error', message: `status ${status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests, server };
}

describe('announcing to the Supervisor', () => {
  const servers: Server[] = [];
  const lines: string[] = [];
  const logger = createLogger('debug', { write: (line: string) => void lines.push(line) });
  const announce = (url: string, signal = new AbortController().signal) =>
    announceDiscovery(
      { supervisorUrl: url, token: 'super-secret-token', service: 'wyoming', config: { uri: 'tcp://local-majordome:10500' }, logger, retryDelaysMs: [5, 10], maxAttempts: 5 },
      signal,
    );

  afterEach(async () => {
    lines.length = 0;
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  });

  it('retries a failing Supervisor until it accepts, with the token as a Bearer header, and keeps the token out of the log', async () => {
    const stub = await startSupervisorStub([503, 500, 200]);
    servers.push(stub.server);
    expect(await announce(stub.url)).toBe('abc123');
    expect(stub.requests).toHaveLength(3);
    expect(stub.requests[2]).toEqual({ auth: 'Bearer super-secret-token', body: { service: 'wyoming', config: { uri: 'tcp://local-majordome:10500' } } });
    expect(lines.join('\n')).toMatch(/retrying/);
    expect(lines.join('\n')).not.toContain('super-secret-token');
  });

  it('gives up at once when the Supervisor refuses the service (not declared in config.yaml)', async () => {
    const stub = await startSupervisorStub([403, 200]);
    servers.push(stub.server);
    expect(await announce(stub.url)).toBeUndefined();
    expect(stub.requests).toHaveLength(1);
    expect(lines.join('\n')).toMatch(/refused/);
  });

  it('retries while the Supervisor cannot be reached, and stops after the last attempt', async () => {
    const stub = await startSupervisorStub([200]);
    await new Promise((resolve) => stub.server.close(resolve));
    expect(await announce(stub.url)).toBeUndefined();
    expect(lines.filter((line) => line.includes('retrying'))).toHaveLength(4);
    expect(lines.join('\n')).toMatch(/gave up/);
  });

  it('stops retrying when aborted (Majordome stops)', async () => {
    const stub = await startSupervisorStub([503]);
    servers.push(stub.server);
    const controller = new AbortController();
    const done = announceDiscovery(
      { supervisorUrl: stub.url, token: 't', service: 'wyoming', config: {}, logger, retryDelaysMs: [60_000] },
      controller.signal,
    );
    await vi.waitFor(() => expect(stub.requests).toHaveLength(1), { timeout: 5000 });
    controller.abort();
    expect(await done).toBeUndefined();
    expect(stub.requests).toHaveLength(1);
  });
});

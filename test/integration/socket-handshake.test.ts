import { afterEach, describe, expect, it } from 'vitest';
import { HaError } from '../../src/errors.js';
import type { UserIdentity } from '../../src/contracts/identity.js';
import { closeAllSockets, connect, connectRefused, sendMessage } from '../unit/channels/socket/support/socket-client.js';
import { ingressUser, startSocketServer, type SocketServer } from '../unit/channels/socket/support/socket-server.js';

let server: SocketServer | undefined;
afterEach(async () => {
  closeAllSockets();
  await server?.stop();
  server = undefined;
});

const UNAUTHORIZED = { message: 'Sign in through Home Assistant to use Majordome.', data: { code: 'unauthorized' } };

async function verifyGoodToken(token: string): Promise<UserIdentity | undefined> {
  return token === 'good-token' ? { id: 'bearer-user', via: 'bearer' } : undefined;
}

describe('socket.io handshake: who may connect', () => {
  it('lets the ingress user in through the proxy, and their turns run as that user on the socket channel', async () => {
    server = await startSocketServer();
    const proxy = await server.proxyFor(ingressUser('u1'));
    // A client copy of the identity header is replaced by the proxy, as the Supervisor does.
    const socket = await connect(proxy.url, { headers: { 'X-Remote-User-Id': 'admin' } });
    const turn = await sendMessage(socket, { message: 'hello' });
    expect(turn.ack.ok).toBe(true);
    expect(server.deps.agent.requests[0]).toMatchObject({ text: 'hello', channel: 'socket', user: { id: 'u1', name: 'u1', displayName: 'U1', via: 'ingress' } });
  });

  it('refuses a connection that carries no identity, with a readable reason', async () => {
    server = await startSocketServer();
    expect(await connectRefused(server.url)).toMatchObject(UNAUTHORIZED);
  });

  it('refuses a forged X-Remote-User-Id from a peer that is not a trusted proxy', async () => {
    server = await startSocketServer({ trustedProxies: ['172.30.32.2'] });
    const forged = { 'X-Remote-User-Id': 'admin', 'X-Remote-User-Name': 'admin' };
    expect(await connectRefused(server.url, { headers: forged })).toMatchObject(UNAUTHORIZED);
    expect(await connectRefused(server.url, { headers: forged, transports: ['websocket'] })).toMatchObject(UNAUTHORIZED);
    // Behind a proxy that is not trusted, the headers it adds count for nothing either.
    const proxy = await server.proxyFor(ingressUser('u1'));
    expect(await connectRefused(proxy.url)).toMatchObject(UNAUTHORIZED);
    expect(server.deps.agent.requests).toHaveLength(0);
  });

  it('accepts an HA access token in the handshake auth, and refuses one HA rejects or cannot check', async () => {
    server = await startSocketServer({ verifyBearer: verifyGoodToken });
    const socket = await connect(server.url, { auth: { token: 'good-token' }, transports: ['websocket'] });
    await sendMessage(socket, { message: 'hi' });
    expect(server.deps.agent.requests[0]?.user).toMatchObject({ id: 'bearer-user', via: 'bearer' });

    expect(await connectRefused(server.url, { auth: { token: 'wrong-token' } })).toMatchObject(UNAUTHORIZED);
    expect(await connectRefused(server.url, { auth: { token: 'bad token with spaces' } })).toMatchObject(UNAUTHORIZED);
    expect(await connectRefused(server.url, { auth: { token: 42 } })).toMatchObject(UNAUTHORIZED);
    await server.stop();

    server = await startSocketServer({
      verifyBearer: async () => {
        throw new Error('HA unreachable');
      },
    });
    expect(await connectRefused(server.url, { auth: { token: 'good-token' } })).toMatchObject(UNAUTHORIZED);
  });

  it('tells the panel HA is unreachable (not "sign in") when the token could not be checked', async () => {
    server = await startSocketServer({
      verifyBearer: async () => {
        throw new HaError('ha_unavailable', 'Home Assistant is unreachable right now; try again in a moment.');
      },
    });
    expect(await connectRefused(server.url, { auth: { token: 'good-token' } })).toMatchObject({
      message: 'Home Assistant is unreachable right now; try again in a moment.',
      data: { code: 'ha_unavailable' },
    });
    expect(server.deps.agent.requests).toHaveLength(0);
  });

  it('accepts an Authorization header from non-browser clients, like HTTP does', async () => {
    server = await startSocketServer({ verifyBearer: verifyGoodToken });
    await connect(server.url, { headers: { Authorization: 'Bearer good-token' } });
  });
});

describe('socket.io handshake: which page may connect (Origin)', () => {
  it('refuses a page from another site through ingress, on both transports', async () => {
    server = await startSocketServer();
    const proxy = await server.proxyFor(ingressUser('u1'));
    const evil = { Origin: 'https://evil.example' };
    const polling = await connectRefused(proxy.url, { headers: evil, transports: ['polling'] });
    expect(polling.description).toBe(403);
    await connectRefused(proxy.url, { headers: evil, transports: ['websocket'] });
    await connectRefused(proxy.url, { headers: { Origin: 'null' }, transports: ['websocket'] });
    expect(server.deps.agent.requests).toHaveLength(0);
  });

  it("accepts the panel's own page through ingress (Origin = the host the browser used)", async () => {
    server = await startSocketServer();
    const proxy = await server.proxyFor(ingressUser('u1'));
    const socket = await connect(proxy.url, { headers: { Origin: new URL(proxy.url).origin }, transports: ['websocket'] });
    expect((await sendMessage(socket, { message: 'hi' })).ack.ok).toBe(true);
  });

  it('accepts a page served by Majordome itself in standalone mode (Origin = Host)', async () => {
    server = await startSocketServer({ verifyBearer: verifyGoodToken });
    await connect(server.url, { auth: { token: 'good-token' }, headers: { Origin: server.url }, transports: ['websocket'] });
    await connectRefused(server.url, { auth: { token: 'good-token' }, headers: { Origin: 'http://127.0.0.1:1' }, transports: ['websocket'] });
  });

  it('trusts X-Forwarded-Host only from a trusted proxy that also sent X-Ingress-Path', async () => {
    server = await startSocketServer({ trustedProxies: ['172.30.32.2'], verifyBearer: verifyGoodToken });
    const spoofed = { Origin: 'https://evil.example', 'X-Forwarded-Host': 'evil.example', 'X-Ingress-Path': '/api/hassio_ingress/x' };
    await connectRefused(server.url, { auth: { token: 'good-token' }, headers: spoofed, transports: ['websocket'] });
  });
});

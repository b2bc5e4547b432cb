/**
 * Standalone mode while Home Assistant is down: a bearer token cannot be checked, and that is not
 * the same as HA refusing it. The panel must hear "HA is unreachable" (503), not "sign in" (401),
 * and a token nobody could check must never be let in.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { closeAllSockets, connect, connectRefused } from '../unit/channels/socket/support/socket-client.js';

const UNREACHABLE = { error: 'Home Assistant is unreachable right now; try again in a moment.', code: 'ha_unavailable' };
const USER_TOKEN = 'sim-user-token';
const BOGUS_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.bogus.sig';

function get(stack: Stack, path: string, token: string): Promise<Response> {
  return fetch(`${stack.url}/api/${path}`, { headers: { authorization: `Bearer ${token}` } });
}

describe('bearer tokens while Home Assistant is unreachable', () => {
  let stack: Stack;
  beforeAll(async () => {
    // No identity header reaches Majordome here: a bearer token is the only way in, as standalone.
    stack = await startStack({ home: loadIntentsHome(), config: { trustedProxies: [] } });
  });
  afterEach(async () => {
    closeAllSockets();
    await stack.sim.resume();
  });
  afterAll(async () => stack?.stop());

  it('answers 503 "unreachable" for a token it could not check, then 200 once HA is back', async () => {
    await stack.sim.pause();
    const down = await get(stack, 'conversations', USER_TOKEN);
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual(UNREACHABLE);

    await stack.sim.resume();
    expect((await get(stack, 'conversations', USER_TOKEN)).status).toBe(200);
  });

  it('never lets a bogus token in while HA is down (503), and refuses it with 401 once HA can say no', async () => {
    await stack.sim.pause();
    const down = await get(stack, 'conversations', BOGUS_TOKEN);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ code: 'ha_unavailable' });

    await stack.sim.resume();
    const up = await get(stack, 'conversations', BOGUS_TOKEN);
    expect(up.status).toBe(401);
    expect(await up.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('refuses the socket handshake with ha_unavailable while HA is down, and accepts it once HA is back', async () => {
    await stack.sim.pause();
    const refused = await connectRefused(stack.url, { auth: { token: 'sim-admin-token' }, transports: ['websocket'] });
    expect(refused).toMatchObject({ message: UNREACHABLE.error, data: { code: 'ha_unavailable' } });

    await stack.sim.resume();
    await connect(stack.url, { auth: { token: 'sim-admin-token' }, transports: ['websocket'] });
  });
});

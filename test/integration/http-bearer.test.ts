import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenVerifier, HA_UNREACHABLE_MESSAGE } from '../../src/ha/token-verifier.js';
import { createLogger } from '../../src/logger.js';
import { FakeHa } from '../unit/channels/http/support/fake-ha.js';
import { makeDeps } from '../unit/channels/http/support/fakes.js';
import { startServer, type RunningServer } from '../unit/channels/http/support/server.js';

const ADMIN_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.admin.sig';
const USER_TOKEN = 'eyJhbGciOiJIUzI1NiJ9.user.sig';

function captureLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('debug', sink) };
}

let ha: FakeHa;
let haUrl: string;
beforeAll(async () => {
  ha = new FakeHa({
    [ADMIN_TOKEN]: { id: 'admin-id', name: 'Ada', is_admin: true, is_owner: true },
    [USER_TOKEN]: { id: 'user-id', name: 'Kid', is_admin: false },
  });
  haUrl = await ha.start();
});
afterAll(async () => {
  await ha.stop();
});

describe('bearer tokens checked against HA over a real WebSocket', () => {
  let running: RunningServer;
  let deps: ReturnType<typeof makeDeps>;
  beforeAll(async () => {
    const { logger } = captureLogger();
    deps = makeDeps({ trustedProxies: [], verifyBearer: createTokenVerifier({ haUrl, logger }), logger });
    deps.conversations.add('c-user', 'user-id', 'Kid chat');
    running = await startServer(deps);
  });
  afterAll(async () => {
    await running.server.stop();
  });

  it('accepts a token HA accepts, as that HA user', async () => {
    const res = await fetch(`${running.url}/api/conversations`, { headers: { Authorization: `Bearer ${USER_TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { conversations: Array<{ id: string }> };
    expect(body.conversations.map((c) => c.id)).toEqual(['c-user']);
  });

  it('refuses a token HA refuses', async () => {
    const res = await fetch(`${running.url}/api/conversations`, { headers: { Authorization: 'Bearer not-a-real-token' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('opens the audit log to an HA admin and not to a plain user', async () => {
    const asAdmin = await fetch(`${running.url}/api/audit`, { headers: { Authorization: `Bearer ${ADMIN_TOKEN}` } });
    const asUser = await fetch(`${running.url}/api/audit`, { headers: { Authorization: `Bearer ${USER_TOKEN}` } });
    expect(asAdmin.status).toBe(200);
    expect(asUser.status).toBe(403);
    expect(await asUser.json()).toMatchObject({ code: 'forbidden' });
  });
});

describe('token verifier', () => {
  it('reuses a recent answer, yes or no, instead of logging in again', async () => {
    const { logger } = captureLogger();
    const verify = createTokenVerifier({ haUrl, logger });
    const before = ha.logins;
    const [a, b] = await Promise.all([verify(USER_TOKEN), verify(USER_TOKEN)]);
    expect(a).toEqual({ id: 'user-id', displayName: 'Kid', isAdmin: false, via: 'bearer' });
    expect(b).toEqual(a);
    expect(await verify(USER_TOKEN)).toEqual(a);
    expect(await verify('wrong')).toBeUndefined();
    expect(await verify('wrong')).toBeUndefined();
    expect(ha.logins - before).toBe(2);
  });

  it('asks HA again once the cached answer has expired', async () => {
    const { logger } = captureLogger();
    const verify = createTokenVerifier({ haUrl, logger, cacheTtlMs: 0 });
    const before = ha.logins;
    await verify(ADMIN_TOKEN);
    await verify(ADMIN_TOKEN);
    expect(ha.logins - before).toBe(2);
  });

  it('says HA is unreachable (never a user) for every token it cannot check, and never logs the token', async () => {
    const { logger, lines } = captureLogger();
    const down = new FakeHa({});
    const downUrl = await down.start();
    await down.stop();
    const verify = createTokenVerifier({ haUrl: downUrl, logger });
    await expect(verify(ADMIN_TOKEN)).rejects.toMatchObject({ code: 'ha_unavailable', message: HA_UNREACHABLE_MESSAGE });
    expect(lines.join('')).toMatch(/HA unreachable/);
    expect(lines.join('')).not.toContain(ADMIN_TOKEN);
  });

  it('keeps a recent yes through an outage, and asks again for a token it could not check', async () => {
    const { logger } = captureLogger();
    const flaky = new FakeHa({ [USER_TOKEN]: { id: 'user-id', name: 'Kid', is_admin: false } });
    const url = await flaky.start();
    const verify = createTokenVerifier({ haUrl: url, logger });
    expect(await verify(USER_TOKEN)).toMatchObject({ id: 'user-id' });
    await flaky.stop();
    expect(await verify(USER_TOKEN)).toMatchObject({ id: 'user-id' });
    await expect(verify('never-checked')).rejects.toMatchObject({ code: 'ha_unavailable' });
    await expect(verify('never-checked')).rejects.toMatchObject({ code: 'ha_unavailable' });
  });
});

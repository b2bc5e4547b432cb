import { afterEach, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/channels/socket/protocol.js';
import { buildSystemStatus } from '../../src/channels/socket/status-report.js';
import { ingressUser, startSocketServer, type SocketServer } from '../unit/channels/socket/support/socket-server.js';

let server: SocketServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

const system = () =>
  buildSystemStatus({
    version: '9.9.9',
    mode: 'addon',
    language: 'en',
    ha: () => ({ connected: true, haVersion: '2025.10.1', since: 1 }),
    entityCount: () => 42,
    llm: { provider: 'anthropic', model: 'claude-test', configured: true },
    toolNames: () => ['ha_find_entities', 'ha_call_service'],
  });

describe('GET /api/status', () => {
  it('reports the system and who is asking, through ingress', async () => {
    server = await startSocketServer({ status: system, isAdmin: async (user) => user.id === 'alice' });
    const proxy = await server.proxyFor(ingressUser('alice'));
    const res = await fetch(`${proxy.url}api/status`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const report = (await res.json()) as StatusReport;
    expect(report).toEqual({
      version: '9.9.9',
      mode: 'addon',
      user: { id: 'alice', name: 'alice', display_name: 'ALICE', is_admin: true },
      ha: { connected: true, ha_version: '2025.10.1', since: 1, entities: 42 },
      llm: { provider: 'anthropic', model: 'claude-test', configured: true },
      capabilities: expect.arrayContaining([
        { name: 'home', enabled: true, tools: ['ha_find_entities', 'ha_call_service'] },
        { name: 'shell', enabled: false, tools: [] },
      ]),
      language: 'en',
      approvals: { enabled: false },
    });
  });

  it('says whether approvals are wired', async () => {
    server = await startSocketServer({ status: system, approvals: { list: () => [], decide: () => undefined } });
    const proxy = await server.proxyFor(ingressUser('alice'));
    expect(((await (await fetch(`${proxy.url}api/status`)).json()) as StatusReport).approvals).toEqual({ enabled: true });
  });

  it('needs an identity', async () => {
    server = await startSocketServer({ status: system });
    const res = await fetch(`${server.url}/api/status`);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('still answers while HA cannot say who is an admin (is_admin is then false)', async () => {
    server = await startSocketServer({
      status: system,
      isAdmin: async () => {
        throw new Error('HA is not connected');
      },
    });
    const proxy = await server.proxyFor(ingressUser('alice'));
    const report = (await (await fetch(`${proxy.url}api/status`)).json()) as StatusReport;
    expect(report.user).toMatchObject({ id: 'alice', is_admin: false });
  });

  describe('the security check', () => {
    const checks = async (language: string) => [
      { id: 'mail_tls', status: 'fail' as const, title: language === 'fr' ? 'Chiffrement du courrier' : 'Mail encryption', detail: 'home: use tls.' },
      { id: 'log_level', status: 'pass' as const, title: 'Log level', detail: 'The log level is "info".' },
    ];

    it('goes to administrators, in the language the panel asks for', async () => {
      server = await startSocketServer({ status: system, securityCheck: checks, isAdmin: async (user) => user.id === 'alice' });
      const proxy = await server.proxyFor(ingressUser('alice'));
      const report = (await (await fetch(`${proxy.url}api/status?language=fr`)).json()) as StatusReport;
      expect(report.security?.checks.map((c) => [c.id, c.status, c.title])).toEqual([
        ['mail_tls', 'fail', 'Chiffrement du courrier'],
        ['log_level', 'pass', 'Log level'],
      ]);
      const english = (await (await fetch(`${proxy.url}api/status`)).json()) as StatusReport;
      expect(english.security?.checks[0]?.title).toBe('Mail encryption');
    });

    it('is left out for everyone else, and while HA cannot say who is an admin', async () => {
      server = await startSocketServer({ status: system, securityCheck: checks, isAdmin: async (user) => (user.id === 'bob' ? Promise.reject(new Error('HA is down')) : user.id === 'alice') });
      for (const who of ['carol', 'bob']) {
        const proxy = await server.proxyFor(ingressUser(who));
        const res = await fetch(`${proxy.url}api/status?language=fr`);
        expect(res.status).toBe(200);
        const body = await res.text();
        expect(JSON.parse(body)).not.toHaveProperty('security');
        expect(body).not.toContain('mail_tls');
      }
    });
  });
});

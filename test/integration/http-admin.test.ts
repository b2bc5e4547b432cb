import { afterEach, describe, expect, it } from 'vitest';
import { MajordomeError } from '../../src/errors.js';
import type { ApprovalsService } from '../../src/channels/http/deps.js';
import { HEALTHY, ingressHeaders, makeDeps } from '../unit/channels/http/support/fakes.js';
import { startServer, type RunningServer } from '../unit/channels/http/support/server.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.server.stop();
  running = undefined;
});

async function serve(deps: ReturnType<typeof makeDeps>): Promise<string> {
  running = await startServer(deps);
  return running.url;
}

const adminOnly = async (user: { id: string }) => user.id === 'admin';

describe('GET /api/audit', () => {
  it('is for admins only', async () => {
    const deps = makeDeps({ isAdmin: adminOnly });
    deps.audit.add({ actor: 'u1', kind: 'tool_call', tool: 'ha_call_service', decision: 'allow', conversationId: 'c1' });
    const url = await serve(deps);
    const denied = await fetch(`${url}/api/audit`, { headers: ingressHeaders('u1') });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ code: 'forbidden' });
    const allowed = await fetch(`${url}/api/audit`, { headers: ingressHeaders('admin') });
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({
      entries: [{ id: 1, actor: 'u1', kind: 'tool_call', tool: 'ha_call_service', decision: 'allow', conversation_id: 'c1' }],
    });
  });

  it('returns the newest entries first within the limit, and checks the limit', async () => {
    const deps = makeDeps({ isAdmin: adminOnly });
    for (let i = 0; i < 5; i += 1) deps.audit.add({ actor: 'u1', kind: 'turn', detail: `turn ${i}` });
    const url = await serve(deps);
    const res = await fetch(`${url}/api/audit?limit=2`, { headers: ingressHeaders('admin') });
    const body = (await res.json()) as { entries: Array<{ id: number }> };
    expect(body.entries.map((e) => e.id)).toEqual([5, 4]);
    for (const limit of ['0', '501', 'many']) {
      expect((await fetch(`${url}/api/audit?limit=${limit}`, { headers: ingressHeaders('admin') })).status).toBe(400);
    }
  });
});

describe('approvals routes', () => {
  it('show nothing pending and 404 decisions when no approvals service is plugged in', async () => {
    const url = await serve(makeDeps());
    const list = await fetch(`${url}/api/approvals?status=pending`, { headers: ingressHeaders('u1') });
    expect(await list.json()).toEqual({ approvals: [] });
    const decide = await fetch(`${url}/api/approvals/a1`, {
      method: 'POST',
      headers: { ...ingressHeaders('u1'), 'Content-Type': 'application/json' },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(decide.status).toBe(404);
    expect(await decide.json()).toMatchObject({ code: 'not_found' });
  });

  it('pass the caller and decision to the approvals service', async () => {
    const calls: string[] = [];
    const approvals: ApprovalsService = {
      list: ({ status, user }) => [{ id: 'a1', status, for: user.id }],
      decide: (id, decision, user) => {
        if (user.id !== 'admin') throw new MajordomeError('policy_denied', 'You may not approve this.');
        calls.push(`${id}:${decision}`);
        return id === 'a1' ? { id, status: 'approved' } : undefined;
      },
    };
    const url = await serve(makeDeps({ approvals }));
    const list = await fetch(`${url}/api/approvals?status=pending`, { headers: ingressHeaders('u1') });
    expect(await list.json()).toEqual({ approvals: [{ id: 'a1', status: 'pending', for: 'u1' }] });
    expect((await fetch(`${url}/api/approvals?status=bogus`, { headers: ingressHeaders('u1') })).status).toBe(400);

    const post = (id: string, user: string, decision: unknown) =>
      fetch(`${url}/api/approvals/${id}`, {
        method: 'POST',
        headers: { ...ingressHeaders(user), 'Content-Type': 'application/json' },
        body: JSON.stringify({ decision }),
      });
    expect((await post('a1', 'u1', 'approve')).status).toBe(403);
    expect((await post('a1', 'admin', 'maybe')).status).toBe(400);
    const ok = await post('a1', 'admin', 'approve');
    expect(await ok.json()).toEqual({ approval: { id: 'a1', status: 'approved' } });
    expect((await post('zzz', 'admin', 'deny')).status).toBe(404);
    expect(calls).toEqual(['a1:approve', 'zzz:deny']);
  });
});

describe('GET /api/health', () => {
  it('answers a loopback caller without identity', async () => {
    const url = await serve(makeDeps({ trustedProxies: [] }));
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(HEALTHY);
  });

  it('reports 503 while unhealthy so container checks notice', async () => {
    const url = await serve(makeDeps({ health: () => ({ ...HEALTHY, ok: false, ha: { connected: false } }) }));
    const res = await fetch(`${url}/api/health`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false, ha: { connected: false } });
  });
});

describe('unknown routes and errors', () => {
  it('answer JSON, with a generic message for unexpected failures', async () => {
    const deps = makeDeps();
    deps.conversations.list = () => {
      throw new Error('SQLITE_IOERR: disk I/O error at /data/majordome.db');
    };
    const url = await serve(deps);
    const missing = await fetch(`${url}/api/nothing-here`, { headers: ingressHeaders('u1') });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found' });
    const failing = await fetch(`${url}/api/conversations`, { headers: ingressHeaders('u1') });
    expect(failing.status).toBe(500);
    const body = (await failing.json()) as { error: string; code: string };
    expect(body.code).toBe('internal');
    expect(body.error).not.toContain('/data');
  });
});

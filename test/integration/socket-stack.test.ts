import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/channels/socket/protocol.js';
import { packageRoot, packageVersion } from '../../src/package-info.js';
import { turnToolCalls } from '../fake-llm/request-view.js';
import type { RecordedRequest } from '../fake-llm/types.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startIngressProxy, type IngressProxy } from '../support/ingress-proxy.js';
import { startStack, type Stack } from '../support/stack.js';
import { closeAllSockets, connect, connectRefused, nextEvent, sendMessage } from '../unit/channels/socket/support/socket-client.js';

const ALICE = { id: 'user-admin', name: 'alice', displayName: 'Alice' };

async function status(proxy: IngressProxy): Promise<StatusReport> {
  const res = await fetch(`${proxy.url}api/status`);
  if (!res.ok) throw new Error(`status answered ${res.status}`);
  return (await res.json()) as StatusReport;
}

/** Polls the status until `ready` holds (HA connects and the index loads in the background). */
async function waitForStatus(proxy: IngressProxy, ready: (s: StatusReport) => boolean): Promise<StatusReport> {
  for (let i = 0; i < 300; i++) {
    const report = await status(proxy);
    if (ready(report)) return report;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('status never became ready');
}

describe('the socket channel and /api/status, wired by main.ts against the simulator and the fake model', () => {
  let stack: Stack;
  let proxy: IngressProxy;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome() });
    proxy = await startIngressProxy({ target: stack.url, user: ALICE });
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await proxy?.stop();
    await stack?.stop();
  });

  it('reports HA, the entity count, the model and the home capability', async () => {
    const report = await waitForStatus(proxy, (s) => s.ha.connected && (s.ha.entities ?? 0) > 0);
    expect(report).toMatchObject({
      version: packageVersion(packageRoot()),
      mode: 'standalone',
      user: { id: 'user-admin', name: 'alice', display_name: 'Alice', is_admin: true },
      llm: { provider: 'anthropic', configured: true },
      language: 'en',
    });
    expect(report.capabilities.find((c) => c.name === 'home')).toEqual({
      name: 'home',
      enabled: true,
      tools: expect.arrayContaining(['ha_find_entities', 'ha_get_state', 'ha_call_service', 'ha_get_history', 'ha_list_areas']),
    });
    expect(report.capabilities.filter((c) => c.enabled).map((c) => c.name)).toEqual(['home', 'memory', 'tasks', 'notify']);
  });

  it('runs a turn from the panel socket: streamed text, a tool call, and the light really turns on', async () => {
    await waitForStatus(proxy, (s) => s.ha.connected && (s.ha.entities ?? 0) > 0);
    stack.sim.setState('light.bedroom_lamp', 'off');
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on', target: { entity_id: 'light.bedroom_lamp' } } }] },
      (req: RecordedRequest) => ({ content: [{ type: 'text', text: `Done: ${turnToolCalls(req.body).at(-1)?.result?.isError ? 'failed' : 'the lamp is on'}.` }] }),
    );
    const socket = await connect(proxy.url, { headers: { Origin: new URL(proxy.url).origin } });
    const turn = await sendMessage(socket, { message: 'turn on the bedroom lamp' });
    expect(turn.ack.ok).toBe(true);
    const types = turn.events.map((e) => e.type);
    expect(types.slice(0, 2)).toEqual(['tool_call', 'tool_result']);
    expect(turn.events[1]).toMatchObject({ type: 'tool_result', ok: true });
    // The answer arrives as several deltas, then done.
    expect(new Set(types.slice(2, -1))).toEqual(new Set(['text']));
    expect(types.length).toBeGreaterThan(4);
    const streamed = turn.events.map((e) => (e.type === 'text' ? e.delta : '')).join('');
    expect(streamed).toBe('Done: the lamp is on.');
    expect(turn.events.at(-1)).toMatchObject({ type: 'done', text: 'Done: the lamp is on.' });
    expect(stack.sim.getState('light.bedroom_lamp')?.state).toBe('on');
  });

  it("accepts a user's HA token in the handshake (standalone) and refuses one HA rejects", async () => {
    const socket = await connect(stack.url, { auth: { token: 'sim-user-token' }, transports: ['websocket'] });
    expect(socket.connected).toBe(true);
    expect(await connectRefused(stack.url, { auth: { token: 'not-a-token' } })).toMatchObject({ data: { code: 'unauthorized' } });
  });

  it('tells connected panels when the HA connection changes', async () => {
    await waitForStatus(proxy, (s) => s.ha.connected);
    const socket = await connect(proxy.url);
    const changed = nextEvent(socket, 'status:changed');
    stack.sim.dropConnections();
    await changed;
    await waitForStatus(proxy, (s) => s.ha.connected);
  });
});

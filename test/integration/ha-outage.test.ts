import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnToolCalls } from '../fake-llm/request-view.js';
import type { RecordedRequest } from '../fake-llm/types.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, type Stack } from '../support/stack.js';

function lastResultText(req: RecordedRequest): string {
  return turnToolCalls(req.body).at(-1)?.result?.text ?? '(none)';
}

async function haStatus(stack: Stack): Promise<{ connected: boolean; since: number }> {
  return ((await (await fetch(`${stack.url}/api/health`)).json()) as { ha: { connected: boolean; since: number } }).ha;
}

/** Waits until HA's link is in the wanted state, and (optionally) changed since `after`. */
async function waitForHa(stack: Stack, connected: boolean, after?: number): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const status = await haStatus(stack);
    if (status.connected === connected && (after === undefined || status.since !== after)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`HA never became ${connected ? 'connected' : 'disconnected'}`);
}

const turnOn = (entityId: string) => [
  { content: [{ type: 'tool_use' as const, name: 'ha_call_service', input: { domain: 'light', service: 'turn_on', target: { entity_id: entityId } } }] },
  (req: RecordedRequest) => ({ content: [{ type: 'text' as const, text: lastResultText(req) }] }),
];

describe('Home Assistant goes away mid-session and comes back', () => {
  let stack: Stack;

  beforeAll(async () => {
    // The outage outlasts the wait of a call (1 s here).
    stack = await startStack({ home: loadIntentsHome(), options: { ha_reconnect_wait_s: 1 } });
    await waitForHa(stack, true);
  });
  afterAll(async () => stack?.stop());

  it('tells the model HA is unavailable during the outage, then works again after reconnecting', async () => {
    stack.sim.setState('light.bedroom_lamp', 'off');
    await stack.sim.pause();
    await waitForHa(stack, false);

    stack.llm.enqueue(...turnOn('light.bedroom_lamp'));
    const during = await chat(stack.url, { message: 'turn on the bedroom lamp' });
    expect(during.find((e) => e.type === 'tool_result')).toMatchObject({ ok: false });
    expect(String(during.at(-1)?.text)).toMatch(/not connected|unavailable/i);

    await stack.sim.resume();
    await waitForHa(stack, true);

    stack.llm.enqueue(...turnOn('light.bedroom_lamp'));
    const after = await chat(stack.url, { message: 'turn on the bedroom lamp' });
    expect(after.find((e) => e.type === 'tool_result')).toMatchObject({ ok: true });
    expect(stack.sim.getState('light.bedroom_lamp')?.state).toBe('on');
  });

  it('survives dropped connections (an HA restart) without losing the next turn', async () => {
    stack.sim.setState('light.garage', 'off');
    const before = (await haStatus(stack)).since;
    stack.sim.dropConnections();
    await waitForHa(stack, true, before);
    stack.llm.enqueue(...turnOn('light.garage'));
    const events = await chat(stack.url, { message: 'garage light on' });
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(stack.sim.getState('light.garage')?.state).toBe('on');
  });
});

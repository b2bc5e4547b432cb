/**
 * The HA event bridge: an automation fires `majordome_request` (here through HA's REST API, as an
 * admin user would), Majordome runs a turn and fires `majordome_response`, which an automation
 * would await with `wait_for_trigger`.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDatasetHome } from '../ha-sim/index.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

describe('the majordome_request → majordome_response bridge', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadDatasetHome('home1-us') });
  });
  afterAll(async () => stack?.stop());

  /** Fires an event on the simulator's bus as the admin user (HA sets context.user_id). */
  async function fire(data: Record<string, unknown>): Promise<void> {
    const res = await fetch(`${stack.sim.url}/api/events/majordome_request`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.sim.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(data),
    });
    expect(res.status).toBe(200);
  }

  /** The response fired for a request id. */
  async function responseTo(requestId: string | null): Promise<Record<string, unknown>> {
    let found: Record<string, unknown> | undefined;
    await vi.waitFor(
      () => {
        found = stack.sim.firedEvents
          .filter((e) => e.event_type === 'majordome_response')
          .map((e) => e.event_data as Record<string, unknown>)
          .find((d) => d['request_id'] === requestId);
        expect(found).toBeDefined();
      },
      { timeout: 5000 },
    );
    return found ?? {};
  }

  it('runs a turn that changes the home and answers with the request id and conversation id', async () => {
    stack.sim.setState('light.kitchen_light', 'off');
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on', target: { entity_id: 'light.kitchen_light' } } }] },
      { content: [{ type: 'text', text: 'The kitchen light is on.' }] },
    );
    await fire({ text: 'turn on the kitchen light', request_id: 'morning-1' });
    const response = await responseTo('morning-1');
    expect(response).toMatchObject({ request_id: 'morning-1', ok: true, text: 'The kitchen light is on.' });
    expect(response['conversation_id']).toEqual(expect.any(String));
    expect(stack.sim.getState('light.kitchen_light')?.state).toBe('on');
  });

  it('speaks for the HA user who fired the event: the conversation is theirs, and it continues', async () => {
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Noted: pelican.' }] });
    await fire({ text: 'the code word is pelican', request_id: 'memo-1', conversation_id: 'automation-memo' });
    expect(await responseTo('memo-1')).toMatchObject({ ok: true, conversation_id: 'automation-memo' });

    stack.llm.enqueue((req) => ({ content: [{ type: 'text', text: JSON.stringify(req.body.messages).includes('pelican') ? 'pelican' : 'forgotten' }] }));
    await fire({ text: 'what is the code word?', request_id: 'memo-2', conversation_id: 'automation-memo', language: 'en' });
    expect(await responseTo('memo-2')).toMatchObject({ ok: true, text: 'pelican' });

    // The admin fired the events, so the admin sees the conversation in the panel.
    const res = await fetch(`${stack.url}/api/conversations/automation-memo`, { headers: TEST_USER_HEADERS });
    expect(res.status).toBe(200);
  });

  it('answers ok: false with the reason when the request is invalid, keeping the request id', async () => {
    await fire({ request_id: 'bad-1' });
    const response = await responseTo('bad-1');
    expect(response).toMatchObject({ ok: false, conversation_id: null });
    expect(String(response['text'])).toMatch(/text/);
  });

  it('answers ok: false when the turn fails', async () => {
    stack.llm.enqueue({ error: { status: 400, type: 'invalid_request_error', message: 'prompt is too long' } });
    await fire({ text: 'do something', request_id: 'fail-1' });
    expect(await responseTo('fail-1')).toMatchObject({ ok: false, request_id: 'fail-1' });
  });

  it('answers a request without request_id with request_id null', async () => {
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Anonymous answer.' }] });
    await fire({ text: 'hello' });
    expect(await responseTo(null)).toMatchObject({ ok: true, text: 'Anonymous answer.' });
  });

  // Last: the eight slow turns run until the stack stops.
  it('answers ok: false in the request’s language when too many requests are running', async () => {
    for (let i = 0; i < 8; i++) stack.llm.enqueue({ content: [{ type: 'text', text: 'Un instant…' }], delayMs: 60_000 });
    for (let i = 0; i < 8; i++) await fire({ text: `tâche ${i}`, request_id: `slow-${i}`, language: 'fr' });
    await vi.waitFor(() => expect(stack.llm.requests.length).toBeGreaterThanOrEqual(8), { timeout: 5000 });
    await fire({ text: 'encore une', request_id: 'busy-1', language: 'fr' });
    expect(await responseTo('busy-1')).toMatchObject({ ok: false, text: 'Majordome traite trop de demandes d’automatisations ; réessayez plus tard.' });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnToolCalls } from '../fake-llm/request-view.js';
import type { RecordedRequest } from '../fake-llm/types.js';
import { loadDatasetHome } from '../ha-sim/index.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

/** The last tool result of the current turn, parsed as the model would read it. */
function lastResult(req: RecordedRequest): { text: string; isError: boolean } {
  const calls = turnToolCalls(req.body);
  const result = calls[calls.length - 1]?.result;
  if (!result) throw new Error('no tool result in the request');
  return result;
}

describe('a chat turn through the real SDK, the HA simulator and SSE', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadDatasetHome('home1-us') });
    stack.sim.setState('light.kitchen_light', 'off');
  });
  afterAll(async () => stack?.stop());

  it('"turn on the kitchen light": finds the entity, calls the service, the light is on, the answer streams', async () => {
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_find_entities', input: { query: 'kitchen light' } }] },
      (req) => {
        const found = JSON.parse(lastResult(req).text) as { entities?: Array<{ entity_id: string }> } | Array<{ entity_id: string }>;
        const list = Array.isArray(found) ? found : (found.entities ?? []);
        return {
          content: [
            { type: 'text', text: 'Turning it on. ' },
            { type: 'tool_use', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on', target: { entity_id: list[0]?.entity_id } } },
          ],
        };
      },
      (req) => ({ content: [{ type: 'text', text: lastResult(req).isError ? 'That failed.' : 'The kitchen light is on.' }] }),
    );

    const events = await chat(stack.url, { message: 'turn on the kitchen light' });

    expect(stack.sim.getState('light.kitchen_light')?.state).toBe('on');
    expect(events.map((e) => e.type).filter((t) => t !== 'text')).toEqual(['tool_call', 'tool_result', 'tool_call', 'tool_result', 'done']);
    expect(events.find((e) => e.type === 'tool_call' && e.name === 'ha_call_service')).toMatchObject({
      input: { domain: 'light', service: 'turn_on', target: { entity_id: 'light.kitchen_light' } },
    });
    const done = events[events.length - 1];
    expect(done).toMatchObject({ type: 'done', text: 'Turning it on. The kitchen light is on.' });
    const streamed = events.filter((e) => e.type === 'text').map((e) => e.delta).join('');
    expect(streamed).toBe('Turning it on. The kitchen light is on.');
    // The service call in HA is attributed to the add-on's user, and the audit log names the person.
    expect(stack.sim.serviceCalls.at(-1)).toMatchObject({ domain: 'light', service: 'turn_on' });
  });

  it('sends the stable prompt with a cache breakpoint, and never lists every entity', async () => {
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Hello.' }] });
    await chat(stack.url, { message: 'hello' });
    const body = stack.llm.requests.at(-1)!.body;
    const system = body.system as Array<{ text: string; cache_control?: unknown }>;
    expect(system[0]?.cache_control).toEqual({ type: 'ephemeral' });
    expect(system[1]?.text).toMatch(/User: Alice/);
    const everything = JSON.stringify(body);
    expect(everything).not.toContain('light.kitchen_light');
  });

  it('feeds invalid tool input back as is_error and the turn goes on', async () => {
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_get_state', input: { entity: 'light.kitchen_light' } }] },
      (req) => {
        const result = lastResult(req);
        return { content: [{ type: 'text', text: result.isError ? `error seen: ${result.text}` : 'no error' }] };
      },
    );
    const events = await chat(stack.url, { message: 'is the kitchen light on?' });
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ ok: false });
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(String(events.at(-1)?.text)).toMatch(/error seen: .*entity_id/);
  });

  it('passes HA\'s own error for an unknown service back to the model', async () => {
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'ha_call_service', input: { domain: 'light', service: 'explode', target: { entity_id: 'light.kitchen_light' } } }] },
      (req) => ({ content: [{ type: 'text', text: lastResult(req).text }] }),
    );
    const events = await chat(stack.url, { message: 'explode the kitchen light' });
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ ok: false });
    expect(String(events.at(-1)?.text)).toMatch(/explode/);
  });

  it('continues a conversation by conversation_id, with the history sent to the model', async () => {
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Noted: blue.' }] });
    const first = await chat(stack.url, { message: 'my favourite colour is blue' });
    const conversationId = String(first.at(-1)?.conversation_id);
    stack.llm.enqueue((req) => ({ content: [{ type: 'text', text: `history has ${req.body.messages.length} messages` }] }));
    const second = await chat(stack.url, { message: 'what is my favourite colour?', conversation_id: conversationId });
    expect(second.at(-1)).toMatchObject({ conversation_id: conversationId, text: 'history has 3 messages' });
  });
});

describe('the loop\'s limits', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadDatasetHome('home1-us'), options: { max_steps: 3 } });
  });
  afterAll(async () => stack?.stop());

  it('runs several tool_use blocks of one message, in order', async () => {
    stack.sim.setState('light.kitchen_light', 'off');
    stack.sim.setState('light.living_room_light', 'off');
    stack.llm.enqueue(
      {
        content: [
          { type: 'tool_use', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on', target: { entity_id: 'light.kitchen_light' } } },
          { type: 'tool_use', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on', target: { entity_id: 'light.living_room_light' } } },
        ],
      },
      (req) => ({ content: [{ type: 'text', text: `${turnToolCalls(req.body).filter((c) => c.result && !c.result.isError).length} done` }] }),
    );
    const events = await chat(stack.url, { message: 'kitchen and living room lights on' });
    expect(events.filter((e) => e.type === 'tool_result').map((e) => e.ok)).toEqual([true, true]);
    expect(events.at(-1)).toMatchObject({ type: 'done', text: '2 done' });
    expect(stack.sim.getState('light.kitchen_light')?.state).toBe('on');
    expect(stack.sim.getState('light.living_room_light')?.state).toBe('on');
  });

  it('says it stopped in the language of the person asking', async () => {
    const loop = { content: [{ type: 'tool_use' as const, name: 'ha_list_areas', input: {} }] };
    stack.llm.enqueue(loop, loop, loop);
    const events = await chat(stack.url, { message: 'liste les pièces sans fin', language: 'fr-FR' });
    expect(String(events.at(-1)?.text)).toMatch(/Je me suis arrêté après 3 étapes/);
  });

  it('stops a model that never ends its turn after max_steps model calls, and says so', async () => {
    const before = stack.llm.requests.length;
    const loop = { content: [{ type: 'tool_use' as const, name: 'ha_list_areas', input: {} }] };
    stack.llm.enqueue(loop, loop, loop, loop, loop);
    const events = await chat(stack.url, { message: 'list the areas forever' });
    expect(stack.llm.requests.length - before).toBe(3);
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(String(events.at(-1)?.text)).toMatch(/stopped after 3 steps/);
    // The next turn of the same conversation is still valid for the model API (no dangling tool_use).
    stack.llm.enqueue({ content: [{ type: 'text', text: 'fine' }] });
    const next = await chat(stack.url, { message: 'ok', conversation_id: String(events.at(-1)?.conversation_id) });
    expect(next.at(-1)).toMatchObject({ type: 'done', text: 'fine' });
  });

  it('a client that goes away cancels nothing: the answer is stored; Stop cancels, and the conversation stays usable', async () => {
    const audit = async () =>
      ((await (await fetch(`${stack.url}/api/audit?limit=5`, { headers: TEST_USER_HEADERS })).json()) as { entries: Array<Record<string, unknown>> }).entries;
    const turnRow = async (outcome: string, conversationId: string) => {
      for (let i = 0; i < 100; i++) {
        const row = (await audit()).find((r) => r.kind === 'turn' && r.outcome === outcome && r.conversation_id === conversationId);
        if (row) return row;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return undefined;
    };
    const start = async (message: string) => {
      const controller = new AbortController();
      const res = await fetch(`${stack.url}/api/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
        body: JSON.stringify({ message }),
        signal: controller.signal,
      });
      const reader = res.body!.getReader();
      await reader.read(); // the stream is open: the turn is running
      return { conversationId: res.headers.get('x-conversation-id') ?? '', controller, reader };
    };

    stack.llm.enqueue({ content: [{ type: 'text', text: 'a very slow answer that nobody will read in full' }], delayMs: 300 });
    const left = await start('tell me a long story');
    left.controller.abort();
    await left.reader.cancel().catch(() => undefined);
    expect(await turnRow('ok', left.conversationId)).toBeDefined();
    const stored = (await (await fetch(`${stack.url}/api/conversations/${left.conversationId}`, { headers: TEST_USER_HEADERS })).json()) as {
      messages: Array<{ role: string; content: unknown }>;
    };
    expect(JSON.stringify(stored.messages.at(-1))).toContain('a very slow answer that nobody will read in full');

    stack.llm.enqueue({ content: [{ type: 'text', text: 'another slow answer' }], delayMs: 2000 });
    const stopped = await start('and another');
    const stop = await fetch(`${stack.url}/api/conversations/${stopped.conversationId}/turn`, { method: 'DELETE', headers: TEST_USER_HEADERS });
    expect(stop.status).toBe(200);
    // The stopped turn is recorded as an error in the audit log, not as a finished one.
    expect((await turnRow('error', stopped.conversationId))?.detail).toMatch(/cancelled|Stopped/);

    stack.llm.enqueue({ content: [{ type: 'text', text: 'still here' }] });
    const next = await chat(stack.url, { message: 'hello?', conversation_id: stopped.conversationId });
    expect(next.at(-1)).toMatchObject({ type: 'done', text: 'still here' });
  });
});

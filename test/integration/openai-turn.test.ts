import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenAiRecordedRequest } from '../fake-llm/fake-openai-types.js';
import { turnToolCalls } from '../fake-llm/request-view.js';
import type { RecordedRequest } from '../fake-llm/types.js';
import { loadDatasetHome } from '../ha-sim/index.js';
import { chat, startStack, type Stack } from '../support/stack.js';

/** The last tool result of the current turn, parsed as the model would read it. */
function lastResult(req: RecordedRequest): { text: string; isError: boolean } {
  const calls = turnToolCalls(req.body);
  const result = calls[calls.length - 1]?.result;
  if (!result) throw new Error('no tool result in the request');
  return result;
}

describe('a chat turn with llm_provider: openai, through the real openai SDK, the HA simulator and SSE', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadDatasetHome('home1-us'), llm: 'openai', fakeOpenAi: { interleaveToolCalls: true } });
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
    expect(events.at(-1)).toMatchObject({ type: 'done', text: 'Turning it on. The kitchen light is on.' });
    const streamed = events.filter((e) => e.type === 'text').map((e) => e.delta).join('');
    expect(streamed).toBe('Turning it on. The kitchen light is on.');
    const sent = stack.llm.requests as OpenAiRecordedRequest[];
    expect(sent.every((r) => r.status === 200 && r.openai.model === 'gpt-4.1-mini')).toBe(true);
    // Each tool result went back as a `tool` message answering the call just before it.
    expect(sent.at(-1)?.openai.messages.slice(-2).map((m) => m.role)).toEqual(['assistant', 'tool']);
  });

  it('runs parallel tool calls of one answer, each result paired with its call', async () => {
    stack.llm.enqueue(
      {
        content: [
          { type: 'tool_use', name: 'ha_get_state', input: { entity_id: 'light.kitchen_light' } },
          { type: 'tool_use', name: 'ha_list_areas', input: {} },
        ],
      },
      (req) => ({ content: [{ type: 'text', text: `${turnToolCalls(req.body).filter((c) => c.result && !c.result.isError).length} answers.` }] }),
    );
    const events = await chat(stack.url, { message: 'is the kitchen light on, and which rooms are there?' });
    expect(events.filter((e) => e.type === 'tool_result').map((e) => e.ok)).toEqual([true, true]);
    expect(events.at(-1)).toMatchObject({ type: 'done', text: '2 answers.' });
  });
});

describe('a model that cannot call tools', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({
      home: loadDatasetHome('home1-us'),
      llm: 'openai',
      fakeOpenAi: { toolSupport: false, requireKey: false },
      options: { openai_api_key: undefined, model: 'gemma2' },
    });
  });
  afterAll(async () => stack?.stop());

  it('ends the turn with a message saying to pick a model with tool support', async () => {
    const events = await chat(stack.url, { message: 'turn on the kitchen light' });
    expect(events.at(-1)).toEqual({
      type: 'error',
      code: 'model_error',
      message: 'The model gemma2 cannot call tools; pick a model with tool support.',
    });
  });
});

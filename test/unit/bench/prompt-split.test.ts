import { describe, expect, it } from 'vitest';
import { addSizes, sizeOf, splitRequest } from '../../../bench/prompt-split.js';
import { measureMajordomeTurn } from '../../../bench/prompt-size.js';
import type { FakeRequestBody } from '../../../test/fake-llm/index.js';

function request(messages: FakeRequestBody['messages'], now = 'Now: Monday 09:00'): FakeRequestBody {
  return {
    model: 'claude-test',
    max_tokens: 1024,
    stream: true,
    tools: [{ name: 'ha_find_entities', description: 'Find entities', input_schema: { type: 'object' } }],
    system: [
      { type: 'text', text: 'You are Majordome.', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: now },
    ],
    messages,
  };
}

const ask = { role: 'user' as const, content: [{ type: 'text', text: 'turn on the kitchen light' }] };
const find = { role: 'assistant' as const, content: [{ type: 'tool_use', id: 't1', name: 'ha_find_entities', input: { query: 'kitchen light' } }] };
const found = { role: 'user' as const, content: [{ type: 'tool_result', tool_use_id: 't1', content: '{"entities":[]}' }] };

describe('splitting a model request into the cached prefix and the per-request part', () => {
  it('puts tools and the system blocks up to the cache breakpoint in the prefix, the rest in the variable part', () => {
    const split = splitRequest(request([ask]));
    expect(split.prefixText).toContain('You are Majordome.');
    expect(split.prefixText).toContain('ha_find_entities');
    expect(split.prefixText).not.toContain('Now: Monday');
    expect(split.prefixText).not.toContain('kitchen light');
    expect(split.total.bytes).toBe(Buffer.byteLength(JSON.stringify(request([ask]))));
  });

  it('keeps the prefix byte-identical while the conversation grows', () => {
    const first = splitRequest(request([ask]));
    const second = splitRequest(request([ask, find, found], 'Now: Monday 09:01'));
    expect(second.prefixText).toBe(first.prefixText);
    expect(second.variable.bytes).toBeGreaterThan(first.variable.bytes);
  });

  it('sums a turn: one prefix, the variable parts of every request, and says whether prefixes matched', () => {
    const bodies = [request([ask]), request([ask, find, found])];
    const { size } = measureMajordomeTurn(bodies);
    expect(size.requests).toBe(2);
    expect(size.prefix_identical_in_turn).toBe(true);
    expect(size.variable_per_turn).toEqual(addSizes(...bodies.map((b) => splitRequest(b).variable)));
    expect(size.first_request_variable).toEqual(splitRequest(bodies[0]!).variable);
  });

  it('notices a prefix that changed inside a turn', () => {
    const changed = request([ask]);
    changed.tools = [];
    expect(measureMajordomeTurn([request([ask]), changed]).size.prefix_identical_in_turn).toBe(false);
  });

  it('treats a plain-string system prompt as uncached', () => {
    const body = { ...request([ask]), system: 'Plain system' };
    expect(splitRequest(body).variable).toEqual(sizeOf(JSON.stringify({ system: [{ type: 'text', text: 'Plain system' }], messages: [ask] })));
  });
});

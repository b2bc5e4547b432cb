import Anthropic, { BadRequestError } from '@anthropic-ai/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeAnthropic, UNSCRIPTED_TEXT } from '../../fake-llm/fake-anthropic.js';
import type { FakeLlm } from '../../fake-llm/types.js';

const HEADERS = { 'content-type': 'application/json', 'anthropic-version': '2023-06-01' };
const hello = { model: 'claude-test', max_tokens: 100, messages: [{ role: 'user' as const, content: 'Hello' }] };

describe('fake Anthropic Messages API', () => {
  let fake: FakeLlm;
  let client: Anthropic;

  beforeEach(async () => {
    fake = await startFakeAnthropic();
    client = new Anthropic({ apiKey: fake.apiKey, baseURL: fake.url, maxRetries: 0, logLevel: 'off' });
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('answers non-streamed requests with a JSON message the SDK parses', async () => {
    fake.enqueue({ content: [{ type: 'tool_use', id: 'toolu_given', name: 'ha_get_state', input: { entity_id: 'sun.sun' } }] });

    const message = await client.messages.create({ ...hello, tools: [{ name: 'ha_get_state', input_schema: { type: 'object' } }] });

    expect(message.stop_reason).toBe('tool_use');
    expect(message.content).toEqual([{ type: 'tool_use', id: 'toolu_given', name: 'ha_get_state', input: { entity_id: 'sun.sun' } }]);
    expect(message.usage.input_tokens).toBeGreaterThan(0);
  });

  it('streams tool input as several JSON fragments after a ping', async () => {
    fake.enqueue({ content: [{ type: 'tool_use', name: 'ha_find_entities', input: { query: 'kitchen ceiling light', limit: 5 } }] });

    const res = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { ...HEADERS, 'x-api-key': fake.apiKey },
      body: JSON.stringify({ ...hello, stream: true }),
    });
    const text = await res.text();

    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('message_start');
    expect(events).toContain('ping');
    expect(events.slice(-2)).toEqual(['message_delta', 'message_stop']);
    const fragments = [...text.matchAll(/"partial_json":("(?:[^"\\]|\\.)*")/g)].map((m) => JSON.parse(m[1] ?? '""') as string);
    expect(fragments.length).toBeGreaterThan(2);
    expect(JSON.parse(fragments.join(''))).toEqual({ query: 'kitchen ceiling light', limit: 5 });
  });

  it('refuses a wrong key with Anthropic\'s error body', async () => {
    const res = await fetch(`${fake.url}/v1/messages`, {
      method: 'POST',
      headers: { ...HEADERS, 'x-api-key': 'sk-ant-nope' },
      body: JSON.stringify(hello),
    });

    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } });
  });

  it('answers unscripted requests with a marked placeholder', async () => {
    const message = await client.messages.create(hello);

    expect(message.content).toEqual([{ type: 'text', text: UNSCRIPTED_TEXT }]);
    expect(fake.requests[0]?.source).toBe('unscripted');
  });

  it('rejects a tool_use left without its tool_result, as the real API does', async () => {
    const failure = await client.messages
      .create({
        ...hello,
        messages: [
          { role: 'user', content: 'Lock the door' },
          { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_x', name: 'ha_call_service', input: {} }] },
          { role: 'user', content: 'Well?' },
        ],
      })
      .catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(BadRequestError);
    expect((failure as BadRequestError).message).toContain('`tool_use` ids were found without `tool_result` blocks');
    expect(fake.requests[0]?.status).toBe(400);
  });

  it('writes a cached prefix once and reads it on the next request', async () => {
    const system = [{ type: 'text' as const, text: 'Stable instructions. '.repeat(50), cache_control: { type: 'ephemeral' as const } }];

    const first = await client.messages.create({ ...hello, system });
    const second = await client.messages.create({ ...hello, system, messages: [{ role: 'user', content: 'Something else entirely' }] });

    expect(first.usage.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(first.usage.cache_read_input_tokens).toBe(0);
    expect(second.usage.cache_read_input_tokens).toBe(first.usage.cache_creation_input_tokens);
    expect(second.usage.cache_creation_input_tokens).toBe(0);
  });
});

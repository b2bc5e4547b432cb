import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MajordomeError, ModelError, messageFor } from '../../../src/errors.js';
import { createAnthropicProvider, type AnthropicProviderOptions } from '../../../src/llm/anthropic.js';
import type { ModelRequest, ModelStreamEvent, ToolSpec } from '../../../src/llm/provider.js';
import { startFakeAnthropic } from '../../fake-llm/fake-anthropic.js';
import type { FakeLlm, FakeTextBlockParam } from '../../fake-llm/types.js';

const FIND_TOOL: ToolSpec = {
  name: 'ha_find_entities',
  description: 'Find Home Assistant entities by name, area or domain.',
  input_schema: { type: 'object', properties: { query: { type: 'string' }, limit: { type: 'integer' } } },
};
const STATE_TOOL: ToolSpec = {
  name: 'ha_get_state',
  description: 'Read the state of one entity.',
  input_schema: { type: 'object', properties: { entity_id: { type: 'string' } }, required: ['entity_id'] },
};
const STABLE = 'You are Majordome, a careful assistant for this home. '.repeat(20);

function request(text: string, extra: Partial<ModelRequest> = {}): ModelRequest {
  return {
    system: STABLE,
    systemDynamic: 'It is Tuesday 14:05. The user is Alice.',
    messages: [{ role: 'user', content: [{ type: 'text', text }] }],
    tools: [FIND_TOOL, STATE_TOOL],
    ...extra,
  };
}

const overloaded = { error: { status: 529 as const, type: 'overloaded_error', message: 'Overloaded' } };

describe('Anthropic provider against the fake Messages API', () => {
  let fake: FakeLlm;
  const providerFor = (opts: Partial<AnthropicProviderOptions> = {}) =>
    createAnthropicProvider({ apiKey: fake.apiKey, model: 'claude-test', baseURL: fake.url, maxRetries: 2, ...opts });

  beforeEach(async () => {
    fake = await startFakeAnthropic();
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('streams text deltas in order and returns the whole answer', async () => {
    const text = 'The kitchen light is on, the front door is locked and the living room is at 21 °C.';
    fake.enqueue({ content: [{ type: 'text', text }] });
    const deltas: string[] = [];

    const response = await providerFor().complete(request('How is the house?'), (e: ModelStreamEvent) => deltas.push(e.text));

    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(text);
    expect(response.content).toEqual([{ type: 'text', text }]);
    expect(response.stopReason).toBe('end_turn');
    expect(response.model).toBe('claude-test');
    expect(response.usage.outputTokens).toBeGreaterThan(0);
    expect(fake.requests[0]?.body.stream).toBe(true);
  });

  it('returns several tool_use blocks of one message in order, with parsed inputs', async () => {
    const findInput = { query: 'salle à manger "nord"', limit: 5, filters: { domain: ['light', 'switch'] } };
    fake.enqueue({
      content: [
        { type: 'text', text: 'Let me look.' },
        { type: 'tool_use', name: 'ha_find_entities', input: findInput },
        { type: 'tool_use', name: 'ha_get_state', input: { entity_id: 'lock.front_door' } },
      ],
    });

    const response = await providerFor().complete(request('Is the dining room lit and the door locked?'));

    expect(response.stopReason).toBe('tool_use');
    expect(response.content).toEqual([
      { type: 'text', text: 'Let me look.' },
      { type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'ha_find_entities', input: findInput },
      { type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'ha_get_state', input: { entity_id: 'lock.front_door' } },
    ]);
  });

  it('marks the stable system block as a cache breakpoint and sends the dynamic block after it', async () => {
    fake.enqueue({ content: [{ type: 'text', text: 'Hello.' }] }, { content: [{ type: 'text', text: 'Hi again.' }] });
    const provider = providerFor();

    const first = await provider.complete(request('Hello'));
    const second = await provider.complete(request('Hello again', { systemDynamic: 'It is Tuesday 14:06. The user is Bob.' }));

    const body = fake.requests[0]!.body;
    const system = body.system as FakeTextBlockParam[];
    expect(system).toEqual([
      { type: 'text', text: STABLE, cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'It is Tuesday 14:05. The user is Alice.' },
    ]);
    expect(body.tools?.map((t) => t.name)).toEqual(['ha_find_entities', 'ha_get_state']);
    expect(first.usage.cacheWriteTokens).toBeGreaterThan(0);
    expect(first.usage.cacheReadTokens).toBe(0);
    // The second turn changed only what follows the breakpoint: tools + stable system come from the cache.
    expect(second.usage.cacheReadTokens).toBeGreaterThan(0);
  });

  it('sends tool results back, with is_error on failed calls', async () => {
    fake.enqueue({ content: [{ type: 'text', text: 'The door lock did not answer.' }] });
    const messages: ModelRequest['messages'] = [
      { role: 'user', content: [{ type: 'text', text: 'Lock the front door' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 'toolu_1', name: 'ha_get_state', input: { entity_id: 'lock.front_door' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '{"error":"unavailable"}', is_error: true }] },
    ];

    await providerFor().complete(request('', { messages }));

    expect(fake.requests[0]?.status).toBe(200);
    expect(fake.requests[0]?.body.messages[2]?.content).toEqual([
      { type: 'tool_result', tool_use_id: 'toolu_1', content: '{"error":"unavailable"}', is_error: true, cache_control: { type: 'ephemeral' } },
    ]);
  });

  it('retries an overloaded (529) answer transparently', async () => {
    fake.enqueue(overloaded, { content: [{ type: 'text', text: 'Done.' }] });

    const response = await providerFor().complete(request('Turn on the porch light'));

    expect(response.content).toEqual([{ type: 'text', text: 'Done.' }]);
    expect(fake.requests.map((r) => r.status)).toEqual([529, 200]);
  });

  it('reports a refused key as model_auth with a plain message, without retrying', async () => {
    const wrongKey = 'sk-ant-wrong-key';
    const failure = await providerFor({ apiKey: wrongKey })
      .complete(request('Hello'))
      .catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(ModelError);
    expect(failure).toMatchObject({ code: 'model_auth', status: 401, retryable: false });
    expect((failure as Error).message).toBe('The Anthropic API key was refused (401). Check anthropic_api_key in the add-on options.');
    expect((failure as Error).message).not.toContain(wrongKey);
    expect(fake.requests).toHaveLength(1);
  });

  it('cancels the call when the signal aborts mid-stream', async () => {
    fake.enqueue({ content: [{ type: 'text', text: 'word '.repeat(200) }], delayMs: 20 });
    const controller = new AbortController();

    const failure = await providerFor()
      .complete(request('Tell me a long story', { signal: controller.signal }), () => controller.abort())
      .catch((err: unknown) => err);

    expect(failure).toBeInstanceOf(MajordomeError);
    expect(failure).toMatchObject({ code: 'cancelled' });
  });

  it('does not call the API at all when the signal is already aborted', async () => {
    const failure = await providerFor()
      .complete(request('Hello', { signal: AbortSignal.abort() }))
      .catch((err: unknown) => err);

    expect(failure).toMatchObject({ code: 'cancelled' });
    expect(fake.requests).toHaveLength(0);
  });

  it('falls back to the fallback model once the primary stays overloaded', async () => {
    await fake.stop();
    fake = await startFakeAnthropic({
      fallback: (req) => (req.body.model === 'claude-test' ? overloaded : { content: [{ type: 'text', text: 'Fallback here.' }] }),
    });

    const response = await providerFor({ maxRetries: 1, fallbackModel: 'claude-fallback' }).complete(request('Hello'));

    expect(response.model).toBe('claude-fallback');
    expect(response.content).toEqual([{ type: 'text', text: 'Fallback here.' }]);
    expect(fake.requests.map((r) => r.body.model)).toEqual(['claude-test', 'claude-test', 'claude-fallback']);
  });

  it('reports persistent overload as model_unavailable (retryable) when there is no fallback', async () => {
    fake.enqueue(overloaded, overloaded, overloaded);

    const failure = await providerFor().complete(request('Hello')).catch((err: unknown) => err);

    expect(failure).toMatchObject({ code: 'model_unavailable', status: 529, retryable: true });
    expect(fake.requests).toHaveLength(3);
  });

  it('reports an overload sent inside the stream as model_unavailable', async () => {
    fake.enqueue({ error: { status: 529, type: 'overloaded_error', message: 'Overloaded', midStream: true } });

    const failure = await providerFor().complete(request('Hello')).catch((err: unknown) => err);

    expect(failure).toMatchObject({ code: 'model_unavailable' });
  });

  it('gives up on a stream that stops sending', async () => {
    fake.enqueue({ content: [{ type: 'text', text: 'one two three four' }], delayMs: 30_000 });

    const failure = await providerFor({ timeoutMs: 300 }).complete(request('Hello')).catch((err: unknown) => err);

    expect(failure).toMatchObject({ code: 'model_unavailable' });
    expect((failure as Error).message).toContain('stopped sending');
  });

  it('reports an unreachable API as model_unavailable', async () => {
    const url = fake.url;
    await fake.stop();

    const failure = await providerFor({ baseURL: url, maxRetries: 0 }).complete(request('Hello')).catch((err: unknown) => err);
    fake = await startFakeAnthropic();

    expect(failure).toMatchObject({ code: 'model_unavailable' });
    expect((failure as Error).message).toContain('Could not reach the Anthropic API');
  });

  it('reports a refused request (400) as model_error with the API message', async () => {
    fake.enqueue({ error: { status: 400, type: 'invalid_request_error', message: 'Your credit balance is too low.' } });

    const failure = await providerFor().complete(request('Hello')).catch((err: unknown) => err);

    expect(failure).toMatchObject({ code: 'model_error', status: 400 });
    expect((failure as Error).message).toContain('Your credit balance is too low.');
  });

  it('words each failure for a French reader, codes and English messages unchanged', async () => {
    const asError = (value: unknown): MajordomeError => {
      if (!(value instanceof MajordomeError)) throw new Error(`expected a MajordomeError, got ${String(value)}`);
      return value;
    };
    const refused = asError(await providerFor({ apiKey: 'sk-ant-wrong' }).complete(request('Hello')).catch((err: unknown) => err));
    expect(refused.code).toBe('model_auth');
    expect(messageFor(refused, 'fr')).toBe('L’API Anthropic a refusé la clé d’API (401). Vérifiez anthropic_api_key dans les options de l’add-on.');

    fake.enqueue(overloaded, overloaded, overloaded);
    const busy = asError(await providerFor().complete(request('Hello')).catch((err: unknown) => err));
    expect(busy.message).toBe('The Anthropic API is overloaded (529) after 3 attempts. Try again in a minute.');
    expect(messageFor(busy, 'fr')).toBe('L’API Anthropic est surchargée (529) après 3 tentatives. Réessayez dans une minute.');

    fake.enqueue({ error: { status: 400, type: 'invalid_request_error', message: 'Your credit balance is too low.' } });
    const refusedRequest = asError(await providerFor().complete(request('Hello')).catch((err: unknown) => err));
    expect(messageFor(refusedRequest, 'fr')).toBe('L’API Anthropic a refusé la requête (400) : Your credit balance is too low.');

    fake.enqueue({ content: [{ type: 'text', text: 'one two three four' }], delayMs: 30_000 });
    const silent = asError(await providerFor({ timeoutMs: 300 }).complete(request('Hello')).catch((err: unknown) => err));
    expect(messageFor(silent, 'fr')).toBe('L’API Anthropic a cessé d’envoyer sa réponse (rien depuis 0 s).');

    const noKey = asError(await providerFor({ apiKey: '' }).complete(request('Hello')).catch((err: unknown) => err));
    expect(messageFor(noKey, 'fr')).toBe('Aucune clé d’API Anthropic n’est renseignée. Ajoutez anthropic_api_key dans les options de l’add-on.');
    expect(messageFor(noKey, 'en')).toBe('No Anthropic API key is set. Add anthropic_api_key in the add-on options.');

    const url = fake.url;
    await fake.stop();
    const unreachable = asError(await providerFor({ baseURL: url, maxRetries: 0 }).complete(request('Hello')).catch((err: unknown) => err));
    fake = await startFakeAnthropic();
    expect(messageFor(unreachable, 'fr')).toBe('Impossible de joindre l’API Anthropic (ECONNREFUSED).');
  });

  it('says the model is not configured when the key is empty', async () => {
    const failure = await providerFor({ apiKey: '' }).complete(request('Hello')).catch((err: unknown) => err);

    expect(failure).toMatchObject({ code: 'model_not_configured' });
    expect(fake.requests).toHaveLength(0);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MajordomeError, ModelError, messageFor } from '../../../src/errors.js';
import { createOpenAiProvider, type OpenAiProviderOptions } from '../../../src/llm/openai.js';
import type { ModelRequest, ModelStreamEvent, ToolSpec } from '../../../src/llm/provider.js';
import type { ChatMessage } from '../../../src/contracts/messages.js';
import { startFakeOpenAi } from '../../fake-llm/fake-openai.js';
import type { FakeOpenAi, FakeOpenAiOptions } from '../../fake-llm/fake-openai-types.js';

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

async function failure(promise: Promise<unknown>): Promise<MajordomeError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof MajordomeError)) throw new Error(`expected a MajordomeError, got ${String(err)}`);
  return err;
}

describe('OpenAI-compatible provider against the fake chat-completions server', () => {
  let fake: FakeOpenAi;
  const start = async (opts: FakeOpenAiOptions = {}) => {
    await fake?.stop();
    fake = await startFakeOpenAi(opts);
  };
  const providerFor = (opts: Partial<OpenAiProviderOptions> = {}) =>
    createOpenAiProvider({ apiKey: fake.apiKey, model: 'gpt-test', baseURL: fake.url, maxRetries: 2, ...opts });

  beforeEach(async () => {
    fake = await startFakeOpenAi();
  });
  afterEach(async () => {
    await fake.stop();
  });

  it('streams text deltas in order and returns the whole answer with the usage of the last chunk', async () => {
    const text = 'The kitchen light is on, the front door is locked and the living room is at 21 °C.';
    fake.enqueue({ content: [{ type: 'text', text }] });
    const deltas: string[] = [];

    const response = await providerFor().complete(request('How is the house?'), (e: ModelStreamEvent) => deltas.push(e.text));

    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join('')).toBe(text);
    expect(response).toMatchObject({ content: [{ type: 'text', text }], stopReason: 'end_turn', model: 'gpt-test' });
    const sent = fake.requests[0]!;
    expect(sent.openai).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const reported = sent.openaiUsage!;
    expect(response.usage).toEqual({
      inputTokens: reported.prompt_tokens - reported.prompt_tokens_details.cached_tokens,
      outputTokens: reported.completion_tokens,
      cacheReadTokens: reported.prompt_tokens_details.cached_tokens,
    });
  });

  it('assembles parallel tool calls streamed interleaved, by index, with their split arguments parsed', async () => {
    await start({ interleaveToolCalls: true });
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
      { type: 'tool_use', id: 'call_fake_000001', name: 'ha_find_entities', input: findInput },
      { type: 'tool_use', id: 'call_fake_000002', name: 'ha_get_state', input: { entity_id: 'lock.front_door' } },
    ]);
  });

  it('sends tool results back as tool messages the real API accepts, errors marked, the stable system text first', async () => {
    const conversation: ChatMessage[] = [
      { role: 'user', content: [{ type: 'text', text: 'Lock the door and tell me the temperature.' }] },
      {
        role: 'assistant',
        content: [
          { type: 'tool_use', id: 'toolu_01', name: 'ha_get_state', input: { entity_id: 'lock.front_door' } },
          { type: 'tool_use', id: 'toolu_02', name: 'ha_get_state', input: { entity_id: 'sensor.temp' } },
        ],
      },
      {
        role: 'user',
        content: [
          { type: 'tool_result', tool_use_id: 'toolu_01', content: '{"state":"unlocked"}' },
          { type: 'tool_result', tool_use_id: 'toolu_02', content: 'Entity not found', is_error: true },
        ],
      },
    ];
    fake.enqueue({ content: [{ type: 'text', text: 'The door is unlocked.' }] });

    await providerFor().complete(request('', { messages: conversation }));

    const sent = fake.requests[0]!;
    expect(sent.status).toBe(200);
    expect(sent.openai.messages[0]).toEqual({ role: 'system', content: `${STABLE}\n\nIt is Tuesday 14:05. The user is Alice.` });
    expect(sent.openai.messages.slice(2)).toEqual([
      {
        role: 'assistant',
        content: null,
        tool_calls: [
          { id: 'toolu_01', type: 'function', function: { name: 'ha_get_state', arguments: '{"entity_id":"lock.front_door"}' } },
          { id: 'toolu_02', type: 'function', function: { name: 'ha_get_state', arguments: '{"entity_id":"sensor.temp"}' } },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_01', content: '{"state":"unlocked"}' },
      { role: 'tool', tool_call_id: 'toolu_02', content: 'Error: Entity not found' },
    ]);
    expect(sent.openai.tools?.map((t) => t.function?.name)).toEqual(['ha_find_entities', 'ha_get_state']);
  });

  it('counts cached prompt tokens apart from the uncached input, like the Anthropic provider', async () => {
    fake.enqueue({ content: [{ type: 'text', text: 'One.' }] }, { content: [{ type: 'text', text: 'Two.' }] });
    const provider = providerFor();
    const first = await provider.complete(request('hello'));
    const second = await provider.complete(request('hello'));

    expect(first.usage.cacheReadTokens).toBe(0);
    const reported = fake.requests[1]!.openaiUsage!;
    expect(reported.prompt_tokens_details.cached_tokens).toBeGreaterThan(0);
    expect(second.usage.cacheReadTokens).toBe(reported.prompt_tokens_details.cached_tokens);
    expect(second.usage.inputTokens).toBe(reported.prompt_tokens - reported.prompt_tokens_details.cached_tokens);
  });

  it('estimates usage when the server sends no usage chunk, so a budget still sees the spend', async () => {
    await start({ reportUsage: false });
    fake.enqueue({ content: [{ type: 'text', text: 'Hello there.' }] });
    const response = await providerFor().complete(request('hello'));
    expect(response.usage.inputTokens).toBeGreaterThan(100);
    expect(response.usage.outputTokens).toBeGreaterThan(0);
  });

  it('retries a rate limit through the SDK and then answers', async () => {
    fake.enqueue({ error: { status: 429, type: 'requests', code: 'rate_limit_exceeded', message: 'Rate limit reached' } }, { content: [{ type: 'text', text: 'OK.' }] });
    const response = await providerFor().complete(request('hello'));
    expect(response.content).toEqual([{ type: 'text', text: 'OK.' }]);
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('falls back to fallback_model once the primary stays unavailable', async () => {
    const down = { error: { status: 503, message: 'The server is overloaded' } };
    fake.enqueue(down, down, down, { content: [{ type: 'text', text: 'From the fallback.' }] });
    const response = await providerFor({ fallbackModel: 'gpt-small' }).complete(request('hello'));
    expect(response.content).toEqual([{ type: 'text', text: 'From the fallback.' }]);
    expect(fake.requests.map((r) => r.openai.model)).toEqual(['gpt-test', 'gpt-test', 'gpt-test', 'gpt-small']);
  });

  it('says plainly when the server stays unavailable without a fallback', async () => {
    const down = { error: { status: 500, message: 'boom' } };
    fake.enqueue(down, down, down);
    const err = await failure(providerFor().complete(request('hello')));
    expect(err).toBeInstanceOf(ModelError);
    expect(err.code).toBe('model_unavailable');
    expect(err.message).toMatch(/model server at 127\.0\.0\.1:\d+ failed \(500\) after 3 attempts/);
  });

  it('maps a refused key to model_auth, naming the option to fix', async () => {
    const err = await failure(providerFor({ apiKey: 'sk-wrong' }).complete(request('hello')));
    expect(err.code).toBe('model_auth');
    expect(err.message).toMatch(/openai_api_key/);
    expect(err.message).not.toContain('sk-wrong');
  });

  it('tells the user when the model cannot call tools (Ollama\'s 400)', async () => {
    await start({ toolSupport: false, requireKey: false });
    const err = await failure(createOpenAiProvider({ model: 'gemma2', baseURL: fake.url }).complete(request('hello')));
    expect(err.code).toBe('model_error');
    expect(err.message).toBe('The model gemma2 cannot call tools; pick a model with tool support.');
  });

  it('names an unknown model', async () => {
    fake.enqueue({ error: { status: 404, code: 'model_not_found', type: 'invalid_request_error', message: 'The model `gpt-nope` does not exist.' } });
    const err = await failure(providerFor({ model: 'gpt-nope' }).complete(request('hello')));
    expect(err.code).toBe('model_error');
    expect(err.message).toMatch(/"gpt-nope" was not found/);
  });

  it('maps an error sent inside the stream', async () => {
    fake.enqueue({ error: { status: 500, type: 'server_error', code: 'server_error', message: 'The server had an error', midStream: true } });
    const err = await failure(providerFor().complete(request('hello')));
    expect(err.code).toBe('model_unavailable');
    expect(err.message).toMatch(/stopped the answer: The server had an error/);
  });

  it('works without a key against a local server, and needs one for OpenAI itself', async () => {
    await start({ requireKey: false });
    fake.enqueue({ content: [{ type: 'text', text: 'Local.' }] });
    const local = await createOpenAiProvider({ model: 'llama3.1', baseURL: fake.url }).complete(request('hello'));
    expect(local.content).toEqual([{ type: 'text', text: 'Local.' }]);
    const err = await failure(createOpenAiProvider({ model: 'gpt-4.1-mini' }).complete(request('hello')));
    expect(err.code).toBe('model_not_configured');
  });

  it('stops when the signal is aborted mid-answer', async () => {
    fake.enqueue({ content: [{ type: 'text', text: 'a b c d e f g h i j k l m n o p' }], delayMs: 50 });
    const controller = new AbortController();
    const pending = providerFor().complete(request('hello', { signal: controller.signal }), () => controller.abort());
    const err = await failure(pending);
    expect(err.code).toBe('cancelled');
  });

  it('gives up on a stream that goes silent half-way', async () => {
    fake.enqueue({ content: [{ type: 'text', text: 'a b c d e f' }], delayMs: 5_000 });
    const err = await failure(providerFor({ timeoutMs: 200 }).complete(request('hello')));
    expect(err.code).toBe('model_unavailable');
    expect(err.message).toMatch(/stopped sending its answer/);
  });

  it('words each failure for a French reader, codes and English messages unchanged', async () => {
    const down = { error: { status: 500, message: 'boom' } };
    fake.enqueue(down, down, down);
    const unavailable = await failure(providerFor().complete(request('hello')));
    expect(unavailable.message).toMatch(/^The model server at 127\.0\.0\.1:\d+ failed \(500\) after 3 attempts\. Try again in a minute\.$/);
    expect(messageFor(unavailable, 'fr')).toMatch(/^Le serveur de modèle à 127\.0\.0\.1:\d+ a renvoyé une erreur \(500\) après 3 tentatives\. Réessayez dans une minute\.$/);

    const refused = await failure(providerFor({ apiKey: 'sk-wrong' }).complete(request('hello')));
    expect(refused.code).toBe('model_auth');
    expect(messageFor(refused, 'fr')).toMatch(/^Le serveur de modèle à 127\.0\.0\.1:\d+ a refusé la clé d’API \(401\)\. Vérifiez openai_api_key dans les options de l’add-on\.$/);

    fake.enqueue({ error: { status: 404, code: 'model_not_found', type: 'invalid_request_error', message: 'The model `gpt-nope` does not exist.' } });
    const unknown = await failure(providerFor({ model: 'gpt-nope' }).complete(request('hello')));
    expect(messageFor(unknown, 'fr')).toBe('Le modèle « gpt-nope » est introuvable (404) : The model `gpt-nope` does not exist. Vérifiez l’option model.');

    fake.enqueue({ error: { status: 500, type: 'server_error', code: 'server_error', message: 'The server had an error', midStream: true } });
    const stopped = await failure(providerFor().complete(request('hello')));
    expect(messageFor(stopped, 'fr')).toMatch(/^Le serveur de modèle à 127\.0\.0\.1:\d+ a interrompu la réponse : The server had an error\.$/);

    fake.enqueue({ content: [{ type: 'text', text: 'a b c d e f' }], delayMs: 5_000 });
    const silent = await failure(providerFor({ timeoutMs: 200 }).complete(request('hello')));
    expect(messageFor(silent, 'fr')).toMatch(/^Le serveur de modèle à 127\.0\.0\.1:\d+ a cessé d’envoyer sa réponse \(rien depuis 0 s\)\.$/);

    const noKey = await failure(createOpenAiProvider({ model: 'gpt-4.1-mini' }).complete(request('hello')));
    expect(messageFor(noKey, 'fr')).toBe(
      'Aucune clé d’API OpenAI n’est renseignée. Ajoutez openai_api_key dans les options de l’add-on, ou openai_base_url pour un serveur local.',
    );
    expect(messageFor(noKey, 'en')).toBe(noKey.message);
  });

  it('tells a French reader that the model cannot call tools, and that the server cannot be reached', async () => {
    await start({ toolSupport: false, requireKey: false });
    const noTools = await failure(createOpenAiProvider({ model: 'gemma2', baseURL: fake.url }).complete(request('hello')));
    expect(messageFor(noTools, 'fr')).toBe('Le modèle gemma2 ne sait pas appeler d’outils ; choisissez un modèle qui les prend en charge.');

    const url = fake.url;
    await fake.stop();
    const unreachable = await failure(createOpenAiProvider({ model: 'gemma2', baseURL: url, maxRetries: 0 }).complete(request('hello')));
    expect(unreachable.message).toMatch(/^Could not reach the model server at 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\.$/);
    expect(messageFor(unreachable, 'fr')).toMatch(/^Impossible de joindre le serveur de modèle à 127\.0\.0\.1:\d+ \(ECONNREFUSED\)\.$/);
    fake = await startFakeOpenAi();
  });
});

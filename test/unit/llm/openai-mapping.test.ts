import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { saysNoToolSupport } from '../../../src/llm/openai-errors.js';
import { buildChatParams, buildMessages } from '../../../src/llm/openai-request.js';
import { applyChunk, createStreamState, finishResponse, mapUsage } from '../../../src/llm/openai-stream.js';

function chunk(delta: ChatCompletionChunk.Choice.Delta, finish: ChatCompletionChunk.Choice['finish_reason'] = null): ChatCompletionChunk {
  return { id: 'c', object: 'chat.completion.chunk', created: 0, model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] };
}

describe('OpenAI request mapping', () => {
  it('puts the user\'s words after the tool messages that answer the previous tool calls', () => {
    const messages = buildMessages([
      { role: 'assistant', content: [{ type: 'text', text: 'Checking.' }, { type: 'tool_use', id: 'a', name: 'ha_get_state', input: { entity_id: 'x.y' } }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'a', content: 'on' }, { type: 'text', text: 'and the other one?' }] },
    ]);
    expect(messages.map((m) => m.role)).toEqual(['assistant', 'tool', 'user']);
    expect(messages[0]).toMatchObject({ content: 'Checking.', tool_calls: [{ id: 'a' }] });
  });

  it('drops empty assistant messages and sends no token limit unless asked', () => {
    const params = buildChatParams(
      { system: '', messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }, { role: 'assistant', content: [] }], tools: [] },
      'm',
    );
    expect(params.messages).toEqual([{ role: 'user', content: 'hi' }]);
    expect(params).not.toHaveProperty('max_tokens');
    expect(params).not.toHaveProperty('tools');
  });
});

describe('OpenAI stream accumulation', () => {
  it('keys tool calls by index and keeps the order they first appeared in', () => {
    const state = createStreamState();
    applyChunk(state, chunk({ tool_calls: [{ index: 1, id: 'second', type: 'function', function: { name: 'b', arguments: '' } }] }));
    applyChunk(state, chunk({ tool_calls: [{ index: 0, id: 'first', type: 'function', function: { name: 'a', arguments: '{"x"' } }] }));
    applyChunk(state, chunk({ tool_calls: [{ index: 1, function: { arguments: '{}' } }] }));
    applyChunk(state, chunk({ tool_calls: [{ index: 0, function: { arguments: ':1}' } }] }, 'tool_calls'));
    const response = finishResponse(state, 'm', () => ({ inputTokens: 0, outputTokens: 0 }));
    expect(response.content).toEqual([
      { type: 'tool_use', id: 'second', name: 'b', input: {} },
      { type: 'tool_use', id: 'first', name: 'a', input: { x: 1 } },
    ]);
    expect(response.stopReason).toBe('tool_use');
  });

  it('hands arguments that are not JSON to the tool check as text, and names calls that came without an id', () => {
    const state = createStreamState();
    applyChunk(state, chunk({ tool_calls: [{ index: 0, function: { name: 'ha_get_state', arguments: '{entity: kitchen' } }] }, 'stop'));
    const [call] = finishResponse(state, 'm', () => ({ inputTokens: 0, outputTokens: 0 })).content;
    expect(call).toMatchObject({ type: 'tool_use', name: 'ha_get_state', input: '{entity: kitchen', id: expect.stringMatching(/^call_/) });
  });

  it('counts prompt tokens read from or written to the cache apart from the uncached input', () => {
    expect(mapUsage({ prompt_tokens: 1000, completion_tokens: 20, total_tokens: 1020, prompt_tokens_details: { cached_tokens: 768 } })).toEqual({
      inputTokens: 232,
      outputTokens: 20,
      cacheReadTokens: 768,
    });
    expect(mapUsage({ prompt_tokens: 50, completion_tokens: 5, total_tokens: 55 })).toEqual({ inputTokens: 50, outputTokens: 5 });
    expect(mapUsage({ prompt_tokens: 900, completion_tokens: 5, total_tokens: 905, prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 800 } })).toEqual({
      inputTokens: 100,
      outputTokens: 5,
      cacheReadTokens: 0,
      cacheWriteTokens: 800,
    });
  });
});

describe('recognising a model without tool support', () => {
  it.each([
    'registry.ollama.ai/library/gemma2:latest does not support tools',
    '"auto" tool choice requires --enable-auto-tool-choice and --tool-call-parser to be set',
    'tools are not supported by this model',
    'Function calling is not enabled for this model',
  ])('%s', (text) => expect(saysNoToolSupport(text)).toBe(true));

  it('leaves other refusals alone', () => {
    expect(saysNoToolSupport("Invalid 'messages[2].content': string too long")).toBe(false);
    expect(saysNoToolSupport('This model does not exist')).toBe(false);
  });
});

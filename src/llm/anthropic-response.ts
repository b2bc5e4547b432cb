/** Pure translation of a Messages API answer into the model-neutral ModelResponse. */
import type { Message, StopReason as AnthropicStopReason, Usage } from '@anthropic-ai/sdk/resources/messages';
import type { ModelResponse, ModelUsage, StopReason } from './provider.js';
import type { ContentBlock } from '../contracts/messages.js';

/** Maps the API's stop reasons; hitting the context window is a truncation, like max_tokens. */
export function mapStopReason(reason: AnthropicStopReason | null): StopReason {
  switch (reason) {
    case 'end_turn':
    case 'tool_use':
    case 'max_tokens':
    case 'stop_sequence':
    case 'refusal':
      return reason;
    case 'model_context_window_exceeded':
      return 'max_tokens';
    default:
      return 'other';
  }
}

/** `inputTokens` is Anthropic's uncached input only; cached reads and writes are counted apart. */
export function mapUsage(usage: Usage): ModelUsage {
  return {
    inputTokens: usage.input_tokens,
    outputTokens: usage.output_tokens,
    ...(usage.cache_read_input_tokens != null ? { cacheReadTokens: usage.cache_read_input_tokens } : {}),
    ...(usage.cache_creation_input_tokens != null ? { cacheWriteTokens: usage.cache_creation_input_tokens } : {}),
  };
}

/**
 * Text and tool_use blocks in order. Other block kinds (thinking, server tools) are never asked
 * for; empty text blocks are dropped because the API refuses them when the history is sent back.
 */
export function mapContent(message: Message): ContentBlock[] {
  const out: ContentBlock[] = [];
  for (const block of message.content) {
    if (block.type === 'text' && block.text) out.push({ type: 'text', text: block.text });
    if (block.type === 'tool_use') out.push({ type: 'tool_use', id: block.id, name: block.name, input: block.input ?? {} });
  }
  return out;
}

/** The whole answer. */
export function mapMessage(message: Message): ModelResponse {
  return {
    content: mapContent(message),
    stopReason: mapStopReason(message.stop_reason),
    usage: mapUsage(message.usage),
    model: message.model,
  };
}

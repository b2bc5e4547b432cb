/**
 * Pure translation of a ModelRequest into Chat Completions parameters. The neutral format is
 * Anthropic-shaped: tool_use blocks become an assistant message's `tool_calls`, tool_result
 * blocks become `tool` messages, and both system texts become one leading system message.
 */
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionFunctionTool,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import type { ModelRequest, ToolSpec } from './provider.js';
import type { ChatMessage, ContentBlock } from '../contracts/messages.js';

type ToolUse = Extract<ContentBlock, { type: 'tool_use' }>;
type ToolResult = Extract<ContentBlock, { type: 'tool_result' }>;

/** Chat Completions has no error flag on tool results: the model reads it from the text. */
export const TOOL_ERROR_PREFIX = 'Error: ';

/**
 * One system message, stable text first. Servers cache by token prefix, so the per-turn text
 * after the stable part does not spoil the cache; and many local chat templates keep only one
 * system message, so two would lose the second.
 */
export function buildSystemMessage(system: string, systemDynamic?: string): ChatCompletionMessageParam | undefined {
  const text = [system, systemDynamic].filter((part): part is string => Boolean(part)).join('\n\n');
  return text ? { role: 'system', content: text } : undefined;
}

/** Tool specs as functions; input schemas are already JSON Schema objects. */
export function buildTools(tools: ToolSpec[]): ChatCompletionFunctionTool[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: { type: 'object', ...tool.input_schema } },
  }));
}

function argumentsOf(input: unknown): string {
  // A model that sent arguments that were not JSON gets them back as it sent them.
  if (typeof input === 'string') return input;
  return JSON.stringify(input ?? {});
}

function toolCallOf(use: ToolUse): ChatCompletionMessageFunctionToolCall {
  return { id: use.id, type: 'function', function: { name: use.name, arguments: argumentsOf(use.input) } };
}

function textOf(blocks: ContentBlock[]): string {
  return blocks
    .filter((b): b is Extract<ContentBlock, { type: 'text' }> => b.type === 'text')
    .map((b) => b.text)
    .join('');
}

function assistantMessage(message: ChatMessage): ChatCompletionAssistantMessageParam | undefined {
  const text = textOf(message.content);
  const calls = message.content.filter((b): b is ToolUse => b.type === 'tool_use').map(toolCallOf);
  if (!text && calls.length === 0) return undefined;
  return { role: 'assistant', content: text || null, ...(calls.length > 0 ? { tool_calls: calls } : {}) };
}

/**
 * Tool messages first (they must follow the assistant's tool_calls at once), then the pictures
 * they returned (a `tool` message holds text only, so images travel in a user message after
 * them), then the user's words. Which images a model gets is the agent's call (tool-images.ts).
 */
function userMessages(message: ChatMessage): ChatCompletionMessageParam[] {
  const results = message.content.filter((b): b is ToolResult => b.type === 'tool_result');
  const out: ChatCompletionMessageParam[] = results.map((b) => ({
    role: 'tool',
    tool_call_id: b.tool_use_id,
    content: b.is_error ? `${TOOL_ERROR_PREFIX}${b.content}` : b.content,
  }));
  for (const { tool_use_id: id, image } of results) {
    if (!image) continue;
    out.push({
      role: 'user',
      content: [
        { type: 'text', text: `The image returned by tool call ${id}:` },
        { type: 'image_url', image_url: { url: `data:${image.media_type};base64,${image.data}` } },
      ],
    });
  }
  const text = textOf(message.content);
  if (text) out.push({ role: 'user', content: text });
  return out;
}

/** The conversation as Chat Completions messages, without the system message. */
export function buildMessages(messages: ChatMessage[]): ChatCompletionMessageParam[] {
  return messages.flatMap((message) => {
    if (message.role === 'user') return userMessages(message);
    const assistant = assistantMessage(message);
    return assistant ? [assistant] : [];
  });
}

/**
 * Everything of one streamed call. No token limit is sent unless asked for: OpenAI's newer
 * models refuse `max_tokens` while many compatible servers know nothing else.
 */
export function buildChatParams(request: ModelRequest, model: string): ChatCompletionCreateParamsStreaming {
  const system = buildSystemMessage(request.system, request.systemDynamic);
  return {
    model,
    messages: [...(system ? [system] : []), ...buildMessages(request.messages)],
    ...(request.tools.length > 0 ? { tools: buildTools(request.tools) } : {}),
    ...(request.maxTokens !== undefined ? { max_tokens: request.maxTokens } : {}),
    stream: true,
    stream_options: { include_usage: true },
  };
}

/**
 * The fake OpenAI server's reading of a request: the checks of the real Chat Completions API that
 * agent loops trip over (tool messages without their tool_calls, unanswered tool_calls, bad tool
 * names), worded as the API words them, and a neutral Anthropic-shaped view that the shared
 * scripts (request-view.ts, scripts.ts) read.
 */
import type { OpenAiMessageParam, OpenAiRequestBody } from './fake-openai-types.js';
import type { FakeContentBlockParam, FakeMessageParam, FakeRequestBody, FakeToolParam } from './types.js';

const ROLES = new Set(['system', 'developer', 'user', 'assistant', 'tool']);
const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
/** How the provider marks a failed tool result (Chat Completions has no error flag). */
const ERROR_PREFIX = 'Error: ';

/** The text of a message's content, whether a string or parts. */
export function contentText(content: OpenAiMessageParam['content']): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => part.text ?? '').join('');
}

function checkShape(body: Partial<OpenAiRequestBody>): string | undefined {
  if (typeof body.model !== 'string' || body.model === '') return "you must provide a model parameter";
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "[] is too short - 'messages'";
  for (const [i, message] of body.messages.entries()) {
    if (!ROLES.has(message?.role)) return `Invalid value: '${String(message?.role)}'. Supported values are: 'system', 'assistant', 'user', 'function', 'tool', and 'developer'.`;
    const content = message.content;
    const calls = message.role === 'assistant' && Array.isArray(message.tool_calls) && message.tool_calls.length > 0;
    if (content === null || content === undefined) {
      if (!calls) return `Invalid value for 'content': expected a string, got null. (messages.[${i}].content)`;
    } else if (typeof content !== 'string' && !Array.isArray(content)) {
      return `Invalid type for 'messages[${i}].content': expected one of a string or array of objects.`;
    }
  }
  if (body.stream_options && body.stream !== true) return "The 'stream_options' parameter is only allowed when 'stream' is enabled.";
  return undefined;
}

function checkTools(body: OpenAiRequestBody): string | undefined {
  for (const [i, tool] of (body.tools ?? []).entries()) {
    if (tool.type !== 'function') return `Invalid value: '${String(tool.type)}'. Supported values are: 'function' and 'custom'. (tools[${i}].type)`;
    const name = tool.function?.name;
    if (typeof name !== 'string' || !TOOL_NAME.test(name)) {
      return `Invalid 'tools[${i}].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`;
    }
    const parameters = tool.function?.parameters as { type?: unknown } | undefined;
    if (parameters !== undefined && parameters.type !== 'object') {
      return `Invalid schema for function '${name}': schema must be a JSON Schema of 'type: "object"', got 'type: "${String(parameters.type)}"'.`;
    }
  }
  return undefined;
}

function checkToolPairs(messages: OpenAiMessageParam[]): string | undefined {
  let pending = new Set<string>();
  for (const message of messages) {
    if (message.role === 'tool') {
      if (!pending.has(message.tool_call_id ?? '')) {
        return "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.";
      }
      pending.delete(message.tool_call_id ?? '');
      continue;
    }
    if (pending.size > 0) {
      return (
        "An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. " +
        `The following tool_call_ids did not have response messages: ${[...pending].join(', ')}`
      );
    }
    pending = new Set(message.role === 'assistant' ? (message.tool_calls ?? []).map((c) => c.id ?? '') : []);
  }
  return undefined;
}

/** Returns the API's `invalid_request_error` message for a bad request, or undefined when it is valid. */
export function validateChatRequest(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'We could not parse the JSON body of your request.';
  const body = input as OpenAiRequestBody;
  return checkShape(body) ?? checkTools(body) ?? checkToolPairs(body.messages);
}

function parseArgs(text: string | undefined): unknown {
  try {
    return JSON.parse(text || '{}') as unknown;
  } catch {
    return text;
  }
}

function toBlocks(message: OpenAiMessageParam): FakeContentBlockParam[] {
  const text = contentText(message.content);
  const blocks: FakeContentBlockParam[] = text ? [{ type: 'text', text }] : [];
  for (const call of message.tool_calls ?? []) {
    blocks.push({ type: 'tool_use', id: call.id ?? '', name: call.function?.name ?? '', input: parseArgs(call.function?.arguments) });
  }
  return blocks;
}

function toolResult(message: OpenAiMessageParam): FakeContentBlockParam {
  const text = contentText(message.content);
  const isError = text.startsWith(ERROR_PREFIX);
  return { type: 'tool_result', tool_use_id: message.tool_call_id ?? '', content: isError ? text.slice(ERROR_PREFIX.length) : text, is_error: isError };
}

/** The request as an Anthropic-shaped body: system texts joined, tool messages as tool_result blocks. */
export function neutralView(body: OpenAiRequestBody): FakeRequestBody {
  const system = body.messages.filter((m) => m.role === 'system' || m.role === 'developer').map((m) => contentText(m.content));
  const messages: FakeMessageParam[] = [];
  for (const message of body.messages) {
    if (message.role === 'tool') {
      const last = messages.at(-1);
      const lastBlocks = last && Array.isArray(last.content) ? last.content : undefined;
      if (last?.role === 'user' && lastBlocks?.every((b) => b.type === 'tool_result')) lastBlocks.push(toolResult(message));
      else messages.push({ role: 'user', content: [toolResult(message)] });
    } else if (message.role === 'user' || message.role === 'assistant') {
      messages.push({ role: message.role, content: toBlocks(message) });
    }
  }
  const tools: FakeToolParam[] = (body.tools ?? []).map((t) => ({
    name: t.function?.name ?? '',
    ...(t.function?.description !== undefined && { description: t.function.description }),
    input_schema: t.function?.parameters ?? { type: 'object' },
  }));
  return {
    model: body.model,
    max_tokens: body.max_completion_tokens ?? body.max_tokens ?? 0,
    ...(body.stream !== undefined && { stream: body.stream }),
    ...(system.length > 0 && { system: system.join('\n\n') }),
    messages,
    ...(tools.length > 0 && { tools }),
  };
}

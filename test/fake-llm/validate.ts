/**
 * The request checks of the real Messages API that agent loops trip over most (dangling
 * tool_use, empty text blocks, too many cache breakpoints), so e2e tests catch them here
 * instead of in production. Messages follow the API's wording.
 */
import type { FakeContentBlockParam, FakeMessageParam, FakeRequestBody } from './types.js';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const MAX_CACHE_BREAKPOINTS = 4;

function blocksOf(message: FakeMessageParam): FakeContentBlockParam[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

function checkShape(body: Partial<FakeRequestBody>): string | undefined {
  if (typeof body.model !== 'string' || body.model === '') return 'model: Field required';
  if (typeof body.max_tokens !== 'number' || !Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
    return 'max_tokens: Field required';
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: Field required';
  for (const [i, message] of body.messages.entries()) {
    if (message?.role !== 'user' && message?.role !== 'assistant') return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (typeof message.content !== 'string' && !Array.isArray(message.content)) return `messages.${i}.content: Field required`;
  }
  return undefined;
}

function checkTools(body: FakeRequestBody): string | undefined {
  const seen = new Set<string>();
  for (const [i, tool] of (body.tools ?? []).entries()) {
    if (typeof tool.name !== 'string' || !TOOL_NAME.test(tool.name)) {
      return `tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,128}$'`;
    }
    if (seen.has(tool.name)) return 'tools: Tool names must be unique.';
    seen.add(tool.name);
    const schema = tool.input_schema as { type?: unknown } | undefined;
    if (schema?.type !== 'object') return `tools.${i}.input_schema.type: Input should be 'object'`;
  }
  return undefined;
}

function checkTextBlocks(body: FakeRequestBody): string | undefined {
  if (Array.isArray(body.system) && body.system.some((b) => b.type === 'text' && !b.text)) {
    return 'system: text content blocks must be non-empty';
  }
  for (const message of body.messages) {
    if (message.content === '' || blocksOf(message).some((b) => b.type === 'text' && !b.text)) {
      return 'messages: text content blocks must be non-empty';
    }
  }
  return undefined;
}

function checkToolPairs(messages: FakeMessageParam[]): string | undefined {
  for (const [i, message] of messages.entries()) {
    const blocks = blocksOf(message);
    if (message.role === 'assistant') {
      const uses = blocks.filter((b) => b.type === 'tool_use').map((b) => b.id ?? '');
      if (uses.length === 0) continue;
      const next = messages[i + 1];
      const answered = new Set(next?.role === 'user' ? blocksOf(next).filter((b) => b.type === 'tool_result').map((b) => b.tool_use_id) : []);
      const missing = uses.filter((id) => !answered.has(id));
      if (missing.length > 0) {
        return (
          `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(', ')}. ` +
          'Each `tool_use` block must have a corresponding `tool_result` block in the next message.'
        );
      }
    } else {
      const previous = messages[i - 1];
      const offered = new Set(previous?.role === 'assistant' ? blocksOf(previous).filter((b) => b.type === 'tool_use').map((b) => b.id) : []);
      for (const [j, block] of blocks.entries()) {
        if (block.type === 'tool_result' && !offered.has(block.tool_use_id)) {
          return (
            `messages.${i}.content.${j}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${block.tool_use_id ?? ''}. ` +
            'Each `tool_result` block must have a corresponding `tool_use` block in the previous message.'
          );
        }
      }
    }
  }
  return undefined;
}

function countBreakpoints(body: FakeRequestBody): number {
  const marked = (b: { cache_control?: unknown }) => (b.cache_control === undefined ? 0 : 1);
  const system = Array.isArray(body.system) ? body.system : [];
  return (
    (body.tools ?? []).reduce((n, t) => n + marked(t), 0) +
    system.reduce((n, b) => n + marked(b), 0) +
    body.messages.reduce((n, m) => n + blocksOf(m).reduce((k, b) => k + marked(b), 0), 0)
  );
}

/** Returns the API's `invalid_request_error` message for a bad request, or undefined when it is valid. */
export function validateMessagesRequest(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return 'Request body must be a JSON object';
  const shapeError = checkShape(input as Partial<FakeRequestBody>);
  if (shapeError) return shapeError;
  const body = input as FakeRequestBody;
  const breakpoints = countBreakpoints(body);
  if (breakpoints > MAX_CACHE_BREAKPOINTS) {
    return `A maximum of ${MAX_CACHE_BREAKPOINTS} blocks with cache_control may be provided. Found ${breakpoints}.`;
  }
  return checkTools(body) ?? checkTextBlocks(body) ?? checkToolPairs(body.messages);
}

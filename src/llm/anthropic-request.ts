/**
 * Pure translation of a ModelRequest into Messages API parameters, including where the prompt
 * cache breakpoints go.
 */
import type {
  ContentBlockParam,
  MessageCreateParamsBase,
  MessageParam,
  TextBlockParam,
  Tool,
} from '@anthropic-ai/sdk/resources/messages';
import type { ModelRequest, ToolSpec } from './provider.js';
import type { ChatMessage, ContentBlock } from '../contracts/messages.js';

/** Used when a request names no limit: room for a long answer plus several tool calls. */
export const DEFAULT_MAX_TOKENS = 4096;

const EPHEMERAL = { type: 'ephemeral' } as const;

/**
 * The stable system text carries the breakpoint, so tools + system (which the API hashes in
 * that order) are cached together; the per-turn text comes after it and never spoils the cache.
 */
export function buildSystemBlocks(system: string, systemDynamic?: string): TextBlockParam[] {
  const blocks: TextBlockParam[] = [];
  if (system) blocks.push({ type: 'text', text: system, cache_control: EPHEMERAL });
  if (systemDynamic) blocks.push({ type: 'text', text: systemDynamic });
  return blocks;
}

/** Tool specs as the API wants them; input schemas are already JSON Schema objects. */
export function buildTools(tools: ToolSpec[]): Tool[] {
  return tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: { type: 'object', ...tool.input_schema } as Tool.InputSchema,
  }));
}

function buildBlock(block: ContentBlock): ContentBlockParam | undefined {
  switch (block.type) {
    case 'text':
      // The API refuses empty text blocks, which a model sometimes emits before a tool call.
      return block.text ? { type: 'text', text: block.text } : undefined;
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: block.input ?? {} };
    case 'tool_result': {
      const flags = block.is_error ? { is_error: true as const } : {};
      if (!block.image) return { type: 'tool_result', tool_use_id: block.tool_use_id, content: block.content, ...flags };
      // The text first, then the picture, both inside the result (the Messages API's shape for tool images).
      const image = { type: 'image' as const, source: { type: 'base64' as const, media_type: block.image.media_type, data: block.image.data } };
      return { type: 'tool_result', tool_use_id: block.tool_use_id, content: [{ type: 'text', text: block.content }, image], ...flags };
    }
  }
}

/**
 * Messages in API form. The last block of the last message gets a second breakpoint so each step
 * of a tool loop reads the previous step's conversation from the cache instead of paying for it again.
 */
export function buildMessages(messages: ChatMessage[]): MessageParam[] {
  const out: MessageParam[] = [];
  for (const message of messages) {
    const content = message.content.map(buildBlock).filter((b): b is ContentBlockParam => b !== undefined);
    if (content.length > 0) out.push({ role: message.role, content });
  }
  const last = out.at(-1)?.content;
  const lastBlock = Array.isArray(last) ? last.at(-1) : undefined;
  if (lastBlock?.type === 'text' || lastBlock?.type === 'tool_use' || lastBlock?.type === 'tool_result') {
    lastBlock.cache_control = EPHEMERAL;
  }
  return out;
}

/** Everything of one call but `stream`, which the SDK's stream helper sets. */
export function buildMessageParams(request: ModelRequest, model: string): MessageCreateParamsBase {
  const system = buildSystemBlocks(request.system, request.systemDynamic);
  return {
    model,
    max_tokens: request.maxTokens ?? DEFAULT_MAX_TOKENS,
    messages: buildMessages(request.messages),
    ...(system.length > 0 ? { system } : {}),
    ...(request.tools.length > 0 ? { tools: buildTools(request.tools) } : {}),
  };
}

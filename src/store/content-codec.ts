import type { ContentBlock } from '../contracts/messages.js';

/** Shown in place of stored content that cannot be read back (corrupt JSON, unknown shape). */
export const UNREADABLE_TEXT = '[This part of the conversation could not be read from storage and was left out.]';

/** Stored content decoded: the blocks, and how many of them had to be replaced. */
export interface DecodedContent {
  blocks: ContentBlock[];
  /** Blocks (or, for a row that is not a JSON array, the whole row) replaced by UNREADABLE_TEXT. */
  damaged: number;
}

/** Serialises blocks for the `content` column. */
export function encodeContent(blocks: readonly ContentBlock[]): string {
  return JSON.stringify(blocks);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Returns a clean copy holding only the contract's fields, or undefined if the shape is wrong. */
function readBlock(value: unknown): ContentBlock | undefined {
  if (!isRecord(value)) return undefined;
  switch (value.type) {
    case 'text':
      return typeof value.text === 'string' ? { type: 'text', text: value.text } : undefined;
    case 'tool_use':
      if (typeof value.id !== 'string' || typeof value.name !== 'string' || !('input' in value)) return undefined;
      return { type: 'tool_use', id: value.id, name: value.name, input: value.input };
    case 'tool_result': {
      if (typeof value.tool_use_id !== 'string' || typeof value.content !== 'string') return undefined;
      if (value.is_error !== undefined && typeof value.is_error !== 'boolean') return undefined;
      const block: ContentBlock = { type: 'tool_result', tool_use_id: value.tool_use_id, content: value.content };
      if (value.is_error !== undefined) block.is_error = value.is_error;
      if (typeof value.summary === 'string') block.summary = value.summary;
      return block;
    }
    default:
      return undefined;
  }
}

/**
 * Reads a `content` column. Never throws: a row that is not a JSON array becomes one
 * placeholder block, and each malformed block becomes a placeholder, so one bad value costs
 * only itself.
 */
export function decodeContent(json: string): DecodedContent {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed)) return { blocks: [{ type: 'text', text: UNREADABLE_TEXT }], damaged: 1 };
  let damaged = 0;
  const blocks = parsed.map((item: unknown): ContentBlock => {
    const block = readBlock(item);
    if (block) return block;
    damaged += 1;
    return { type: 'text', text: UNREADABLE_TEXT };
  });
  return { blocks, damaged };
}

/**
 * Pictures tools return (browser screenshots) in the conversation: a model that reads images gets
 * the latest one of the turn, and nothing keeps them after it. Resending every past screenshot
 * would cost each later request hundreds of kilobytes; storing them would fill the database.
 */
import type { ChatMessage, ContentBlock } from '../contracts/messages.js';

function stripImage(block: ContentBlock): ContentBlock {
  if (block.type !== 'tool_result' || !block.image) return block;
  const { image: _image, ...rest } = block;
  return rest;
}

function hasImage(message: ChatMessage): boolean {
  return message.content.some((b) => b.type === 'tool_result' && b.image !== undefined);
}

/** The messages without any image (what is stored, and what a model without vision gets). */
export function withoutImages(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((m) => (hasImage(m) ? { ...m, content: m.content.map(stripImage) } : m));
}

/** The messages for one model call: only the newest image stays, and none for a model that cannot read them. */
export function latestImageOnly(messages: readonly ChatMessage[], acceptsImages: boolean): ChatMessage[] {
  const last = acceptsImages ? messages.findLastIndex(hasImage) : -1;
  return messages.map((message, i) => {
    if (!hasImage(message)) return message;
    const keep = i === last ? message.content.findLastIndex((b) => b.type === 'tool_result' && b.image !== undefined) : -1;
    return { ...message, content: message.content.map((block, j) => (j === keep ? block : stripImage(block))) };
  });
}

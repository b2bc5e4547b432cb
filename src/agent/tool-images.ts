/**
 * Pictures tools return (browser screenshots) in the conversation: a model that reads images gets
 * the latest one of the turn, and nothing keeps them after it. Resending every past screenshot
 * would cost each later request hundreds of kilobytes; storing them would fill the database.
 */
import type { ChatMessage, ContentBlock } from '../llm/provider.js';

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
  if (!acceptsImages) return withoutImages(messages);
  let kept = false;
  const out: ChatMessage[] = [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as ChatMessage;
    if (!hasImage(message)) {
      out.push(message);
      continue;
    }
    const content: ContentBlock[] = [];
    for (let j = message.content.length - 1; j >= 0; j--) {
      const block = message.content[j] as ContentBlock;
      const keep = !kept && block.type === 'tool_result' && block.image !== undefined;
      if (keep) kept = true;
      content.unshift(keep ? block : stripImage(block));
    }
    out.push({ ...message, content });
  }
  return out.reverse();
}

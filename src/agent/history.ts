import type { ChatMessage, ContentBlock } from '../contracts/messages.js';

/**
 * Keeps the newest messages within `maxMessages`, cutting only where a user turn starts with
 * text, so a tool_use is never separated from its tool_result (the model API refuses that).
 */
export function trimHistory(messages: ChatMessage[], maxMessages: number): ChatMessage[] {
  if (messages.length <= maxMessages) return messages;
  for (let start = messages.length - maxMessages; start < messages.length; start++) {
    if (isUserTextTurn(messages[start])) return messages.slice(start);
  }
  // No clean cut inside the window: keep only the latest user text turn onwards.
  for (let start = messages.length - 1; start >= 0; start--) {
    if (isUserTextTurn(messages[start])) return messages.slice(start);
  }
  return [];
}

function isUserTextTurn(message: ChatMessage | undefined): boolean {
  return message?.role === 'user' && message.content.some((block) => block.type === 'text') &&
    !message.content.some((block) => block.type === 'tool_result');
}

/**
 * Tool results answering the tool_use blocks of `assistant` that have none yet, as errors: used
 * when a turn stops (cancelled, step cap) so the stored conversation stays valid for the next turn.
 */
export function closeDanglingToolUses(assistant: ChatMessage, answered: Set<string>, reason: string): ContentBlock[] {
  return assistant.content
    .filter((block): block is Extract<ContentBlock, { type: 'tool_use' }> => block.type === 'tool_use' && !answered.has(block.id))
    .map((block) => ({ type: 'tool_result', tool_use_id: block.id, content: reason, is_error: true }));
}

/** The text of a message, for the final answer. */
export function textOf(message: ChatMessage): string {
  return message.content
    .filter((block): block is Extract<ContentBlock, { type: 'text' }> => block.type === 'text')
    .map((block) => block.text)
    .join('');
}

import type { ChatMessage, ContentBlock } from '../contracts/messages.js';

function idsOf(message: ChatMessage | undefined, type: 'tool_use' | 'tool_result'): Set<string> {
  const ids = new Set<string>();
  for (const b of message?.content ?? []) {
    if (b.type === 'tool_use' && type === 'tool_use') ids.add(b.id);
    if (b.type === 'tool_result' && type === 'tool_result') ids.add(b.tool_use_id);
  }
  return ids;
}

function orphanUseAsText(b: Extract<ContentBlock, { type: 'tool_use' }>): ContentBlock {
  return { type: 'text', text: `[Earlier call to ${b.name} with ${JSON.stringify(b.input) ?? 'no input'}; its result was lost.]` };
}

function orphanResultAsText(b: Extract<ContentBlock, { type: 'tool_result' }>): ContentBlock {
  const label = b.is_error ? 'Error from an earlier tool call' : 'Result of an earlier tool call';
  return { type: 'text', text: `[${label} whose request was lost: ${b.content}]` };
}

/**
 * Model APIs reject a tool_result without the matching tool_use in the message just before it,
 * and a tool_use not answered in the message just after it. When a stored message is lost
 * (unreadable row) or a turn was cut short, its partners are turned into plain text, so the
 * conversation stays usable and their content is kept. A trailing tool_use (turn still
 * running) is left alone.
 */
export function pairToolBlocks(messages: readonly ChatMessage[]): ChatMessage[] {
  return messages.map((message, i) => {
    const prev = messages[i - 1];
    const next = messages[i + 1];
    const usesBefore = prev?.role === 'assistant' ? idsOf(prev, 'tool_use') : new Set<string>();
    const resultsAfter = next?.role === 'user' ? idsOf(next, 'tool_result') : new Set<string>();
    let changed = false;
    const content = message.content.map((b) => {
      if (b.type === 'tool_result' && !usesBefore.has(b.tool_use_id)) {
        changed = true;
        return orphanResultAsText(b);
      }
      if (b.type === 'tool_use' && next !== undefined && !resultsAfter.has(b.id)) {
        changed = true;
        return orphanUseAsText(b);
      }
      return b;
    });
    return changed ? { role: message.role, content } : message;
  });
}

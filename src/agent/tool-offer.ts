/**
 * Which registered tools a turn offers the model. A tool that declares an offer (tools/tool.ts,
 * ToolOffer) rides along only once the person's own words in the conversation name its topic, or
 * the conversation already used one of its tools; every other tool, every turn. Only the person's
 * words count: a tool's result, a mail, a page, a memory or a trigger's data is someone else's text,
 * and must not be able to bring in tools the person never asked about.
 */
import type { ChatMessage, ContentBlock } from '../contracts/messages.js';
import type { ToolOffer } from '../tools/tool.js';

/** What the choice reads of a tool. */
export interface OfferableTool {
  name: string;
  offer?: ToolOffer | undefined;
}

/** What the choice reads of a turn. */
export interface OfferTurn {
  /** The person's own words in the conversation, this turn's included (extractPersonWords). */
  said: readonly string[];
  /** The conversation's messages, for the calls it made. */
  history: readonly ChatMessage[];
}

/** Someone else's text inside a user message (a task's trigger data: agent/untrusted-text.ts). */
const UNTRUSTED_BLOCK = /<untrusted_content>[\s\S]*?(?:<\/untrusted_content>|$)/g;

/**
 * The text of the user messages that start a turn, without what is marked as someone else's.
 * Tool results ride in user messages too: they are never read.
 */
export function extractPersonWords(messages: readonly ChatMessage[]): string[] {
  return messages
    .filter((message) => message.role === 'user' && !message.content.some((block) => block.type === 'tool_result'))
    .flatMap((message) => message.content.flatMap((block) => (block.type === 'text' ? [block.text.replace(UNTRUSTED_BLOCK, ' ')] : [])));
}

/** The tools this turn offers, in their registered order (each of the variants then caches as a whole). */
export function chooseOfferedTools<T extends OfferableTool>(tools: readonly T[], turn: OfferTurn): T[] {
  const used = usedTopics(tools, turn.history);
  const folded = turn.said.map(fold);
  const offered = new Map<ToolOffer, boolean>();
  const isOffered = (offer: ToolOffer): boolean => {
    const known = offered.get(offer);
    if (known !== undefined) return known;
    const yes = used.has(offer.topic) || mentions(folded, offer.words);
    offered.set(offer, yes);
    return yes;
  };
  return tools.filter((tool) => tool.offer === undefined || isOffered(tool.offer));
}

/** The topics whose tools ran in the conversation; a call refused or failed does not count (the model may try anything). */
function usedTopics(tools: readonly OfferableTool[], history: readonly ChatMessage[]): Set<string> {
  const topicOf = new Map(tools.flatMap((tool) => (tool.offer ? [[tool.name, tool.offer.topic] as const] : [])));
  const blocks = history.flatMap((message) => message.content);
  const succeeded = new Set(blocks.flatMap((block) => (block.type === 'tool_result' && block.is_error !== true ? [block.tool_use_id] : [])));
  return new Set(
    blocks.flatMap((block: ContentBlock) => {
      const topic = block.type === 'tool_use' && succeeded.has(block.id) ? topicOf.get(block.name) : undefined;
      return topic === undefined ? [] : [topic];
    }),
  );
}

/** Whether one of `words` stands as a whole word in one of the folded texts. */
function mentions(folded: readonly string[], words: readonly string[]): boolean {
  if (words.length === 0) return false;
  const alternatives = words.map((word) => fold(word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  // A word boundary that knows letters beyond ASCII ("l'automatisation", "automatisé").
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'u');
  return folded.some((text) => pattern.test(text));
}

/** Lower case without accents, so "AUTOMATISATION" and "automätisation" read as "automatisation". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

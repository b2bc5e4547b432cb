/**
 * Compaction, the pure part: estimating a request's size, choosing which older turns a summary
 * replaces, shortening big old tool results, and writing the summary request. The stable prefix
 * (system prompt + tools) is never touched, so the provider's cache of it survives compaction;
 * a cut is only ever made where a user turn starts, so a tool_use never loses its tool_result.
 */
import type { ToolSpec } from '../llm/provider.js';
import type { ChatMessage, ContentBlock } from '../contracts/messages.js';

/** Compaction limits, in estimated tokens. */
export interface CompactionLimits {
  /** The context budget: system + tools + messages. */
  maxTokens: number;
  /** Compact when a request would exceed this share of maxTokens (room for the answer and tool steps). */
  triggerRatio: number;
  /** After compaction, the recent messages kept verbatim take at most this share. */
  keepRatio: number;
  /** Tool results of earlier turns longer than this (characters) are shortened. */
  toolResultChars: number;
}

/** Defaults for a budget. */
export function compactionLimits(maxTokens: number): CompactionLimits {
  return { maxTokens, triggerRatio: 0.75, keepRatio: 0.35, toolResultChars: 2000 };
}

/** A stored summary: it replaces the first `covered` stored messages. */
export interface StoredSummary {
  covered: number;
  text: string;
}

/** Tokens of anything, at four characters of its JSON per token (a fair average for English and JSON). */
export function estimateTokens(value: unknown): number {
  return Math.ceil((typeof value === 'string' ? value.length + 2 : (JSON.stringify(value)?.length ?? 0)) / 4);
}

/** The part of a request that never changes within a turn. */
export function estimateFixedTokens(system: string, systemDynamic: string | undefined, tools: readonly ToolSpec[]): number {
  return estimateTokens(system) + estimateTokens(systemDynamic ?? '') + estimateTokens(tools);
}

const SUMMARY_HEADER = '[Summary of the earlier part of this conversation; the older messages are not shown.]';

/** The summary as the first message the model sees. */
export function summaryMessage(text: string): ChatMessage {
  return { role: 'user', content: [{ type: 'text', text: `${SUMMARY_HEADER}\n${text}` }] };
}

/** A user message that starts a turn: text from a person, no tool results. */
export function isTurnStart(message: ChatMessage | undefined): boolean {
  return (
    message?.role === 'user' &&
    message.content.some((b) => b.type === 'text') &&
    !message.content.some((b) => b.type === 'tool_result')
  );
}

function shortened(content: string, maxChars: number): string {
  if (content.length <= maxChars) return content;
  const keep = Math.floor(maxChars / 2);
  return `${content.slice(0, keep)}\n… [shortened: ${content.length - keep} more characters left out]`;
}

/**
 * Tool results of turns before the last one, cut to `maxChars`. Deterministic, so a message once
 * shortened is sent identically every turn and stays cacheable.
 */
export function shortenOldToolResults(messages: readonly ChatMessage[], maxChars: number): ChatMessage[] {
  let lastTurn = messages.length;
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    if (isTurnStart(messages[i])) {
      lastTurn = i;
      break;
    }
  }
  return messages.map((message, i) => {
    if (i >= lastTurn || !message.content.some((b) => b.type === 'tool_result' && b.content.length > maxChars)) return message;
    const content = message.content.map((b): ContentBlock => (b.type === 'tool_result' ? { ...b, content: shortened(b.content, maxChars) } : b));
    return { role: message.role, content };
  });
}

/**
 * The earliest turn start at or after `from` whose tail fits `keepTokens`; the last turn start
 * when none does (the current turn is always kept whole). Returns `from` when no turn starts later.
 */
export function chooseCut(messages: readonly ChatMessage[], from: number, keepTokens: number): number {
  const tail: number[] = new Array<number>(messages.length + 1).fill(0);
  for (let i = messages.length - 1; i >= 0; i -= 1) tail[i] = (tail[i + 1] ?? 0) + estimateTokens(messages[i]);
  let lastStart = from;
  for (let i = from; i < messages.length; i += 1) {
    if (!isTurnStart(messages[i])) continue;
    if ((tail[i] ?? 0) <= keepTokens) return i;
    lastStart = i;
  }
  return lastStart;
}

function blockLine(role: ChatMessage['role'], block: ContentBlock, maxResultChars: number): string {
  switch (block.type) {
    case 'text':
      return `${role === 'user' ? 'User' : 'Assistant'}: ${block.text}`;
    case 'tool_use':
      return `Assistant called ${block.name} ${JSON.stringify(block.input ?? {})}`;
    case 'tool_result':
      return `${block.is_error ? 'Tool error' : 'Tool result'}: ${shortened(block.content, maxResultChars)}`;
  }
}

/** One line per block: what the summariser reads. */
export function transcriptLines(messages: readonly ChatMessage[], maxResultChars = 600): string[] {
  return messages.flatMap((m) => m.content.map((b) => blockLine(m.role, b, maxResultChars)));
}

/** Lines grouped into chunks of at most `maxChars` (a longer single line is cut). */
export function chunkLines(lines: readonly string[], maxChars: number): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.length > maxChars ? shortened(raw, maxChars - 60) : raw;
    if (current && current.length + line.length + 1 > maxChars) {
      chunks.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks;
}

/** Instructions of the summary request: stable, so its own prefix caches too. */
export const SUMMARY_SYSTEM = `You keep the running summary of a conversation between a household member and Majordome, the assistant of their home.
- Merge the summary so far with the new part of the conversation into one updated summary.
- Keep every fact, name, number, date, preference, decision, promise and open question that may matter later; drop greetings and small talk.
- Say what devices were found or changed only when it may matter later.
- Write plain sentences or short bullet points, in the language of the conversation, at most {words} words.
- Answer with the summary only.`;

/** The user message of one summary step. */
export function summaryPrompt(previous: string | undefined, transcript: string): string {
  return `Summary so far:\n${previous?.trim() || '(none yet)'}\n\nNew part of the conversation:\n${transcript}\n\nWrite the updated summary.`;
}

/** A summary cut to its size limit when the model ignored it. */
export function capSummary(text: string, maxTokens: number): string {
  const clean = text.trim();
  const maxChars = maxTokens * 4;
  return clean.length <= maxChars ? clean : `${clean.slice(0, maxChars)}…`;
}

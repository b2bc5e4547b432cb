/** Read-only helpers over a recorded request: the user's words, the tool calls of the current turn. */
import type { FakeContentBlockParam, FakeMessageParam, FakeRequestBody } from './types.js';

/** One tool call of the current turn with its answer, when the answer has arrived. */
export interface TurnToolCall {
  id: string;
  name: string;
  input: unknown;
  result?: { text: string; isError: boolean };
}

/** A message's blocks, whether it was sent as a plain string or as blocks. */
export function blocksOf(message: FakeMessageParam): FakeContentBlockParam[] {
  return typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
}

/** The text of a tool_result, whatever form its content took. */
export function resultText(block: FakeContentBlockParam): string {
  if (typeof block.content === 'string') return block.content;
  return (block.content ?? []).map((part) => part.text ?? '').join('');
}

function userTextIndex(messages: FakeMessageParam[]): number {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (message?.role === 'user' && blocksOf(message).some((b) => b.type === 'text' && b.text)) return i;
  }
  return -1;
}

/** The text of the latest user message that said something (not only tool results). */
export function lastUserText(body: FakeRequestBody): string {
  const message = body.messages[userTextIndex(body.messages)];
  if (!message) return '';
  return blocksOf(message)
    .filter((b) => b.type === 'text')
    .map((b) => b.text ?? '')
    .join('\n');
}

const LEAD_NOTE = /^\[[^\]]*\]\s*/;
const UNTRUSTED_BLOCK = /<untrusted_content>[\s\S]*?<\/untrusted_content>\s*/g;

/**
 * A user message split into what Majordome wrote around the person's words (a task run's leading
 * `[…]` note, `<untrusted_content>` blocks such as a trigger's event data) and the words themselves.
 */
export function splitUserText(text: string): { notes: string[]; own: string } {
  const notes: string[] = [];
  let rest = text;
  const lead = LEAD_NOTE.exec(rest);
  if (lead) {
    notes.push(lead[0].trim());
    rest = rest.slice(lead[0].length);
  }
  for (const block of rest.match(UNTRUSTED_BLOCK) ?? []) notes.push(block.trim());
  return { notes, own: rest.replace(UNTRUSTED_BLOCK, '').trim() };
}

/** The request with its latest user message reduced to the person's own words (splitUserText). */
export function withOwnWordsOnly(body: FakeRequestBody): FakeRequestBody {
  const index = userTextIndex(body.messages);
  const message = body.messages[index];
  if (!message) return body;
  const content = blocksOf(message).map((b) => (b.type === 'text' && b.text ? { ...b, text: splitUserText(b.text).own } : b));
  return { ...body, messages: body.messages.map((m, i) => (i === index ? { ...m, content } : m)) };
}

/** Tool calls made since the user last spoke, in order, each with its result when sent back. */
export function turnToolCalls(body: FakeRequestBody): TurnToolCall[] {
  const calls: TurnToolCall[] = [];
  const byId = new Map<string, TurnToolCall>();
  for (const message of body.messages.slice(userTextIndex(body.messages) + 1)) {
    for (const block of blocksOf(message)) {
      if (block.type === 'tool_use' && block.id && block.name) {
        const call: TurnToolCall = { id: block.id, name: block.name, input: block.input };
        calls.push(call);
        byId.set(block.id, call);
      }
      const answered = block.type === 'tool_result' ? byId.get(block.tool_use_id ?? '') : undefined;
      if (answered) answered.result = { text: resultText(block), isError: block.is_error === true };
    }
  }
  return calls;
}

/** Names of the tools the request offers. */
export function offeredTools(body: FakeRequestBody): Set<string> {
  return new Set((body.tools ?? []).map((t) => t.name));
}

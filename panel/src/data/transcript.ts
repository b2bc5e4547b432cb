import type { TurnEvent } from '../../../src/channels/socket/protocol.js';
import { truncate } from '../common/format.js';

/** A chat event, as the socket delivers it inside a TurnEvent. */
export type ChatEvent = TurnEvent['event'];

/** What a running tool call waits for: HA's connection (its `status` event), or a person's yes (`waiting_for_approval`). */
export type ToolWaiting = Extract<ChatEvent, { type: 'status' }>['status'] | 'waiting_for_approval';

/** A tool call's outcome. */
export interface ToolOutcome {
  ok: boolean;
  summary: string;
}

/** One thing shown in the conversation, in order. Keys are stable for keyed rendering. */
export type TranscriptItem =
  | { kind: 'user'; key: string; text: string }
  | { kind: 'assistant'; key: string; text: string; streaming: boolean }
  /** `cancelled`: the turn was stopped before the call reported back. */
  /** `waiting`: what the running call waits for (HA's connection to come back, or its approval), until its result. */
  | { kind: 'tool'; key: string; id: string; name: string; input: unknown; result?: ToolOutcome; cancelled?: boolean; waiting?: ToolWaiting }
  | {
      kind: 'approval';
      key: string;
      approvalId: string;
      tool: string;
      summary: string;
      input: unknown;
      decision?: 'approve' | 'deny' | 'expired';
      by?: string;
    }
  | { kind: 'notice'; key: string; notice: 'stopped' };

type Item<K extends TranscriptItem['kind']> = Extract<TranscriptItem, { kind: K }>;

// Items are only ever appended, so the position makes a unique key.
function keyFor(items: readonly TranscriptItem[], kind: string): string {
  return `${kind}-${items.length}`;
}

function replaceWhere<K extends TranscriptItem['kind']>(
  items: readonly TranscriptItem[],
  kind: K,
  match: (item: Item<K>) => boolean,
  update: (item: Item<K>) => Item<K>,
): TranscriptItem[] {
  return items.map((item) => (item.kind === kind && match(item as Item<K>) ? update(item as Item<K>) : item));
}

/** Ends any streaming answer (a tool call, the end of the turn or an error closes it). */
export function settle(items: readonly TranscriptItem[]): TranscriptItem[] {
  return items.map((item) => (item.kind === 'assistant' && item.streaming ? { ...item, streaming: false } : item));
}

/** Appends the user's own message. */
export function appendUserMessage(items: readonly TranscriptItem[], text: string): TranscriptItem[] {
  return [...items, { kind: 'user', key: keyFor(items, 'user'), text }];
}

/** Marks tool calls still running as cancelled (the turn that ran them was stopped). */
export function cancelRunningTools(items: readonly TranscriptItem[]): TranscriptItem[] {
  return items.map((item) => (item.kind === 'tool' && !item.result && !item.cancelled ? { ...item, cancelled: true } : item));
}

/** Appends a "stopped" notice after the user pressed Stop; running tool cards become cancelled. */
export function appendStopped(items: readonly TranscriptItem[]): TranscriptItem[] {
  return [...cancelRunningTools(settle(items)), { kind: 'notice', key: keyFor(items, 'notice'), notice: 'stopped' }];
}

/**
 * The running call an approval is for: the latest one without a result with the same tool and
 * input (the event names no call id; the gate asks right after the call is announced).
 */
function gatedCallIndex(items: readonly TranscriptItem[], tool: string, input: unknown): number {
  const wanted = JSON.stringify(input);
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (item?.kind === 'tool' && !item.result && !item.cancelled && item.name === tool && JSON.stringify(item.input) === wanted) return i;
  }
  return -1;
}

/** Sets or clears what the call at `index` waits for; no index (-1) changes nothing. */
function withWaiting(items: readonly TranscriptItem[], index: number, waiting: ToolWaiting | undefined): TranscriptItem[] {
  return items.map((item, i) => {
    if (i !== index || item.kind !== 'tool') return item;
    const { waiting: _previous, ...rest } = item;
    return waiting ? { ...rest, waiting } : rest;
  });
}

/** True when the current turn (everything after the last user message) already shows answer text. */
function turnHasAnswer(items: readonly TranscriptItem[]): boolean {
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (!item || item.kind === 'user') return false;
    if (item.kind === 'assistant' && item.text.trim() !== '') return true;
  }
  return false;
}

/** Folds one chat event into the transcript; the input is never mutated. */
export function applyChatEvent(items: readonly TranscriptItem[], event: ChatEvent): TranscriptItem[] {
  switch (event.type) {
    case 'text': {
      const last = items.at(-1);
      if (last?.kind === 'assistant' && last.streaming) {
        return [...items.slice(0, -1), { ...last, text: last.text + event.delta }];
      }
      return [...items, { kind: 'assistant', key: keyFor(items, 'assistant'), text: event.delta, streaming: true }];
    }
    case 'tool_call':
      return [...settle(items), { kind: 'tool', key: keyFor(items, 'tool'), id: event.id, name: event.name, input: event.input }];
    case 'status':
      return replaceWhere(items, 'tool', (t) => t.id === event.id && !t.result, (t) => ({ ...t, waiting: event.status }));
    case 'tool_result':
      return replaceWhere(
        items,
        'tool',
        (t) => t.id === event.id,
        ({ waiting: _done, ...t }) => ({ ...t, result: { ok: event.ok, summary: event.summary } }),
      );
    case 'approval_required':
      // The call's card says it waits for a yes, not that it is under way.
      return [
        ...withWaiting(settle(items), gatedCallIndex(items, event.tool, event.input), 'waiting_for_approval'),
        {
          kind: 'approval',
          key: keyFor(items, 'approval'),
          approvalId: event.approval_id,
          tool: event.tool,
          summary: event.summary,
          input: event.input,
        },
      ];
    case 'approval_resolved': {
      const approval = items.find((i): i is Item<'approval'> => i.kind === 'approval' && i.approvalId === event.approval_id);
      // Decided: the call runs (or reports its refusal); its card no longer waits.
      const decided = approval ? withWaiting(items, gatedCallIndex(items, approval.tool, approval.input), undefined) : items;
      return replaceWhere(
        decided,
        'approval',
        (a) => a.approvalId === event.approval_id,
        (a) => ({ ...a, decision: event.decision, by: event.by }),
      );
    }
    case 'done': {
      const settled = settle(items);
      // A provider that does not stream still sends the whole answer with `done`.
      if (event.text.trim() === '' || turnHasAnswer(settled)) return settled;
      return [...settled, { kind: 'assistant', key: keyFor(settled, 'assistant'), text: event.text, streaming: false }];
    }
    case 'error':
      return settle(items);
  }
}

interface Block {
  type?: unknown;
  text?: unknown;
  id?: unknown;
  name?: unknown;
  input?: unknown;
  tool_use_id?: unknown;
  content?: unknown;
  is_error?: unknown;
  summary?: unknown;
}

function blocksOf(content: unknown): Block[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return Array.isArray(content) ? content.filter((b): b is Block => !!b && typeof b === 'object') : [];
}

function resultText(content: unknown): string {
  if (typeof content === 'string') return content;
  return blocksOf(content)
    .map((b) => (typeof b.text === 'string' ? b.text : ''))
    .join('\n');
}

/** For results stored without a summary (older history): the output's error or summary field, else its start. */
function summarizeStoredResult(content: string): string {
  try {
    const parsed: unknown = JSON.parse(content);
    if (parsed && typeof parsed === 'object') {
      const record = parsed as Record<string, unknown>;
      for (const field of ['summary', 'error', 'message']) {
        const value = record[field];
        if (typeof value === 'string') return truncate(value, 200);
      }
    }
  } catch {
    // Not JSON: plain text output.
  }
  return truncate(content.replace(/\s+/g, ' ').trim(), 200);
}

/** Rebuilds a transcript from stored messages (model-format content blocks) after a reload. */
export function transcriptFromHistory(messages: ReadonlyArray<{ role: string; content: unknown }>): TranscriptItem[] {
  let items: TranscriptItem[] = [];
  for (const message of messages) {
    for (const block of blocksOf(message.content)) {
      if (block.type === 'text' && typeof block.text === 'string' && block.text.trim() !== '') {
        items =
          message.role === 'user'
            ? appendUserMessage(items, block.text)
            : [...items, { kind: 'assistant', key: keyFor(items, 'assistant'), text: block.text, streaming: false }];
      } else if (block.type === 'tool_use' && typeof block.id === 'string' && typeof block.name === 'string') {
        items = applyChatEvent(items, { type: 'tool_call', id: block.id, name: block.name, input: block.input });
      } else if (block.type === 'tool_result' && typeof block.tool_use_id === 'string') {
        // The tool's own one-line summary is stored beside the output the model read.
        const summary = typeof block.summary === 'string' && block.summary.trim() !== '' ? block.summary : summarizeStoredResult(resultText(block.content));
        items = applyChatEvent(items, { type: 'tool_result', id: block.tool_use_id, ok: block.is_error !== true, summary });
      }
    }
  }
  return items;
}

import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../src/contracts/messages.js';
import { createLogger } from '../../../src/logger.js';
import { UNREADABLE_TEXT } from '../../../src/store/content-codec.js';
import { ConversationStore } from '../../../src/store/conversations.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { useTempDir } from './temp-dir.js';

// Decision: an unreadable row (bad JSON, wrong shape) never throws. It stays in place as a
// text block saying it could not be read, so seq numbers and roles are kept; in messages() the
// tool blocks that paired with it become plain text, so the model API still accepts the history.

const tmp = useTempDir();
let db: Database;
let store: ConversationStore;
let logLines: string[];

beforeEach(() => {
  db = openDatabase(tmp.path('majordome.db'));
  logLines = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  store = new ConversationStore(db, { logger: createLogger('warning', sink) });
});
afterEach(() => {
  closeDatabase(db);
  tmp.cleanup();
});

const TURN: ChatMessage[] = [
  { role: 'user', content: [{ type: 'text', text: 'Is the garage open?' }] },
  { role: 'assistant', content: [{ type: 'tool_use', id: 'tu_1', name: 'ha_get_state', input: { entity_id: 'cover.garage' } }] },
  { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'tu_1', content: 'closed' }] },
  { role: 'assistant', content: [{ type: 'text', text: 'It is closed.' }] },
];

function corrupt(conversationId: string, seq: number, content: string): void {
  db.prepare('UPDATE messages SET content = ? WHERE conversation_id = ? AND seq = ?').run(content, conversationId, seq);
}

describe('a stored message that cannot be read', () => {
  it('is shown as a placeholder in history while every other message comes back intact', () => {
    const c = store.create({ userId: 'alice', channel: 'panel' });
    store.appendMessages(c.id, TURN);
    corrupt(c.id, 2, '{"type": "tool_use", "id": tru');

    const history = store.history(c.id);
    expect(history.map((h) => [h.seq, h.role])).toEqual([
      [1, 'user'],
      [2, 'assistant'],
      [3, 'user'],
      [4, 'assistant'],
    ]);
    expect(history[1]?.content).toEqual([{ type: 'text', text: UNREADABLE_TEXT }]);
    expect(history[2]?.content).toStrictEqual(TURN[2]?.content);
    expect(history[3]?.content).toStrictEqual(TURN[3]?.content);
    expect(store.get(c.id)?.messageCount).toBe(4);
    expect(store.list({ userId: 'alice' })).toHaveLength(1);

    const warning = logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.seq === 2);
    expect(warning).toMatchObject({ conversationId: c.id, seq: 2 });
    expect(JSON.stringify(warning)).not.toContain('tru'); // the raw content is not logged
  });

  it('leaves a history the model will accept: the orphaned tool result becomes text and keeps its content', () => {
    const c = store.create({ userId: 'alice', channel: 'panel' });
    store.appendMessages(c.id, TURN);
    corrupt(c.id, 2, 'not json at all');

    const messages = store.messages(c.id);
    expect(messages).toHaveLength(4);
    expect(messages[1]).toEqual({ role: 'assistant', content: [{ type: 'text', text: UNREADABLE_TEXT }] });
    const third = messages[2]?.content[0];
    expect(third?.type).toBe('text');
    expect(third?.type === 'text' && third.text).toContain('closed');
    expect(messages[3]).toStrictEqual(TURN[3]);
  });

  it('turns a tool call whose result row was lost into text too', () => {
    const c = store.create({ userId: 'alice', channel: 'panel' });
    store.appendMessages(c.id, TURN);
    corrupt(c.id, 3, '{"role":"user"}'); // valid JSON, wrong shape

    const messages = store.messages(c.id);
    const call = messages[1]?.content[0];
    expect(call?.type).toBe('text');
    expect(call?.type === 'text' && call.text).toContain('ha_get_state');
    expect(messages.flatMap((m) => m.content).some((b) => b.type === 'tool_use' || b.type === 'tool_result')).toBe(false);
  });

  it('replaces only the malformed block when the rest of the row is fine', () => {
    const c = store.create({ userId: 'alice', channel: 'panel' });
    store.appendMessages(c.id, TURN);
    corrupt(
      c.id,
      4,
      JSON.stringify([{ type: 'text', text: 'It is closed.' }, { type: 'image', source: 'x' }, { type: 'text', text: 42 }]),
    );
    expect(store.history(c.id)[3]?.content).toEqual([
      { type: 'text', text: 'It is closed.' },
      { type: 'text', text: UNREADABLE_TEXT },
      { type: 'text', text: UNREADABLE_TEXT },
    ]);
  });

  it('leaves a trailing tool call alone: the turn may still be waiting for its result', () => {
    const c = store.create({ userId: 'alice', channel: 'panel' });
    store.appendMessages(c.id, TURN.slice(0, 2));
    expect(store.messages(c.id)).toStrictEqual(TURN.slice(0, 2));
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MajordomeError } from '../../../src/errors.js';
import type { ChatMessage } from '../../../src/contracts/messages.js';
import { ConversationStore } from '../../../src/store/conversations.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { useTempDir } from './temp-dir.js';

const tmp = useTempDir();
let db: Database;
let store: ConversationStore;

beforeEach(() => {
  db = openDatabase(tmp.path('majordome.db'));
  store = new ConversationStore(db);
});
afterEach(() => {
  closeDatabase(db);
  tmp.cleanup();
});

const TURN: ChatMessage[] = [
  { role: 'user', content: [{ type: 'text', text: '  Turn on the\nkitchen lights  ' }] },
  {
    role: 'assistant',
    content: [
      { type: 'text', text: 'Looking for them.' },
      { type: 'tool_use', id: 'tu_1', name: 'ha_find_entities', input: { query: 'kitchen', nested: { limit: 3, on: [true] } } },
      { type: 'tool_use', id: 'tu_2', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on' } },
    ],
  },
  {
    role: 'user',
    content: [
      { type: 'tool_result', tool_use_id: 'tu_1', content: '[{"entity_id":"light.kitchen"}]' },
      { type: 'tool_result', tool_use_id: 'tu_2', content: 'entity not found', is_error: true },
    ],
  },
  { role: 'assistant', content: [{ type: 'text', text: 'The kitchen light is on. 💡' }] },
];

describe('ConversationStore', () => {
  it('keeps a conversation and its text, tool_use and tool_result blocks across closing and reopening the file', () => {
    const created = store.create({ userId: 'alice', channel: 'panel' });
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    store.appendMessages(created.id, TURN.slice(0, 2));
    store.appendMessages(created.id, TURN.slice(2));
    closeDatabase(db);

    db = openDatabase(tmp.path('majordome.db'));
    const reopened = new ConversationStore(db);
    expect(reopened.messages(created.id)).toStrictEqual(TURN);
    const summary = reopened.get(created.id);
    expect(summary).toMatchObject({ userId: 'alice', channel: 'panel', messageCount: 4, title: 'Turn on the kitchen lights' });
    expect(summary?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const history = reopened.history(created.id);
    expect(history.map((h) => h.seq)).toEqual([1, 2, 3, 4]);
    expect(history.map((h) => h.role)).toEqual(['user', 'assistant', 'user', 'assistant']);
    expect(history[2]?.content).toStrictEqual(TURN[2]?.content);
    expect(history[0]?.createdAt).toMatch(/Z$/);
  });

  it('bumps updatedAt on append and keeps the first title', () => {
    let clock = Date.parse('2024-05-01T10:00:00Z');
    const timed = new ConversationStore(db, { now: () => new Date(clock) });
    const c = timed.create({ userId: 'alice', channel: 'panel' });
    clock += 60_000;
    timed.appendMessages(c.id, [{ role: 'user', content: [{ type: 'text', text: 'first question' }] }]);
    clock += 60_000;
    timed.appendMessages(c.id, [{ role: 'user', content: [{ type: 'text', text: 'second question' }] }]);
    expect(timed.get(c.id)).toMatchObject({
      createdAt: '2024-05-01T10:00:00.000Z',
      updatedAt: '2024-05-01T10:02:00.000Z',
      title: 'first question',
      messageCount: 2,
    });
  });

  it('titles an untitled conversation from the first user text, at most 80 characters, never splitting an emoji', () => {
    const c = store.create({ userId: 'alice', channel: 'panel' });
    const long = `${'🏠'.repeat(79)}${'x'.repeat(50)}`;
    store.appendMessages(c.id, [
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'x', content: 'not a title' }] },
      { role: 'user', content: [{ type: 'text', text: long }] },
    ]);
    const title = store.get(c.id)?.title ?? '';
    expect(Array.from(title)).toHaveLength(80);
    expect(title).toBe(`${'🏠'.repeat(79)}…`);

    const named = store.create({ userId: 'alice', channel: 'panel', title: 'Evening routine' });
    store.appendMessages(named.id, [{ role: 'user', content: [{ type: 'text', text: 'hello' }] }]);
    expect(store.get(named.id)?.title).toBe('Evening routine');
  });

  it('appends all messages or none', () => {
    const c = store.create({ userId: 'alice', channel: 'panel' });
    store.appendMessages(c.id, TURN.slice(0, 1));
    const unserialisable: ChatMessage = { role: 'assistant', content: [{ type: 'tool_use', id: 'a', name: 'x', input: { n: 1n } }] };
    expect(() => store.appendMessages(c.id, [TURN[1] as ChatMessage, unserialisable])).toThrow();
    expect(store.messages(c.id)).toStrictEqual(TURN.slice(0, 1));
    expect(store.get(c.id)?.messageCount).toBe(1);
  });

  it('refuses to append to or rename a conversation that does not exist', () => {
    const fail = (fn: () => void): unknown => {
      try {
        fn();
      } catch (err) {
        return err;
      }
      return undefined;
    };
    const appendErr = fail(() => store.appendMessages('nope', TURN));
    expect(appendErr).toBeInstanceOf(MajordomeError);
    expect((appendErr as MajordomeError).code).toBe('not_found');
    expect((fail(() => store.rename('nope', 'x')) as MajordomeError).code).toBe('not_found');
    expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(0);
  });

  it('refuses a second conversation with the same id', () => {
    store.create({ id: 'conv-1', userId: 'alice', channel: 'assist' });
    expect(() => store.create({ id: 'conv-1', userId: 'bob', channel: 'assist' })).toThrow(/already exists/);
    expect(store.get('conv-1')?.userId).toBe('alice');
  });

  it('renames', () => {
    const c = store.create({ userId: 'alice', channel: 'panel' });
    store.rename(c.id, '  Garage  door ');
    expect(store.get(c.id)?.title).toBe('Garage door');
    expect(store.list({ search: 'garage' }).map((s) => s.id)).toEqual([c.id]);
  });

  it('deletes a conversation with all its messages and leaves others alone', () => {
    const gone = store.create({ userId: 'alice', channel: 'panel' });
    const kept = store.create({ userId: 'alice', channel: 'panel' });
    store.appendMessages(gone.id, TURN);
    store.appendMessages(kept.id, TURN.slice(0, 1));

    store.delete(gone.id);
    store.delete(gone.id); // deleting twice is harmless

    expect(store.get(gone.id)).toBeUndefined();
    expect(store.messages(gone.id)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM messages WHERE conversation_id = ?').pluck().get(gone.id)).toBe(0);
    expect(store.messages(kept.id)).toStrictEqual(TURN.slice(0, 1));
  });
});

describe('ConversationStore.list', () => {
  function say(id: string, text: string): void {
    store.appendMessages(id, [{ role: 'user', content: [{ type: 'text', text }] }]);
  }

  it('lists the most recently active first, even within the same millisecond', () => {
    const frozen = new ConversationStore(db, { now: () => new Date('2024-05-01T10:00:00Z') });
    const a = frozen.create({ userId: 'alice', channel: 'panel' });
    const b = frozen.create({ userId: 'alice', channel: 'panel' });
    const c = frozen.create({ userId: 'alice', channel: 'panel' });
    expect(frozen.list().map((s) => s.id)).toEqual([c.id, b.id, a.id]);
    frozen.appendMessages(a.id, [{ role: 'user', content: [{ type: 'text', text: 'again' }] }]);
    expect(frozen.list().map((s) => s.id)).toEqual([a.id, c.id, b.id]);
  });

  it('filters by user and pages with limit and offset', () => {
    const ids = ['one', 'two', 'three', 'four'].map((n, i) => store.create({ id: n, userId: i % 2 ? 'bob' : 'alice', channel: 'panel' }).id);
    expect(store.list({ userId: 'alice' }).map((s) => s.id)).toEqual(['three', 'one']);
    expect(store.list({ userId: 'bob' }).map((s) => s.id)).toEqual(['four', 'two']);
    expect(store.list({ userId: 'nobody' })).toEqual([]);
    expect(store.list({ limit: 2, offset: 1 }).map((s) => s.id)).toEqual(['three', 'two']);
    expect(store.list({ limit: 0 })).toHaveLength(1); // clamped to at least one row
    expect(ids).toHaveLength(4);
  });

  it('searches titles and message text, ignoring case and accents, within one user', () => {
    const lights = store.create({ id: 'lights', userId: 'alice', channel: 'panel' });
    say(lights.id, 'Allume la LUMIÈRE du salon');
    store.appendMessages(lights.id, [{ role: 'assistant', content: [{ type: 'text', text: 'Done, the heater too.' }] }]);
    const named = store.create({ id: 'named', userId: 'alice', channel: 'panel', title: 'Chauffage été' });
    const bobs = store.create({ id: 'bobs', userId: 'bob', channel: 'panel' });
    say(bobs.id, 'lumière de la cave');

    expect(store.list({ userId: 'alice', search: 'lumiere' }).map((s) => s.id)).toEqual(['lights']);
    expect(store.list({ search: 'Lumière' }).map((s) => s.id)).toEqual(['bobs', 'lights']);
    expect(store.list({ userId: 'alice', search: 'HEATER' }).map((s) => s.id)).toEqual(['lights']);
    expect(store.list({ userId: 'alice', search: 'chauffage ete' }).map((s) => s.id)).toEqual([named.id]);
    expect(store.list({ userId: 'alice', search: '   ' })).toHaveLength(2); // blank search = no filter
  });

  it('treats % and _ in a search literally', () => {
    store.create({ id: 'plain', userId: 'alice', channel: 'panel', title: 'brightness 50 percent' });
    store.create({ id: 'literal', userId: 'alice', channel: 'panel', title: 'brightness 50%' });
    expect(store.list({ search: '%' }).map((s) => s.id)).toEqual(['literal']);
    expect(store.list({ search: '_' })).toEqual([]);
  });

  it('does not match the JSON around the text or tool payloads', () => {
    const c = store.create({ id: 'c', userId: 'alice', channel: 'panel', title: 'x' });
    store.appendMessages(c.id, TURN);
    expect(store.list({ search: 'tool_use' })).toEqual([]);
    expect(store.list({ search: 'light.kitchen' })).toEqual([]);
    expect(store.list({ search: 'kitchen lights' }).map((s) => s.id)).toEqual(['c']);
  });
});

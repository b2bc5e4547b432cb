import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/store/audit.js';
import { ConversationStore } from '../../src/store/conversations.js';
import { closeDatabase, openDatabase, type Database } from '../../src/store/database.js';
import { ingressHeaders, makeDeps } from '../unit/channels/http/support/fakes.js';
import { startServer, type RunningServer } from '../unit/channels/http/support/server.js';

// The real SQLite store behind the routes: proves the structural interfaces fit it.
let db: Database;
let store: ConversationStore;
let running: RunningServer;

beforeAll(async () => {
  db = openDatabase(':memory:');
  store = new ConversationStore(db);
  const mine = store.create({ id: 'mine', userId: 'u1', channel: 'http' });
  store.appendMessages(mine.id, [
    { role: 'user', content: [{ type: 'text', text: 'Is the garage door closed?' }] },
    { role: 'assistant', content: [{ type: 'text', text: 'Yes, it is closed.' }] },
  ]);
  store.create({ id: 'mine-too', userId: 'u1', channel: 'wyoming', title: 'Heating schedule' });
  store.create({ id: 'theirs', userId: 'u2', channel: 'http', title: 'Secret plans' });
  running = await startServer(makeDeps({ conversations: store, audit: new AuditLog(db) }));
});
afterAll(async () => {
  await running.server.stop();
  closeDatabase(db);
});

function api(path: string, init: RequestInit = {}, user = 'u1') {
  return fetch(`${running.url}${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', ...ingressHeaders(user), ...(init.headers as Record<string, string>) },
  });
}

describe('conversation history routes', () => {
  it('lists only the caller’s conversations, newest first', async () => {
    const res = await api('/api/conversations');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { conversations: Array<Record<string, unknown>> };
    expect(body.conversations.map((c) => c.id).sort()).toEqual(['mine', 'mine-too']);
    expect(body.conversations[0]).toEqual({
      id: expect.any(String),
      title: expect.any(String),
      channel: expect.any(String),
      created_at: expect.any(String),
      updated_at: expect.any(String),
      message_count: expect.any(Number),
    });
  });

  it('searches and limits', async () => {
    const found = (await (await api('/api/conversations?search=heating')).json()) as { conversations: Array<{ id: string }> };
    expect(found.conversations.map((c) => c.id)).toEqual(['mine-too']);
    const limited = (await (await api('/api/conversations?limit=1')).json()) as { conversations: unknown[] };
    expect(limited.conversations).toHaveLength(1);
    expect((await api('/api/conversations?limit=0')).status).toBe(400);
  });

  it('returns a conversation with its messages', async () => {
    const res = await api('/api/conversations/mine');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { conversation: { id: string; message_count: number }; messages: Array<{ seq: number; role: string; content: unknown }> };
    expect(body.conversation).toMatchObject({ id: 'mine', message_count: 2 });
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(body.messages[1]?.content).toEqual([{ type: 'text', text: 'Yes, it is closed.' }]);
  });

  it("hides another user's conversation behind 404 for read, rename and delete", async () => {
    for (const [method, body] of [['GET'], ['PATCH', { title: 'mine now' }], ['DELETE']] as const) {
      const res = await api('/api/conversations/theirs', { method, ...(body && { body: JSON.stringify(body) }) });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ code: 'not_found' });
    }
    expect(store.get('theirs')?.title).toBe('Secret plans');
    expect((await api('/api/conversations/nope')).status).toBe(404);
  });

  it('renames and deletes the caller’s own conversation', async () => {
    const renamed = await api('/api/conversations/mine-too', { method: 'PATCH', body: JSON.stringify({ title: '  Winter heating  ' }) });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ conversation: { id: 'mine-too', title: 'Winter heating' } });
    expect((await api('/api/conversations/mine-too', { method: 'PATCH', body: JSON.stringify({ title: ' ' }) })).status).toBe(400);

    const deleted = await api('/api/conversations/mine-too', { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect((await api('/api/conversations/mine-too')).status).toBe(404);
  });
});

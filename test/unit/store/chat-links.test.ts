import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChatLinkStore } from '../../../src/store/chat-links.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { useTempDir } from './temp-dir.js';

describe('ChatLinkStore', () => {
  const tmp = useTempDir();
  let db: Database;
  let store: ChatLinkStore;

  beforeEach(() => {
    db = openDatabase(tmp.path('majordome.db'));
    store = new ChatLinkStore(db);
  });
  afterEach(() => {
    closeDatabase(db);
    tmp.cleanup();
  });

  it('gives a chat one pairing code: a second request is refused, so the code is sent once', () => {
    expect(store.request('telegram', '42', 'Stranger', 'AAAA-BBBB')).toMatchObject({ code: 'AAAA-BBBB', label: 'Stranger' });
    expect(store.request('telegram', '42', 'Stranger', 'CCCC-DDDD')).toBeUndefined();
    expect(store.pairing('telegram', '42')?.code).toBe('AAAA-BBBB');
    expect(store.isPaired('telegram', '42')).toBe(false);
  });

  it('confirms a pending code once, and the chat stays allowed after a reopen', () => {
    store.request('telegram', '42', 'Stranger', 'AAAA-BBBB');
    expect(store.confirm('ZZZZ-ZZZZ', 'user-admin')).toBeUndefined();
    expect(store.confirm('AAAA-BBBB', 'user-admin')).toMatchObject({ chatId: '42', confirmedBy: 'user-admin' });
    expect(store.confirm('AAAA-BBBB', 'user-admin')).toBeUndefined();
    closeDatabase(db);
    db = openDatabase(tmp.path('majordome.db'));
    expect(new ChatLinkStore(db).isPaired('telegram', '42')).toBe(true);
    expect(new ChatLinkStore(db).isPaired('slack', '42')).toBe(false);
  });

  it('maps a chat key to the conversation it continues', () => {
    expect(store.conversationOf('slack', 'C1:1700.1')).toBeUndefined();
    store.link('slack', 'C1:1700.1', 'conv-1');
    store.link('slack', 'C1:1700.1', 'conv-2');
    expect(store.conversationOf('slack', 'C1:1700.1')).toBe('conv-2');
    expect(store.list()).toEqual([]);
  });
});

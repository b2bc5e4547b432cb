import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigVersionStore } from '../../../src/store/config-versions.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { useTempDir } from './temp-dir.js';

const tmp = useTempDir();
let db: Database;
let versions: ConfigVersionStore;

beforeEach(() => {
  db = openDatabase(tmp.path('majordome.db'));
  versions = new ConfigVersionStore(db, { now: () => new Date('2026-05-01T10:00:00Z') });
});
afterEach(() => {
  closeDatabase(db);
  tmp.cleanup();
});

describe('ConfigVersionStore', () => {
  it('keeps what an item was before each change, numbered per item, and survives a restart', () => {
    expect(versions.keep('automation', '1', undefined, 'created', 'alice')).toBe(1);
    expect(versions.keep('automation', '1', { alias: 'A' }, 'edited', 'alice')).toBe(2);
    expect(versions.keep('script', '1', { alias: 'S' }, 'deleted', 'bob')).toBe(1);
    closeDatabase(db);
    db = openDatabase(tmp.path('majordome.db'));
    const again = new ConfigVersionStore(db);
    expect(again.list('automation', '1')).toEqual([
      { kind: 'automation', itemId: '1', version: 1, change: 'created', changedBy: 'alice', changedAt: '2026-05-01T10:00:00.000Z' },
      { kind: 'automation', itemId: '1', version: 2, config: { alias: 'A' }, change: 'edited', changedBy: 'alice', changedAt: '2026-05-01T10:00:00.000Z' },
    ]);
    expect(again.get('script', '1', 1)?.config).toEqual({ alias: 'S' });
    expect(again.get('script', '1', 2)).toBeUndefined();
  });
});

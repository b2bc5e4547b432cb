import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { MemoryStore, toFtsQuery } from '../../../src/store/memories.js';
import { useTempDir } from './temp-dir.js';

const tmp = useTempDir();
let db: Database;
let memories: MemoryStore;

beforeEach(() => {
  db = openDatabase(tmp.path('majordome.db'));
  memories = new MemoryStore(db);
});
afterEach(() => {
  closeDatabase(db);
  tmp.cleanup();
});

describe('MemoryStore', () => {
  it('finds the most relevant facts of a user, never another user’s', () => {
    memories.save('alice', 'My daughter Léa is allergic to peanuts');
    memories.save('alice', 'I like the living room at 21 degrees');
    memories.save('bob', 'My daughter is called Zoé');
    const found = memories.find('alice', 'what is my daughter allergic to?');
    expect(found.map((m) => m.fact)).toEqual(['My daughter Léa is allergic to peanuts']);
    expect(memories.find('bob', 'peanuts allergic')).toEqual([]);
  });

  it('corrects a fact in place: search finds the new words, never the old, and only its owner may correct it', () => {
    const train = memories.save('alice', 'I take the 8:12 train on weekdays');
    expect(memories.update('bob', train.id, 'hijacked')).toBeUndefined();
    expect(memories.update('alice', train.id, 'I cycle to work on weekdays')).toMatchObject({ id: train.id, fact: 'I cycle to work on weekdays' });
    expect(memories.find('alice', 'train')).toEqual([]);
    expect(memories.find('alice', 'cycle').map((m) => m.fact)).toEqual(['I cycle to work on weekdays']);
    expect(memories.ownerOf(train.id)).toBe('alice');
    memories.save('bob', 'Bob likes jazz');
    expect(memories.listAll().map((m) => m.userId)).toEqual(['bob', 'alice']);
    expect(memories.delete('alice', train.id)).toBe(true);
    expect(memories.find('alice', 'cycle')).toEqual([]);
  });

  it('finds a first memory saved after a search found none, and none once the last one is deleted', () => {
    expect(memories.find('carol', 'where is the spare key')).toEqual([]);
    const saved = memories.save('carol', 'The spare key is under the blue pot');
    expect(memories.find('carol', 'where is the spare key').map((m) => m.fact)).toEqual(['The spare key is under the blue pot']);
    expect(memories.delete('carol', saved.id)).toBe(true);
    expect(memories.find('carol', 'spare key')).toEqual([]);
    // Another store on the same file (a restart) sees what this one wrote.
    memories.save('dave', 'Bins go out on Thursday');
    expect(new MemoryStore(db).find('dave', 'bins')).toHaveLength(1);
  });

  it('matches word prefixes and ignores accents and FTS syntax in the query', () => {
    memories.save('alice', 'The bins go out on Thursday evening');
    expect(memories.find('alice', 'BIN "thursday" AND NOT)(*')).toHaveLength(1);
    memories.save('alice', 'Réunion des parents le mardi');
    expect(memories.find('alice', 'reunion')).toHaveLength(1);
    expect(memories.find('alice', '?!')).toEqual([]);
  });

  it('lists newest first, deletes only the owner’s memory, and keeps search in step', () => {
    const first = memories.save('alice', 'Parking spot is number 12');
    memories.save('alice', 'Wifi guest network is called Garden');
    expect(memories.save('alice', 'Parking spot is number 12').id).toBe(first.id);
    expect(memories.list('alice').map((m) => m.fact)).toEqual(['Wifi guest network is called Garden', 'Parking spot is number 12']);
    expect(memories.delete('bob', first.id)).toBe(false);
    expect(memories.delete('alice', first.id)).toBe(true);
    expect(memories.find('alice', 'parking')).toEqual([]);
    expect(memories.list('alice')).toHaveLength(1);
  });

  it('builds OR prefix queries from words only', () => {
    expect(toFtsQuery('Peanut, allergy!')).toBe('"peanut"* OR "allergy"*');
    expect(toFtsQuery('a')).toBeUndefined();
  });
});

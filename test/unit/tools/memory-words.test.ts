/** What the memory tools' cards say, in the person's language. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { MemoryStore } from '../../../src/store/memories.js';
import { createMemorySaveTool, createMemorySearchTool } from '../../../src/tools/memory.js';
import type { ToolContext } from '../../../src/tools/tool.js';

const inLanguage = (language: string): ToolContext => ({ user: { id: 'u1', via: 'ingress' }, conversationId: 'c1', signal: new AbortController().signal, language });

describe('the memory tools in French', () => {
  let db: Database;
  let memories: MemoryStore;

  beforeEach(() => {
    db = openDatabase(':memory:');
    memories = new MemoryStore(db);
  });
  afterEach(() => closeDatabase(db));

  it('says a fact was remembered, a secret was not, and how many were found', async () => {
    const save = createMemorySaveTool({ memories });
    const search = createMemorySearchTool({ memories });
    expect((await save.execute({ fact: 'Anna aime le thé' }, inLanguage('fr'))).summary).toBe('Retenu');
    expect((await save.execute({ fact: 'mot de passe : hunter22' }, inLanguage('fr'))).summary).toBe('secret non retenu');
    expect((await search.execute({ query: 'thé' }, inLanguage('fr'))).summary).toBe('1 souvenir trouvé');
    expect((await search.execute({ query: 'café' }, inLanguage('fr'))).summary).toBe('0 souvenir trouvé');
    expect((await search.execute({ query: 'thé' }, inLanguage('en'))).summary).toBe('1 memory found');
  });
});

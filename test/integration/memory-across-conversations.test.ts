/**
 * Long-term memory: what a user asked to remember in one conversation reaches the model in the
 * per-turn system block of their other conversations, never another user's, and never a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedRequest } from '../fake-llm/index.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

const BOB = { 'x-remote-user-id': 'user-bob', 'x-remote-user-name': 'bob', 'x-remote-user-display-name': 'Bob' };
const FACT = 'My daughter Léa is allergic to peanuts';

/** The system blocks of a request: the cached stable part first, the per-turn part after. */
function systemBlocks(request: RecordedRequest | undefined): string[] {
  const system = request?.body.system;
  if (!system) return [];
  return typeof system === 'string' ? [system] : system.map((block) => block.text);
}

describe('memories across conversations', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome() });
  });
  afterAll(async () => stack?.stop());

  it('are saved in one conversation and used in another of the same user only', async () => {
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'memory_save', input: { fact: FACT } }] },
      { content: [{ type: 'text', text: 'I will remember that.' }] },
    );
    const first = await chat(stack.url, { message: `Remember: ${FACT.toLowerCase()}` });
    expect(first.find((e) => e.type === 'tool_result')).toMatchObject({ ok: true, summary: 'Remembered' });

    stack.llm.enqueue({ content: [{ type: 'text', text: 'No peanut butter for Léa.' }] });
    await chat(stack.url, { message: 'Can I make a peanut butter sandwich for my daughter?' });
    const [stable, perTurn] = systemBlocks(stack.llm.requests.at(-1));
    expect(perTurn).toContain(FACT);
    expect(stable).not.toContain('peanuts');

    stack.llm.enqueue({ content: [{ type: 'text', text: 'Sure.' }] });
    await chat(stack.url, { message: 'Can I make a peanut butter sandwich for my daughter?' }, BOB);
    expect(systemBlocks(stack.llm.requests.at(-1)).join('\n')).not.toContain('peanuts');

    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'memory_search', input: { query: 'allergy peanuts' } }] },
      { content: [{ type: 'text', text: 'Nothing.' }] },
    );
    const search = await chat(stack.url, { message: 'what do you know about allergies?' }, BOB);
    expect(search.find((e) => e.type === 'tool_result')).toMatchObject({ ok: true, summary: '0 memories found' });
  });

  it('never stores a secret, and lists and deletes a user’s memories in the panel API', async () => {
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'memory_save', input: { fact: 'The alarm code is 4921' } }] },
      { content: [{ type: 'tool_use', name: 'memory_save', input: { fact: `My API key is ${stack.llm.apiKey}` } }] },
      { content: [{ type: 'text', text: 'I cannot keep secrets.' }] },
    );
    const events = await chat(stack.url, { message: 'remember the alarm code 4921 and my key' });
    expect(events.filter((e) => e.type === 'tool_result')).toEqual([
      expect.objectContaining({ ok: false, summary: 'secret not remembered' }),
      expect.objectContaining({ ok: false, summary: 'secret not remembered' }),
    ]);

    const mine = (await (await fetch(`${stack.url}/api/memories`, { headers: TEST_USER_HEADERS })).json()) as { memories: Array<{ id: number; fact: string }> };
    expect(mine.memories.map((m) => m.fact)).toEqual([FACT]);
    const id = mine.memories[0]?.id;
    expect((await fetch(`${stack.url}/api/memories/${id}`, { method: 'DELETE', headers: BOB })).status).toBe(404);
    expect((await fetch(`${stack.url}/api/memories/${id}`, { method: 'DELETE', headers: TEST_USER_HEADERS })).status).toBe(204);
    const after = (await (await fetch(`${stack.url}/api/memories`, { headers: TEST_USER_HEADERS })).json()) as { memories: unknown[] };
    expect(after.memories).toEqual([]);
    expect((await fetch(`${stack.url}/api/memories`)).status).toBe(401);
  });
});

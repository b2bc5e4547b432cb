/**
 * What the panel's pages show when the server refuses (a memory corrected into a secret, a task or
 * memory gone, a conversation that is not there) reads in the panel's language (`?language=`), or
 * in the option language when the request names none. Codes stay as they were. Real server, HA
 * simulator, fake model through the real SDK.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

async function call(stack: Stack, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${stack.url}/api/${path}`, {
    method,
    headers: { ...TEST_USER_HEADERS, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: res.status === 204 ? undefined : await res.json() };
}

describe('the panel’s refusals in French', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome() });
  });
  afterAll(async () => stack?.stop());

  it('refuses in French to turn a memory into a secret, and says a memory or a task is not there', async () => {
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'memory_save', input: { fact: 'Léa is allergic to peanuts' } }] },
      { content: [{ type: 'text', text: 'Noté.' }] },
    );
    await chat(stack.url, { message: 'retiens que Léa est allergique', language: 'fr' });
    const { memories } = (await call(stack, 'GET', 'memories')).body as { memories: Array<{ id: number }> };
    const id = memories[0]?.id;

    expect(await call(stack, 'PATCH', `memories/${id}?language=fr`, { fact: 'The alarm code is 4921' })).toEqual({
      status: 422,
      body: { code: 'invalid_request', error: 'Cela ressemble à un mot de passe, un code ou une clé ; les secrets ne sont jamais gardés comme souvenirs.' },
    });
    expect(await call(stack, 'DELETE', 'memories/999999?language=fr')).toEqual({ status: 404, body: { code: 'not_found', error: 'Vous n’avez aucun souvenir avec cet identifiant.' } });
    expect(await call(stack, 'DELETE', 'tasks/no-such-task?language=fr')).toEqual({ status: 404, body: { code: 'not_found', error: 'Vous n’avez aucune tâche avec cet identifiant.' } });
    expect(await call(stack, 'POST', 'tasks/no-such-task?language=fr', { paused: true })).toEqual({ status: 404, body: { code: 'not_found', error: 'Vous n’avez aucune tâche avec cet identifiant.' } });
    expect(await call(stack, 'GET', 'conversations/no-such-conversation?language=fr')).toEqual({ status: 404, body: { code: 'not_found', error: 'Cette conversation n’existe pas.' } });
    // Without a language, the option's (English here).
    expect(await call(stack, 'DELETE', 'memories/999999')).toEqual({ status: 404, body: { code: 'not_found', error: 'You have no memory with this id.' } });
  });
});

describe('a French-speaking Majordome (language: fr)', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), options: { language: 'fr' } });
  });
  afterAll(async () => stack?.stop());

  it('refuses in French when the request names no language', async () => {
    expect(await call(stack, 'DELETE', 'tasks/no-such-task')).toEqual({ status: 404, body: { code: 'not_found', error: 'Vous n’avez aucune tâche avec cet identifiant.' } });
    expect(await call(stack, 'GET', 'conversations/no-such-conversation/turn')).toEqual({ status: 404, body: { code: 'not_found', error: 'Aucune réponse n’est en cours dans cette conversation.' } });
  });
});

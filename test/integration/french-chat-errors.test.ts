/**
 * What the chat says itself when an answer cannot run or stops (too many at once, stopped,
 * Majordome shutting down, no model, another person's conversation) reads in the asking person's
 * language: the panel's `language` on an English server. The machine `code` stays as it was.
 * Real server, HA simulator, fake model through the real SDK.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/contracts/chat-events.js';
import type { FakeReply } from '../fake-llm/index.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startIngressProxy, type IngressProxy } from '../support/ingress-proxy.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { closeAllSockets, connect } from '../unit/channels/socket/support/socket-client.js';

const BOB = { 'x-remote-user-id': 'user-bob', 'x-remote-user-name': 'bob', 'x-remote-user-display-name': 'Bob' };
const ALICE_USER = { id: 'user-admin', name: 'alice', displayName: 'Alice' };

/** A model answer that takes a minute: the turn stays running until it is stopped. */
const slow: FakeReply = { content: [{ type: 'text', text: 'Un instant…' }], delayMs: 60_000 };

/** Starts a chat turn in French and returns its open stream and conversation id. */
async function startFrench(stack: Stack, message: string): Promise<{ res: Response; conversationId: string }> {
  const res = await fetch(`${stack.url}/api/chat`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
    body: JSON.stringify({ message, language: 'fr' }),
  });
  if (!res.ok) throw new Error(`chat answered ${res.status}`);
  return { res, conversationId: res.headers.get('x-conversation-id') ?? '' };
}

/** Every event of a stream, until the server ends it. */
async function eventsOf(res: Response): Promise<ChatEvent[]> {
  const text = await res.text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('data:'))
    .map((line) => JSON.parse(line.slice(5).trim()) as ChatEvent);
}

describe('the chat’s own errors in the asking person’s language', () => {
  let stack: Stack;
  let proxy: IngressProxy;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome() });
    proxy = await startIngressProxy({ target: stack.url, user: ALICE_USER });
  });
  afterEach(() => closeAllSockets());
  afterAll(async () => {
    await proxy?.stop();
    await stack?.stop();
  });

  it('refuses a fifth running answer in French, over HTTP and the panel socket, and a stopped answer ends in French', async () => {
    for (let i = 0; i < 4; i++) stack.llm.enqueue(slow);
    const running = await Promise.all([0, 1, 2, 3].map((i) => startFrench(stack, `tâche ${i}`)));

    const fifth = await fetch(`${stack.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
      body: JSON.stringify({ message: 'encore une', language: 'fr' }),
    });
    expect(fifth.status).toBe(429);
    expect(await fifth.json()).toEqual({ code: 'busy', error: 'Trop de réponses sont en cours en même temps ; attendez qu’une se termine ou arrêtez-en une.' });
    const socket = await connect(proxy.url);
    expect(await socket.emitWithAck('chat:send', { message: 'encore une', language: 'fr' })).toEqual({
      ok: false,
      code: 'busy',
      error: 'Trop de réponses sont en cours en même temps ; attendez qu’une se termine ou arrêtez-en une.',
    });

    for (const turn of running) {
      const stopped = await fetch(`${stack.url}/api/conversations/${turn.conversationId}/turn`, { method: 'DELETE', headers: TEST_USER_HEADERS });
      expect(stopped.status).toBe(200);
      expect((await eventsOf(turn.res)).at(-1)).toEqual({ type: 'error', message: 'Arrêté.', code: 'cancelled' });
    }
  });

  it('says in French that another person’s conversation or a stopped answer is not there', async () => {
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Bonjour.' }] });
    const mine = await chat(stack.url, { message: 'bonjour', language: 'fr' });
    const conversationId = String(mine.find((e) => e['type'] === 'done')?.['conversation_id']);
    const res = await fetch(`${stack.url}/api/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...BOB },
      body: JSON.stringify({ message: 'je lis', conversation_id: conversationId, language: 'fr' }),
    });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'not_found', error: 'Cette conversation n’existe pas.' });

    const none = await fetch(`${stack.url}/api/conversations/${conversationId}/turn?language=fr`, { headers: TEST_USER_HEADERS });
    expect(none.status).toBe(404);
    expect(await none.json()).toEqual({ code: 'not_found', error: 'Aucune réponse n’est en cours dans cette conversation.' });
  });

  it('ends a running answer in French when Majordome stops', async () => {
    stack.llm.enqueue(slow);
    const turn = await startFrench(stack, 'une longue tâche');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await stack.majordome.stop();
    expect((await eventsOf(turn.res)).at(-1)).toEqual({ type: 'error', message: 'Majordome s’arrête.', code: 'cancelled' });
  });
});

describe('a French speaker on a Majordome without a model', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), options: { anthropic_api_key: undefined } });
  });
  afterAll(async () => stack?.stop());

  it('is told in French what to set, the option names as they are', async () => {
    const events = await chat(stack.url, { message: 'allume la cuisine', language: 'fr' });
    expect(events.at(-1)).toEqual({
      type: 'error',
      code: 'model_not_configured',
      message:
        'Aucun modèle n’est configuré : renseignez anthropic_api_key dans les options de l’add-on (ou openai_api_key / openai_base_url avec llm_provider « openai » ; ANTHROPIC_API_KEY pour la démo).',
    });
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/contracts/chat-events.js';
import { ModelError } from '../../src/errors.js';
import { ingressHeaders, makeDeps } from '../unit/channels/http/support/fakes.js';
import { startServer, type RunningServer } from '../unit/channels/http/support/server.js';
import { parseSse, readEventsUntil } from '../unit/channels/http/support/sse-client.js';

let running: RunningServer | undefined;
afterEach(async () => {
  await running?.server.stop();
  running = undefined;
});

async function serve(deps: ReturnType<typeof makeDeps>): Promise<string> {
  running = await startServer(deps);
  return running.url;
}

function chat(url: string, body: unknown, headers: Record<string, string> = ingressHeaders('u1'), signal?: AbortSignal) {
  return fetch(`${url}/api/chat`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    ...(signal && { signal }),
  });
}

describe('POST /api/chat', () => {
  it('streams the turn events in order as SSE and ends with done', async () => {
    const deps = makeDeps();
    deps.agent.script = async (req, sink) => {
      sink({ type: 'text', delta: 'Turning on ' });
      sink({ type: 'tool_call', id: 't1', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on' } });
      sink({ type: 'tool_result', id: 't1', ok: true, summary: 'light.kitchen on' });
      sink({ type: 'text', delta: 'the kitchen light.' });
      sink({ type: 'done', conversation_id: 'conv-9', text: 'Turning on the kitchen light.' });
      return { conversationId: 'conv-9', text: 'Turning on the kitchen light.' };
    };
    const url = await serve(deps);
    const res = await chat(url, { message: 'Turn on the kitchen light' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-accel-buffering')).toBe('no');
    const { events } = parseSse(await res.text());
    expect(events.map((e) => e.type)).toEqual(['text', 'tool_call', 'tool_result', 'text', 'done']);
    expect(events.at(-1)).toEqual({ type: 'done', conversation_id: 'conv-9', text: 'Turning on the kitchen light.' });
    expect(deps.agent.requests[0]).toMatchObject({ text: 'Turn on the kitchen light', channel: 'http', user: { id: 'u1' } });
  });

  it('sends done from the outcome when the agent did not emit one itself', async () => {
    const deps = makeDeps();
    const url = await serve(deps);
    const { events } = parseSse(await (await chat(url, { message: 'hi' })).text());
    expect(events).toEqual([
      { type: 'text', delta: 'ok' },
      { type: 'done', conversation_id: deps.agent.requests[0]?.conversationId, text: 'ok' },
    ]);
  });

  it('sends keep-alive comments while the model is quiet', async () => {
    const deps = makeDeps({ keepAliveMs: 5 });
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    deps.agent.script = async (_req, sink) => {
      sink({ type: 'text', delta: 'thinking' });
      await released;
      return { conversationId: 'c', text: 'thinking' };
    };
    const url = await serve(deps);
    const res = await chat(url, { message: 'hi' });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (!text.includes(': keep-alive')) text += decoder.decode((await reader.read()).value);
    release();
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += decoder.decode(r.value);
    const { events, comments } = parseSse(text);
    expect(comments).toBeGreaterThan(0);
    expect(events.at(-1)?.type).toBe('done');
  });

  it('a client that goes away cancels nothing: the turn runs on and another client attaches to it', async () => {
    const deps = makeDeps();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let signal!: AbortSignal;
    deps.agent.script = async (req, sink) => {
      signal = req.signal;
      sink({ type: 'approval_required', approval_id: 'a1', tool: 'shell_run', summary: 'ls', input: { command: 'ls' } });
      await finished;
      sink({ type: 'approval_resolved', approval_id: 'a1', decision: 'approve', by: 'u1' });
      sink({ type: 'text', delta: 'Two files.' });
      return { conversationId: req.conversationId ?? '', text: 'Two files.' };
    };
    const url = await serve(deps);
    const client = new AbortController();
    const res = await chat(url, { message: 'run ls' }, ingressHeaders('u1'), client.signal);
    const conversationId = res.headers.get('x-conversation-id') ?? '';
    expect(conversationId).toMatch(/^[0-9a-f-]{36}$/);
    await readEventsUntil(res, (e) => e.type === 'approval_required');
    client.abort();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signal.aborted).toBe(false);

    // Someone else cannot see it; its owner can, from the start.
    expect((await fetch(`${url}/api/conversations/${conversationId}/turn`, { headers: ingressHeaders('u2') })).status).toBe(404);
    const again = await fetch(`${url}/api/conversations/${conversationId}/turn`, { headers: ingressHeaders('u1') });
    expect(again.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const replayed = await readEventsUntil(again, (e) => e.type === 'approval_required');
    expect(replayed.events).toEqual([{ type: 'approval_required', approval_id: 'a1', tool: 'shell_run', summary: 'ls', input: { command: 'ls' } }]);
    finish();
    const rest = await readEventsUntil(replayed.reader, (e) => e.type === 'done');
    expect(rest.events.map((e) => e.type)).toEqual(['approval_resolved', 'text', 'done']);
    expect(rest.events.at(-1)).toEqual({ type: 'done', conversation_id: conversationId, text: 'Two files.' });
    // Finished turns are forgotten: the answer is in the conversation.
    expect((await fetch(`${url}/api/conversations/${conversationId}/turn`, { headers: ingressHeaders('u1') })).status).toBe(404);
  });

  it('DELETE /api/conversations/:id/turn stops the running turn for its owner only', async () => {
    const deps = makeDeps();
    deps.agent.script = (req, sink) =>
      new Promise((_resolve, reject) => {
        sink({ type: 'text', delta: 'Thinking…' });
        req.signal.addEventListener('abort', () => reject(req.signal.reason));
      });
    const url = await serve(deps);
    const res = await chat(url, { message: 'long task', conversation_id: 'c-long' });
    const first = await readEventsUntil(res, (e) => e.type === 'text');
    const stop = (user: string) => fetch(`${url}/api/conversations/c-long/turn`, { method: 'DELETE', headers: ingressHeaders(user) });
    expect((await stop('u2')).status).toBe(404);
    expect(await (await stop('u1')).json()).toEqual({ ok: true });
    const rest = await readEventsUntil(first.reader, (e) => e.type === 'error');
    expect(rest.events.at(-1)).toEqual({ type: 'error', message: 'Stopped.', code: 'cancelled' });
  });

  it('turns an exception from the agent into a single error event', async () => {
    const deps = makeDeps();
    deps.agent.script = async (_req, sink) => {
      sink({ type: 'text', delta: 'partial' });
      throw new ModelError('model_unavailable', 'The model is overloaded; try again shortly.');
    };
    const url = await serve(deps);
    const { events } = parseSse(await (await chat(url, { message: 'hi' })).text());
    expect(events).toEqual<ChatEvent[]>([
      { type: 'text', delta: 'partial' },
      { type: 'error', message: 'The model is overloaded; try again shortly.', code: 'model_unavailable' },
    ]);
  });

  it("refuses another user's conversation with 404 before streaming", async () => {
    const deps = makeDeps();
    deps.conversations.add('theirs', 'u2');
    const url = await serve(deps);
    const res = await chat(url, { message: 'hi', conversation_id: 'theirs' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ code: 'not_found' });
    expect(deps.agent.requests).toHaveLength(0);
  });

  it('continues the caller’s own conversation', async () => {
    const deps = makeDeps();
    deps.conversations.add('mine', 'u1');
    const url = await serve(deps);
    const res = await chat(url, { message: 'and now?', conversation_id: 'mine', language: 'fr' });
    expect(res.status).toBe(200);
    await res.text();
    expect(deps.agent.requests[0]).toMatchObject({ conversationId: 'mine', language: 'fr' });
  });

  it('answers bad requests with 400 JSON', async () => {
    const url = await serve(makeDeps());
    const badJson = await chat(url, '{"message": ');
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toMatchObject({ code: 'invalid_json', error: expect.any(String) });
    for (const body of [{}, { message: '' }, { message: '   ' }, { message: 'x'.repeat(8001) }, { message: 42 }]) {
      const res = await chat(url, body);
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'invalid_request' });
    }
  });

  it('refuses bodies over 64 KB and bodies that are not JSON', async () => {
    const url = await serve(makeDeps());
    const big = await chat(url, { message: 'hi', padding: 'x'.repeat(70 * 1024) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ code: 'payload_too_large' });
    const form = await fetch(`${url}/api/chat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...ingressHeaders('u1') },
      body: 'message=hi',
    });
    expect(form.status).toBe(415);
  });

  it('refuses cross-site requests (CSRF) with 403', async () => {
    const deps = makeDeps();
    const url = await serve(deps);
    const res = await chat(url, { message: 'unlock the door' }, { ...ingressHeaders('u1'), 'Sec-Fetch-Site': 'cross-site' });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: 'forbidden' });
    expect(deps.agent.requests).toHaveLength(0);
    const sameOrigin = await chat(url, { message: 'hi' }, { ...ingressHeaders('u1'), 'Sec-Fetch-Site': 'same-origin' });
    expect(sameOrigin.status).toBe(200);
    await sameOrigin.text();
  });

  it('closes open streams on stop; the turns stop with their owner (main stops them on shutdown)', async () => {
    const deps = makeDeps();
    let sawAbort!: () => void;
    const aborted = new Promise<void>((resolve) => (sawAbort = resolve));
    deps.agent.script = (req, sink) =>
      new Promise((_resolve, reject) => {
        sink({ type: 'text', delta: 'waiting' });
        req.signal.addEventListener('abort', () => {
          sawAbort();
          reject(req.signal.reason);
        });
      });
    const url = await serve(deps);
    const res = await chat(url, { message: 'hi' });
    await readEventsUntil(res, (e) => e.type === 'text');
    await running!.server.stop();
    running = undefined;
    await deps.turns.stopAll();
    await aborted;
  });
});

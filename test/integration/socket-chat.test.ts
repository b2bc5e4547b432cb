import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../src/contracts/chat-events.js';
import { ModelError } from '../../src/errors.js';
import type { TurnRequest } from '../../src/contracts/turns.js';
import { until } from '../support/until.js';
import { closeAllSockets, connect, nextEvent, sendMessage, type PanelSocket } from '../unit/channels/socket/support/socket-client.js';
import { ingressUser, startSocketServer, type SocketServer } from '../unit/channels/socket/support/socket-server.js';

let server: SocketServer | undefined;
afterEach(async () => {
  closeAllSockets();
  await server?.stop();
  server = undefined;
});

async function panelFor(userId: string): Promise<PanelSocket> {
  const proxy = await server!.proxyFor(ingressUser(userId));
  return connect(proxy.url);
}

/** An agent turn that runs until it is aborted, then fails with the abort reason (as the real agent does). */
function untilAborted(onStart: (req: TurnRequest) => void = () => undefined) {
  return (req: TurnRequest, sink: (e: ChatEvent) => void) =>
    new Promise<never>((_resolve, reject) => {
      sink({ type: 'text', delta: 'Thinking…' });
      req.signal.addEventListener('abort', () => reject(req.signal.reason));
      onStart(req);
    });
}

describe('chat over socket.io', () => {
  it('acks with a turn id first, then streams the turn events in order and ends with done', async () => {
    server = await startSocketServer();
    server.deps.agent.script = async (_req, sink) => {
      sink({ type: 'text', delta: 'Turning on ' });
      sink({ type: 'tool_call', id: 't1', name: 'ha_call_service', input: { domain: 'light', service: 'turn_on' } });
      sink({ type: 'tool_result', id: 't1', ok: true, summary: 'light.kitchen on' });
      sink({ type: 'text', delta: 'the kitchen light.' });
      sink({ type: 'done', conversation_id: 'conv-9', text: 'Turning on the kitchen light.' });
      return { conversationId: 'conv-9', text: 'Turning on the kitchen light.' };
    };
    const socket = await panelFor('u1');
    const turn = await sendMessage(socket, { message: 'Turn on the kitchen light', conversation_id: 'conv-9' });
    expect(turn.ack).toMatchObject({ ok: true, turn_id: expect.any(String) });
    expect(turn.ackFirst).toBe(true);
    expect(turn.events.map((e) => e.type)).toEqual(['text', 'tool_call', 'tool_result', 'text', 'done']);
    expect(turn.events.at(-1)).toEqual({ type: 'done', conversation_id: 'conv-9', text: 'Turning on the kitchen light.' });
    expect(server.deps.agent.requests[0]).toMatchObject({ conversationId: 'conv-9' });
  });

  it('sends done from the outcome when the agent did not, and an error event when the agent fails', async () => {
    server = await startSocketServer();
    const socket = await panelFor('u1');
    const first = await sendMessage(socket, { message: 'hi' });
    expect(first.ack).toMatchObject({ ok: true, conversation_id: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(first.events).toEqual([
      { type: 'text', delta: 'ok' },
      { type: 'done', conversation_id: first.ack.ok ? first.ack.conversation_id : undefined, text: 'ok' },
    ]);
    server.deps.agent.script = async (_req, sink) => {
      sink({ type: 'text', delta: 'partial' });
      throw new ModelError('model_unavailable', 'The model is overloaded; try again shortly.');
    };
    expect((await sendMessage(socket, { message: 'hi' })).events).toEqual([
      { type: 'text', delta: 'partial' },
      { type: 'error', message: 'The model is overloaded; try again shortly.', code: 'model_unavailable' },
    ]);
    server.deps.agent.script = async () => {
      throw new Error('secret internals at /var/lib/x');
    };
    expect((await sendMessage(socket, { message: 'hi' })).events).toEqual([
      { type: 'error', message: 'Something went wrong while answering.', code: 'internal' },
    ]);
  });

  it('refuses malformed messages with invalid_input and never starts a turn', async () => {
    server = await startSocketServer();
    const socket = await panelFor('u1');
    for (const bad of [{}, { message: '' }, { message: '   ' }, { message: 'x'.repeat(8001) }, { message: 'hi', language: 'not a tag!' }, 'hello', null]) {
      const ack = await socket.emitWithAck('chat:send', bad as never);
      expect(ack).toMatchObject({ ok: false, code: 'invalid_input', error: expect.any(String) });
    }
    expect(server.deps.agent.requests).toHaveLength(0);
  });

  it("refuses another user's conversation as if it did not exist", async () => {
    server = await startSocketServer();
    server.deps.conversations.add('theirs', 'u2');
    server.deps.conversations.add('mine', 'u1');
    const socket = await panelFor('u1');
    const refused = await sendMessage(socket, { message: 'what did they say?', conversation_id: 'theirs' });
    expect(refused.ack).toEqual({ ok: false, code: 'not_found', error: 'No such conversation.' });
    expect(server.deps.agent.requests).toHaveLength(0);
    expect((await sendMessage(socket, { message: 'hi', conversation_id: 'mine' })).ack.ok).toBe(true);
  });

  it('chat:stop aborts the running turn, which ends with a cancelled error', async () => {
    server = await startSocketServer();
    server.deps.agent.script = untilAborted();
    const socket = await panelFor('u1');
    let acked!: (id: string) => void;
    const ackedId = new Promise<string>((resolve) => (acked = resolve));
    const turn = sendMessage(socket, { message: 'long task' }, acked);
    const turnId = await ackedId;
    expect(await socket.emitWithAck('chat:stop', { turn_id: turnId })).toEqual({ ok: true });
    const { events } = await turn;
    expect(events).toEqual([
      { type: 'text', delta: 'Thinking…' },
      { type: 'error', message: 'Stopped.', code: 'cancelled' },
    ]);
    expect(server.deps.agent.requests[0]?.signal.aborted).toBe(true);
    // Once finished, the turn is gone.
    expect(await socket.emitWithAck('chat:stop', { turn_id: turnId })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it("does not let another user stop someone's turn, but lets the owner stop it from another tab", async () => {
    server = await startSocketServer();
    server.deps.agent.script = untilAborted();
    const owner = await panelFor('u1');
    const otherTab = await panelFor('u1');
    const stranger = await panelFor('u2');
    let acked!: (id: string) => void;
    const ackedId = new Promise<string>((resolve) => (acked = resolve));
    const turn = sendMessage(owner, { message: 'long task' }, acked);
    const turnId = await ackedId;
    expect(await stranger.emitWithAck('chat:stop', { turn_id: turnId })).toMatchObject({ ok: false, code: 'not_found' });
    expect(await stranger.emitWithAck('chat:stop', {} as never)).toMatchObject({ ok: false, code: 'invalid_input' });
    expect(server.deps.agent.requests[0]?.signal.aborted).toBe(false);
    expect(await otherTab.emitWithAck('chat:stop', { turn_id: turnId })).toEqual({ ok: true });
    expect((await turn).events.at(-1)).toMatchObject({ type: 'error', code: 'cancelled' });
  });

  it('a panel that disconnects stops listening, not the turn; another tab attaches and sees it all', async () => {
    server = await startSocketServer();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let signal!: AbortSignal;
    server.deps.agent.script = async (req, sink) => {
      signal = req.signal;
      sink({ type: 'text', delta: 'Asking ' });
      sink({ type: 'text', delta: 'first.' });
      sink({ type: 'approval_required', approval_id: 'a1', tool: 'ha_call_service', summary: 'Unlock lock.front_door', input: {} });
      await finished;
      sink({ type: 'approval_resolved', approval_id: 'a1', decision: 'approve', by: 'u1' });
      return { conversationId: req.conversationId ?? '', text: 'Unlocked.' };
    };
    const closedTab = await panelFor('u1');
    let acked!: (id: string) => void;
    const ackedId = new Promise<string>((resolve) => (acked = resolve));
    void sendMessage(closedTab, { message: 'unlock the front door', conversation_id: 'c-door' }, acked);
    const turnId = await ackedId;
    await until(() => signal, 'the turn to start');
    closedTab.disconnect();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(signal.aborted).toBe(false);

    const stranger = await panelFor('u2');
    expect(await stranger.emitWithAck('chat:attach', { conversation_id: 'c-door' })).toMatchObject({ ok: false, code: 'not_found' });
    const reopened = await panelFor('u1');
    const events: unknown[] = [];
    const done = new Promise<void>((resolve) =>
      reopened.on('chat:event', ({ turn_id, event }) => {
        if (turn_id === turnId) events.push(event);
        if (event.type === 'approval_required') finish();
        if (event.type === 'done') resolve();
      }),
    );
    expect(await reopened.emitWithAck('chat:attach', { conversation_id: 'c-door' })).toEqual({ ok: true, turn_id: turnId, message: 'unlock the front door' });
    await done;
    expect(events).toEqual([
      // The text so far arrives as one delta.
      { type: 'text', delta: 'Asking first.' },
      { type: 'approval_required', approval_id: 'a1', tool: 'ha_call_service', summary: 'Unlock lock.front_door', input: {} },
      { type: 'approval_resolved', approval_id: 'a1', decision: 'approve', by: 'u1' },
      { type: 'done', conversation_id: 'c-door', text: 'Unlocked.' },
    ]);
    expect(await reopened.emitWithAck('chat:attach', { conversation_id: 'c-door' })).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('refuses more than four running answers per user, across their tabs', async () => {
    server = await startSocketServer();
    server.deps.agent.script = untilAborted();
    const tab1 = await panelFor('u1');
    const tab2 = await panelFor('u1');
    for (let i = 0; i < 4; i++) expect((await (i % 2 ? tab1 : tab2).emitWithAck('chat:send', { message: `task ${i}` })).ok).toBe(true);
    expect(await tab2.emitWithAck('chat:send', { message: 'one more' })).toMatchObject({ ok: false, code: 'busy' });
    expect((await (await panelFor('u2')).emitWithAck('chat:send', { message: 'mine' })).ok).toBe(true);
  });
});

describe('live notifications', () => {
  it("sends approvals:changed to one user's panels, or to everyone, and status:changed to everyone", async () => {
    server = await startSocketServer();
    const aliceTab1 = await panelFor('alice');
    const aliceTab2 = await panelFor('alice');
    const bob = await panelFor('bob');
    const bobApprovals: number[] = [];
    bob.on('approvals:changed', () => bobApprovals.push(1));

    const both = Promise.all([nextEvent(aliceTab1, 'approvals:changed'), nextEvent(aliceTab2, 'approvals:changed')]);
    server.channel.notifyApprovalsChanged('alice');
    await both;
    // Events keep their order per socket: had bob got the first one, it would arrive before this.
    const bobStatus = nextEvent(bob, 'status:changed');
    server.channel.notifyStatusChanged();
    await Promise.all([bobStatus, nextEvent(aliceTab1, 'status:changed')]);
    expect(bobApprovals).toHaveLength(0);

    const everyone = nextEvent(bob, 'approvals:changed');
    server.channel.notifyApprovalsChanged();
    await everyone;
  });

  it('stop() drops every panel (which will reconnect by itself); the turns stop with their owner', async () => {
    server = await startSocketServer();
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    server.deps.agent.script = untilAborted(() => started());
    // WebSocket only: a polling socket caught mid-upgrade by the close learns of it only at its
    // ping timeout (45 s), longer than the test's.
    const proxy = await server.proxyFor(ingressUser('u1'));
    const socket = await connect(proxy.url, { transports: ['websocket'] });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    void sendMessage(socket, { message: 'long task' });
    await running;
    await server.channel.stop();
    // A transport close, not a server-side disconnect: socket.io clients retry only after the former.
    expect(await disconnected).toBe('transport close');
    expect(server.deps.agent.requests[0]?.signal.aborted).toBe(false);
    await server.deps.turns.stopAll();
    expect(server.deps.agent.requests[0]?.signal.aborted).toBe(true);
  });
});

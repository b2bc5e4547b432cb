import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type Socket as ServerSocket } from 'socket.io';
import { io } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../src/channels/socket/protocol.js';
import { ChatController } from '../../../panel/src/controllers/chat-controller.js';
import type { PanelSocket } from '../../../panel/src/data/socket.js';
import type { ChatEvent } from '../../../panel/src/data/transcript.js';

type Script = (socket: ServerSocket<ClientToServerEvents, ServerToClientEvents>, turnId: string, message: string) => void;

/** A socket.io server speaking the panel protocol, whose turns follow a per-test script. */
let http: HttpServer;
let server: Server<ClientToServerEvents, ServerToClientEvents>;
let client: PanelSocket;
let script: Script;
let turns = 0;
const stops: string[] = [];
/** What `chat:attach` answers: a running turn of the conversation, or none. */
let attachable: { turnId: string; message: string; events: ChatEvent[] } | undefined;

beforeEach(async () => {
  http = createServer();
  server = new Server(http);
  server.on('connection', (socket) => {
    socket.on('chat:send', (request, ack) => {
      const turnId = `turn-${++turns}`;
      script(socket, turnId, request.message);
      ack({ ok: true, turn_id: turnId, conversation_id: request.conversation_id ?? 'conv-1' });
    });
    socket.on('chat:attach', (_request, ack) => {
      if (!attachable) return ack({ ok: false, code: 'not_found', error: 'No answer is running in this conversation.' });
      ack({ ok: true, turn_id: attachable.turnId, message: attachable.message });
      emitAll(socket, attachable.turnId, attachable.events);
    });
    socket.on('chat:stop', (request, ack) => {
      stops.push(request.turn_id);
      ack({ ok: true });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  client = io(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
});

afterEach(async () => {
  client.disconnect();
  await server.close();
  stops.length = 0;
  attachable = undefined;
});

/** A controller on a minimal host; `changes` records conversation ids it reports, `loads` the conversations it read. */
function createChat() {
  let updates = 0;
  const changes: Array<string | undefined> = [];
  const loads: string[] = [];
  const host = { addController: () => undefined, removeController: () => undefined, requestUpdate: () => void updates++, updateComplete: Promise.resolve(true) };
  const chat = new ChatController(host, {
    socket: client,
    language: () => 'en',
    loadConversation: async (id) => {
      loads.push(id);
      return { messages: [] };
    },
    onConversationChange: (id) => changes.push(id),
    onApprovalEvent: () => undefined,
  });
  chat.hostConnected();
  return { chat, changes, loads, updates: () => updates };
}

function emitAll(socket: ServerSocket<ClientToServerEvents, ServerToClientEvents>, turnId: string, events: ChatEvent[]): void {
  for (const event of events) socket.emit('chat:event', { turn_id: turnId, event });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('chat over socket.io', () => {
  it('shows a streamed answer even when events arrive before the acknowledgement', async () => {
    script = (socket, turnId) =>
      emitAll(socket, turnId, [
        { type: 'text', delta: 'Kitchen light ' },
        { type: 'tool_call', id: 't1', name: 'ha_call_service', input: { domain: 'light' } },
        { type: 'tool_result', id: 't1', ok: true, summary: 'on' },
        { type: 'text', delta: 'is on.' },
        { type: 'done', conversation_id: 'conv-1', text: 'Kitchen light is on.' },
      ]);
    const { chat, changes } = createChat();
    await chat.send('turn on the kitchen light');
    await until(() => !chat.state.busy);
    expect(chat.state.items.map((i) => i.kind)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(chat.state.conversationId).toBe('conv-1');
    expect(changes).toEqual(['conv-1']);
  });

  it('ignores events of other turns', async () => {
    script = (socket, turnId) => {
      emitAll(socket, 'someone-else', [{ type: 'text', delta: 'not yours' }]);
      setTimeout(() => emitAll(socket, turnId, [{ type: 'done', conversation_id: 'c', text: 'mine' }]), 20);
    };
    const { chat } = createChat();
    await chat.send('hello');
    await until(() => !chat.state.busy);
    const texts = chat.state.items.flatMap((i) => (i.kind === 'assistant' ? [i.text] : []));
    expect(texts).toEqual(['mine']);
  });

  it('reports an error with its code and retries the same message', async () => {
    const seen: string[] = [];
    script = (socket, turnId, message) => {
      seen.push(message);
      setTimeout(() => emitAll(socket, turnId, [{ type: 'error', message: 'No key', code: 'model_not_configured' }]), 10);
    };
    const { chat } = createChat();
    await chat.send('hello');
    await until(() => chat.state.error !== undefined);
    expect(chat.state.error).toEqual({ code: 'model_not_configured', message: 'No key' });
    expect(chat.state.busy).toBe(false);
    chat.retry();
    await until(() => seen.length === 2);
    expect(seen).toEqual(['hello', 'hello']);
  });

  it('stops a running turn on the server and ignores what it still sends', async () => {
    let later: (() => void) | undefined;
    script = (socket, turnId) => {
      setTimeout(() => emitAll(socket, turnId, [{ type: 'text', delta: 'Partial' }]), 10);
      later = () => emitAll(socket, turnId, [{ type: 'text', delta: ' more' }, { type: 'done', conversation_id: 'c9', text: '' }]);
    };
    const { chat, changes } = createChat();
    await chat.send('tell me a long story');
    await until(() => chat.state.items.some((i) => i.kind === 'assistant'));
    chat.stop();
    await until(() => stops.length === 1);
    expect(stops).toEqual(['turn-' + turns]);
    later?.();
    await new Promise((r) => setTimeout(r, 50));
    expect(chat.state.busy).toBe(false);
    expect(chat.state.items.map((i) => i.kind)).toEqual(['user', 'assistant', 'notice']);
    expect(chat.state.items[1]).toMatchObject({ text: 'Partial', streaming: false });
    // The acknowledgement gave the new conversation its id; nothing the stopped turn sent changed it.
    expect(changes).toEqual(['conv-1']);
  });

  it('knows a new conversation by its id as soon as the turn starts, before the answer', async () => {
    script = () => undefined;
    const { chat, changes } = createChat();
    await chat.send('hello');
    expect(chat.state.conversationId).toBe('conv-1');
    expect(changes).toEqual(['conv-1']);
    expect(chat.state.busy).toBe(true);
  });

  it('opening a conversation with a running turn shows its message, its progress and then its answer', async () => {
    attachable = {
      turnId: 'turn-elsewhere',
      message: 'unlock the front door',
      events: [
        { type: 'approval_required', approval_id: 'a1', tool: 'ha_call_service', summary: 'Unlock lock.front_door', input: {} },
        { type: 'approval_resolved', approval_id: 'a1', decision: 'approve', by: 'admin' },
        { type: 'text', delta: 'The front door is unlocked.' },
        { type: 'done', conversation_id: 'conv-7', text: 'The front door is unlocked.' },
      ],
    };
    const { chat } = createChat();
    await chat.open('conv-7');
    await until(() => !chat.state.busy && chat.state.items.length > 1);
    const kinds = chat.state.items.map((i) => i.kind);
    expect(kinds[0]).toBe('user');
    expect(chat.state.items[0]).toMatchObject({ text: 'unlock the front door' });
    expect(chat.state.items.at(-1)).toMatchObject({ kind: 'assistant', text: 'The front door is unlocked.' });
  });

  it('a page that opens a conversation before its socket is up attaches to the running turn once connected', async () => {
    client.disconnect();
    const { chat } = createChat();
    await chat.open('conv-7');
    expect(chat.state.busy).toBe(false);
    attachable = { turnId: 'turn-late', message: 'open the blinds', events: [{ type: 'text', delta: 'Opening.' }] };
    client.connect();
    await until(() => chat.state.busy && chat.state.items.length === 2);
    expect(chat.state.items[0]).toMatchObject({ kind: 'user', text: 'open the blinds' });
  });

  it('a dropped connection mid-turn waits, then reads the conversation again and follows the turn once back', async () => {
    script = () => undefined;
    const { chat, loads } = createChat();
    await chat.send('hello');
    client.disconnect();
    expect(chat.state.reconnecting).toBe(true);
    expect(chat.state.busy).toBe(true);
    expect(chat.state.error).toBeUndefined();
    attachable = { turnId: 'turn-1', message: 'hello', events: [{ type: 'text', delta: 'Hi!' }, { type: 'done', conversation_id: 'conv-1', text: 'Hi!' }] };
    client.connect();
    await until(() => chat.state.items.length === 2 && !chat.state.busy);
    expect(loads).toEqual(['conv-1']);
    expect(chat.state.reconnecting).toBe(false);
    expect(chat.state.items.map((i) => (i.kind === 'user' || i.kind === 'assistant' ? i.text : i.kind))).toEqual(['hello', 'Hi!']);
  });

  it('says the connection was lost when the socket drops before the turn was acknowledged', async () => {
    script = () => undefined;
    const { chat } = createChat();
    client.disconnect();
    await chat.send('hello');
    expect(chat.state.error?.code).toBe('disconnected');
    expect(chat.state.busy).toBe(false);
  });
});

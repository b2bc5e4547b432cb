/**
 * A local Slack: the Web API (`POST /api/<method>`, form or JSON bodies, `Authorization: Bearer`)
 * and a Socket Mode endpoint served with `ws`. `apps.connections.open` (app token) hands out a
 * `ws://127.0.0.1:…` URL whose connection gets `hello`; tests push `events_api` and `interactive`
 * envelopes and see the acks. `drop()` cuts every Socket Mode connection (Slack recycling a pod).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A message the bot posted, with its current text and blocks (after updates). */
export interface SlackPost {
  channel: string;
  ts: string;
  threadTs?: string;
  text: string;
  blocks?: Array<Record<string, unknown>>;
  updates: number;
}

/** The running fake. */
export interface FakeSlack {
  /** For WebClient's `slackApiUrl`. */
  apiUrl: string;
  botToken: string;
  appToken: string;
  posts: SlackPost[];
  ephemerals: Array<{ channel: string; user: string; text: string }>;
  /** Envelope ids the app acknowledged. */
  acks: Set<string>;
  /** Socket Mode connections opened so far. */
  connections(): number;
  /** Resolves once a Socket Mode connection is open (after `hello`). */
  connected(): Promise<void>;
  /** A person writes: in a channel with a mention (`app_mention`) or in a direct message. */
  message(opts: { user: string; text: string; channel: string; direct?: boolean; threadTs?: string }): Promise<string>;
  /** A person presses a button of a bot message; returns the envelope id. */
  press(user: string, post: SlackPost, actionId: string): Promise<string>;
  drop(): void;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const params: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    // WebClient sends nested arguments (blocks) as JSON strings in form bodies.
    params[key] = key === 'blocks' ? JSON.parse(value) : value;
  }
  return params;
}

/** Starts the fake on 127.0.0.1 (ephemeral port). */
export async function startFakeSlack(): Promise<FakeSlack> {
  const botToken = 'xoxb-test-slack-bot-secret';
  const appToken = 'xapp-test-slack-app-secret';
  const posts: SlackPost[] = [];
  const ephemerals: FakeSlack['ephemerals'] = [];
  const acks = new Set<string>();
  const sockets = new Set<WebSocket>();
  let opened = 0;
  let clock = 1_700_000_000;
  let envelopes = 0;
  let waiting: Array<() => void> = [];
  const nextTs = () => `${clock++}.000100`;

  const send = (res: ServerResponse, body: Record<string, unknown>): void => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = /^\/api\/([\w.]+)$/.exec(req.url ?? '')?.[1];
    if (!method) return void res.writeHead(404).end();
    const params = await readBody(req);
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || String(params.token ?? '');
    const wanted = method === 'apps.connections.open' ? appToken : botToken;
    if (token !== wanted) return send(res, { ok: false, error: 'invalid_auth' });
    switch (method) {
      case 'apps.connections.open':
        return send(res, { ok: true, url: `ws://127.0.0.1:${port}/link/?ticket=${opened + 1}` });
      case 'auth.test':
        return send(res, { ok: true, url: 'https://home.slack.test/', team: 'Home', user: 'majordome', team_id: 'T01HOME', user_id: 'U0BOT', bot_id: 'B0BOT' });
      case 'chat.postMessage': {
        const post: SlackPost = { channel: String(params.channel), ts: nextTs(), text: String(params.text ?? ''), updates: 0 };
        if (params.thread_ts) post.threadTs = String(params.thread_ts);
        if (Array.isArray(params.blocks)) post.blocks = params.blocks as SlackPost['blocks'];
        posts.push(post);
        return send(res, { ok: true, channel: post.channel, ts: post.ts, message: { text: post.text, ts: post.ts, bot_id: 'B0BOT' } });
      }
      case 'chat.update': {
        const post = posts.find((p) => p.channel === params.channel && p.ts === params.ts);
        if (!post) return send(res, { ok: false, error: 'message_not_found' });
        post.text = String(params.text ?? post.text);
        if (Array.isArray(params.blocks)) {
          if (params.blocks.length) post.blocks = params.blocks as SlackPost['blocks'];
          else delete post.blocks;
        }
        post.updates += 1;
        return send(res, { ok: true, channel: post.channel, ts: post.ts, text: post.text });
      }
      case 'chat.postEphemeral':
        ephemerals.push({ channel: String(params.channel), user: String(params.user), text: String(params.text ?? '') });
        return send(res, { ok: true, message_ts: nextTs() });
      default:
        return send(res, { ok: false, error: 'unknown_method' });
    }
  }

  const server = createServer((req, res) => void handle(req, res).catch(() => res.writeHead(500).end()));
  const wss = new WebSocketServer({ server, path: '/link/' });
  wss.on('connection', (socket) => {
    opened += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      const ack = JSON.parse(String(data)) as { envelope_id?: string };
      if (ack.envelope_id) acks.add(ack.envelope_id);
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake-slack' }, connection_info: { app_id: 'A0APP' } }));
    const wake = waiting;
    waiting = [];
    for (const resolve of wake) resolve();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const connected = async () => {
    // The client is ready once it has the hello; a tick later it handles envelopes.
    while (![...sockets].some((s) => s.readyState === s.OPEN)) await new Promise<void>((resolve) => waiting.push(resolve));
    await new Promise((resolve) => setTimeout(resolve, 20));
  };
  const envelope = async (type: string, payload: Record<string, unknown>): Promise<string> => {
    await connected();
    const id = `env-${++envelopes}`;
    const socket = [...sockets].find((s) => s.readyState === s.OPEN)!;
    socket.send(JSON.stringify({ envelope_id: id, type, payload, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' }));
    return id;
  };

  return {
    apiUrl: `http://127.0.0.1:${port}/api/`,
    botToken,
    appToken,
    posts,
    ephemerals,
    acks,
    connections: () => opened,
    connected,
    async message({ user, text, channel, direct = false, threadTs }) {
      const ts = nextTs();
      const event = direct
        ? { type: 'message', channel_type: 'im', user, text, ts, channel, event_ts: ts, ...(threadTs && { thread_ts: threadTs }) }
        : { type: 'app_mention', user, text: `<@U0BOT> ${text}`, ts, channel, event_ts: ts, ...(threadTs && { thread_ts: threadTs }) };
      await envelope('events_api', { token: 'verification', team_id: 'T01HOME', api_app_id: 'A0APP', type: 'event_callback', event_id: `Ev${ts}`, event_time: clock, event });
      return ts;
    },
    press(user, post, actionId) {
      const actions = (post.blocks ?? []).flatMap((block) => (block.elements as Array<Record<string, unknown>> | undefined) ?? []);
      const button = actions.find((element) => element.action_id === actionId);
      if (!button) throw new Error(`no button ${actionId} on this post`);
      return envelope('interactive', {
        type: 'block_actions',
        user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: 'T01HOME' },
        api_app_id: 'A0APP',
        token: 'verification',
        container: { type: 'message', message_ts: post.ts, channel_id: post.channel, is_ephemeral: false },
        trigger_id: 'trigger',
        team: { id: 'T01HOME', domain: 'home' },
        channel: { id: post.channel, name: 'home' },
        message: { type: 'message', ts: post.ts, text: post.text, blocks: post.blocks },
        response_url: `http://127.0.0.1:${port}/response`,
        actions: [{ ...button, block_id: 'b', action_ts: nextTs(), type: 'button' }],
      });
    },
    drop() {
      for (const socket of sockets) socket.terminate();
    },
    async stop() {
      for (const socket of sockets) socket.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

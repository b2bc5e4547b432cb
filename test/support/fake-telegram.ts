/**
 * A local Telegram Bot API: `POST /bot<token>/<method>` with JSON, answers `{ ok, result }` as
 * Telegram does. getUpdates long-polls (held until an update arrives or its timeout), updates are
 * confirmed by the next offset. Tests inject user messages and button presses and read what the
 * bot sent; `drop()` kills every connection and stops listening for a while (an outage).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A Telegram user, as updates carry it. */
export interface FakeTelegramUser {
  id: number;
  first_name: string;
  username?: string;
}

/** One Bot API call the bot made. */
export interface TelegramCall {
  method: string;
  params: Record<string, unknown>;
}

/** A message the bot sent, with its current text (after edits) and buttons. */
export interface BotMessage {
  chatId: number;
  messageId: number;
  text: string;
  edits: number;
  /** The uploaded picture of a sendPhoto. */
  photo?: Buffer;
  replyMarkup?: { inline_keyboard: Array<Array<{ text: string; callback_data: string }>> };
}

/** The running fake. */
export interface FakeTelegram {
  /** Base for grammy's `apiRoot`. */
  apiRoot: string;
  token: string;
  calls: TelegramCall[];
  messages: BotMessage[];
  /** Callback query answers, by query id. */
  callbackAnswers: Map<string, Record<string, unknown>>;
  /** A user writes in a chat (chat id = user id for private chats). */
  sendText(from: FakeTelegramUser, text: string, chatId?: number): void;
  /** A user presses an inline button under a bot message; returns the callback query id. */
  press(from: FakeTelegramUser, message: BotMessage, callbackData: string): string;
  /** Every connection is cut and nothing listens for `downMs`; then the same port listens again. */
  drop(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

const BOT = { id: 777000, is_bot: true, first_name: 'Majordome', username: 'majordome_test_bot' };

/**
 * grammy's multipart (a lenient dialect: `name=x`, no space after the colon) read by hand; a
 * field `attach://<part>` (how the Bot API names uploads) becomes that part's bytes.
 */
function parseMultipart(body: Buffer, boundary: string): Record<string, unknown> {
  const parts = new Map<string, Buffer>();
  const text = body.toString('latin1');
  for (const chunk of text.split(`--${boundary}`)) {
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const name = /name="?([^";\r\n]+)"?/.exec(chunk.slice(0, split))?.[1];
    if (name) parts.set(name, Buffer.from(chunk.slice(split + 4).replace(/\r\n$/, ''), 'latin1'));
  }
  const params: Record<string, unknown> = {};
  for (const [name, value] of parts) {
    const attached = /^attach:\/\/(.+)$/.exec(value.toString('utf8'))?.[1];
    params[name] = attached !== undefined ? parts.get(attached) : value.toString('utf8');
  }
  return params;
}

/** JSON bodies, or multipart ones (grammy uploads files so); a file field becomes its bytes. */
async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  const boundary = /boundary=(.+)$/.exec(type)?.[1];
  if (type.startsWith('multipart/form-data') && boundary) return parseMultipart(body, boundary);
  return body.length ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : {};
}

/** Starts the fake on 127.0.0.1 (ephemeral port). */
export async function startFakeTelegram(token = '123456:TEST-telegram-token-secret'): Promise<FakeTelegram> {
  const updates: Array<{ update_id: number } & Record<string, unknown>> = [];
  const waiters = new Set<() => void>();
  let nextUpdate = 1;
  let nextMessage = 1000;
  let nextQuery = 1;
  const calls: TelegramCall[] = [];
  const messages: BotMessage[] = [];
  const callbackAnswers = new Map<string, Record<string, unknown>>();

  const push = (update: Record<string, unknown>) => {
    updates.push({ update_id: nextUpdate++, ...update });
    for (const wake of [...waiters]) wake();
  };
  const ok = (res: ServerResponse, result: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, result }));
  };
  const fail = (res: ServerResponse, code: number, description: string) => {
    res.writeHead(code, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error_code: code, description }));
  };
  const asMessage = (m: BotMessage) => ({
    message_id: m.messageId,
    date: Math.floor(Date.now() / 1000),
    chat: { id: m.chatId, type: 'private' },
    from: BOT,
    text: m.text,
    ...(m.replyMarkup && { reply_markup: m.replyMarkup }),
  });

  async function getUpdates(params: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const offset = typeof params.offset === 'number' ? params.offset : 0;
    while (updates.length && updates[0]!.update_id < offset) updates.shift();
    if (!updates.length) {
      const timeoutMs = Math.min(Number(params.timeout ?? 0), 5) * 1000;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, timeoutMs);
        function wake(): void {
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        }
        waiters.add(wake);
        req.socket.once('close', wake);
      });
    }
    if (res.destroyed) return;
    ok(res, updates.filter((u) => u.update_id >= offset));
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    if (!match || req.method !== 'POST') return fail(res, 404, 'Not Found');
    if (match[1] !== token) return fail(res, 401, 'Unauthorized');
    const method = match[2]!;
    const params = await readParams(req);
    calls.push({ method, params });
    switch (method) {
      case 'getMe':
        return ok(res, BOT);
      case 'getUpdates':
        return getUpdates(params, req, res);
      case 'sendMessage': {
        const message: BotMessage = { chatId: Number(params.chat_id), messageId: nextMessage++, text: String(params.text), edits: 0 };
        if (params.reply_markup) message.replyMarkup = params.reply_markup as BotMessage['replyMarkup'];
        messages.push(message);
        return ok(res, asMessage(message));
      }
      case 'editMessageText': {
        const message = messages.find((m) => m.chatId === Number(params.chat_id) && m.messageId === params.message_id);
        if (!message) return fail(res, 400, 'Bad Request: message to edit not found');
        if (message.text === params.text) return fail(res, 400, 'Bad Request: message is not modified');
        message.text = String(params.text);
        message.edits += 1;
        if (params.reply_markup) message.replyMarkup = params.reply_markup as BotMessage['replyMarkup'];
        else delete message.replyMarkup;
        return ok(res, asMessage(message));
      }
      case 'sendPhoto': {
        const message: BotMessage = { chatId: Number(params.chat_id), messageId: nextMessage++, text: '', edits: 0 };
        if (Buffer.isBuffer(params.photo)) message.photo = params.photo;
        messages.push(message);
        return ok(res, { ...asMessage(message), photo: [{ file_id: `photo${message.messageId}`, file_unique_id: 'u', width: 1, height: 1 }] });
      }
      case 'answerCallbackQuery':
        callbackAnswers.set(String(params.callback_query_id), params);
        return ok(res, true);
      default:
        return fail(res, 404, `Not Found: method ${method}`);
    }
  }

  let server: Server = createServer((req, res) => void handle(req, res).catch((err: unknown) => fail(res, 500, `Internal Server Error: ${String(err)}`)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  const close = (s: Server) =>
    new Promise<void>((resolve) => {
      s.close(() => resolve());
      s.closeAllConnections();
      for (const wake of [...waiters]) wake();
    });

  return {
    apiRoot: `http://127.0.0.1:${port}`,
    token,
    calls,
    messages,
    callbackAnswers,
    sendText(from, text, chatId = from.id) {
      push({
        message: { message_id: nextMessage++, date: Math.floor(Date.now() / 1000), chat: { id: chatId, type: chatId === from.id ? 'private' : 'group' }, from: { ...from, is_bot: false }, text },
      });
    },
    press(from, message, callbackData) {
      const id = `q${nextQuery++}`;
      push({ callback_query: { id, from: { ...from, is_bot: false }, chat_instance: 'ci', message: asMessage(message), data: callbackData } });
      return id;
    },
    async drop(downMs) {
      const old = server;
      await close(old);
      await new Promise((resolve) => setTimeout(resolve, downMs));
      server = createServer((req, res) => void handle(req, res).catch((err: unknown) => fail(res, 500, `Internal Server Error: ${String(err)}`)));
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      await close(server);
    },
  };
}

/**
 * A local HTTP server speaking Anthropic's Messages API closely enough for the real
 * @anthropic-ai/sdk: JSON and SSE answers, error bodies and retry headers, key checks, request
 * validation and a prompt cache. Answers come from a queue of scripted turns.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  FakeAnthropicOptions,
  FakeError,
  FakeLlm,
  FakeOutcome,
  FakeReply,
  FakeRequestBody,
  FakeTurn,
  FakeUsage,
  RecordedRequest,
  ReplySource,
} from './types.js';
import { buildPromptUnits, estimateOutputTokens, PromptCache } from './usage.js';
import { validateMessagesRequest } from './validate.js';
import { buildMessage, buildMidStreamErrorEvents, buildStreamEvents, errorBody, formatSse, type SseEvent } from './wire.js';

/** The answer given when nothing was scripted, so a test sees an unexpected call instead of hanging. */
export const UNSCRIPTED_TEXT = '(no scripted reply)';

const DEFAULT_KEY = 'sk-ant-fake-key';
const RETRYABLE = new Set([429, 500, 529]);

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function sendJson(res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function retryHeaders(error: FakeError): Record<string, string> {
  if (error.retryAfter !== undefined) {
    return { 'retry-after': String(Math.ceil(error.retryAfter)), 'retry-after-ms': String(error.retryAfter * 1000) };
  }
  // Keeps SDK back-off short in tests; the real API sends retry-after on 429.
  return RETRYABLE.has(error.status) ? { 'retry-after-ms': '10' } : {};
}

function isErrorOutcome(outcome: FakeOutcome): outcome is { error: FakeError } {
  return 'error' in outcome;
}

/** Starts the fake on 127.0.0.1; `stop()` closes it and every open connection. */
export async function startFakeAnthropic(opts: FakeAnthropicOptions = {}): Promise<FakeLlm> {
  const apiKey = opts.apiKey ?? DEFAULT_KEY;
  const queue: FakeTurn[] = [];
  const requests: RecordedRequest[] = [];
  const cache = new PromptCache(opts.minCacheTokens ?? 0);
  let messageCount = 0;
  let toolCount = 0;
  const nextToolId = () => `toolu_fake_${String((toolCount += 1)).padStart(6, '0')}`;

  function authError(headers: Record<string, string>): string | undefined {
    const given = headers['x-api-key'] ?? headers['authorization']?.replace(/^Bearer\s+/i, '');
    if (given === undefined) return 'x-api-key header is required';
    return given === apiKey ? undefined : 'invalid x-api-key';
  }

  function takeTurn(): { turn: FakeTurn; source: ReplySource } {
    const next = queue.shift();
    if (next) return { turn: next, source: 'queue' };
    if (opts.fallback) return { turn: opts.fallback, source: 'fallback' };
    return { turn: { content: [{ type: 'text', text: UNSCRIPTED_TEXT }] }, source: 'unscripted' };
  }

  async function streamEvents(res: ServerResponse, events: SseEvent[], delayMs: number, requestId: string): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': requestId });
    res.flushHeaders();
    // A client that hangs up (abort, stop()) ends the pauses at once instead of leaving timers behind.
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    for (const event of events) {
      if (res.destroyed || res.writableEnded) return;
      res.write(formatSse(event));
      if (delayMs > 0) {
        const slept = await sleep(delayMs, true, { signal: gone.signal }).catch(() => false);
        if (!slept) return;
      }
    }
    res.end();
  }

  async function answer(res: ServerResponse, record: RecordedRequest, reply: FakeReply, requestId: string): Promise<void> {
    const body = record.body;
    const inputs = cache.account(buildPromptUnits(body));
    const usage: FakeUsage = { ...inputs, output_tokens: estimateOutputTokens(reply.content), ...reply.usage };
    messageCount += 1;
    const message = buildMessage(reply, `msg_fake_${String(messageCount).padStart(6, '0')}`, body.model, usage, nextToolId);
    record.status = 200;
    record.usage = usage;
    if (body.stream === true) {
      await streamEvents(res, buildStreamEvents(message), reply.delayMs ?? opts.delayMs ?? 0, requestId);
    } else {
      sendJson(res, 200, message, { 'request-id': requestId });
    }
  }

  async function fail(res: ServerResponse, record: RecordedRequest, error: FakeError, requestId: string): Promise<void> {
    if (error.midStream && record.body.stream === true) {
      const usage: FakeUsage = { input_tokens: 0, output_tokens: 0, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 };
      const message = buildMessage({ content: [] }, `msg_fake_error_${requestId}`, record.body.model, usage, nextToolId);
      record.status = 200;
      await streamEvents(res, buildMidStreamErrorEvents(message, error), opts.delayMs ?? 0, requestId);
      return;
    }
    record.status = error.status;
    sendJson(res, error.status, errorBody(error.type, error.message), { 'request-id': requestId, ...retryHeaders(error) });
  }

  async function handleMessages(req: IncomingMessage, res: ServerResponse, record: RecordedRequest, raw: string): Promise<void> {
    const requestId = `req_fake_${record.index}`;
    const reject = (status: number, type: string, message: string) => {
      record.status = status;
      sendJson(res, status, errorBody(type, message), { 'request-id': requestId });
    };
    const auth = authError(record.headers);
    if (auth) return reject(401, 'authentication_error', auth);
    const parsed = parseJson(raw);
    if (parsed === undefined) return reject(400, 'invalid_request_error', 'There was an error parsing the body.');
    if (!record.headers['anthropic-version']) return reject(400, 'invalid_request_error', 'anthropic-version: header is required');
    const invalid = validateMessagesRequest(parsed);
    if (invalid) return reject(400, 'invalid_request_error', invalid);

    const { turn, source } = takeTurn();
    record.source = source;
    const outcome = typeof turn === 'function' ? await turn(record) : turn;
    if (isErrorOutcome(outcome)) return fail(res, record, outcome.error, requestId);
    return answer(res, record, outcome, requestId);
  }

  function handleCountTokens(res: ServerResponse, record: RecordedRequest, raw: string): void {
    const auth = authError(record.headers);
    if (auth) return sendJson(res, 401, errorBody('authentication_error', auth));
    const parsed = parseJson(raw) as FakeRequestBody | undefined;
    const invalid = validateMessagesRequest({ max_tokens: 1, ...parsed });
    if (!parsed || invalid) return sendJson(res, 400, errorBody('invalid_request_error', invalid ?? 'There was an error parsing the body.'));
    const tokens = buildPromptUnits(parsed).reduce((sum, unit) => sum + unit.tokens, 0);
    sendJson(res, 200, { input_tokens: tokens });
  }

  function handleModels(res: ServerResponse, record: RecordedRequest): void {
    const auth = authError(record.headers);
    if (auth) return sendJson(res, 401, errorBody('authentication_error', auth));
    const ids = [...new Set(requests.map((r) => r.body.model).filter(Boolean))];
    const data = ids.map((id) => ({ type: 'model', id, display_name: id, created_at: '2026-01-01T00:00:00Z' }));
    sendJson(res, 200, { data, has_more: false, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const parsed = parseJson(raw);
    const body = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as FakeRequestBody;
    const record: RecordedRequest = { index: requests.length, method: req.method ?? 'GET', path, headers: headersOf(req), body, source: 'rejected', status: 0 };
    if (req.method === 'POST' && path === '/v1/messages') {
      requests.push(record);
      return handleMessages(req, res, record, raw);
    }
    if (req.method === 'POST' && path === '/v1/messages/count_tokens') return handleCountTokens(res, record, raw);
    if (req.method === 'GET' && path === '/v1/models') return handleModels(res, record);
    sendJson(res, 404, errorBody('not_found_error', `Not found: ${req.method ?? ''} ${path}`));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, errorBody('api_error', err instanceof Error ? err.message : 'Internal server error'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    requests,
    enqueue: (...turns) => void queue.push(...turns),
    pending: () => queue.length,
    stop: async () => {
      queue.length = 0;
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

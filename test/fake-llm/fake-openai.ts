/**
 * A local HTTP server speaking OpenAI's Chat Completions API closely enough for the real `openai`
 * SDK: JSON and SSE answers (tool_calls deltas with split arguments, the usage chunk of
 * `stream_options.include_usage`), error bodies and retry headers, key checks, request validation,
 * automatic prefix caching (`prompt_tokens_details.cached_tokens`), and a model without tool
 * support answering like Ollama. Answers come from the same scripts as the fake Anthropic server.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { UNSCRIPTED_TEXT } from './fake-anthropic.js';
import type {
  FakeOpenAi,
  FakeOpenAiError,
  FakeOpenAiOptions,
  FakeOpenAiOutcome,
  FakeOpenAiTurn,
  OpenAiRecordedRequest,
  OpenAiRequestBody,
} from './fake-openai-types.js';
import { PrefixCache, promptUnits } from './fake-openai-cache.js';
import { neutralView, validateChatRequest } from './fake-openai-view.js';
import { buildChunks, buildCompletion, buildUsage, completionJson, formatData, openAiErrorBody } from './fake-openai-wire.js';
import type { FakeReply, ReplySource } from './types.js';
import { estimateOutputTokens } from './usage.js';

const DEFAULT_KEY = 'sk-fake-openai-key';
const RETRYABLE = new Set([429, 500, 502, 503]);

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

function retryHeaders(error: FakeOpenAiError): Record<string, string> {
  if (error.retryAfter !== undefined) {
    return { 'retry-after': String(Math.ceil(error.retryAfter)), 'retry-after-ms': String(error.retryAfter * 1000) };
  }
  // Keeps SDK back-off short in tests.
  return RETRYABLE.has(error.status) ? { 'retry-after-ms': '10' } : {};
}

function isError(outcome: FakeOpenAiOutcome): outcome is { error: FakeOpenAiError } {
  return 'error' in outcome;
}

/** Starts the fake on 127.0.0.1; `stop()` closes it and every open connection. */
export async function startFakeOpenAi(opts: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  const apiKey = opts.apiKey ?? DEFAULT_KEY;
  const queue: FakeOpenAiTurn[] = [];
  const requests: OpenAiRecordedRequest[] = [];
  const cache = new PrefixCache(opts.minCacheTokens ?? 0);
  let completions = 0;
  let toolCount = 0;
  const nextToolId = () => `call_fake_${String((toolCount += 1)).padStart(6, '0')}`;

  function authError(headers: Record<string, string>): string | undefined {
    if (opts.requireKey === false) return undefined;
    const given = headers['authorization']?.replace(/^Bearer\s+/i, '');
    if (!given) return "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth.";
    return given === apiKey ? undefined : `Incorrect API key provided: ${given.slice(0, 3)}***. You can find your API key at https://platform.openai.com/account/api-keys.`;
  }

  function takeTurn(): { turn: FakeOpenAiTurn; source: ReplySource } {
    const next = queue.shift();
    if (next) return { turn: next, source: 'queue' };
    if (opts.fallback) return { turn: opts.fallback, source: 'fallback' };
    return { turn: { content: [{ type: 'text', text: UNSCRIPTED_TEXT }] }, source: 'unscripted' };
  }

  async function streamData(res: ServerResponse, payloads: Array<object | string>, delayMs: number, requestId: string): Promise<void> {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': requestId });
    res.flushHeaders();
    // A client that hangs up (abort, stop()) ends the pauses at once instead of leaving timers behind.
    const gone = new AbortController();
    res.once('close', () => gone.abort());
    for (const payload of payloads) {
      if (res.destroyed || res.writableEnded) return;
      res.write(formatData(payload));
      if (delayMs > 0) {
        const slept = await sleep(delayMs, true, { signal: gone.signal }).catch(() => false);
        if (!slept) return;
      }
    }
    res.end();
  }

  async function answer(res: ServerResponse, record: OpenAiRecordedRequest, reply: FakeReply, requestId: string): Promise<void> {
    const body = record.openai;
    const counted = cache.account(promptUnits(body));
    const cached = reply.usage?.cache_read_input_tokens ?? counted.cached;
    const prompt = reply.usage?.input_tokens !== undefined ? reply.usage.input_tokens + cached : counted.prompt;
    const usage = buildUsage(prompt, cached, reply.usage?.output_tokens ?? estimateOutputTokens(reply.content));
    completions += 1;
    const completion = buildCompletion(reply, `chatcmpl-fake-${String(completions).padStart(6, '0')}`, body.model, usage, nextToolId);
    record.status = 200;
    record.openaiUsage = usage;
    record.usage = { input_tokens: prompt - cached, output_tokens: usage.completion_tokens, cache_read_input_tokens: cached, cache_creation_input_tokens: 0 };
    if (body.stream !== true) return sendJson(res, 200, completionJson(completion), { 'x-request-id': requestId });
    const includeUsage = body.stream_options?.include_usage === true && opts.reportUsage !== false;
    const chunks = buildChunks(completion, { includeUsage, interleave: opts.interleaveToolCalls === true });
    await streamData(res, [...chunks, '[DONE]'], reply.delayMs ?? opts.delayMs ?? 0, requestId);
  }

  async function fail(res: ServerResponse, record: OpenAiRecordedRequest, error: FakeOpenAiError, requestId: string): Promise<void> {
    const body = openAiErrorBody(error.message, error.type ?? 'server_error', error.code ?? null);
    if (error.midStream && record.openai.stream === true) {
      record.status = 200;
      const first = { id: `chatcmpl-fake-error-${record.index}`, object: 'chat.completion.chunk', created: 0, model: record.openai.model, choices: [] };
      await streamData(res, [first, body], opts.delayMs ?? 0, requestId);
      return;
    }
    record.status = error.status;
    sendJson(res, error.status, body, { 'x-request-id': requestId, ...retryHeaders(error) });
  }

  async function handleCompletions(res: ServerResponse, record: OpenAiRecordedRequest, parsed: unknown): Promise<void> {
    const requestId = `req_fake_${record.index}`;
    const reject = (status: number, message: string, type = 'invalid_request_error', code: string | null = null) => {
      record.status = status;
      sendJson(res, status, openAiErrorBody(message, type, code), { 'x-request-id': requestId });
    };
    const auth = authError(record.headers);
    if (auth) return reject(401, auth, 'invalid_request_error', 'invalid_api_key');
    if (parsed === undefined) return reject(400, 'We could not parse the JSON body of your request.');
    const invalid = validateChatRequest(parsed);
    if (invalid) return reject(400, invalid);
    if (opts.toolSupport === false && (record.openai.tools?.length ?? 0) > 0) {
      // Ollama's answer for a model whose template has no tool support.
      return reject(400, `registry.ollama.ai/library/${record.openai.model}:latest does not support tools`, 'api_error');
    }
    const { turn, source } = takeTurn();
    record.source = source;
    const outcome = typeof turn === 'function' ? await turn(record) : turn;
    if (isError(outcome)) return fail(res, record, outcome.error, requestId);
    return answer(res, record, outcome, requestId);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const parsed = parseJson(raw);
    const openai = (typeof parsed === 'object' && parsed !== null ? parsed : { model: '', messages: [] }) as OpenAiRequestBody;
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      const valid = validateChatRequest(parsed) === undefined;
      const record: OpenAiRecordedRequest = {
        index: requests.length,
        method: 'POST',
        path,
        headers: headersOf(req),
        body: valid ? neutralView(openai) : { model: '', max_tokens: 0, messages: [] },
        openai,
        source: 'rejected',
        status: 0,
      };
      requests.push(record);
      return handleCompletions(res, record, parsed);
    }
    if (req.method === 'GET' && path === '/v1/models') {
      const ids = [...new Set(requests.map((r) => r.openai.model).filter(Boolean))];
      return sendJson(res, 200, { object: 'list', data: ids.map((id) => ({ id, object: 'model', created: 0, owned_by: 'fake' })) });
    }
    sendJson(res, 404, openAiErrorBody(`Invalid URL (${req.method ?? ''} ${path})`));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent) res.destroy();
      else sendJson(res, 500, openAiErrorBody(err instanceof Error ? err.message : 'Internal server error', 'server_error'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
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

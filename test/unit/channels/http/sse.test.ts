import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChatEvent } from '../../../../src/contracts/chat-events.js';
import { openEventStream } from '../../../../src/channels/http/sse.js';

/** Serves one stream that sends `events` and ends, all in one tick, as a finished turn does. */
async function serveBurst(events: ChatEvent[]): Promise<{ url: string; close: () => Promise<void> }> {
  const app = express();
  app.get('/stream', (_req, res) => {
    const stream = openEventStream(res, { keepAliveMs: 60_000, onClientGone: () => {} });
    for (const event of events) stream.send(event);
    stream.end();
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/stream`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('event stream', () => {
  it('delivers the events sent in the tick that ends the stream (the final done event)', async () => {
    const served = await serveBurst([
      { type: 'text', delta: 'All lights are off.' },
      { type: 'done', conversation_id: 'c-1', text: 'All lights are off.' },
    ]);
    close = served.close;
    const body = await (await fetch(served.url)).text();
    const events = body
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => JSON.parse(line.slice(6)) as ChatEvent);
    expect(events.map((e) => e.type)).toEqual(['text', 'done']);
    expect(events[1]).toMatchObject({ conversation_id: 'c-1' });
  });

  it('delivers a lone final event sent after earlier ticks', async () => {
    const app = express();
    app.get('/stream', (_req, res) => {
      const stream = openEventStream(res, { keepAliveMs: 60_000, onClientGone: () => {} });
      stream.send({ type: 'text', delta: 'a' });
      setTimeout(() => {
        stream.send({ type: 'error', message: 'The model is unavailable.' });
        stream.end();
      }, 5);
    });
    const server = app.listen(0, '127.0.0.1');
    await once(server, 'listening');
    close = () => new Promise((resolve) => server.close(() => resolve()));
    const body = await (await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/stream`)).text();
    expect(body).toContain('"type":"error"');
  });
});

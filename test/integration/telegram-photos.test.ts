/**
 * The camera-photo seam of the Telegram channel, against the local Bot API: when a tool call
 * finishes with a picture (PhotoSource), the chat gets it as a photo; failed calls send none.
 * No tool returns pictures yet, so the agent here is a scripted one that streams the events a
 * camera tool would.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurnRequest } from '../../src/contracts/turns.js';
import type { ChatEventSink } from '../../src/contracts/chat-events.js';
import { TelegramChannel } from '../../src/channels/telegram/telegram-channel.js';
import { createLogger } from '../../src/logger.js';
import { startFakeTelegram, type FakeTelegram } from '../support/fake-telegram.js';

const ALICE = { id: 1001, first_name: 'Alice' };
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 0xff, 0xd9]);

/** A turn that calls `camera_snapshot` twice: once it works, once it fails. */
function scriptedAgent() {
  const links = new Map<string, string>();
  return {
    links: {
      isPaired: () => false,
      request: () => undefined,
      conversationOf: (_channel: string, key: string) => links.get(key),
      link: (_channel: string, key: string, id: string) => void links.set(key, id),
    },
    agent: {
      runTurn(request: TurnRequest, sink: ChatEventSink) {
        sink({ type: 'tool_call', id: 't1', name: 'camera_snapshot', input: { entity_id: 'camera.garden' } });
        sink({ type: 'tool_result', id: 't1', ok: true, summary: 'snapshot' });
        sink({ type: 'tool_call', id: 't2', name: 'camera_snapshot', input: { entity_id: 'camera.gone' } });
        sink({ type: 'tool_result', id: 't2', ok: false, summary: 'no such camera' });
        sink({ type: 'text', delta: 'Here is the garden.' });
        return Promise.resolve({ conversationId: `conv-${request.user.id}`, text: 'Here is the garden.' });
      },
    },
  };
}

describe('Telegram camera photos', () => {
  let telegram: FakeTelegram;
  let channel: TelegramChannel;
  const asked: Array<{ name: string; input: unknown }> = [];

  beforeEach(async () => {
    telegram = await startFakeTelegram();
    const { agent, links } = scriptedAgent();
    channel = new TelegramChannel({
      token: telegram.token,
      allowedChats: [String(ALICE.id)],
      users: new Map(),
      lookup: () => Promise.resolve(undefined),
      agent,
      approvals: { decide: () => Promise.resolve(undefined), closedAnswer: () => undefined },
      links,
      logger: createLogger('error'),
      apiRoot: telegram.apiRoot,
      editIntervalMs: 20,
      retryMs: 50,
      photoOf: (call) => {
        asked.push(call);
        return Promise.resolve(call.name === 'camera_snapshot' ? JPEG : undefined);
      },
    });
    channel.start();
  });
  afterEach(async () => {
    await channel.stop();
    await telegram.stop();
  });

  it('sends the picture of a successful camera call to the chat, and none for a failed one', async () => {
    telegram.sendText(ALICE, 'show me the garden');
    const deadline = Date.now() + 8000;
    while (!telegram.messages.some((m) => m.text === 'Here is the garden.') || !telegram.messages.some((m) => m.photo)) {
      if (Date.now() > deadline) throw new Error('timed out waiting for the photo and the answer');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const photos = telegram.messages.filter((m) => m.photo);
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ chatId: ALICE.id });
    expect(photos[0]!.photo!.equals(JPEG)).toBe(true);
    expect(asked).toEqual([{ name: 'camera_snapshot', input: { entity_id: 'camera.garden' } }]);
  });
});

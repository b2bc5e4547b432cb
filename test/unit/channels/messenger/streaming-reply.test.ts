import { describe, expect, it } from 'vitest';
import { MAX_REPLY_CHARS, replyText, StreamingReply } from '../../../../src/channels/messenger/streaming-reply.js';

function recorder() {
  const calls: Array<[string, string]> = [];
  return {
    calls,
    target: {
      post: (text: string) => Promise.resolve(void calls.push(['post', text])),
      update: (text: string) => Promise.resolve(void calls.push(['update', text])),
    },
  };
}

describe('StreamingReply', () => {
  it('posts the first words at once, then edits the same message, and the final text always lands', async () => {
    const { calls, target } = recorder();
    // A long interval: only the first post and the final edit happen in this test.
    const reply = new StreamingReply(target, { intervalMs: 60_000, fallback: '(none)', onError: () => {} });
    reply.append('Hel');
    reply.append('lo');
    reply.append(' world');
    await new Promise((resolve) => setImmediate(resolve));
    await reply.finish('Hello world.');
    expect(calls).toEqual([
      ['post', 'Hello world'],
      ['update', 'Hello world.'],
    ]);
  });

  it('edits while streaming once the interval passes', async () => {
    const { calls, target } = recorder();
    const reply = new StreamingReply(target, { intervalMs: 5, fallback: '(none)', onError: () => {} });
    reply.append('One');
    await Promise.resolve();
    reply.append(' two');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls).toEqual([
      ['post', 'One'],
      ['update', 'One two'],
    ]);
    await reply.finish();
    expect(calls).toHaveLength(2);
  });

  it('posts the fallback for an empty answer and reports failures without throwing', async () => {
    const { calls, target } = recorder();
    await new StreamingReply(target, { intervalMs: 5, fallback: '(none)', onError: () => {} }).finish('  ');
    expect(calls).toEqual([['post', '(none)']]);
    const errors: unknown[] = [];
    const failing = { post: () => Promise.reject(new Error('429')), update: () => Promise.reject(new Error('429')) };
    await new StreamingReply(failing, { intervalMs: 5, fallback: '(none)', onError: (err) => errors.push(err) }).finish('hi');
    expect(errors).toHaveLength(1);
  });

  it('clips text to one message', () => {
    expect(replyText('x'.repeat(MAX_REPLY_CHARS + 10), '')).toHaveLength(MAX_REPLY_CHARS);
  });
});

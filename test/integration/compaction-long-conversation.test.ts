import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeOpenAiOutcome, OpenAiRecordedRequest } from '../fake-llm/fake-openai-types.js';
import { contentText } from '../fake-llm/fake-openai-view.js';
import { lastUserText } from '../fake-llm/request-view.js';
import { loadDatasetHome } from '../ha-sim/index.js';
import { chat, startStack, type Stack } from '../support/stack.js';

const CONTEXT_MAX_TOKENS = 8000;
const TURNS = 200;
const FACT = 'Please remember: the spare key is under the blue flowerpot by the garage.';
const FILLER =
  'Clouds will build up over the afternoon, with a chance of light rain after six and a gentle breeze from the west. ' +
  'Temperatures stay mild, so the heating can stay on its usual schedule tonight.';

function isSummaryRequest(req: OpenAiRecordedRequest): boolean {
  return req.body.tools === undefined && /running summary/.test(String(req.body.system));
}

/**
 * A fake model that plays both roles: as summariser it keeps the lines that carry something to
 * remember (from the summary so far and the new transcript); as the assistant it answers a
 * question about the key from whatever its context holds — the summary included.
 */
function respond(req: OpenAiRecordedRequest): FakeOpenAiOutcome {
  if (isSummaryRequest(req)) {
    const prompt = contentText(req.openai.messages.at(-1)?.content ?? '');
    const said = prompt.split('\n').filter((line) => /^(User: |The user asked: ).*remember/i.test(line));
    const facts = [...new Set(said.map((line) => `The user asked: ${line.replace(/^(User: |The user asked: )/, '')}`))];
    return { content: [{ type: 'text', text: `${facts.join('\n')}\nMost other messages were small talk about the weather.` }] };
  }
  const question = lastUserText(req.body);
  if (/where is the spare key/i.test(question)) {
    const context = req.openai.messages.map((m) => contentText(m.content ?? '')).join('\n');
    const place = /spare key is (under [^.\n]+)/.exec(context)?.[1];
    return { content: [{ type: 'text', text: place ? `The spare key is ${place}.` : 'I do not know.' }] };
  }
  return { content: [{ type: 'text', text: `About "${question.slice(0, 40)}": ${FILLER}` }] };
}

describe('a 200-turn conversation with context_max_tokens', () => {
  let stack: Stack;
  let conversationId = '';
  let finalAnswer = '';

  beforeAll(async () => {
    stack = await startStack({
      home: loadDatasetHome('home1-us'),
      llm: 'openai',
      fakeOpenAi: { fallback: respond },
      options: { context_max_tokens: CONTEXT_MAX_TOKENS },
    });
    for (let turn = 1; turn <= TURNS; turn += 1) {
      const message =
        turn === 1 ? FACT : turn === TURNS ? 'Where is the spare key?' : `Message ${turn}: what will the weather be like this evening, and should I close the windows?`;
      const events = await chat(stack.url, { message, ...(conversationId && { conversation_id: conversationId }) });
      const done = events.at(-1);
      if (done?.type !== 'done') throw new Error(`turn ${turn} ended with ${JSON.stringify(done)}`);
      conversationId = String(done.conversation_id);
      finalAnswer = String(done.text);
    }
  }, 120_000);
  afterAll(async () => stack?.stop());

  const requests = () => stack.llm.requests as OpenAiRecordedRequest[];
  const answers = () => requests().filter((r) => !isSummaryRequest(r));

  it('keeps every request to the model under the configured context size', () => {
    expect(answers()).toHaveLength(TURNS);
    const sizes = requests().map((r) => r.openaiUsage?.prompt_tokens ?? Number.POSITIVE_INFINITY);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(CONTEXT_MAX_TOKENS);
    // Without compaction the last request would have carried the whole conversation: the answers alone do not fit.
    const answered = answers().reduce((sum, r) => sum + (r.openaiUsage?.completion_tokens ?? 0), 0);
    expect(answered).toBeGreaterThan(CONTEXT_MAX_TOKENS);
  });

  it('summarises now and then, reusing the stored summary in between', () => {
    const summaries = requests().filter(isSummaryRequest);
    expect(summaries.length).toBeGreaterThan(1);
    expect(summaries.length).toBeLessThan(TURNS / 5);
    expect(answers().at(-1)?.openai.messages[1]?.content).toMatch(/^\[Summary of the earlier part of this conversation/);
  });

  it('still answers about a fact from its very beginning, from the summary', () => {
    const last = answers().at(-1)!;
    // The first message itself is long gone from what the model is sent; only the summary carries it.
    expect(last.openai.messages.some((m) => m.content === FACT)).toBe(false);
    expect(last.openai.messages[1]?.content).toContain('The user asked: Please remember: the spare key is under the blue flowerpot by the garage.');
    expect(finalAnswer).toBe('The spare key is under the blue flowerpot by the garage.');
  });

  it('keeps the cacheable prefix stable: the same tools and instructions in every request', () => {
    const prefixes = new Set(answers().map((r) => JSON.stringify(r.openai.tools)));
    expect(prefixes.size).toBe(1);
    const stable = answers().map((r) => contentText(r.openai.messages[0]?.content ?? '').split('\n\nNow:')[0]);
    expect(new Set(stable).size).toBe(1);
  });

  it('keeps the whole conversation in the history the panel shows', async () => {
    const res = await fetch(`${stack.url}/api/conversations/${conversationId}`, {
      headers: { 'x-remote-user-id': 'user-admin', 'x-remote-user-name': 'alice' },
    });
    const body = (await res.json()) as { messages: Array<{ role: string }> };
    expect(body.messages).toHaveLength(TURNS * 2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import type { UsageReport } from '../../src/llm/usage-report.js';
import type { StatusReport } from '../../src/channels/socket/protocol.js';
import type { OpenAiRecordedRequest } from '../fake-llm/fake-openai-types.js';
import { createHomeAssistantResponder } from '../fake-llm/index.js';
import { loadDatasetHome } from '../ha-sim/index.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

async function getJson<T>(url: string, headers: Record<string, string> = TEST_USER_HEADERS): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: (await res.json()) as T };
}

/** Sums what the fake server reported, in the neutral form (uncached input, cache read and write apart). */
function reported(stack: Stack) {
  const sum = { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
  for (const r of stack.llm.requests) {
    sum.input += r.usage?.input_tokens ?? 0;
    sum.output += r.usage?.output_tokens ?? 0;
    sum.cacheRead += r.usage?.cache_read_input_tokens ?? 0;
    sum.cacheWrite += r.usage?.cache_creation_input_tokens ?? 0;
  }
  return sum;
}

describe('usage accounting and the daily budget', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  for (const llm of ['openai', 'anthropic'] as const) {
    it(`records exactly the usage the ${llm} server reported, per model, and shows it in /api/usage and /api/status`, async () => {
      stack = await startStack({ home: loadDatasetHome('home1-us'), llm });
      stack.llm.enqueue(createHomeAssistantResponder(), createHomeAssistantResponder(), createHomeAssistantResponder());
      const events = await chat(stack.url, { message: 'turn on the kitchen light' });
      expect(events.at(-1)).toMatchObject({ type: 'done' });
      expect(stack.llm.requests).toHaveLength(3);

      const { status, body } = await getJson<UsageReport>(`${stack.url}/api/usage`);
      expect(status).toBe(200);
      const sum = reported(stack);
      const model = llm === 'openai' ? 'gpt-4.1-mini' : 'claude-sonnet-5-5';
      expect(body.today).toMatchObject({
        input_tokens: sum.input,
        output_tokens: sum.output,
        cache_read_tokens: sum.cacheRead,
        cache_write_tokens: sum.cacheWrite,
        calls: 3,
        turns: 1,
        models: [{ provider: llm, model, calls: 3, priced: true }],
      });
      expect(sum.cacheRead).toBeGreaterThan(0);
      expect(body.today.cost_usd).toBeGreaterThan(0);
      expect(body.days.map((d) => d.day)).toEqual([body.today.day]);
      expect(body.budget).toMatchObject({ usd: null, tokens: null, reached: false });

      const statusReport = await getJson<StatusReport>(`${stack.url}/api/status`);
      expect(statusReport.body.usage).toMatchObject({ input_tokens: sum.input, output_tokens: sum.output, cache_read_tokens: sum.cacheRead, turns: 1, calls: 3 });
    });
  }

  it('needs a signed-in user', async () => {
    stack = await startStack({ home: loadDatasetHome('home1-us'), llm: 'openai' });
    const { status } = await getJson(`${stack.url}/api/usage`, {});
    expect(status).toBe(401);
  });

  it('stops turns once today\'s budget is reached, before calling the model, and says so in the chat, the API and the status', async () => {
    stack = await startStack({ home: loadDatasetHome('home1-us'), llm: 'openai', options: { daily_budget_tokens: 1000 } });
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Hello! How can I help?' }] });
    const first = await chat(stack.url, { message: 'hello' });
    expect(first.at(-1)).toMatchObject({ type: 'done', text: 'Hello! How can I help?' });
    const spent = (stack.llm.requests as OpenAiRecordedRequest[])[0]?.openaiUsage?.total_tokens ?? 0;
    expect(spent).toBeGreaterThanOrEqual(1000);

    const second = await chat(stack.url, { message: 'turn on the kitchen light' });
    expect(second.at(-1)).toEqual({
      type: 'error',
      code: 'budget_reached',
      message: `Today's model budget is used up (${spent.toLocaleString('en-US')} of 1,000 tokens). Majordome will answer again after midnight, or raise daily_budget_tokens in the add-on options.`,
    });
    expect(stack.llm.requests).toHaveLength(1);

    const usage = await getJson<UsageReport>(`${stack.url}/api/usage`);
    expect(usage.body.budget).toMatchObject({ tokens: 1000, usd: null, reached: true, reached_by: 'tokens', spent_tokens: spent });
    const status = await getJson<StatusReport>(`${stack.url}/api/status`);
    expect(status.body.usage?.budget).toMatchObject({ reached: true, reached_by: 'tokens' });
  });

  it('caps spend in dollars with the user\'s own price for a model', async () => {
    stack = await startStack({
      home: loadDatasetHome('home1-us'),
      llm: 'openai',
      options: { model: 'my-local-model', daily_budget_usd: 0.01, model_prices: [{ model: 'my-local-model', input: 10_000, output: 10_000 }] },
    });
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Hello!' }] });
    await chat(stack.url, { message: 'hello' });
    const second = await chat(stack.url, { message: 'hello again' });
    expect(second.at(-1)).toMatchObject({ type: 'error', code: 'budget_reached', message: expect.stringMatching(/of \$0\.01\).*daily_budget_usd/) as string });
    const usage = await getJson<UsageReport>(`${stack.url}/api/usage`);
    expect(usage.body.today.models[0]).toMatchObject({ model: 'my-local-model', priced: true });
    expect(usage.body.today.cost_usd).toBeGreaterThan(0.01);
  });
});

/**
 * A French person on a Majordome whose daily budget is spent is told so in French wherever they
 * ask: the panel's chat, an automation's `majordome_request`, and Assist (HA's conversation agent
 * over Wyoming). The machine `code` stays `budget_reached`. Real server, HA simulator, fake model
 * through the real SDK.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { OpenAiRecordedRequest } from '../fake-llm/fake-openai-types.js';
import { loadDatasetHome } from '../ha-sim/index.js';
import { chat, startStack, type Stack } from '../support/stack.js';
import { sendTranscript } from '../support/wyoming-client.js';

/** A number as French writes it: thin no-break spaces between thousands. */
function frenchNumber(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u202f');
}

describe('a French person once today’s budget is spent', () => {
  let stack: Stack;
  let spent = 0;

  beforeAll(async () => {
    stack = await startStack({ home: loadDatasetHome('home1-us'), llm: 'openai', options: { daily_budget_tokens: 1000 } });
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Bonjour !' }] });
    const first = await chat(stack.url, { message: 'bonjour', language: 'fr' });
    expect(first.at(-1)).toMatchObject({ type: 'done' });
    spent = (stack.llm.requests as OpenAiRecordedRequest[])[0]?.openaiUsage?.total_tokens ?? 0;
    expect(spent).toBeGreaterThanOrEqual(1000);
  });
  afterAll(async () => stack?.stop());

  const french = () =>
    `Le budget du modèle pour aujourd’hui est épuisé (${frenchNumber(spent)} jetons sur ${frenchNumber(1000)}). Majordome répondra de nouveau après minuit ; sinon, augmentez daily_budget_tokens dans les options de l’add-on.`;

  it('reads it in French in the chat, the code unchanged, and the model is not called', async () => {
    const events = await chat(stack.url, { message: 'allume la cuisine', language: 'fr' });
    expect(events.at(-1)).toEqual({ type: 'error', code: 'budget_reached', message: french() });
    expect(stack.llm.requests).toHaveLength(1);
  });

  it('an English person on the same server still reads English', async () => {
    const events = await chat(stack.url, { message: 'turn on the kitchen', language: 'en' });
    expect(events.at(-1)).toMatchObject({ code: 'budget_reached', message: expect.stringMatching(/^Today's model budget is used up \(/) as string });
  });

  it('an automation asking in French gets the French sentence in majordome_response', async () => {
    const res = await fetch(`${stack.sim.url}/api/events/majordome_request`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.sim.adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'allume la cuisine', request_id: 'budget-fr', language: 'fr' }),
    });
    expect(res.status).toBe(200);
    await vi.waitFor(
      () => {
        const response = stack.sim.firedEvents.find((e) => e.event_type === 'majordome_response' && (e.event_data as Record<string, unknown>)['request_id'] === 'budget-fr');
        expect(response?.event_data).toMatchObject({ ok: false, text: french() });
      },
      { timeout: 5000 },
    );
  });

  it('Assist, asked in French, says it in French', async () => {
    const port = stack.majordome.wyomingPort;
    if (port === undefined) throw new Error('the Wyoming server is not listening');
    const answer = await sendTranscript(port, { text: 'allume la cuisine', language: 'fr' });
    // Speech keeps plain spaces between the thousands.
    expect(answer).toMatchObject({ type: 'not-handled', data: { text: french().replace(/\u202f/g, ' ') } });
    expect(stack.llm.requests).toHaveLength(1);
  });
});

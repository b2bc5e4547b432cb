import { describe, expect, it } from 'vitest';
import { chooseCut, estimateFixedTokens, estimateTokens, isTurnStart, shortenOldToolResults } from '../../../src/agent/compaction.js';
import { Compactor, type SummaryStore } from '../../../src/agent/compactor.js';
import { MajordomeError, ModelError } from '../../../src/errors.js';
import type { ModelRequest, Provider, ToolSpec } from '../../../src/llm/provider.js';
import type { ChatMessage } from '../../../src/contracts/messages.js';

const TOOLS: ToolSpec[] = [{ name: 'ha_get_state', description: 'Read a state.', input_schema: { type: 'object', properties: { entity_id: { type: 'string' } } } }];
const SYSTEM = 'You are Majordome.';

const say = (role: ChatMessage['role'], text: string): ChatMessage => ({ role, content: [{ type: 'text', text }] });

/** One turn: a question, a tool call with a result of `resultChars`, and an answer. */
function turn(n: number, resultChars = 100): ChatMessage[] {
  return [
    say('user', `Question ${n}: how is the sensor number ${n} doing today?`),
    { role: 'assistant', content: [{ type: 'tool_use', id: `t${n}`, name: 'ha_get_state', input: { entity_id: `sensor.s${n}` } }] },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: `t${n}`, content: 'x'.repeat(resultChars) }] },
    say('assistant', `Sensor ${n} reads ${n * 3} and has been steady all day long.`),
  ];
}

function history(turns: number, resultChars = 100): ChatMessage[] {
  return Array.from({ length: turns }, (_, i) => turn(i + 1, resultChars)).flat();
}

function memorySummaries(): SummaryStore & { saved: Map<string, { covered: number; text: string }> } {
  const saved = new Map<string, { covered: number; text: string }>();
  return { saved, get: (id) => saved.get(id), save: (id, summary) => void saved.set(id, summary) };
}

/** A provider that answers summary requests by listing the question numbers it was shown. */
function summarisingProvider(fail?: Error): Provider & { requests: ModelRequest[] } {
  const requests: ModelRequest[] = [];
  return {
    name: 'test',
    model: 'summariser',
    acceptsImages: false,
    requests,
    complete: async (request) => {
      requests.push(request);
      if (fail) throw fail;
      const prompt = request.messages[0]?.content[0];
      const text = prompt?.type === 'text' ? prompt.text : '';
      const numbers = [...text.matchAll(/Question (\d+)/g)].map((m) => m[1]);
      const before = /Summary so far:\n(.*)\n/.exec(text)?.[1] ?? '';
      const merged = `${before === '(none yet)' ? '' : `${before} `}asked about ${numbers.join(',')}.`.trim();
      return { content: [{ type: 'text', text: merged }], stopReason: 'end_turn', usage: { inputTokens: 1, outputTokens: 1 }, model: 'summariser' };
    },
  };
}

function input(stored: ChatMessage[], n: number) {
  return { conversationId: 'c1', stored, current: say('user', `Question ${n}: and now?`), system: SYSTEM, tools: TOOLS, signal: new AbortController().signal, turnId: `turn-${n}` };
}

/** Tool results answer the tool_use blocks of the message right before them, and only those. */
function pairsAreWhole(messages: ChatMessage[]): boolean {
  return messages.every((message, i) => {
    const results = message.content.flatMap((b) => (b.type === 'tool_result' ? [b.tool_use_id] : []));
    const uses = messages[i - 1]?.content.flatMap((b) => (b.type === 'tool_use' ? [b.id] : [])) ?? [];
    return results.every((id) => uses.includes(id));
  });
}

describe('compaction, pure parts', () => {
  it('shortens big tool results of earlier turns only, the same way every time', () => {
    const messages = [...turn(1, 5000), ...turn(2, 5000)];
    const once = shortenOldToolResults(messages, 2000);
    const old = once[2]?.content[0];
    const current = once[6]?.content[0];
    expect(old?.type === 'tool_result' && old.content.length).toBeLessThan(1100);
    expect(old?.type === 'tool_result' && old.content).toMatch(/\[shortened: 4000 more characters left out\]$/);
    expect(current?.type === 'tool_result' && current.content.length).toBe(5000);
    expect(shortenOldToolResults(messages, 2000)).toEqual(once);
  });

  it('cuts only where a person speaks, so a tool call keeps its result, and keeps the current turn whole', () => {
    const messages = history(10);
    const cut = chooseCut(messages, 0, estimateTokens(messages.slice(-9)));
    expect(isTurnStart(messages[cut])).toBe(true);
    expect(cut).toBe(messages.length - 8);
    expect(chooseCut(messages, 0, 1)).toBe(messages.length - 4);
  });
});

describe('Compactor', () => {
  const maxTokens = 2000;

  it('sends a short history as it is, without asking the model anything', async () => {
    const provider = summarisingProvider();
    const compactor = new Compactor({ provider, summaries: memorySummaries(), maxTokens });
    const stored = history(2);
    expect(await compactor.prepare(input(stored, 3))).toEqual([...stored, say('user', 'Question 3: and now?')]);
    expect(provider.requests).toHaveLength(0);
  });

  it('summarises older turns in separate requests, folding chunk after chunk, keeps recent turns whole, and stays under the budget', async () => {
    const provider = summarisingProvider();
    const summaries = memorySummaries();
    const compactor = new Compactor({ provider, summaries, maxTokens });
    const stored = history(40);

    const messages = await compactor.prepare(input(stored, 41));

    // A small budget: the old turns do not fit one summary request, so they are folded in chunks.
    expect(provider.requests.length).toBeGreaterThan(1);
    for (const request of provider.requests) {
      expect(request).toMatchObject({ tools: [], meter: { conversationId: 'c1', turnId: 'turn-41', purpose: 'summary' } });
      expect(estimateTokens(request.system) + estimateTokens(request.messages)).toBeLessThanOrEqual(maxTokens);
    }
    const second = provider.requests[1]?.messages[0]?.content[0];
    expect(second?.type === 'text' && second.text).toMatch(/^Summary so far:\nasked about 1,2,/);
    const first = messages[0]?.content[0];
    expect(first?.type === 'text' && first.text).toMatch(/^\[Summary of the earlier part[^\n]*\]\nasked about 1,2,3,/);
    expect(isTurnStart(messages[1])).toBe(true);
    expect(pairsAreWhole(messages)).toBe(true);
    expect(messages.at(-1)).toEqual(say('user', 'Question 41: and now?'));
    expect(estimateFixedTokens(SYSTEM, undefined, TOOLS) + estimateTokens(messages)).toBeLessThanOrEqual(maxTokens);
    const covered = summaries.saved.get('c1')?.covered ?? 0;
    expect(messages.slice(1)).toEqual([...stored.slice(covered), say('user', 'Question 41: and now?')]);
  });

  it('reuses the stored summary on the next turns, and folds it into the next summary', async () => {
    const provider = summarisingProvider();
    const summaries = memorySummaries();
    const compactor = new Compactor({ provider, summaries, maxTokens });
    let stored = history(40);
    await compactor.prepare(input(stored, 41));
    const firstCut = summaries.saved.get('c1')?.covered ?? 0;
    const firstText = summaries.saved.get('c1')?.text ?? '';
    const calls = provider.requests.length;

    stored = [...stored, ...turn(41)];
    const next = await compactor.prepare(input(stored, 42));
    expect(provider.requests).toHaveLength(calls);
    expect(next[0]?.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining(firstText) as string });

    stored = [...stored, ...history(20)];
    await compactor.prepare(input(stored, 43));
    expect(provider.requests.length).toBeGreaterThan(calls);
    const prompt = provider.requests[calls]?.messages[0]?.content[0];
    expect(prompt?.type === 'text' && prompt.text.startsWith(`Summary so far:\n${firstText}\n`)).toBe(true);
    expect(summaries.saved.get('c1')?.covered).toBeGreaterThan(firstCut);
  });

  it('leaves the oldest turns out when the summary fails, and stops the turn when the budget is reached', async () => {
    const broken = new Compactor({ provider: summarisingProvider(new ModelError('model_unavailable', 'down')), summaries: memorySummaries(), maxTokens });
    const messages = await broken.prepare(input(history(40), 41));
    expect(isTurnStart(messages[0])).toBe(true);
    expect(estimateTokens(messages)).toBeLessThan(maxTokens);

    const budget = new MajordomeError('budget_reached', "Today's model budget is used up.");
    const capped = new Compactor({ provider: summarisingProvider(budget), summaries: memorySummaries(), maxTokens });
    await expect(capped.prepare(input(history(40), 41))).rejects.toBe(budget);
  });
});

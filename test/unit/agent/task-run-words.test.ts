/** What a task run sends to the phones when it has nothing to say or fails: in the option `language`. */
import { describe, expect, it } from 'vitest';
import { runTask } from '../../../src/agent/scheduler/task-run.js';
import type { TurnRunner } from '../../../src/contracts/turns.js';
import type { TaskRecord } from '../../../src/store/tasks.js';
import { DailyBudget } from '../../../src/llm/budget.js';
import { PriceTable } from '../../../src/llm/prices.js';

const task: TaskRecord = {
  id: 't1',
  owner: { id: 'user-admin', name: 'alice', via: 'ingress' },
  prompt: 'Lis-moi les nouvelles',
  spec: { kind: 'cron', cron: '0 7 * * *' },
  status: 'active',
  conversationId: 'c1',
  createdAt: '2026-12-01T00:00:00.000Z',
};

function notifications(): { sent: string[]; notify: (message: string) => Promise<void> } {
  const sent: string[] = [];
  return { sent, notify: async (message) => void sent.push(message) };
}

const silent: TurnRunner = { runTurn: async () => ({ text: '  ' }) as never };
const failing: TurnRunner = {
  runTurn: async () => {
    throw new Error('the model is unreachable');
  },
};

describe('a task run’s own words', () => {
  it('says in French that the task had no answer or failed', async () => {
    const phone = notifications();
    await runTask({ agent: silent, notify: phone.notify, language: 'fr' }, task, { why: 'scheduled' }, new AbortController().signal);
    await runTask({ agent: failing, notify: phone.notify, language: 'fr' }, task, { why: 'scheduled' }, new AbortController().signal);
    expect(phone.sent).toEqual(['(pas de réponse)', 'La tâche a échoué : the model is unreachable']);
  });

  it('says in French that the day’s budget is spent, as the budget words it', async () => {
    const today = { day: '2026-12-01', provider: 'openai', model: 'gpt-4o', inputTokens: 5000, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, calls: 1 };
    const budget = new DailyBudget({
      usage: { totalsByDay: () => [today] },
      prices: new PriceTable(),
      limits: { tokens: 1000 },
      clock: { now: () => new Date('2026-12-01T10:00:00Z'), timeZone: () => 'Europe/Paris' },
    });
    const spent: TurnRunner = {
      runTurn: async () => {
        budget.check();
        return { conversationId: 'c1', text: 'never' };
      },
    };
    const phone = notifications();
    await runTask({ agent: spent, notify: phone.notify, language: 'fr' }, task, { why: 'scheduled' }, new AbortController().signal);
    expect(phone.sent).toEqual([
      'La tâche a échoué : Le budget du modèle pour aujourd’hui est épuisé (5\u202f000 jetons sur 1\u202f000). Majordome répondra de nouveau après minuit ; sinon, augmentez daily_budget_tokens dans les options de l’add-on.',
    ]);
  });

  it('keeps English for an English household', async () => {
    const phone = notifications();
    await runTask({ agent: failing, notify: phone.notify, language: 'en' }, task, { why: 'scheduled' }, new AbortController().signal);
    expect(phone.sent).toEqual(['The task failed: the model is unreachable']);
  });

  it('says in the task’s result, in French, that the phones could not be told', async () => {
    const refused = async (): Promise<void> => {
      throw new Error('no phone');
    };
    const outcome = await runTask({ agent: failing, notify: refused, language: 'fr' }, task, { why: 'scheduled' }, new AbortController().signal);
    expect(outcome.text).toBe('La tâche a échoué : the model is unreachable\n(notification non envoyée : no phone)');
  });
});

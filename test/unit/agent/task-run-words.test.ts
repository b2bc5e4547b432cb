/** What a task run sends to the phones when it has nothing to say or fails: in the option `language`. */
import { describe, expect, it } from 'vitest';
import { runTask } from '../../../src/agent/scheduler/task-run.js';
import type { TurnRunner } from '../../../src/contracts/turns.js';
import type { TaskRecord } from '../../../src/store/tasks.js';

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

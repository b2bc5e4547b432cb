/**
 * Scheduled tasks with a hand-moved clock: a cron task runs at its local time in the home's time
 * zone (Europe/Paris, across the spring DST change), lands in its conversation and on the phone,
 * survives a restart, and catches up once on a run missed while Majordome was stopped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadIntentsHome } from '../ha-sim/index.js';
import { ManualClock } from '../support/manual-clock.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

interface TaskView {
  id: string;
  prompt: string;
  status: string;
  conversation_id: string;
  next_run_at?: string;
  last_result?: string;
  last_ok?: boolean;
}

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  for (let i = 0; ; i++) {
    const value = await read();
    if (ok(value) || i > 400) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function tasks(stack: Stack): Promise<TaskView[]> {
  const res = await fetch(`${stack.url}/api/tasks`, { headers: TEST_USER_HEADERS });
  return ((await res.json()) as { tasks: TaskView[] }).tasks;
}

function phoneMessages(stack: Stack): unknown[] {
  return stack.sim.serviceCalls.filter((c) => c.domain === 'notify').map((c) => (c.service_data as { message?: unknown }).message);
}

describe('a cron task', () => {
  let stack: Stack;
  const clock = new ManualClock('2026-03-28T10:00:00Z');

  beforeAll(async () => {
    const home = loadIntentsHome();
    home.config = { ...home.config, time_zone: 'Europe/Paris' };
    stack = await startStack({ home, overrides: { schedulerClock: clock } });
  });
  afterAll(async () => stack?.stop());

  it('runs at 07:00 Paris time after the DST change, into its conversation and onto the phone', async () => {
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'task_schedule', input: { prompt: 'Tell me the weather', cron: '0 7 * * *' } }] },
      { content: [{ type: 'text', text: 'Every morning at 7.' }] },
    );
    await chat(stack.url, { message: 'every morning at 7 tell me the weather' });
    // Saturday 28 March is still UTC+1, but the next 07:00 is on Sunday, after the change to UTC+2.
    const [task] = await until(() => tasks(stack), (list) => list[0]?.next_run_at === '2026-03-29T05:00:00.000Z');
    expect(task).toMatchObject({ prompt: 'Tell me the weather', status: 'active', next_run_at: '2026-03-29T05:00:00.000Z' });

    stack.llm.enqueue({ content: [{ type: 'text', text: 'Sunny, 18 degrees.' }] });
    await clock.advanceTo('2026-03-29T04:59:00Z');
    expect(stack.llm.pending()).toBe(1);
    expect(phoneMessages(stack)).toEqual([]);

    await clock.advanceTo('2026-03-29T05:00:00Z');
    await until(async () => phoneMessages(stack), (messages) => messages.length > 0);
    expect(phoneMessages(stack)).toEqual(['Sunny, 18 degrees.']);
    expect(JSON.stringify(stack.llm.requests.at(-1)?.body.messages.at(-1))).toContain('Tell me the weather');

    const history = (await (await fetch(`${stack.url}/api/conversations/${task?.conversation_id}`, { headers: TEST_USER_HEADERS })).json()) as unknown;
    expect(JSON.stringify(history)).toContain('Sunny, 18 degrees.');
    const [after] = await until(() => tasks(stack), (list) => list[0]?.last_result !== undefined);
    expect(after).toMatchObject({ last_ok: true, last_result: 'Sunny, 18 degrees.', next_run_at: '2026-03-30T05:00:00.000Z' });
  });

  it('survives a restart and runs once for the mornings missed while stopped', async () => {
    await stack.majordome.stop();
    // Two mornings pass while Majordome is down.
    await clock.advanceTo('2026-04-01T09:00:00Z');
    stack.llm.enqueue({ content: [{ type: 'text', text: 'Late weather: cloudy.' }] });
    await stack.restart();
    await until(async () => phoneMessages(stack), (messages) => messages.length > 1);
    const [task] = await until(() => tasks(stack), (list) => list[0]?.last_result === 'Late weather: cloudy.');
    expect(phoneMessages(stack)).toEqual(['Sunny, 18 degrees.', 'Late weather: cloudy.']);
    expect(task).toMatchObject({ status: 'active', next_run_at: '2026-04-02T05:00:00.000Z' });
    expect(stack.llm.pending()).toBe(0);

    stack.llm.enqueue({ content: [{ type: 'text', text: 'Rain today.' }] });
    await clock.advanceTo('2026-04-02T05:00:00Z');
    await until(async () => phoneMessages(stack), (messages) => messages.length > 2);
    expect(phoneMessages(stack)).toEqual(['Sunny, 18 degrees.', 'Late weather: cloudy.', 'Rain today.']);
  });

  it('can be paused and deleted from the panel API, by its owner only', async () => {
    const [task] = await tasks(stack);
    const bob = { ...TEST_USER_HEADERS, 'x-remote-user-id': 'user-bob' };
    const pause = (headers: Record<string, string>) =>
      fetch(`${stack.url}/api/tasks/${task?.id}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify({ paused: true }) });
    expect((await pause(bob)).status).toBe(404);
    expect(await (await pause(TEST_USER_HEADERS)).json()).toMatchObject({ status: 'paused' });
    await clock.advanceTo('2026-04-03T06:00:00Z');
    expect(phoneMessages(stack)).toHaveLength(3);
    expect((await fetch(`${stack.url}/api/tasks/${task?.id}`, { method: 'DELETE', headers: TEST_USER_HEADERS })).status).toBe(204);
    expect(await tasks(stack)).toEqual([]);
  });
});

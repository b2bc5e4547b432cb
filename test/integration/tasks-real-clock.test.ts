/**
 * One-off tasks on the real clock (no hand-moved time): a task scheduled in the very first second
 * after start runs exactly once, on time, and is not called late; a task that fell due while
 * Majordome was stopped runs once when it starts again (task_missed_runs: run_once), called late.
 * This is the start-up race seen against a real HA: the home's time zone arrives a moment after
 * the scheduler starts, and the first wake that knows it used to take the task for a missed one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

const TASK_NOTE = 'Task you were asked to do';

function phoneMessages(stack: Stack): unknown[] {
  return stack.sim.serviceCalls.filter((c) => c.domain === 'notify').map((c) => (c.service_data as { message?: unknown }).message);
}

/** The user messages of the task runs the model was asked for, in order. */
function taskRuns(stack: Stack): string[] {
  return stack.llm.requests
    .map((r) => JSON.stringify(r.body.messages?.at(-1) ?? ''))
    .filter((text) => text.includes(TASK_NOTE));
}

async function scheduleIn(stack: Stack, ms: number): Promise<void> {
  const at = new Date(Date.now() + ms).toISOString();
  stack.llm.enqueue(
    { content: [{ type: 'tool_use', name: 'task_schedule', input: { prompt: 'Remind me the kettle', at } }] },
    { content: [{ type: 'text', text: 'I will remind you.' }] },
  );
  await chat(stack.url, { message: 'remind me the kettle in two seconds' });
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a one-off task on the real clock', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  it('runs exactly once, on time, when scheduled in the first second after start', async () => {
    const home = loadIntentsHome();
    home.config = { ...home.config, time_zone: 'Europe/Paris' };
    stack = await startStack({ home });
    const started = stack;
    await scheduleIn(started, 2000);
    stack.llm.enqueue({ content: [{ type: 'text', text: 'The kettle.' }] }, { content: [{ type: 'text', text: 'The kettle, again.' }] });

    await until(() => phoneMessages(started).length > 0, 'the task notification', 10_000);
    // Long enough for a second run (the catch-up and the timer used to both fire) to show.
    await settle(1500);
    expect(phoneMessages(started)).toEqual(['The kettle.']);
    const runs = taskRuns(started);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toContain('(scheduled)');
    expect(runs[0]).not.toContain('late');
  });

  it('runs once, called late, when it fell due while Majordome was stopped', async () => {
    stack = await startStack({ home: loadIntentsHome() });
    const started = stack;
    await scheduleIn(started, 1500);
    await started.majordome.stop();
    await settle(2500);
    started.llm.enqueue({ content: [{ type: 'text', text: 'Late kettle.' }] }, { content: [{ type: 'text', text: 'Late kettle, again.' }] });
    await started.restart();

    await until(() => phoneMessages(started).length > 0, 'the late notification', 10_000);
    await settle(1500);
    expect(phoneMessages(started)).toEqual(['Late kettle.']);
    const runs = taskRuns(started);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toContain('late: it was due while Majordome was stopped');
  });
});

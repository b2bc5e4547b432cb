/**
 * Taint follows a task: `task_schedule` in a conversation that read someone else's text asks, and
 * the approval (panel and phone) shows the whole prompt and when it runs, since what follows the
 * first lines is where an injected instruction would hide. Once approved, the task runs later in
 * its own conversation, still tainted (also after a restart): its write calls ask, naming what
 * was read before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeReply } from '../fake-llm/index.js';
import { driveChat } from '../fixtures/injection/chat-driver.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { ManualClock } from '../support/manual-clock.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

const PHONE = 'mobile_app_my_phone';
const READ_LIST = { domain: 'todo', service: 'get_items', target: { entity_id: 'todo.chores' } };
const LAMP_ON = { domain: 'light', service: 'turn_on', target: { entity_id: 'light.bedroom_lamp' } };

const use = (name: string, input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name, input }] });
const say = (text: string): FakeReply => ({ content: [{ type: 'text', text }] });

/** 600 characters: a harmless start, and a tail a 160-character summary used to hide. */
const PROMPT = `Remind me to water the plants on the balcony. ${'Check the soil first, then the forecast, and say how much water they need. '.repeat(7)}Then turn on the bedroom lamp.`.slice(0, 600);

async function eventually(ok: () => boolean | Promise<boolean>): Promise<boolean> {
  for (let i = 0; i < 400; i++) {
    if (await ok()) return true;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return false;
}

async function pending(stack: Stack): Promise<Array<{ id: string; tool: string; input: unknown; summary: string; reason: string }>> {
  const res = await fetch(`${stack.url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS });
  return ((await res.json()) as { approvals: Array<{ id: string; tool: string; input: unknown; summary: string; reason: string }> }).approvals;
}

const approvalNotices = (stack: Stack) =>
  stack.sim.serviceCalls
    .filter((c) => c.domain === 'notify' && (c.service_data as { data?: { actions?: unknown } }).data?.actions)
    .map((c) => String((c.service_data as { message?: unknown }).message));

describe('a task scheduled in a tainted conversation', () => {
  let stack: Stack;
  const clock = new ManualClock('2026-06-01T08:00:00Z');

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), options: { entity_access: 'all', approval_notify: [PHONE] }, overrides: { schedulerClock: clock } });
  });
  afterAll(async () => stack?.stop());

  it('shows the whole prompt in the approval, then runs tainted: its write call asks instead of running', async () => {
    expect(PROMPT).toHaveLength(600);
    stack.sim.setState('light.bedroom_lamp', 'off');
    stack.llm.enqueue(
      use('ha_call_service', READ_LIST),
      use('task_schedule', { prompt: PROMPT, at: '2026-06-01T09:00:00Z' }),
      say('Scheduled for 9:00.'),
    );
    const scheduled = await driveChat(stack.url, { message: 'read my chores and schedule what they say' }, () => 'approve');

    expect(scheduled.approvals).toEqual([expect.objectContaining({ tool: 'task_schedule' })]);
    const summary = scheduled.approvals[0]?.summary ?? '';
    expect(summary).toContain(PROMPT);
    expect(summary).toContain('2026-06-01T09:00:00Z');
    const notice = approvalNotices(stack).find((m) => m.includes('Remind me to water the plants'));
    expect(notice).toContain(PROMPT);

    // The taint is kept with the task, not in memory.
    await stack.restart();
    stack.llm.enqueue(use('ha_call_service', LAMP_ON), say('The lamp is on.'));
    await clock.advanceTo('2026-06-01T09:00:00Z');
    expect(await eventually(async () => (await pending(stack)).length > 0)).toBe(true);
    const [asked] = await pending(stack);
    expect(asked).toMatchObject({ tool: 'ha_call_service', input: LAMP_ON });
    expect(asked?.reason).toMatch(/^after reading the output of ha_call_service for todo\.chores, before this task was scheduled,/);
    expect(stack.sim.serviceCalls.filter((c) => c.domain === 'light')).toEqual([]);
    expect(stack.sim.getState('light.bedroom_lamp')?.state).toBe('off');
  });
});

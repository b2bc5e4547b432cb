/**
 * Taint end to end: real server, HA simulator, fake model. Reading a to-do list (text anyone with
 * access to the list can write) taints the conversation: a light that normally just turns on
 * now needs a yes, with the reason saying why, also after a restart; a new conversation is clean.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeReply } from '../fake-llm/index.js';
import { driveChat } from '../fixtures/injection/chat-driver.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

const READ_LIST = { domain: 'todo', service: 'get_items', target: { entity_id: 'todo.chores' } };
const LAMP_ON = { domain: 'light', service: 'turn_on', target: { entity_id: 'light.bedroom_lamp' } };

const use = (input: unknown): FakeReply => ({ content: [{ type: 'tool_use', name: 'ha_call_service', input }] });
const say = (text: string): FakeReply => ({ content: [{ type: 'text', text }] });

async function deniedReasons(stack: Stack): Promise<string[]> {
  const res = await fetch(`${stack.url}/api/approvals?status=denied`, { headers: TEST_USER_HEADERS });
  const body = (await res.json()) as { approvals: Array<{ reason: string }> };
  return body.approvals.map((a) => a.reason);
}

const lampCalls = (stack: Stack) => stack.sim.serviceCalls.filter((c) => c.domain === 'light');

describe('a conversation that read untrusted text', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome(), options: { entity_access: 'all' } });
  });
  afterAll(async () => stack?.stop());
  beforeEach(() => {
    stack.sim.setState('light.bedroom_lamp', 'off');
    stack.sim.serviceCalls.length = 0;
  });

  it('asks before a light after reading a to-do list, says why, and a new conversation turns it on without asking', async () => {
    stack.llm.enqueue(use(LAMP_ON), say('on'));
    const before = await driveChat(stack.url, { message: 'bedroom lamp on' }, () => 'deny');
    expect(before.approvals).toEqual([]);
    expect(lampCalls(stack)).toHaveLength(1);
    stack.sim.serviceCalls.length = 0;

    stack.llm.enqueue(use(READ_LIST), use(LAMP_ON), say('tried'));
    const tainted = await driveChat(stack.url, { message: 'read my chores, then the bedroom lamp' }, () => 'deny');
    expect(tainted.approvals).toEqual([expect.objectContaining({ tool: 'ha_call_service', input: LAMP_ON })]);
    expect(lampCalls(stack)).toEqual([]);
    expect((await deniedReasons(stack))[0]).toMatch(/^after reading the output of ha_call_service for todo\.chores/);

    stack.llm.enqueue(use(LAMP_ON), say('tried again'));
    const sameConversation = await driveChat(stack.url, { message: 'lamp on please', conversation_id: tainted.conversationId }, () => 'approve');
    expect(sameConversation.approvals).toHaveLength(1);
    expect(lampCalls(stack)).toHaveLength(1);
    stack.sim.serviceCalls.length = 0;

    stack.llm.enqueue(use(LAMP_ON), say('on'));
    const fresh = await driveChat(stack.url, { message: 'bedroom lamp on' }, () => 'deny');
    expect(fresh.approvals).toEqual([]);
    expect(fresh.conversationId).not.toBe(tainted.conversationId);
    expect(lampCalls(stack)).toHaveLength(1);
  });

  it('the taint survives a restart', async () => {
    stack.llm.enqueue(use(READ_LIST), say('read'));
    const first = await driveChat(stack.url, { message: 'what are my chores?' }, () => 'deny');
    await stack.restart();
    stack.llm.enqueue(use(LAMP_ON), say('tried'));
    const later = await driveChat(stack.url, { message: 'bedroom lamp on', conversation_id: first.conversationId }, () => 'deny');
    expect(later.approvals).toHaveLength(1);
    expect(lampCalls(stack)).toEqual([]);
  });
});

/**
 * `notify_user`: the household's phones (every `notify.mobile_app_*` service) get the message;
 * without a phone it lands in HA's notification list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNotifyUserTool } from '../../src/tools/notify.js';
import type { ToolContext } from '../../src/tools/tool.js';
import { loadDatasetHome, loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, type Stack } from '../support/stack.js';
import { startHomeStack, type HomeStack } from './ha-harness.js';

const context: ToolContext = { user: { id: 'test-user', via: 'system' }, conversationId: 'c', signal: new AbortController().signal, language: 'en' };

describe('notify_user in a turn', () => {
  let stack: Stack;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome() });
  });
  afterAll(async () => stack?.stop());

  it('is offered to the model and reaches the phone through notify.mobile_app_*', async () => {
    stack.llm.enqueue(
      { content: [{ type: 'tool_use', name: 'notify_user', input: { message: 'The washing machine is done.', title: 'Laundry' } }] },
      { content: [{ type: 'text', text: 'I sent it to your phone.' }] },
    );
    const events = await chat(stack.url, { message: 'tell my phone the laundry is done' });
    expect(stack.llm.requests.at(-1)?.body.tools?.map((t) => t.name)).toContain('notify_user');
    expect(events.find((e) => e.type === 'tool_result')).toMatchObject({ ok: true, summary: 'Sent to 1 phone' });
    expect(stack.sim.serviceCalls.filter((c) => c.domain === 'notify')).toEqual([
      expect.objectContaining({ service: 'mobile_app_my_phone', service_data: { message: 'The washing machine is done.', title: 'Laundry' } }),
    ]);
  });
});

describe('notify_user without a phone', () => {
  let home: HomeStack;

  beforeAll(async () => {
    home = await startHomeStack(loadDatasetHome('home1-us'));
  });
  afterAll(async () => home?.stop());

  it("falls back to HA's persistent notifications", async () => {
    const tool = createNotifyUserTool({ ha: home.ha });
    const result = await tool.execute(tool.input.parse({ message: 'Front door left open' }), context);
    expect(result).toMatchObject({ ok: true, output: { sent_to: ['persistent_notification'] } });
    expect(home.sim.serviceCalls.at(-1)).toMatchObject({ domain: 'persistent_notification', service: 'create', service_data: { message: 'Front door left open' } });
  });

  it('tells people where it went in their language', async () => {
    const tool = createNotifyUserTool({ ha: home.ha });
    const result = await tool.execute(tool.input.parse({ message: 'Porte restée ouverte' }), { ...context, language: 'fr' });
    expect(result.summary).toBe('Affiché dans les notifications de Home Assistant');
  });

  it('refuses an empty message before anything is sent', () => {
    const tool = createNotifyUserTool({ ha: home.ha });
    expect(tool.input.safeParse({ message: '  ' }).success).toBe(false);
  });

  it('reports Home Assistant being down as an error result for the model', async () => {
    const tool = createNotifyUserTool({ ha: home.ha });
    await home.sim.pause();
    try {
      await home.ha.getServices(true).catch(() => undefined);
      const result = await tool.execute({ message: 'hello' }, context);
      expect(result.ok).toBe(false);
    } finally {
      await home.sim.resume();
    }
  });
});

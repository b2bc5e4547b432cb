/**
 * Issue 19: through POST /api/chat, a French speaker's tool cards read HA's French words for the
 * states ("Verrouillé → Déverrouillé"), fetched from HA; an English speaker's read as before, and
 * the model reads HA's machine states in both.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

type Event = Record<string, unknown>;

const UNLOCK = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };
const LAMP_ON = { domain: 'light', service: 'turn_on', target: { entity_id: 'light.bedroom_lamp' } };

async function approveWhenAsked(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    const res = await fetch(`${url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS });
    const { approvals } = (await res.json()) as { approvals: Array<{ id: string }> };
    if (approvals[0]) {
      await fetch(`${url}/api/approvals/${approvals[0].id}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS },
        body: JSON.stringify({ decision: 'approve' }),
      });
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('no approval was asked for');
}

describe('tool cards speak HA’s words for states', () => {
  let stack: Stack;

  beforeAll(async () => {
    // Scheduling is allowed by default; asked here, so that the approval's words show.
    stack = await startStack({ home: loadIntentsHome(), options: { rules: [{ effect: 'ask', tool: 'task_schedule' }] } });
  });
  afterAll(async () => stack?.stop());
  beforeEach(() => {
    stack.sim.setState('lock.front_door', 'locked');
    stack.sim.setState('light.bedroom_lamp', 'off');
  });

  /** Runs one turn in which the person says `message` and the model makes `call`, then answers; returns the call's card line and what the model read. */
  async function callThroughChat(call: Record<string, unknown>, language: string, tool = 'ha_call_service', message = 'go'): Promise<{ summary: unknown; modelRead: string }> {
    stack.llm.enqueue({ content: [{ type: 'tool_use', name: tool, input: call }] }, { content: [{ type: 'text', text: 'OK.' }] });
    const turn = chat(stack.url, { message, language });
    const asks = (tool === 'ha_call_service' && call['domain'] === 'lock') || tool === 'ha_save_automation';
    const events: Event[] = await (asks ? Promise.all([turn, approveWhenAsked(stack.url)]).then(([e]) => e) : turn);
    const result = events.find((e) => e.type === 'tool_result');
    expect(result).toMatchObject({ ok: true });
    return { summary: result?.summary, modelRead: JSON.stringify(stack.llm.requests.at(-1)!.body.messages.at(-1)) };
  }

  it('a French speaker unlocking the front door reads "Verrouillé → Déverrouillé"; the model reads locked → unlocked', async () => {
    const { summary, modelRead } = await callThroughChat(UNLOCK, 'fr');
    expect(stack.sim.getState('lock.front_door')?.state).toBe('unlocked');
    expect(summary).toBe('Front Door : Verrouillé → Déverrouillé');
    expect(modelRead).toContain('Front Door: locked → unlocked');
    expect(modelRead).not.toContain('Verrouillé');
  });

  it('a French speaker turning on a lamp reads "Éteint → Allumé", then "déjà allumé"; its state reads "Allumé"', async () => {
    expect((await callThroughChat(LAMP_ON, 'fr-FR')).summary).toBe('Bedroom Lamp : Éteint → Allumé');
    expect((await callThroughChat(LAMP_ON, 'fr')).summary).toBe('Bedroom Lamp : déjà allumé');
    expect((await callThroughChat({ entity_id: 'light.bedroom_lamp' }, 'fr', 'ha_get_state')).summary).toBe('Bedroom Lamp : Allumé');
  });

  it('a French speaker saving an automation reads its entity’s state in HA’s French word; the model reads "on"', async () => {
    const evening = { alias: 'Evening lamp', triggers: [{ trigger: 'sun', event: 'sunset' }], actions: [{ action: 'light.turn_on', target: { entity_id: 'light.bedroom_lamp' } }] };
    const { summary, modelRead } = await callThroughChat({ config: evening }, 'fr', 'ha_save_automation', 'crée une automatisation qui allume la lampe au coucher du soleil');
    expect(summary).toMatch(/^Créé : l'automatisation « Evening lamp » \(automation\.evening_lamp, Allumé\)$/);
    expect(modelRead).toContain('\\"state\\":\\"on\\"');
  });

  it('a French speaker approving a task started by the front door reads "vers déverrouillé"; the task keeps "unlocked"', async () => {
    const trigger = { type: 'state', entity_id: 'lock.front_door', from: 'locked', to: 'unlocked' };
    stack.llm.enqueue({ content: [{ type: 'tool_use', name: 'task_schedule', input: { prompt: 'Préviens-moi', trigger } }] }, { content: [{ type: 'text', text: 'OK.' }] });
    const [events] = await Promise.all([chat(stack.url, { message: 'go', language: 'fr' }), approveWhenAsked(stack.url)]);
    const asked = events.find((e) => e.type === 'approval_required');
    expect(asked?.summary).toBe('Planifier une tâche qui s’exécute à chaque changement de lock.front_door depuis verrouillé vers déverrouillé, pour : Préviens-moi');
    expect(JSON.stringify(stack.llm.requests.at(-1)!.body.messages.at(-1))).toContain('\\"to\\":\\"unlocked\\"');
    const listed = (await (await fetch(`${stack.url}/api/tasks`, { headers: TEST_USER_HEADERS })).json()) as { tasks: Array<{ trigger?: unknown }> };
    expect(listed.tasks.at(-1)?.trigger).toEqual(trigger);
  });

  it('lists a task started by the front door with HA’s words for its states in the language the panel asks', async () => {
    const listed = async (query: string) =>
      ((await (await fetch(`${stack.url}/api/tasks${query}`, { headers: TEST_USER_HEADERS })).json()) as { tasks: Array<{ prompt: string; trigger_words?: unknown }> }).tasks.find(
        (task) => task.prompt === 'Préviens-moi',
      );
    expect((await listed('?language=fr'))?.trigger_words).toEqual({ from: 'Verrouillé', to: 'Déverrouillé' });
    expect((await listed('?language=en'))?.trigger_words).toEqual({ from: 'locked', to: 'unlocked' });
  });

  it('an English speaker reads the states as before', async () => {
    expect((await callThroughChat(UNLOCK, 'en')).summary).toBe('Front Door: locked → unlocked');
    expect((await callThroughChat(LAMP_ON, 'en')).summary).toBe('Bedroom Lamp: off → on');
    expect((await callThroughChat({ entity_id: 'light.bedroom_lamp' }, 'en', 'ha_get_state')).summary).toBe('Bedroom Lamp: on');
  });
});

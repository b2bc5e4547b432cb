/**
 * A typo is not a policy matter: an entity id HA does not have at all comes back to the model as a
 * plain error pointing at ha_find_entities, audited as an invalid call, never as a policy denial.
 * An entity HA has but entity_access keeps from the assistant is refused by policy as before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTENTS_UNEXPOSED, loadIntentsHome } from '../ha-sim/index.js';
import { chat, startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

interface AuditRow {
  kind: string;
  tool?: string;
  decision?: string;
  input?: unknown;
}

describe('an entity id the home does not have', () => {
  let stack: Stack;
  const [hidden] = INTENTS_UNEXPOSED;

  beforeAll(async () => {
    stack = await startStack({ home: loadIntentsHome() });
  });
  afterAll(async () => stack?.stop());

  /** Runs one tool call through a whole turn; returns its tool_result event and what the model read. */
  async function callOnce(name: string, input: Record<string, unknown>, language?: string): Promise<{ event: Record<string, unknown>; modelRead: string }> {
    stack.llm.enqueue({ content: [{ type: 'tool_use', name, input }] }, { content: [{ type: 'text', text: 'ok' }] });
    const events = await chat(stack.url, { message: `please ${name}`, ...(language && { language }) });
    const event = events.find((e) => e.type === 'tool_result');
    if (!event) throw new Error('no tool_result');
    const modelRead = JSON.stringify(stack.llm.requests.at(-1)?.body.messages?.at(-1));
    return { event, modelRead };
  }

  async function auditRows(): Promise<AuditRow[]> {
    const res = await fetch(`${stack.url}/api/audit?limit=50`, { headers: TEST_USER_HEADERS });
    return ((await res.json()) as { entries: AuditRow[] }).entries;
  }

  it('ha_get_state says there is no such entity and where to look', async () => {
    const { event, modelRead } = await callOnce('ha_get_state', { entity_id: 'light.kitchn' });
    expect(event).toMatchObject({ ok: false, summary: 'No entity light.kitchn in this home' });
    expect(modelRead).toContain('No entity light.kitchn in this home; use ha_find_entities to find the right id.');
    expect(modelRead).not.toContain('Refused by policy');
  });

  it('ha_call_service says the same, and nothing is called', async () => {
    const before = stack.sim.serviceCalls.length;
    const { event } = await callOnce('ha_call_service', { domain: 'light', service: 'turn_on', target: { entity_id: ['light.kitchn'] } });
    expect(event).toMatchObject({ ok: false, summary: 'No entity light.kitchn in this home' });
    expect(stack.sim.serviceCalls.length).toBe(before);
  });

  it('tells a French speaker on the card, while the model reads where to look', async () => {
    const { event, modelRead } = await callOnce('ha_call_service', { domain: 'light', service: 'turn_on', target: { entity_id: ['light.kitchn', 'light.bedrom'] } }, 'fr');
    expect(event).toMatchObject({ ok: false, summary: 'Entités inconnues dans cette maison : light.kitchn, light.bedrom' });
    expect(modelRead).toContain('No entities light.kitchn, light.bedrom in this home; use ha_find_entities to find the right ids.');
  });

  it('is audited as an invalid call, not as a policy denial', async () => {
    const rows = (await auditRows()).filter((r) => r.kind === 'tool_call' && JSON.stringify(r.input).includes('light.kitchn'));
    expect(rows.length).toBe(3);
    for (const row of rows) expect(row.decision).toBe('invalid');
  });

  it('an entity kept from the assistant by entity_access is still refused by policy, as before', async () => {
    const { event, modelRead } = await callOnce('ha_get_state', { entity_id: hidden });
    expect(event).toMatchObject({ ok: false, summary: `Refused by policy: ${hidden}: not found or not available to the assistant (entity_access).` });
    expect(modelRead).not.toContain('No entity');
    const rows = (await auditRows()).filter((r) => r.kind === 'tool_call' && JSON.stringify(r.input).includes(String(hidden)));
    expect(rows[0]?.decision).toBe('deny');
  });

  it('refuses an entity kept from the assistant in French for a French speaker', async () => {
    const { event } = await callOnce('ha_get_state', { entity_id: hidden }, 'fr');
    expect(event).toMatchObject({ ok: false, summary: `Refusé par les règles : ${hidden} : introuvable ou non accessible à l’assistant (entity_access).` });
  });
});

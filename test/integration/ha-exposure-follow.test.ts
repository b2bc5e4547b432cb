/**
 * Exposure follows Home Assistant within 2 s for every entity, through the real server: a YAML lock
 * (no registry entry, so HA fires no event when its exposure changes) un-exposed by an admin in
 * HA disappears from ha_find_entities and is refused by ha_call_service, with no reconnect;
 * exposing it again brings it back.
 */
import type { Connection } from 'home-assistant-js-websocket';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { callService, echoResult } from '../fake-llm/replies.js';
import type { FakeReply } from '../fake-llm/types.js';
import { buildHome, type EntitySeed } from '../ha-sim/loaders/home-builder.js';
import { chat, startStack, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';
import { connectLibrary } from '../unit/ha-sim/support.js';
import { startHomeStack, type HomeStack } from './ha-harness.js';

const YAML_LOCK = 'lock.kitchen_door';
const SEEDS: EntitySeed[] = [
  { entity_id: YAML_LOCK, name: 'Kitchen door', state: 'locked', registry: false },
  { entity_id: 'light.kitchen', name: 'Kitchen light', state: 'off' },
  { entity_id: 'switch.kettle', name: 'Kettle', state: 'off' },
];
/** A home whose YAML lock is exposed to Assist on purpose (kept in HA's exposed-entities store). */
const home = () => buildHome({ name: 'Kitchen', entities: SEEDS, exposed: { [YAML_LOCK]: true, 'light.kitchen': true } });

const find = (query: string): FakeReply => ({ content: [{ type: 'tool_use', name: 'ha_find_entities', input: { query } }] });

/** HA's own command, as an admin sends it from the "Expose" settings. */
function expose(conn: Connection, shouldExpose: boolean): Promise<unknown> {
  return conn.sendMessagePromise({ type: 'homeassistant/expose_entity', assistants: ['conversation'], entity_ids: [YAML_LOCK], should_expose: shouldExpose });
}

describe('exposure of an entity without a registry entry, through the server', () => {
  let stack: Stack;
  let admin: Connection;

  /** One chat turn: the model calls the tool, then repeats its result; resolves with that text. */
  async function turn(reply: FakeReply, message: string): Promise<string> {
    stack.llm.enqueue(reply, echoResult);
    const events = await chat(stack.url, { message });
    return String(events.find((e) => e.type === 'done')?.text ?? '');
  }
  const findsLock = async () => (await turn(find('kitchen door'), 'find the kitchen door')).includes(YAML_LOCK);

  beforeAll(async () => {
    stack = await startStack({ home: home() });
    admin = await connectLibrary(stack.sim);
  });
  afterAll(async () => {
    admin?.close();
    await stack?.stop();
  });
  beforeEach(() => {
    stack.sim.serviceCalls.length = 0;
  });

  it('stops offering and acting on it within 2 s once un-exposed in HA, and offers it again once exposed', async () => {
    expect(await findsLock()).toBe(true);

    await expose(admin, false);
    await until(async () => !(await findsLock()), 'ha_find_entities to stop listing the un-exposed lock', 2000);
    const refused = await turn(callService({ domain: 'lock', service: 'lock', target: { entity_id: YAML_LOCK } }), 'lock the kitchen door');
    expect(refused).toMatch(/^FAILED: .*lock\.kitchen_door: not found or not available/);
    expect(stack.sim.serviceCalls).toEqual([]);

    await expose(admin, true);
    await until(findsLock, 'ha_find_entities to list the lock again', 2000);
  });

  it('lets a direct call through within 2 s once exposed again, with no search before it', async () => {
    const getLock = async () => (await turn({ content: [{ type: 'tool_use', name: 'ha_get_state', input: { entity_id: YAML_LOCK } }] }, 'is the kitchen door locked?')).startsWith('OK:');
    await expose(admin, false);
    await until(async () => !(await getLock()), 'ha_get_state to refuse the un-exposed lock', 2000);
    await expose(admin, true);
    // The policy judges the call before the tool runs: it must not judge on a stale copy.
    await until(getLock, 'ha_get_state to read the lock again', 2000);
  });
});

describe('a write right after un-exposing, before any refresh could run', () => {
  let stack: HomeStack;
  let admin: Connection;

  beforeAll(async () => {
    stack = await startHomeStack(home(), 'exposed');
    admin = await connectLibrary(stack.sim);
  });
  afterAll(async () => {
    admin?.close();
    await stack?.stop();
  });

  it('is refused: ha_call_service reads HA\'s exposure before it acts', async () => {
    // The index has just read everything: only a read before the write can see the change.
    expect((await stack.run('ha_find_entities', { query: 'kitchen door' })).output).toMatchObject({ entities: [expect.objectContaining({ entity_id: YAML_LOCK })] });
    await expose(admin, false);
    const result = await stack.run('ha_call_service', { domain: 'lock', service: 'lock', target: { entity_id: YAML_LOCK } });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result.output)).toContain('not found or not exposed');
    expect(stack.sim.serviceCalls).toEqual([]);
  });

  it('is refused for an undecided entity once "expose new entities" was switched off (no event either)', async () => {
    expect(stack.index.isAccessible('switch.kettle')).toBe(true);
    await admin.sendMessagePromise({ type: 'homeassistant/expose_new_entities/set', assistant: 'conversation', expose_new: false });
    const result = await stack.run('ha_call_service', { domain: 'switch', service: 'turn_on', target: { entity_id: 'switch.kettle' } });
    expect(result.ok).toBe(false);
    expect(stack.sim.serviceCalls).toEqual([]);
  });

  it('is refused for a registry entity whose event has not been read yet', async () => {
    expect(stack.index.isAccessible('light.kitchen')).toBe(true);
    await admin.sendMessagePromise({ type: 'homeassistant/expose_entity', assistants: ['conversation'], entity_ids: ['light.kitchen'], should_expose: false });
    const result = await stack.run('ha_call_service', { domain: 'light', service: 'turn_on', target: { entity_id: 'light.kitchen' } });
    expect(result.ok).toBe(false);
    expect(stack.sim.serviceCalls).toEqual([]);
  });
});

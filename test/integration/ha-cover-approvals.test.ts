/**
 * ha_call_service on covers through the tool runner, the default policy reading the real entity
 * index, and the HA simulator: a gate without a device class asks before it opens, blinds do not.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runToolCall, type ApprovalGate } from '../../src/agent/tool-runner.js';
import { createPolicy } from '../../src/policy/policy.js';
import { ToolRegistry } from '../../src/tools/registry.js';
import { buildHome, exposeAllExcept, type EntitySeed } from '../ha-sim/loaders/home-builder.js';
import { startHomeStack, type HomeStack } from './ha-harness.js';

const COVERS: EntitySeed[] = [
  { entity_id: 'cover.side_gate', name: 'Side Gate', state: 'closed', attributes: { supported_features: 15 } },
  { entity_id: 'cover.office_blinds', name: 'Office Blinds', state: 'closed', attributes: { device_class: 'blind', supported_features: 15 } },
  { entity_id: 'cover.entree', name: 'Portail entrée', state: 'closed', attributes: { device_class: 'shutter', supported_features: 15 } },
];

describe('covers that may be gates, through ha_call_service and the simulator', () => {
  let stack: HomeStack;
  const asked: Array<{ input: unknown; reason: string }> = [];
  const gate: ApprovalGate = {
    async request(call) {
      asked.push({ input: call.input, reason: call.reason });
      return { decision: 'deny', by: 'a tester' };
    },
  };

  beforeAll(async () => {
    stack = await startHomeStack(buildHome({ name: 'Covers', entities: COVERS, exposed: exposeAllExcept(COVERS, []) }));
  });
  afterAll(async () => stack?.stop());
  beforeEach(() => {
    asked.length = 0;
    stack.sim.serviceCalls.length = 0;
  });

  async function open(entityId: string) {
    const deps = {
      tools: new ToolRegistry(stack.tools),
      policy: createPolicy({}),
      audit: { record: () => {} },
      approvals: gate,
    };
    const context = { user: { id: 'u1', via: 'system' as const }, conversationId: 'c1', channel: 'test', signal: new AbortController().signal, language: 'en' };
    const use = { type: 'tool_use' as const, id: 't1', name: 'ha_call_service', input: { domain: 'cover', service: 'open_cover', target: { entity_id: entityId } } };
    return runToolCall(deps, use, context, () => {});
  }

  it('cover.side_gate has no device class: opening it asks, and a "no" leaves it closed', async () => {
    const result = await open('cover.side_gate');
    expect(asked).toEqual([expect.objectContaining({ reason: expect.stringContaining('(cover.side_gate)') })]);
    expect(result.is_error).toBe(true);
    expect(stack.sim.serviceCalls).toEqual([]);
    expect(stack.sim.getState('cover.side_gate')?.state).toBe('closed');
  });

  it('cover.entree is a "shutter" named Portail: opening it asks too', async () => {
    await open('cover.entree');
    expect(asked).toHaveLength(1);
    expect(stack.sim.serviceCalls).toEqual([]);
  });

  it('cover.office_blinds (device class blind) opens without asking', async () => {
    const result = await open('cover.office_blinds');
    expect(asked).toEqual([]);
    expect(result.is_error).toBeUndefined();
    expect(stack.sim.serviceCalls).toEqual([expect.objectContaining({ domain: 'cover', service: 'open_cover' })]);
    expect(stack.sim.getState('cover.office_blinds')?.state).toBe('open');
  });
});

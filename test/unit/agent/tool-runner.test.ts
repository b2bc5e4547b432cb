import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runToolCall, runToolCallWithOutcome } from '../../../src/agent/tool-runner.js';
import type { ChatEvent } from '../../../src/contracts/chat-events.js';
import { createDefaultPolicy } from '../../../src/policy/policy.js';
import { ToolRegistry } from '../../../src/tools/registry.js';
import { okResult, type Tool } from '../../../src/tools/tool.js';

const executed: unknown[] = [];
const setLevel: Tool<{ level: number }> = {
  name: 'demo_set_level',
  description: 'Sets a level.',
  input: z.object({ level: z.number().int().min(0).max(10) }),
  effect: 'write',
  async execute(input) {
    executed.push(input);
    return okResult({ level: input.level }, `level → ${input.level}`);
  },
};
const sendOut: Tool<{ to: string }> = {
  name: 'demo_send',
  description: 'Sends data out.',
  input: z.object({ to: z.string() }),
  effect: 'external',
  async execute(input) {
    executed.push(input);
    return okResult('sent', 'sent');
  },
};
const sendTo: Tool<{ to: string }> = {
  name: 'demo_send_to',
  description: 'Sends data to a known place.',
  input: z.object({ to: z.string() }),
  effect: 'external',
  precheck: ({ to }) => (to === 'home' ? undefined : `No place ${to}; use demo_places.`),
  async execute(input) {
    executed.push(input);
    return okResult('sent', 'sent');
  },
};
const broken: Tool<Record<string, never>> = {
  name: 'demo_broken',
  description: 'Always throws.',
  input: z.object({}),
  effect: 'read',
  async execute() {
    throw new Error('disk on fire');
  },
};

function setup() {
  executed.length = 0;
  const audit: Array<Record<string, unknown>> = [];
  const events: ChatEvent[] = [];
  const deps = {
    tools: new ToolRegistry([setLevel, sendOut, sendTo, broken]),
    policy: createDefaultPolicy(),
    audit: { record: (row: Record<string, unknown>) => audit.push(row) },
  };
  const context = {
    user: { id: 'u1', via: 'system' as const },
    conversationId: 'c1',
    channel: 'test',
    signal: new AbortController().signal,
    language: 'en',
  };
  return { deps, context, audit, events, sink: (e: ChatEvent) => events.push(e) };
}

describe('runToolCall', () => {
  it('runs a valid call, streams tool_call then tool_result, and audits it', async () => {
    const { deps, context, audit, events, sink } = setup();
    const block = await runToolCall(deps, { type: 'tool_use', id: 't1', name: 'demo_set_level', input: { level: 3 } }, context, sink);
    // The summary rides along for the panel's history; the model's request builders drop it.
    expect(block).toEqual({ type: 'tool_result', tool_use_id: 't1', content: '{"level":3}', summary: 'level → 3' });
    expect(executed).toEqual([{ level: 3 }]);
    expect(events.map((e) => e.type)).toEqual(['tool_call', 'tool_result']);
    expect(audit[0]).toMatchObject({ actor: 'u1', tool: 'demo_set_level', decision: 'allow', outcome: 'ok' });
  });

  it('turns invalid model input into an is_error result naming the field, without executing', async () => {
    const { deps, context, sink } = setup();
    const block = await runToolCall(deps, { type: 'tool_use', id: 't2', name: 'demo_set_level', input: { level: 99 } }, context, sink);
    expect(block.is_error).toBe(true);
    expect(block.content).toMatch(/level/);
    expect(executed).toEqual([]);
  });

  it('words the card of a call the model got wrong in the person’s language, the model reading English', async () => {
    const { deps, context, events, sink } = setup();
    const french = { ...context, language: 'fr' };
    const invalid = await runToolCall(deps, { type: 'tool_use', id: 't8', name: 'demo_set_level', input: { level: 99 } }, french, sink);
    expect(invalid.content).toMatch(/^\{"error":"Invalid input for demo_set_level: /);
    expect(events.at(-1)).toMatchObject({ type: 'tool_result', summary: expect.stringMatching(/^Données non valides pour demo_set_level : level/) });
    const unknown = await runToolCall(deps, { type: 'tool_use', id: 't9', name: 'rm_rf', input: {} }, french, sink);
    expect(unknown.content).toBe('{"error":"Unknown tool \\"rm_rf\\"."}');
    expect(events.at(-1)).toMatchObject({ type: 'tool_result', summary: 'Outil inconnu : rm_rf' });
  });

  it('refuses an unknown tool and an external tool nobody can approve', async () => {
    const { deps, context, audit, sink } = setup();
    const unknown = await runToolCall(deps, { type: 'tool_use', id: 't3', name: 'rm_rf', input: {} }, context, sink);
    expect(unknown.is_error).toBe(true);
    const external = await runToolCall(deps, { type: 'tool_use', id: 't4', name: 'demo_send', input: { to: 'x' } }, context, sink);
    expect(external.is_error).toBe(true);
    expect(external.content).toMatch(/approval/);
    expect(executed).toEqual([]);
    expect(audit.map((row) => row.decision)).toEqual(['invalid', 'deny']);
  });

  it('refuses a call of a registered tool the turn did not offer, as an unknown one, without executing', async () => {
    const { deps, context, audit, sink } = setup();
    const offered = new Set(['demo_send']);
    const block = (await runToolCallWithOutcome(deps, { type: 'tool_use', id: 't10', name: 'demo_set_level', input: { level: 3 } }, context, sink, offered)).block;
    expect(block).toMatchObject({ is_error: true, content: '{"error":"Unknown tool \\"demo_set_level\\"."}' });
    expect(executed).toEqual([]);
    expect(audit.map((row) => row.decision)).toEqual(['invalid']);
  });

  it("answers a call its tool's precheck rejects with the tool's words, before the policy and without executing", async () => {
    const { deps, context, audit, sink } = setup();
    const block = await runToolCall(deps, { type: 'tool_use', id: 't6', name: 'demo_send_to', input: { to: 'hom' } }, context, sink);
    expect(block).toMatchObject({ is_error: true, content: '{"error":"No place hom; use demo_places."}' });
    // A call the precheck lets through still meets the policy (external, nobody to approve).
    const passed = await runToolCall(deps, { type: 'tool_use', id: 't7', name: 'demo_send_to', input: { to: 'home' } }, context, sink);
    expect(passed.content).toMatch(/approval/);
    expect(executed).toEqual([]);
    expect(audit.map((row) => row.decision)).toEqual(['invalid', 'deny']);
  });

  it('reports a throwing tool as an error result instead of ending the turn', async () => {
    const { deps, context, sink } = setup();
    const block = await runToolCall(deps, { type: 'tool_use', id: 't5', name: 'demo_broken', input: {} }, context, sink);
    expect(block).toMatchObject({ is_error: true });
    expect(block.content).toContain('disk on fire');
  });
});

describe('ToolRegistry', () => {
  it('gives the model JSON Schemas without the $schema key, in registration order', () => {
    const specs = new ToolRegistry([setLevel, sendOut]).specs();
    expect(specs.map((s) => s.name)).toEqual(['demo_set_level', 'demo_send']);
    expect(specs[0]?.input_schema).toMatchObject({ type: 'object', required: ['level'] });
    expect(specs[0]?.input_schema).not.toHaveProperty('$schema');
  });

  it('rejects names that are not snake_case and duplicates', () => {
    expect(() => new ToolRegistry([{ ...setLevel, name: 'Bad-Name' }])).toThrow(/snake_case/);
    expect(() => new ToolRegistry([setLevel, setLevel])).toThrow(/twice/);
  });
});

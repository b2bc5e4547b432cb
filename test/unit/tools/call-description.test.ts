/**
 * What a tool declares about a call, with its defaults: a tool that declares nothing is judged at its
 * least safe, and a stored call (a pending approval) is described again through the tool's schema.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { allowRuleFor } from '../../../src/policy/rules/allow-rule.js';
import { describeCall } from '../../../src/tools/describe-call.js';
import { okResult, type Tool } from '../../../src/tools/tool.js';
import { testTools } from '../policy/described-calls.js';

const silent: Tool<{ level: number }> = {
  name: 'demo_level',
  description: 'Sets a level.',
  input: z.object({ level: z.number() }),
  effect: 'write',
  execute: async () => okResult('ok', 'set'),
};

describe('a call description', () => {
  it('takes what a tool leaves undeclared at its least safe, and a read tool as read-only', () => {
    expect(describeCall(silent, { level: 3 })).toEqual({
      facts: { base: { effect: 'write' }, groups: [] },
      summary: 'demo_level {"level":3}',
      annotations: { readOnly: false, destructive: true, idempotent: false, openWorld: true },
      rule: {},
    });
    expect(describeCall({ ...silent, effect: 'read' }, { level: 3 }).annotations).toMatchObject({ readOnly: true, destructive: false });
  });

  it('declares per call: a response-only service reads, turning on a light writes', () => {
    const tools = testTools();
    expect(tools.describe('ha_call_service', { domain: 'weather', service: 'get_forecasts', target: { entity_id: 'weather.home' } }).annotations.readOnly).toBe(true);
    expect(tools.describe('ha_call_service', { domain: 'light', service: 'turn_on', target: { entity_id: 'light.kitchen' } }).annotations.readOnly).toBe(false);
  });

  it('reads a stored call through the tool schema again, and never makes a rule of one it cannot read', () => {
    const tools = testTools();
    expect(tools.describe('browser_open', { url: '  https://example.org/menu ' }).facts.base).toMatchObject({ host: 'example.org', url: 'https://example.org/menu' });
    expect(allowRuleFor('mail_send', tools.describe('mail_send', { to: 'bob@example.org' }))).toEqual({
      ok: false,
      reason: 'This call cannot be saved as a rule: its input does not fit the tool any more. Approve it once instead.',
    });
    expect(allowRuleFor('demo_gone', tools.describe('demo_gone', {}))).toEqual({
      ok: false,
      reason: 'This call cannot be saved as a rule: Majordome does not offer this tool now. Approve it once instead.',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { allowRuleFor, formatRuleValue } from '../../../src/policy/allow-rule.js';
import type { CallFacts } from '../../../src/policy/call-facts.js';
import { parseMatch } from '../../../src/policy/rule-syntax.js';

const facts = (base: Record<string, string>, ...groups: Array<Array<Record<string, string>>>): CallFacts => ({ base: { effect: 'write', ...base }, groups });

describe('the "Always allow" rule for one call', () => {
  it('names the service and every entity the call acts on, nothing about the tool kind', () => {
    const rule = allowRuleFor(
      'ha_call_service',
      { domain: 'lock', service: 'unlock', target: { area_id: 'hall' } },
      facts(
        { domain: 'lock', service: 'unlock' },
        [
          { entity_id: 'lock.front_door', entity_domain: 'lock' },
          { entity_id: 'lock.porch', entity_domain: 'lock', device_class: 'door' },
        ],
        [],
      ),
    );
    expect(rule).toEqual({ ok: true, tool: 'ha_call_service', match: 'domain=lock service=unlock entity_id=lock.front_door,lock.porch' });
  });

  it('keeps the temperature a thermostat call sets', () => {
    const rule = allowRuleFor(
      'ha_call_service',
      { domain: 'climate', service: 'set_temperature', target: { entity_id: 'climate.hall' } },
      facts({ domain: 'climate', service: 'set_temperature' }, [{ entity_id: 'climate.hall' }], [{ temperature_c: '32' }]),
    );
    expect(rule).toMatchObject({ ok: true, match: 'domain=climate service=set_temperature entity_id=climate.hall temperature_c=32' });
  });

  it('quotes a command so the rule reads it back exactly', () => {
    const rule = allowRuleFor('shell_run', { command: 'git status, "short"' }, facts({ command: 'git status, "short"' }));
    expect(rule.ok).toBe(true);
    if (!rule.ok) return;
    const [condition] = parseMatch(rule.match);
    expect(condition?.patterns[0]?.text).toBe('git status, "short"');
    expect(formatRuleValue('7..30')).toBe('"7..30"');
  });

  it('allows a page by its host rather than its exact address', () => {
    const rule = allowRuleFor('browser_open', { url: 'https://example.org/a?b=1' }, facts({ url: 'https://example.org/a?b=1', host: 'example.org' }));
    expect(rule).toMatchObject({ ok: true, match: 'host=example.org' });
  });

  it('refuses what a rule would state more broadly than the call', () => {
    const wildcard = allowRuleFor('shell_run', { command: 'rm *.log' }, facts({ command: 'rm *.log' }));
    expect(wildcard).toMatchObject({ ok: false, reason: expect.stringMatching(/wildcard/) });
    const unresolved = allowRuleFor('ha_call_service', { domain: 'lock', service: 'unlock', target: { area_id: 'nowhere' } }, facts({ domain: 'lock', service: 'unlock' }, []));
    expect(unresolved).toMatchObject({ ok: false, reason: expect.stringMatching(/target/) });
    expect(allowRuleFor('browser_act', { ref: 'e1', action: 'click' }, facts({ action: 'click' }))).toMatchObject({ ok: false });
    expect(allowRuleFor('mail_send', { to: [] }, facts({}, []))).toMatchObject({ ok: false, reason: expect.stringMatching(/to/) });
  });

  it('allows a whole tool when its calls carry no facts (notify_user)', () => {
    expect(allowRuleFor('notify_user', { message: 'hi' }, facts({}))).toEqual({ ok: true, tool: 'notify_user', match: '' });
  });
});

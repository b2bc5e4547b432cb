import { describe, expect, it } from 'vitest';
import { allowRuleFor, formatRuleValue } from '../../../src/policy/allow-rule.js';
import type { CallFacts } from '../../../src/policy/call-facts.js';
import { createFactResolver, standardFactReaders } from '../../../src/policy/fact-resolver.js';
import { parseMatch } from '../../../src/policy/rule-syntax.js';
import { smallHome } from './small-home.js';

const facts = (base: Record<string, string>, ...groups: Array<Array<Record<string, string>>>): CallFacts => ({ base: { effect: 'write', ...base }, groups });

describe('the "Always allow" rule for one call', () => {
  it('names the service and every entity the call acts on, nothing about the tool kind', () => {
    const rule = allowRuleFor(
      'ha_call_service',
      { domain: 'valve', service: 'open_valve', target: { area_id: 'garden' } },
      facts(
        { domain: 'valve', service: 'open_valve' },
        [
          { entity_id: 'valve.garden_water', entity_domain: 'valve' },
          { entity_id: 'valve.hose', entity_domain: 'valve', device_class: 'water' },
        ],
        [],
      ),
    );
    expect(rule).toEqual({ ok: true, tool: 'ha_call_service', match: 'domain=valve service=open_valve entity_id=valve.garden_water,valve.hose' });
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
    const unresolved = allowRuleFor('ha_call_service', { domain: 'valve', service: 'open_valve', target: { area_id: 'nowhere' } }, facts({ domain: 'valve', service: 'open_valve' }, []));
    expect(unresolved).toMatchObject({ ok: false, reason: expect.stringMatching(/target/) });
    expect(allowRuleFor('browser_act', { ref: 'e1', action: 'click' }, facts({ action: 'click' }))).toMatchObject({ ok: false });
    expect(allowRuleFor('mail_send', { to: [] }, facts({}, []))).toMatchObject({ ok: false, reason: expect.stringMatching(/to/) });
  });

  it('allows a whole tool when its calls carry no facts (notify_user)', () => {
    expect(allowRuleFor('notify_user', { message: 'hi' }, facts({}))).toEqual({ ok: true, tool: 'notify_user', match: '' });
  });

  describe('locks, alarm panels, garage doors and gates ask every time', () => {
    // The facts exactly as the policy reads them from the test home.
    const resolve = createFactResolver(standardFactReaders({ home: { lookup: smallHome() } }));
    const always = (domain: string, service: string, target: Record<string, unknown>, data?: Record<string, unknown>) => {
      const input = { domain, service, target, ...(data && { data }) };
      return allowRuleFor('ha_call_service', input, resolve({ tool: 'ha_call_service', effect: 'write', input }));
    };
    const refused = { ok: false, reason: expect.stringMatching(/locks, alarm panels, garage doors, gates and doors ask every time\. Approve it once instead\./) };

    it('refuses unlocking a lock and disarming an alarm panel', () => {
      expect(always('lock', 'unlock', { entity_id: 'lock.back_door' })).toEqual(refused);
      expect(always('lock', 'open', { entity_id: ['lock.front_door', 'lock.back_door'] })).toEqual(refused);
      expect(always('alarm_control_panel', 'alarm_disarm', { entity_id: 'alarm_control_panel.home' })).toEqual(refused);
    });

    it('refuses every service of those domains, and one reaching them through another domain', () => {
      expect(always('lock', 'lock', { entity_id: 'lock.back_door' })).toEqual(refused);
      expect(always('homeassistant', 'turn_off', { entity_id: 'alarm_control_panel.home' })).toEqual(refused);
      // A service of the lock domain that names no entity at all.
      expect(allowRuleFor('ha_call_service', { domain: 'lock', service: 'reload' }, facts({ domain: 'lock', service: 'reload' }))).toEqual(refused);
    });

    it('refuses opening a garage door, a gate or a door, by device class or by what its name says', () => {
      for (const id of ['cover.garage_door', 'cover.driveway_gate', 'cover.front_door', 'cover.side_gate', 'cover.entree', 'cover.shelly_2', 'cover.back_doors']) {
        expect(always('cover', 'open_cover', { entity_id: id }), id).toEqual(refused);
      }
    });

    it('refuses them reached through an area or a device alongside harmless lights', () => {
      expect(always('light', 'turn_on', { area_id: 'garage' })).toMatchObject({ ok: true });
      expect(always('homeassistant', 'turn_on', { area_id: 'garage' })).toEqual(refused);
      expect(always('homeassistant', 'toggle', { device_id: 'dev-garage' })).toEqual(refused);
      expect(always('homeassistant', 'turn_on', { area_id: 'outside' })).toEqual(refused);
    });

    it('still saves blinds, valves, sirens and homeassistant services that reach none of them', () => {
      expect(always('cover', 'open_cover', { entity_id: 'cover.office_blinds' })).toMatchObject({ ok: true, match: 'domain=cover service=open_cover entity_id=cover.office_blinds' });
      expect(always('valve', 'open_valve', { entity_id: 'valve.garden_water' })).toMatchObject({ ok: true });
      expect(always('siren', 'turn_on', { entity_id: 'siren.hallway' })).toMatchObject({ ok: true });
      expect(always('homeassistant', 'turn_on', { area_id: 'kitchen' })).toMatchObject({ ok: true });
    });
  });
});

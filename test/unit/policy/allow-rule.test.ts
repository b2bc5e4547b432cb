import { describe, expect, it } from 'vitest';
import { allowRuleFor, formatRuleValue } from '../../../src/policy/rules/allow-rule.js';
import type { CallFacts } from '../../../src/policy/facts/call-facts.js';
import { parseMatch } from '../../../src/policy/rules/rule-syntax.js';
import { describeCall } from '../../../src/tools/describe-call.js';
import type { RuleHints } from '../../../src/tools/tool.js';
import { describedRequest, testTools, type PlainCall } from './described-calls.js';

const facts = (base: Record<string, string>, ...groups: Array<Array<Record<string, string>>>): CallFacts => ({ base: { effect: 'write', ...base }, groups });
/** Facts written by hand, with what the tool would declare for its rule. */
const declared = (callFacts: CallFacts, rule: RuleHints = {}) => ({ facts: callFacts, rule });
const tools = testTools();
/** What the real tool declares about this call, read by its schema as the runner reads it. */
const described = (call: PlainCall) => describedRequest(tools, call).description;

describe('the "Always allow" rule for one call', () => {
  it('names the service and every entity the call acts on, nothing about the tool kind', () => {
    const rule = allowRuleFor(
      'ha_call_service',
      declared(
        facts(
          { domain: 'valve', service: 'open_valve' },
          [
            { entity_id: 'valve.garden_water', entity_domain: 'valve' },
            { entity_id: 'valve.hose', entity_domain: 'valve', device_class: 'water' },
          ],
          [],
        ),
      ),
    );
    expect(rule).toEqual({ ok: true, tool: 'ha_call_service', match: 'domain=valve service=open_valve entity_id=valve.garden_water,valve.hose' });
  });

  it('keeps the temperature a thermostat call sets', () => {
    const rule = allowRuleFor(
      'ha_call_service',
      declared(facts({ domain: 'climate', service: 'set_temperature' }, [{ entity_id: 'climate.hall' }], [{ temperature_c: '32' }])),
    );
    expect(rule).toMatchObject({ ok: true, match: 'domain=climate service=set_temperature entity_id=climate.hall temperature_c=32' });
  });

  it('quotes a command so the rule reads it back exactly', () => {
    const rule = allowRuleFor('shell_run', declared(facts({ command: 'git status, "short"' }), { required: 'command' }));
    expect(rule.ok).toBe(true);
    if (!rule.ok) return;
    const [condition] = parseMatch(rule.match);
    expect(condition?.patterns[0]?.text).toBe('git status, "short"');
    expect(formatRuleValue('7..30')).toBe('"7..30"');
  });

  it('allows a page by its host rather than its exact address', () => {
    const rule = allowRuleFor('browser_open', described({ tool: 'browser_open', effect: 'external', input: { url: 'https://example.org/a?b=1' } }));
    expect(rule).toMatchObject({ ok: true, match: 'host=example.org' });
  });

  it('refuses what a rule would state more broadly than the call', () => {
    const wildcard = allowRuleFor('shell_run', declared(facts({ command: 'rm *.log' }), { required: 'command' }));
    expect(wildcard).toMatchObject({ ok: false, reason: expect.stringMatching(/wildcard/) });
    const unresolved = allowRuleFor('ha_call_service', described({ tool: 'ha_call_service', effect: 'write', input: { domain: 'valve', service: 'open_valve', target: { area_id: 'nowhere' } } }));
    expect(unresolved).toMatchObject({ ok: false, reason: expect.stringMatching(/target/) });
    expect(allowRuleFor('browser_act', described({ tool: 'browser_act', effect: 'external', input: { ref: 'e1', action: 'click' } }))).toMatchObject({ ok: false });
    // No recipient at all (the schema refuses it first; the declaration must not make it a rule either).
    const mailSend = tools.get('mail_send');
    if (!mailSend) throw new Error('no mail_send');
    expect(allowRuleFor('mail_send', describeCall(mailSend, { to: [], subject: 's', body: 'b' }))).toMatchObject({ ok: false, reason: expect.stringMatching(/to/) });
  });

  it('says in the approver’s language why a call cannot become a rule, the tool’s own reason included', () => {
    const unlock = tools.describe('ha_call_service', { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } }, 'fr');
    expect(allowRuleFor('ha_call_service', unlock, 'fr')).toEqual({
      ok: false,
      reason: 'Cet appel ne peut pas devenir une règle : les serrures, alarmes, portes de garage, portails et portes demandent à chaque fois. Approuvez-le une seule fois.',
    });
    const click = tools.describe('browser_act', { ref: 'e1', action: 'click' }, 'fr');
    expect(allowRuleFor('browser_act', click, 'fr')).toMatchObject({ ok: false, reason: expect.stringContaining('une règle ne peut pas nommer la page où a lieu une action du navigateur') });
    expect(allowRuleFor('shell_run', declared(facts({ command: 'rm *.log' }), { required: 'command' }), 'fr')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('son command contient * ou ?, qu’une règle lirait comme un joker'),
    });
    expect(allowRuleFor('mail_send', tools.describe('mail_send', { to: 'bob@example.org' }, 'fr'), 'fr')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('ses données ne correspondent plus à l’outil'),
    });
    expect(allowRuleFor('ha_call_service', unlock)).toMatchObject({ reason: expect.stringMatching(/^This call cannot be saved as a rule: locks/) });
  });

  it('allows a whole tool when its calls carry no facts (notify_user)', () => {
    expect(allowRuleFor('notify_user', described({ tool: 'notify_user', effect: 'write', input: { message: 'hi' } }))).toEqual({ ok: true, tool: 'notify_user', match: '' });
  });

  describe('locks, alarm panels, garage doors and gates ask every time', () => {
    // The facts exactly as the tool declares them over the test home.
    const always = (domain: string, service: string, target: Record<string, unknown>, data?: Record<string, unknown>) => {
      const input = { domain, service, target, ...(data && { data }) };
      return allowRuleFor('ha_call_service', described({ tool: 'ha_call_service', effect: 'write', input }));
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
      expect(allowRuleFor('ha_call_service', described({ tool: 'ha_call_service', effect: 'write', input: { domain: 'lock', service: 'reload' } }))).toEqual(refused);
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

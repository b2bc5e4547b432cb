import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Options } from '../../../src/config/options.js';
import { ConfigError } from '../../../src/errors.js';
import { EventBus } from '../../../src/events/bus.js';
import { createLogger } from '../../../src/logger.js';
import { createPolicyServices } from '../../../src/policy/policy-services.js';
import { AuditLog } from '../../../src/store/audit.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import type { PolicyServices } from '../../../src/policy/policy-services.js';
import type { PolicyDecision } from '../../../src/policy/policy.js';
import { describedRequest, testTools, type PlainCall } from './described-calls.js';
import { smallHome } from './small-home.js';

let db: Database;
beforeEach(() => {
  db = openDatabase(':memory:');
});
afterEach(() => closeDatabase(db));

function build(rules: Options['rules']) {
  return createPolicyServices({
    db,
    audit: new AuditLog(db),
    isAdmin: async () => false,
    personNow: async () => undefined,
    options: { rules, approvers: [], approval_timeout_min: 10 },
    logger: createLogger('error'),
    events: new EventBus(createLogger('error')),
  });
}

const context = { user: { id: 'u1', via: 'ingress' as const }, conversationId: 'c1', channel: 'http' };
const tools = testTools({ home: { ...smallHome(), get: (id: string) => (id === 'lock.back_door' ? { name: 'Back Door' } : undefined) } });
/** The services' policy deciding a call described as the runner describes it. */
const decide = (services: PolicyServices, call: PlainCall): PolicyDecision => services.policy.decide(describedRequest(tools, call), context);
const unlockBack = { tool: 'ha_call_service', effect: 'write' as const, input: { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.back_door' } } };

describe('createPolicyServices', () => {
  it('refuses to start with a bad rule, naming its index', () => {
    expect(() => build([{ effect: 'allow', tool: 'ha_call_service' }, { effect: 'allow', tool: 'ha_call_service', match: 'area=kitchen' }])).toThrow(ConfigError);
    expect(() => build([{ effect: 'allow', tool: 'x' }, { effect: 'allow', tool: 'x', match: 'area=kitchen' }])).toThrow(/option rules\[1\]\.match: unknown key "area"/);
  });

  it('applies option rules, then rules saved later, before the defaults', () => {
    const services = build([{ effect: 'deny', tool: 'shell_run' }]);
    expect(decide(services, { tool: 'shell_run', effect: 'external', input: { command: 'ls' } }).effect).toBe('deny');
    expect(decide(services, unlockBack).effect).toBe('ask');
    services.rules.add({ effect: 'allow', tool: 'ha_call_service', match: 'entity_id=lock.back_door', createdBy: 'user-admin' });
    expect(decide(services, unlockBack).effect).toBe('allow');
  });
});

describe('a rule for one domain and a target that expands to several', () => {
  // The garage area holds light.garage and cover.garage_door: an "allow lights" rule must not
  // carry the garage door along when the model targets the whole area.
  const turnOnGarage = { tool: 'ha_call_service', effect: 'write' as const, input: { domain: 'homeassistant', service: 'turn_on', target: { area_id: 'garage' } } };
  const openGarage = { tool: 'ha_call_service', effect: 'write' as const, input: { domain: 'cover', service: 'open_cover', target: { area_id: 'garage' } } };

  it('a saved "allow lights" rule does not allow an area call that also reaches the garage door', () => {
    const services = build([{ effect: 'allow', tool: 'ha_call_service', match: 'entity_domain=light' }]);
    expect(decide(services, { ...turnOnGarage, input: { ...turnOnGarage.input, domain: 'light' } }).effect).toBe('allow');
    // The same service on the light alone is allowed by the rule; with the door in the area, it asks.
    const lightOnly = { ...turnOnGarage, input: { ...turnOnGarage.input, target: { entity_id: 'light.garage' } } };
    expect(decide(services, lightOnly).effect).toBe('allow');
    expect(decide(services, turnOnGarage).effect).toBe('ask');
    expect(decide(services, openGarage).effect).toBe('ask');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseUserRules } from '../../../src/policy/rules/rule-syntax.js';
import { createUserRules, saveRule } from '../../../src/policy/rules/user-rules.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { RuleStore } from '../../../src/store/rules.js';
import { policyOver, testTools, type PlainCall } from './described-calls.js';

const context = { user: { id: 'u1', via: 'ingress' as const }, conversationId: 'c1', channel: 'http' };
const tools = testTools();

function policyWith(rules: unknown[]) {
  const optionRules = parseUserRules(rules);
  return policyOver(tools, { userRules: () => optionRules });
}

const unlock = (entity: string): PlainCall => ({
  tool: 'ha_call_service',
  effect: 'write',
  input: { domain: 'lock', service: 'unlock', target: { entity_id: entity } },
});
const light = (entity: string): PlainCall => ({
  tool: 'ha_call_service',
  effect: 'write',
  input: { domain: 'light', service: 'turn_on', target: { entity_id: entity } },
});
const mail = (to: string[]): PlainCall => ({ tool: 'mail_send', effect: 'external', input: { to, subject: 's', body: 'b' } });

describe('user rules', () => {
  it('come before the defaults: an allowed back door unlocks without asking, the front door still asks', () => {
    const policy = policyWith([{ effect: 'allow', tool: 'ha_call_service', match: 'domain=lock service=unlock entity_id=lock.back_*' }]);
    expect(policy.decide(unlock('lock.back_door'), context)).toMatchObject({ effect: 'allow', rule: 'option rules[0]' });
    expect(policy.decide(unlock('lock.front_door'), context)).toMatchObject({ effect: 'ask', rule: 'default' });
  });

  it('can make the defaults stricter: ask before the porch light, deny every shell command', () => {
    const policy = policyWith([
      { effect: 'ask', tool: 'ha_call_service', match: 'entity_id=light.porch' },
      { effect: 'deny', tool: 'shell_*' },
    ]);
    expect(policy.decide(light('light.porch'), context).effect).toBe('ask');
    expect(policy.decide(light('light.kitchen'), context).effect).toBe('allow');
    expect(policy.decide({ tool: 'shell_run', effect: 'external', input: { command: 'ls' } }, context)).toMatchObject({
      effect: 'deny',
      reason: 'option rules[1] (deny shell_*)',
    });
  });

  it('deny beats ask beats allow among user rules, whatever their order; first match gives the reason', () => {
    const policy = policyWith([
      { effect: 'allow', tool: 'mail_send', match: 'to=*@family.example' },
      { effect: 'ask', tool: 'mail_send', match: 'to=grandma@family.example', reason: 'grandma gets a second look' },
      { effect: 'deny', tool: 'mail_send', match: 'to=*@evil.example', reason: 'never mail evil.example' },
      { effect: 'deny', tool: 'mail_send', match: 'to=boss@evil.example', reason: 'shadowed by the rule above' },
    ]);
    expect(policy.decide(mail(['kid@family.example']), context).effect).toBe('allow');
    expect(policy.decide(mail(['grandma@family.example']), context)).toMatchObject({ effect: 'ask', reason: 'grandma gets a second look (grandma@family.example)' });
    expect(policy.decide(mail(['boss@evil.example']), context)).toMatchObject({ effect: 'deny', reason: 'never mail evil.example (boss@evil.example)' });
  });

  it('an allow rule covers a call only when it covers every recipient', () => {
    const policy = policyWith([{ effect: 'allow', tool: 'mail_send', match: 'to=*@family.example' }]);
    expect(policy.decide(mail(['kid@family.example', 'stranger@else.example']), context)).toMatchObject({
      effect: 'ask',
      reason: 'sending an e-mail needs a yes (stranger@else.example)',
    });
  });

  it('cannot reach entities outside entity_access, even with allow *', () => {
    const policy = policyWith([{ effect: 'allow', tool: '*' }]);
    expect(policy.decide(unlock('lock.safe'), context).effect).toBe('deny');
    expect(policy.decide(unlock('lock.front_door'), context).effect).toBe('allow');
  });
});

describe('saved rules', () => {
  let db: Database;
  beforeEach(() => {
    db = openDatabase(':memory:');
  });
  afterEach(() => closeDatabase(db));

  it('follow the option rules, apply as soon as they are saved, and stop applying once removed', () => {
    const store = new RuleStore(db);
    const userRules = createUserRules({ optionRules: parseUserRules([{ effect: 'ask', tool: 'ha_call_service', match: 'entity_id=light.porch' }]), saved: store });
    const policy = policyOver(tools, { userRules });
    expect(policy.decide(unlock('lock.back_door'), context).effect).toBe('ask');

    const saved = saveRule(store, { effect: 'allow', tool: 'ha_call_service', match: 'entity_id=lock.back_door' }, 'user-admin');
    expect(policy.decide(unlock('lock.back_door'), context)).toMatchObject({ effect: 'allow', rule: `saved rule ${saved.id}` });
    expect(userRules().map((r) => r.source)).toEqual(['option rules[0]', `saved rule ${saved.id}`]);

    store.delete(saved.id);
    expect(policy.decide(unlock('lock.back_door'), context).effect).toBe('ask');
  });

  it('refuses to save a rule that does not parse, and skips a stored one that no longer does', () => {
    const store = new RuleStore(db);
    expect(() => saveRule(store, { effect: 'allow', tool: 'ha_call_service', match: 'colour=red' }, 'u')).toThrow(/rule\.match: unknown key/);
    expect(store.list()).toEqual([]);
    store.add({ effect: 'allow', tool: 'ha_call_service', match: 'colour=red', createdBy: 'u' });
    const warnings: unknown[] = [];
    const userRules = createUserRules({ optionRules: [], saved: store, logger: { warn: (obj: unknown) => warnings.push(obj) } });
    expect(userRules()).toEqual([]);
    expect(warnings).toHaveLength(1);
  });
});

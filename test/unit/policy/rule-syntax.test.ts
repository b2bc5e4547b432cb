import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { conditionHolds } from '../../../src/policy/rules/evaluate.js';
import { parseMatch, parseUserRules } from '../../../src/policy/rules/rule-syntax.js';

const holds = (match: string, facts: Record<string, string>): boolean => parseMatch(match).every((c) => conditionHolds(c, facts));

describe('the match syntax', () => {
  it('reads conditions with one or several values, globs, negation and quotes', () => {
    expect(parseMatch('domain=lock service=unlock,open entity_id=lock.front_* command="git status --short, maybe"')).toMatchObject([
      { key: 'domain', negate: false, patterns: [{ kind: 'glob', text: 'lock' }] },
      { key: 'service', negate: false, patterns: [{ text: 'unlock' }, { text: 'open' }] },
      { key: 'entity_id', negate: false, patterns: [{ text: 'lock.front_*' }] },
      { key: 'command', negate: false, patterns: [{ text: 'git status --short, maybe' }] },
    ]);
    expect(parseMatch('  device_class!=garage,gate  ')).toMatchObject([{ key: 'device_class', negate: true }]);
    expect(parseMatch('')).toEqual([]);
  });

  it('matches globs without regard to case, and only whole values', () => {
    expect(holds('entity_id=lock.front_*', { entity_id: 'lock.front_door' })).toBe(true);
    expect(holds('entity_id=lock.front_*', { entity_id: 'lock.back_door' })).toBe(false);
    expect(holds('entity_id=lock.fro?t_door', { entity_id: 'LOCK.FRONT_DOOR' })).toBe(true);
    expect(holds('domain=lock', { domain: 'lock_extra' })).toBe(false);
    expect(holds('to=*@example.com', { to: 'x@example.com.evil.net' })).toBe(false);
    expect(holds('domain=light.', { domain: 'lightx' })).toBe(false);
  });

  it('treats a missing fact as "no value": = does not hold, != does', () => {
    expect(holds('device_class=garage', {})).toBe(false);
    expect(holds('device_class!=garage', {})).toBe(true);
    expect(holds('device_class!=garage', { device_class: 'garage' })).toBe(false);
  });

  it('compares numeric ranges, with open ends', () => {
    expect(holds('temperature_c=7..30', { temperature_c: '21.5' })).toBe(true);
    expect(holds('temperature_c=7..30', { temperature_c: '30.1' })).toBe(false);
    expect(holds('temperature_c=..10', { temperature_c: '-4' })).toBe(true);
    expect(holds('temperature_c=25..', { temperature_c: 'hot' })).toBe(false);
    expect(holds('temperature_c="7..30"', { temperature_c: '7..30' })).toBe(true);
  });

  it.each([
    ['domian=lock', /unknown key "domian"/],
    ['domain', /expected = or != after "domain"/],
    ['domain=', /empty value for "domain"/],
    ['domain=lock,', /empty value/],
    ['command="unfinished', /unterminated quote/],
    ['temperature_c=30..7', /range 30\.\.7 is empty/],
    ['=lock', /expected a condition/],
    ['domain="lock"service=x', /expected a space/],
  ])('refuses %s', (match, message) => {
    expect(() => parseMatch(match)).toThrow(message);
  });
});

describe('the rules option', () => {
  it('parses each rule, keeping where it came from', () => {
    const rules = parseUserRules([
      { effect: 'allow', tool: 'ha_call_service', match: 'entity_id=lock.back_door service=unlock' },
      { effect: 'deny', tool: 'shell_*' },
    ]);
    expect(rules.map((r) => [r.effect, r.tool, r.source])).toEqual([
      ['allow', 'ha_call_service', 'option rules[0]'],
      ['deny', 'shell_*', 'option rules[1]'],
    ]);
  });

  it('names the index of a bad rule in a ConfigError', () => {
    const bad = (rules: unknown[]) => () => parseUserRules(rules);
    expect(bad([{ effect: 'allow', tool: 'x' }, { effect: 'maybe', tool: 'x' }])).toThrow(ConfigError);
    expect(bad([{ effect: 'allow', tool: 'x' }, { effect: 'maybe', tool: 'x' }])).toThrow(/^option rules\[1\]\.effect: /);
    expect(bad([{ effect: 'ask', tool: 'Mail Send' }])).toThrow(/option rules\[0\]\.tool: must be a tool name/);
    expect(bad([{ effect: 'ask', tool: 'ha_call_service', match: 'room=kitchen' }])).toThrow(/option rules\[0\]\.match: unknown key "room"/);
  });
});

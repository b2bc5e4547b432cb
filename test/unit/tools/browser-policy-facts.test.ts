/** The browser's facts in the policy: the default rules ask for passwords and submits, and only then. */
import { describe, expect, it } from 'vitest';
import { keySubmits } from '../../../src/tools/browser/call-declarations.js';
import type { ElementFacts } from '../../../src/browser/element-facts.js';
import { policyOver, testTools } from '../policy/described-calls.js';

const page: Record<string, ElementFacts> = {
  e1: { field_type: 'text', click_submits: false, enter_submits: true },
  e2: { field_type: 'password', click_submits: false, enter_submits: true },
  e3: { click_submits: true, enter_submits: true },
  e4: { click_submits: false, enter_submits: false },
  e5: { field_type: 'cc-number', click_submits: false, enter_submits: true },
  e6: { field_type: 'textarea', click_submits: false, enter_submits: false },
  e7: {},
};

const policy = policyOver(testTools({ browserFacts: { factsOf: (ref) => page[ref] } }));
const context = { user: { id: 'u1', via: 'ingress' as const }, conversationId: 'c1', channel: 'http' };
const act = (input: Record<string, unknown>) => policy.decide({ tool: 'browser_act', effect: 'external', input }, context);

describe('browser facts in the policy', () => {
  it.each([
    ['type into a text field', { ref: 'e1', action: 'type', text: 'alice' }, 'allow'],
    ['type into a textarea', { ref: 'e6', action: 'type', text: 'hello' }, 'allow'],
    ['type into a password field', { ref: 'e2', action: 'type', text: 'hunter2' }, 'ask'],
    ['type a card number', { ref: 'e5', action: 'type', text: '4111' }, 'ask'],
    ['type into something Majordome cannot identify', { ref: 'e7', action: 'type', text: 'x' }, 'ask'],
    ['type into a ref no snapshot has', { ref: 'e99', action: 'type', text: 'x' }, 'ask'],
    ['click a submit button', { ref: 'e3', action: 'click' }, 'ask'],
    ['click a link or a plain button', { ref: 'e4', action: 'click' }, 'allow'],
    ['click something Majordome cannot tell', { ref: 'e7', action: 'click' }, 'ask'],
    ['press Enter in a form field', { ref: 'e1', action: 'press', text: 'Enter' }, 'ask'],
    ['press Enter with no key given', { ref: 'e1', action: 'press' }, 'ask'],
    ['press Tab in a form field', { ref: 'e1', action: 'press', text: 'Tab' }, 'allow'],
    ['press Enter in a textarea', { ref: 'e6', action: 'press', text: 'Enter' }, 'allow'],
    ['select an option', { ref: 'e4', action: 'select', text: 'green' }, 'allow'],
  ] as const)('%s: %s', (_name, input, effect) => {
    expect(act(input).effect).toBe(effect);
  });

  it('gives the reason a person will read', () => {
    expect(act({ ref: 'e2', action: 'type', text: 'x' }).reason).toMatch(/password field/);
    expect(act({ ref: 'e3', action: 'click' }).reason).toMatch(/submitting a form/);
  });

  it('reads keys the way a browser does', () => {
    expect(keySubmits('Control+Enter', page.e1 as ElementFacts)).toBe(true);
    expect(keySubmits('Space', page.e3 as ElementFacts)).toBe(true);
    expect(keySubmits('ArrowDown', page.e3 as ElementFacts)).toBe(false);
    expect(keySubmits('Enter', {})).toBeUndefined();
  });
});

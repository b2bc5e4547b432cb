import { describe, expect, it } from 'vitest';
import { readWording, wordIn, type Wording } from '../../../src/messages/wording.js';

const LOCK: Wording = { key: 'policy.for_targets', params: { reason: { key: 'rule.lock_unlock' }, targets: 'lock.front_door' } };

describe('a wording put in a language', () => {
  it('words nested sentences in the reader’s language and keeps plain text as written', () => {
    expect(wordIn('en', LOCK)).toBe('unlocking or opening a lock needs a yes (lock.front_door)');
    expect(wordIn('fr-CA', LOCK)).toBe('déverrouiller ou ouvrir une serrure demande un oui (lock.front_door)');
    expect(wordIn('de', LOCK)).toBe('unlocking or opening a lock needs a yes (lock.front_door)');
    expect(wordIn('fr', 'my own rule: {not a placeholder}')).toBe('my own rule: {not a placeholder}');
    // A value is never read as a template: braces in a rule's own reason stay as written.
    expect(wordIn('fr', { key: 'policy.also', params: { reason: 'ask {more}', more: { key: 'policy.no_rule' } } })).toBe('ask {more} ; de plus, aucune règle ne couvre cet appel');
  });

  it('reads a stored wording back only when every sentence is still in the tables', () => {
    expect(readWording(JSON.parse(JSON.stringify(LOCK)))).toEqual(LOCK);
    expect(readWording('as written')).toBe('as written');
    expect(readWording({ key: 'policy.gone_since' })).toBeUndefined();
    expect(readWording({ key: 'policy.also', params: { reason: { key: 'nope' }, more: 'x' } })).toBeUndefined();
    expect(readWording({ key: 'policy.also', params: ['x'] })).toBeUndefined();
    expect(readWording({ key: 'toString' })).toBeUndefined();
    expect(readWording(null)).toBeUndefined();
    expect(readWording(undefined)).toBeUndefined();
    let deep: unknown = 'end';
    for (let i = 0; i < 20; i++) deep = { key: 'policy.also', params: { reason: deep, more: 'x' } };
    expect(readWording(deep)).toBeUndefined();
  });
});

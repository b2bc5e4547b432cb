import { describe, expect, it } from 'vitest';
import { charsOver4, estimateTokens, utf8Bytes } from '../../../bench/token-estimate.js';

describe('the bench token estimate', () => {
  it('counts short words as one token each, spaces included', () => {
    expect(estimateTokens('turn on the kitchen light')).toBe(5);
  });

  it('splits long words and identifiers into pieces', () => {
    expect(estimateTokens('internationalization')).toBe(3);
    expect(estimateTokens('light.kitchen_ceiling_light')).toBe(5);
  });

  it('counts digits in groups of three and punctuation in pairs', () => {
    expect(estimateTokens('12345')).toBe(2);
    expect(estimateTokens('{"a":1}')).toBe(5);
  });

  it('handles accents and empty text', () => {
    expect(estimateTokens('allume la lumière')).toBe(3);
    expect(estimateTokens('')).toBe(0);
  });

  it('ranks JSON denser in tokens per byte than prose, unlike chars/4', () => {
    const prose = 'Turn on the kitchen light and tell me when it is done please';
    const json = JSON.stringify({ entity_id: 'light.kitchen', state: 'on', attributes: { brightness: 128 } });
    expect(estimateTokens(json) / json.length).toBeGreaterThan(estimateTokens(prose) / prose.length);
    expect(charsOver4(prose)).toBe(Math.ceil(prose.length / 4));
  });

  it('measures bytes in UTF-8', () => {
    expect(utf8Bytes('°C')).toBe(3);
  });
});

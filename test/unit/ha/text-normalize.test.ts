import { describe, expect, it } from 'vitest';
import { contentTokens, editDistance, foldText, stemToken } from '../../../src/ha/text-normalize.js';

describe('text folding', () => {
  it('folds case, accents, ligatures, possessives and HA template brackets', () => {
    expect(foldText('Séjour  Œuvre')).toBe('sejour oeuvre');
    expect(foldText("Trader Joe[']s")).toBe('trader joe');
    expect(foldText("Macrotorrent's download")).toBe('macrotorrent download');
    expect(foldText("l'entrée")).toBe('l entree');
  });

  it('reduces plurals', () => {
    expect(['lights', 'switches', 'batteries', 'blinds', 'glass', 'gas'].map(stemToken)).toEqual([
      'light',
      'switch',
      'battery',
      'blind',
      'glass',
      'gas',
    ]);
  });

  it('drops stopwords but never everything', () => {
    expect(contentTokens('please turn on my lights')).toEqual(['light']);
    expect(contentTokens('The On')).toEqual(['the', 'on']);
  });

  it('counts a transposition as one edit and gives up beyond the budget', () => {
    expect(editDistance('lihgt', 'light', 2)).toBe(1);
    expect(editDistance('kitchn', 'kitchen', 2)).toBe(1);
    expect(editDistance('remove', 'macrotorrent', 1)).toBe(2);
  });
});

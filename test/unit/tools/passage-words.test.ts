import { describe, expect, it } from 'vitest';
import { passageNamed } from '../../../src/tools/home/passage-words.js';

describe('what a cover name says it closes', () => {
  it.each([
    [['side_gate', 'Side Gate'], 'gate'],
    [['entree', 'Portail entrée'], 'gate'],
    [['porte_de_garage'], 'garage'],
    [['garagedoor'], 'garage'],
    [['frontdoor'], 'door'],
    [['cellier', 'Portes du cellier'], 'door'],
    [['shelly_2', 'Garagentor'], 'garage'],
    [['back', 'Back Doors'], 'door'],
  ] as const)('%j → %s', (texts, kind) => {
    expect(passageNamed(texts)).toBe(kind);
  });

  it.each([[['office_blinds', 'Office Blinds']], [['patio', 'Outdoor awning']], [['salon', 'Volet du salon']], [['indoor_shade']], [['rideau_chambre', 'Rideau']]] as const)(
    '%j says nothing',
    (texts) => {
      expect(passageNamed(texts)).toBeUndefined();
    },
  );
});

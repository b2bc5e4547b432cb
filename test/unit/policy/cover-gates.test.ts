import { describe, expect, it } from 'vitest';
import type { PolicyDecision } from '../../../src/policy/policy.js';
import { policyOver, testTools } from './described-calls.js';

const policy = policyOver(testTools());
const context = { user: { id: 'u1', via: 'ingress' as const }, conversationId: 'c1', channel: 'http' };

function cover(service: string, entityId: string | string[], data?: Record<string, unknown>): PolicyDecision {
  return policy.decide({ tool: 'ha_call_service', effect: 'write', input: { domain: 'cover', service, target: { entity_id: entityId }, ...(data && { data }) } }, context);
}

describe('covers that may be gates or doors ask before they open or close', () => {
  it('a gate without a device class asks to open, toggle or move, like one that has it', () => {
    expect(cover('open_cover', 'cover.side_gate')).toEqual({
      effect: 'ask',
      reason: 'opening or closing a cover whose name says garage, gate or door needs a yes (cover.side_gate)',
      reasonWords: expect.objectContaining({ key: 'policy.for_targets' }),
      rule: 'default',
    });
    expect(cover('toggle', 'cover.side_gate').effect).toBe('ask');
    expect(cover('set_cover_position', 'cover.side_gate', { position: 40 }).effect).toBe('ask');
  });

  it('any cover without a device class asks, whatever its name: it could be a gate', () => {
    expect(cover('open_cover', 'cover.kitchen_window')).toEqual({
      effect: 'ask',
      reason: 'opening or closing a cover that may be a gate or a door (it has no device class) needs a yes (cover.kitchen_window)',
      reasonWords: expect.objectContaining({ key: 'policy.for_targets' }),
      rule: 'default',
    });
  });

  it('closing it asks too (nothing says no one is in the way); stopping it does not', () => {
    expect(cover('close_cover', 'cover.side_gate').effect).toBe('ask');
    expect(cover('close_cover', 'cover.kitchen_window').effect).toBe('ask');
    expect(cover('stop_cover', 'cover.side_gate').effect).toBe('allow');
    expect(cover('close_cover', 'cover.office_blinds').effect).toBe('allow');
  });

  it('blinds, shades, curtains, shutters, awnings and vents still open without asking', () => {
    for (const id of ['cover.office_blinds', 'cover.living_room_blinds', 'cover.living_room_shutter', 'cover.patio', 'cover.attic_vent']) {
      expect(cover('open_cover', id), id).toMatchObject({ effect: 'allow' });
    }
  });

  it('a name or entity id that says gate, garage or door (English or French) asks whatever the device class', () => {
    expect(cover('open_cover', 'cover.entree')).toMatchObject({
      effect: 'ask',
      reason: 'opening or closing a cover whose name says garage, gate or door needs a yes (cover.entree)',
    });
    for (const id of ['cover.porte_cellier', 'cover.shelly_2', 'cover.back_doors']) expect(cover('open_cover', id), id).toMatchObject({ effect: 'ask' });
  });

  it('a call on blinds and the unclassified gate together asks, naming only the gate', () => {
    expect(cover('open_cover', ['cover.office_blinds', 'cover.side_gate']).reason).toBe('opening or closing a cover whose name says garage, gate or door needs a yes (cover.side_gate)');
    expect(cover('open_cover', ['cover.office_blinds', 'cover.kitchen_window']).reason).toBe(
      'opening or closing a cover that may be a gate or a door (it has no device class) needs a yes (cover.kitchen_window)',
    );
  });
});

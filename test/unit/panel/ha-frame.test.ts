import { describe, expect, it } from 'vitest';
import { HA_FRAME_MESSAGES, readHaProperties } from '../../../panel/src/common/ha-frame.js';

describe("HA's frame messages", () => {
  it("reads HA's properties, narrow or not", () => {
    expect(readHaProperties({ type: 'home-assistant/properties', narrow: true, route: { prefix: '', path: '' } })).toEqual({ narrow: true });
    expect(readHaProperties({ type: 'home-assistant/properties' })).toEqual({ narrow: false });
  });

  it('ignores anything else a window may post', () => {
    for (const data of [null, 'home-assistant/properties', { type: 'other', narrow: true }, 42]) expect(readHaProperties(data)).toBeUndefined();
  });

  it("speaks HA's message types", () => {
    expect(Object.values(HA_FRAME_MESSAGES).map((m) => m.type)).toEqual([
      'home-assistant/subscribe-properties',
      'home-assistant/unsubscribe-properties',
      'home-assistant/toggle-menu',
    ]);
  });
});

import type { Connection } from 'home-assistant-js-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadIntentsHome, startHaSim, type HaSim } from '../../ha-sim/index.js';
import { connectLibrary } from './support.js';

interface TriggerMessage {
  variables: { trigger: Record<string, unknown> };
  context: { id: string };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('HA simulator subscribe_trigger', () => {
  let sim: HaSim;
  let conn: Connection;

  beforeAll(async () => {
    sim = await startHaSim({ home: loadIntentsHome(), settleMs: 5 });
    conn = await connectLibrary(sim);
  });
  afterAll(async () => {
    conn.close();
    await sim.stop();
  });

  it('delivers a state trigger once per matching change, in HA variables shape', async () => {
    const entity = 'light.washer_indicator';
    const got: TriggerMessage[] = [];
    const unsub = await conn.subscribeMessage<TriggerMessage>((m) => got.push(m), {
      type: 'subscribe_trigger',
      trigger: { platform: 'state', entity_id: entity, to: 'on' },
    });
    sim.setState(entity, 'off');
    sim.setState(entity, 'on');
    sim.setState(entity, 'on', { brightness: 10 });
    await until(() => got.length >= 1);
    expect(sim.liveTriggers()).toEqual([{ platform: 'state', entity_id: entity, to: 'on' }]);
    await unsub();
    await until(() => sim.liveTriggers().length === 0);
    expect(sim.liveTriggers()).toEqual([]);
    sim.setState(entity, 'off');
    sim.setState(entity, 'on');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(got).toHaveLength(1);
    expect(got[0]?.variables.trigger).toMatchObject({ platform: 'state', entity_id: entity, from_state: { state: 'off' }, to_state: { state: 'on' } });
    expect(got[0]?.context.id).toEqual(expect.any(String));
  });

  it('delivers event triggers whose data matches, and refuses other platforms', async () => {
    const got: TriggerMessage[] = [];
    const unsub = await conn.subscribeMessage<TriggerMessage>((m) => got.push(m), {
      type: 'subscribe_trigger',
      trigger: [{ platform: 'event', event_type: 'washer_done', event_data: { cycle: 'eco' } }],
    });
    sim.fireEvent('washer_done', { cycle: 'quick' });
    sim.fireEvent('washer_done', { cycle: 'eco', minutes: 90 });
    await until(() => got.length >= 1);
    await unsub();
    expect(got).toHaveLength(1);
    expect(got[0]?.variables.trigger).toMatchObject({ platform: 'event', event: { event_type: 'washer_done', data: { cycle: 'eco' } } });
    await expect(conn.subscribeMessage(() => undefined, { type: 'subscribe_trigger', trigger: { platform: 'sun', event: 'sunset' } })).rejects.toMatchObject({ code: 'invalid_format' });
  });
});

import { describe, expect, it } from 'vitest';
import { assistDecisions, changedDecisions } from '../../../src/ha/exposure.js';
import { ExposureReader, type ExposureSnapshot } from '../../../src/ha/exposure-reader.js';
import type { HaExposeList } from '../../../src/ha/ha-types.js';

/** A fake HA answering the two exposure commands, counting the list reads, on a hand-moved clock. */
function setup() {
  let now = 1_000;
  let exposed = true;
  const listReads: number[] = [];
  const pending: Array<() => void> = [];
  const applied: boolean[] = [];
  const send = <T>(message: { type: string }): Promise<T> => {
    if (message.type === 'homeassistant/expose_new_entities/get') return Promise.resolve({ expose_new: true } as T);
    listReads.push(now);
    const answer = { exposed_entities: { 'lock.kitchen_door': { conversation: exposed } } };
    return new Promise<T>((resolve) => pending.push(() => resolve(answer as T)));
  };
  const reader = new ExposureReader(
    send,
    (s: ExposureSnapshot) => applied.push(s.exposeList.exposed_entities['lock.kitchen_door']?.['conversation'] === true),
    () => undefined,
    () => now,
  );
  return {
    reader,
    listReads,
    applied,
    tick: (ms: number) => void (now += ms),
    setExposed: (value: boolean) => void (exposed = value),
    /** Answers the pending reads, in the given order (default: as sent). */
    answer: async (order?: number[]) => {
      // Lets the small switch reads answer first, so only the list answers' order matters.
      await new Promise((resolve) => setImmediate(resolve));
      const answers = pending.splice(0);
      for (const i of order ?? answers.map((_, i) => i)) answers[i]?.();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe('ExposureReader: HA exposure read on demand', () => {
  it('reads nothing while nobody asks, and once per max age however often the read tools ask', async () => {
    const t = setup();
    t.tick(60_000);
    expect(t.listReads).toEqual([]);
    const first = t.reader.fresh(1000);
    for (let i = 0; i < 20; i++) void t.reader.fresh(1000);
    await t.answer();
    expect(await first).toBe(true);
    for (let i = 0; i < 20; i++) {
      t.tick(40);
      await t.reader.fresh(1000);
    }
    expect(t.listReads).toHaveLength(1);
    t.tick(200);
    const again = t.reader.fresh(1000);
    await t.answer();
    await again;
    expect(t.listReads).toHaveLength(2);
  });

  it('reads the whole list again when asked for a copy newer than the call, even right after a read', async () => {
    const t = setup();
    const read = t.reader.fresh(1000);
    await t.answer();
    await read;
    t.setExposed(false);
    const write = t.reader.fresh(0);
    await t.answer();
    expect(await write).toBe(true);
    expect(t.listReads).toHaveLength(2);
    expect(t.applied).toEqual([true, false]);
  });

  it('never lets an older answer replace a newer one', async () => {
    const t = setup();
    const older = t.reader.fresh(0);
    t.setExposed(false);
    const newer = t.reader.fresh(0);
    await t.answer([1, 0]);
    await Promise.all([older, newer]);
    expect(t.applied).toEqual([false]);
  });
});

describe('changedDecisions', () => {
  it('names the entities whose Assist decision changed, appeared or went away', () => {
    const before: HaExposeList = { exposed_entities: { 'lock.a': { conversation: true }, 'light.b': { conversation: true }, 'fan.c': {} } };
    const after: HaExposeList = { exposed_entities: { 'lock.a': { conversation: false }, 'light.b': { conversation: true }, 'switch.d': { conversation: true } } };
    expect(changedDecisions(before, after).sort()).toEqual(['lock.a', 'switch.d']);
  });
});

describe('assistDecisions', () => {
  it("keeps Assist's decisions only: undecided entries and other assistants are dropped", () => {
    const list: HaExposeList = { exposed_entities: { 'lock.a': { conversation: false, 'cloud.alexa': true }, 'fan.c': {}, 'light.b': { 'cloud.alexa': true } } };
    expect(assistDecisions(list)).toEqual({ exposed_entities: { 'lock.a': { conversation: false } } });
  });
});

import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../src/events/bus.js';

interface TestEvents {
  'door.opened': { door: string };
  'light.changed': { on: boolean };
}

function busWithLog() {
  const errors: Array<Record<string, unknown>> = [];
  const bus = new EventBus<TestEvents>({ error: (obj: Record<string, unknown>) => void errors.push(obj) } as never);
  return { bus, errors };
}

class Panel {}

describe('the event bus', () => {
  it('delivers an event to its listeners, in order, and only to that event’s', () => {
    const { bus } = busWithLog();
    const heard: string[] = [];
    bus.on('door.opened', ({ door }) => heard.push(`first ${door}`));
    bus.on('door.opened', ({ door }) => heard.push(`second ${door}`));
    bus.on('light.changed', () => heard.push('light'));
    bus.emit('door.opened', { door: 'front' });
    expect(heard).toEqual(['first front', 'second front']);
  });

  it('unsubscribes one listener, or every listener of an owner', () => {
    const { bus } = busWithLog();
    const heard: string[] = [];
    const panel = new Panel();
    const off = bus.on('door.opened', () => heard.push('loose'));
    bus.on('door.opened', () => heard.push('panel door'), panel);
    bus.on('light.changed', () => heard.push('panel light'), panel);
    off();
    bus.removeListeners(panel);
    bus.emit('door.opened', { door: 'front' });
    bus.emit('light.changed', { on: true });
    expect(heard).toEqual([]);
    expect(bus.listenerCount('door.opened')).toBe(0);
  });

  it('a listener that throws or rejects is logged once with its event and owner; the others and the emitter go on', async () => {
    const { bus, errors } = busWithLog();
    const heard: string[] = [];
    bus.on('door.opened', () => {
      throw new Error('boom');
    }, new Panel());
    bus.on('door.opened', async () => {
      throw new Error('later boom');
    });
    bus.on('door.opened', () => heard.push('still heard'));
    expect(() => bus.emit('door.opened', { door: 'front' })).not.toThrow();
    await new Promise((resolve) => setImmediate(resolve));
    expect(heard).toEqual(['still heard']);
    expect(errors).toEqual([
      { err: 'boom', event: 'door.opened', owner: 'Panel' },
      { err: 'later boom', event: 'door.opened', owner: undefined },
    ]);
  });

  it('a listener added or removed during an emit takes effect from the next one', () => {
    const { bus } = busWithLog();
    const heard: string[] = [];
    bus.on('door.opened', () => {
      heard.push('first');
      bus.on('door.opened', () => heard.push('added'));
    });
    bus.emit('door.opened', { door: 'front' });
    expect(heard).toEqual(['first']);
  });
});

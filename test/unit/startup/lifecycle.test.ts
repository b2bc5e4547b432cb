import { describe, expect, it } from 'vitest';
import { Lifecycle } from '../../../src/startup/lifecycle.js';

function recorder() {
  const calls: string[] = [];
  const errors: Array<{ step: unknown; err: unknown }> = [];
  const lifecycle = new Lifecycle({ error: (obj: { step: unknown; err: unknown }) => void errors.push(obj) } as never);
  const step = (name: string, opts: { failStart?: boolean; failStop?: boolean } = {}) =>
    lifecycle.add({
      name,
      start: async () => {
        calls.push(`start ${name}`);
        if (opts.failStart) throw new Error(`${name} cannot start`);
      },
      stop: () => {
        calls.push(`stop ${name}`);
        if (opts.failStop) throw new Error(`${name} cannot stop`);
      },
    });
  return { calls, errors, lifecycle, step };
}

describe('the lifecycle', () => {
  it('starts in order and stops in reverse', async () => {
    const { calls, lifecycle, step } = recorder();
    step('database');
    step('ha');
    step('http');
    await lifecycle.startAll();
    await lifecycle.stopAll();
    expect(calls).toEqual(['start database', 'start ha', 'start http', 'stop http', 'stop ha', 'stop database']);
  });

  it('a failed start stops what had started, in reverse, and rethrows; the failed one and the later ones are not stopped', async () => {
    const { calls, lifecycle, step } = recorder();
    step('database');
    step('ha');
    step('http', { failStart: true });
    step('voice');
    await expect(lifecycle.startAll()).rejects.toThrow('http cannot start');
    expect(calls).toEqual(['start database', 'start ha', 'start http', 'stop ha', 'stop database']);
    // Nothing is left to stop twice.
    await lifecycle.stopAll();
    expect(calls).toHaveLength(5);
  });

  it('a failing stop is logged and the others still stop', async () => {
    const { calls, errors, lifecycle, step } = recorder();
    step('database');
    step('ha', { failStop: true });
    step('http');
    await lifecycle.startAll();
    await lifecycle.stopAll();
    expect(calls.slice(3)).toEqual(['stop http', 'stop ha', 'stop database']);
    expect(errors).toEqual([{ step: 'ha', err: 'ha cannot stop' }]);
  });

  it('what was adopted already open is closed by a failure before startAll, and by stopAll after it', async () => {
    const { calls, lifecycle, step } = recorder();
    lifecycle.adopt('database', () => calls.push('close database'));
    step('ha');
    await lifecycle.stopAll();
    expect(calls).toEqual(['close database']);

    const again = recorder();
    again.lifecycle.adopt('database', () => again.calls.push('close database'));
    again.step('ha');
    await again.lifecycle.startAll();
    await again.lifecycle.stopAll();
    expect(again.calls).toEqual(['start ha', 'stop ha', 'close database']);
  });

  it('steps with only a start or only a stop keep their place in the order', async () => {
    const calls: string[] = [];
    const lifecycle = new Lifecycle({ error: () => undefined });
    lifecycle.add({ name: 'close ha', stop: () => calls.push('close ha') });
    lifecycle.add({ name: 'phone', start: () => calls.push('start phone'), stop: () => calls.push('stop phone') });
    lifecycle.add({ name: 'connect ha', start: () => calls.push('connect ha') });
    await lifecycle.startAll();
    await lifecycle.stopAll();
    expect(calls).toEqual(['start phone', 'connect ha', 'stop phone', 'close ha']);
  });
});

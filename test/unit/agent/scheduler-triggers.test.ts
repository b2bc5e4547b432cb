import { describe, expect, it } from 'vitest';
import { createTriggerWatcher, describeTrigger, haTriggerConfig } from '../../../src/agent/scheduler/triggers.js';
import { createLogger } from '../../../src/logger.js';

type MailListener = (event: { account: string; folder: string; uids: number[] }) => void;

describe('task triggers', () => {
  it('start a mail task on new mail of its account only, and stop listening when told', () => {
    const listeners = new Set<MailListener>();
    const mail = { onNewMail: (listener: MailListener) => (listeners.add(listener), () => void listeners.delete(listener)) };
    const ha = { onReady: () => () => undefined };
    const watch = createTriggerWatcher({ ha, mail, logger: createLogger('error') });
    const fired: string[] = [];
    const stop = watch({ type: 'mail', account: 'Bank' }, (what) => fired.push(what));
    for (const listener of listeners) listener({ account: 'home', folder: 'INBOX', uids: [1] });
    for (const listener of listeners) listener({ account: 'bank', folder: 'INBOX', uids: [7, 8] });
    expect(fired).toEqual(['2 new mail(s) arrived in bank/INBOX (uids 7, 8)']);
    stop();
    expect(listeners.size).toBe(0);
  });

  it('describe what happened in one line and build HA trigger configs', () => {
    expect(describeTrigger({ platform: 'state', entity_id: 'sensor.washer', from_state: { state: 'running' }, to_state: { state: 'idle' } })).toBe(
      'sensor.washer changed from running to idle',
    );
    expect(describeTrigger({ platform: 'event', event: { event_type: 'doorbell', data: { who: 'front' } } })).toBe('event doorbell fired with data {"who":"front"}');
    expect(haTriggerConfig({ type: 'state', entity_id: 'sensor.washer', to: 'idle' })).toEqual({ platform: 'state', entity_id: 'sensor.washer', to: 'idle' });
  });
});

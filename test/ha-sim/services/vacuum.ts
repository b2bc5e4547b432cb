import { field, update } from './common.js';
import type { DomainSpec } from './types.js';

/** vacuum.* — cleaning/paused/idle/returning/docked; returning docks shortly after the call. */
export const vacuumServices: DomainSpec = {
  start: { name: 'Start', description: 'Starts or resumes the cleaning task.', fields: {}, response: 'none', perEntity: (s, _d, rt) => update(rt, s, 'cleaning') },
  pause: { name: 'Pause', description: 'Pauses the cleaning task.', fields: {}, response: 'none', perEntity: (s, _d, rt) => update(rt, s, 'paused') },
  stop: { name: 'Stop', description: 'Stops the current cleaning task.', fields: {}, response: 'none', perEntity: (s, _d, rt) => update(rt, s, 'idle') },
  return_to_base: {
    name: 'Return to dock',
    description: 'Tells the vacuum cleaner to return to its dock.',
    fields: {},
    response: 'none',
    perEntity: (s, _d, rt) => {
      update(rt, s, 'returning');
      rt.later(() => {
        const now = rt.getState(s.entity_id);
        if (now?.state === 'returning') rt.setState(s.entity_id, 'docked', now.attributes);
      });
    },
  },
  clean_spot: { name: 'Clean spot', description: 'Tells the vacuum cleaner to do a spot clean-up.', fields: {}, response: 'none', perEntity: (s, _d, rt) => update(rt, s, 'cleaning') },
  locate: { name: 'Locate', description: 'Locates the vacuum cleaner robot.', fields: {}, response: 'none', perEntity: () => undefined },
  set_fan_speed: {
    name: 'Set fan speed',
    description: 'Sets the fan speed of the vacuum cleaner.',
    fields: { fan_speed: field.text('Fan speed', 'Fan speed.', { required: true }) },
    response: 'none',
    perEntity: (s, d, rt) => update(rt, s, s.state, { fan_speed: d.fan_speed }),
  },
};

import type { SimState } from '../home.js';
import { field, update } from './common.js';
import { serviceValidation } from './errors.js';
import type { DomainSpec, ServiceRuntime } from './types.js';

const CODE = field.text('Code', 'Code used to lock or unlock the lock.', { selector: { text: { type: 'password' } } });

/** lock.* — locked/unlocked; `open` unlatches and leaves the lock unlocked. */
export const lockServices: DomainSpec = {
  lock: { name: 'Lock', description: 'Locks a lock.', fields: { code: CODE }, response: 'none', perEntity: (s, _d, rt) => update(rt, s, 'locked') },
  unlock: {
    name: 'Unlock',
    description: 'Unlocks a lock.',
    fields: { code: CODE },
    response: 'none',
    perEntity: (s, _d, rt) => update(rt, s, 'unlocked'),
  },
  open: { name: 'Open', description: 'Opens a lock.', fields: { code: CODE }, response: 'none', perEntity: (s, _d, rt) => update(rt, s, 'unlocked') },
};

function arm(target: string) {
  return (state: SimState, data: Record<string, unknown>, rt: ServiceRuntime) => {
    if (state.attributes.code_arm_required === true && typeof data.code !== 'string') {
      throw serviceValidation(`Arming requires a code but none was given for ${state.entity_id}.`);
    }
    update(rt, state, target);
  };
}

const ALARM_CODE = field.text('Code', 'Code to arm or disarm the alarm.', { selector: { text: { type: 'password' } } });

/** alarm_control_panel.* — arm/disarm states. */
export const alarmServices: DomainSpec = {
  alarm_disarm: { name: 'Disarm', description: 'Disarms the alarm.', fields: { code: ALARM_CODE }, response: 'none', perEntity: arm('disarmed') },
  alarm_arm_home: {
    name: 'Arm home',
    description: 'Arms the alarm in the home mode.',
    fields: { code: ALARM_CODE },
    response: 'none',
    perEntity: arm('armed_home'),
  },
  alarm_arm_away: {
    name: 'Arm away',
    description: 'Arms the alarm in the away mode.',
    fields: { code: ALARM_CODE },
    response: 'none',
    perEntity: arm('armed_away'),
  },
  alarm_arm_night: {
    name: 'Arm night',
    description: 'Arms the alarm in the night mode.',
    fields: { code: ALARM_CODE },
    response: 'none',
    perEntity: arm('armed_night'),
  },
  alarm_trigger: {
    name: 'Trigger',
    description: 'Triggers the alarm manually.',
    fields: { code: ALARM_CODE },
    response: 'none',
    perEntity: (s, _d, rt) => update(rt, s, 'triggered'),
  },
};

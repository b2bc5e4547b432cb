/**
 * The sentence an `ha_call_service` approval shows: "Unlock Front Door (lock.front_door)", with the
 * service data after it.
 */
import { clipSummary, describeValue, joinWords, listOf } from '../summary-words.js';
import type { ServiceCallInput } from './home-facts.js';

/** Friendly name of an entity, when the index knows it. */
export type EntityNamer = (entityId: string) => string | undefined;

const VERBS: Readonly<Record<string, string>> = {
  turn_on: 'Turn on',
  turn_off: 'Turn off',
  toggle: 'Toggle',
  unlock: 'Unlock',
  lock: 'Lock',
  open: 'Open',
  open_cover: 'Open',
  close_cover: 'Close',
  stop_cover: 'Stop',
  set_cover_position: 'Set the position of',
  open_valve: 'Open',
  close_valve: 'Close',
  set_valve_position: 'Set the position of',
  alarm_disarm: 'Disarm',
  alarm_arm_away: 'Arm (away)',
  alarm_arm_home: 'Arm (home)',
  alarm_arm_night: 'Arm (night)',
  alarm_trigger: 'Trigger the alarm of',
  set_temperature: 'Set the temperature of',
};

/** The approval's sentence for one service call. */
export function serviceSummary(call: ServiceCallInput, nameOf: EntityNamer): string {
  const { domain, service } = call;
  const target = call.target ?? {};
  const things = [
    ...listOf(target.entity_id).map((id) => {
      const name = nameOf(id);
      return name ? `${name} (${id})` : id;
    }),
    ...listOf(target.area_id).map((area) => `everything in area ${area}`),
    ...listOf(target.device_id).map((device) => `device ${device}`),
  ];
  const data = Object.entries(call.data ?? {}).map(([k, v]) => `${k} ${describeValue(v)}`);
  const verb = domain !== 'homeassistant' ? VERBS[service] : undefined;
  const head = verb ? `${verb} ${joinWords(things) || domain}` : `Call ${domain}.${service}${things.length ? ` on ${joinWords(things)}` : ''}`;
  return clipSummary(data.length ? `${head}, with ${data.join(', ')}` : head);
}

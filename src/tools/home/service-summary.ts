/**
 * The sentence an `ha_call_service` approval shows: "Unlock Front Door (lock.front_door)", with the
 * service data after it.
 */
import { t, type MessageKey } from '../../messages/messages.js';
import { clipSummary, describeValue, joinWords, listOf } from '../summary-words.js';
import type { ServiceCallInput } from './home-facts.js';

/** Friendly name of an entity, when the index knows it. */
export type EntityNamer = (entityId: string) => string | undefined;

/** The message of each service with a verb of its own (`{things}` is what it acts on). */
const VERBS: Readonly<Record<string, MessageKey>> = {
  turn_on: 'summary.turn_on',
  turn_off: 'summary.turn_off',
  toggle: 'summary.toggle',
  unlock: 'summary.unlock',
  lock: 'summary.lock',
  open: 'summary.open',
  open_cover: 'summary.open',
  close_cover: 'summary.close',
  stop_cover: 'summary.stop',
  set_cover_position: 'summary.set_position',
  open_valve: 'summary.open',
  close_valve: 'summary.close',
  set_valve_position: 'summary.set_position',
  alarm_disarm: 'summary.disarm',
  alarm_arm_away: 'summary.arm_away',
  alarm_arm_home: 'summary.arm_home',
  alarm_arm_night: 'summary.arm_night',
  alarm_trigger: 'summary.trigger_alarm',
  set_temperature: 'summary.set_temperature',
};

/** The approval's sentence for one service call, in `language` (English by default). */
export function serviceSummary(call: ServiceCallInput, nameOf: EntityNamer, language?: string): string {
  const { domain, service } = call;
  const target = call.target ?? {};
  const things = [
    ...listOf(target.entity_id).map((id) => {
      const name = nameOf(id);
      return name ? `${name} (${id})` : id;
    }),
    ...listOf(target.area_id).map((area) => t(language, 'summary.area', { area })),
    ...listOf(target.device_id).map((device) => t(language, 'summary.device', { device })),
  ];
  const data = Object.entries(call.data ?? {}).map(([k, v]) => `${k} ${describeValue(v)}`);
  const verb = domain !== 'homeassistant' && Object.hasOwn(VERBS, service) ? VERBS[service] : undefined;
  const named = joinWords(things, language);
  const head = verb
    ? t(language, verb, { things: named || domain })
    : t(language, things.length ? 'summary.call_on' : 'summary.call', { service: `${domain}.${service}`, things: named });
  return clipSummary(data.length ? t(language, 'summary.with', { head, data: data.join(', ') }) : head);
}

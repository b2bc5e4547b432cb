/**
 * Which services a home offers (HA registers a domain's services once an entity of it exists)
 * and their `get_services` descriptions, built from the same tables the sim executes.
 */
import type { SimServiceDescription, SimServices } from '../home.js';
import { climateServices } from './climate.js';
import { calendarServices } from './calendar.js';
import { onOffServices } from './common.js';
import { coverServices, valveServices } from './cover-valve.js';
import { fanServices } from './fan.js';
import { lightServices } from './light.js';
import { alarmServices, lockServices } from './lock-alarm.js';
import { mediaPlayerServices } from './media-player.js';
import { homeassistantServices, notifyServices, persistentNotificationServices } from './notify-core.js';
import { sceneServices, scriptServices } from './scene-script.js';
import { inputNumberServices, inputSelectServices, numberServicesSpec, selectServicesSpec } from './select-number.js';
import { todoServices } from './todo.js';
import type { DomainSpec } from './types.js';
import { vacuumServices } from './vacuum.js';
import { weatherServices } from './weather.js';

/** Implemented services of each entity domain. */
const ENTITY_DOMAINS: Record<string, DomainSpec> = {
  light: lightServices,
  switch: onOffServices('switch'),
  input_boolean: onOffServices('input boolean'),
  siren: onOffServices('siren'),
  fan: fanServices,
  cover: coverServices,
  valve: valveServices,
  lock: lockServices,
  alarm_control_panel: alarmServices,
  climate: climateServices,
  media_player: mediaPlayerServices,
  vacuum: vacuumServices,
  scene: sceneServices,
  input_select: inputSelectServices,
  select: selectServicesSpec,
  input_number: inputNumberServices,
  number: numberServicesSpec,
  todo: todoServices,
  weather: weatherServices,
  calendar: calendarServices,
  automation: {
    ...onOffServices('automation'),
    trigger: {
      name: 'Trigger',
      description: 'Triggers the actions of an automation.',
      fields: { skip_condition: { kind: 'boolean', name: 'Skip conditions', description: 'Defines whether or not the conditions will be skipped.' } },
      response: 'none',
      perEntity: () => undefined,
    },
  },
};

/** The services a home with these entities and notify targets offers, by domain. */
export function buildDomainSpecs(entityIds: readonly string[], notifyNames: readonly string[]): Record<string, DomainSpec> {
  const domains = new Set(entityIds.map((id) => id.split('.', 1)[0] ?? ''));
  const specs: Record<string, DomainSpec> = {
    homeassistant: homeassistantServices,
    notify: notifyServices(notifyNames),
    persistent_notification: persistentNotificationServices,
  };
  for (const domain of [...domains].sort()) {
    const spec = ENTITY_DOMAINS[domain];
    if (spec) specs[domain] = spec;
  }
  if (domains.has('script')) specs.script = scriptServices(entityIds.filter((id) => id.startsWith('script.')));
  return specs;
}

/** `get_services` descriptions of the given service tables. */
export function describeServices(specs: Record<string, DomainSpec>): SimServices {
  const out: SimServices = {};
  for (const [domain, services] of Object.entries(specs)) {
    out[domain] = {};
    for (const [service, spec] of Object.entries(services)) {
      const description: SimServiceDescription = { name: spec.name, description: spec.description, fields: {} };
      for (const [key, f] of Object.entries(spec.fields)) {
        description.fields[key] = {
          name: f.name,
          description: f.description,
          ...(f.required ? { required: true } : {}),
          ...(f.example !== undefined ? { example: f.example } : {}),
          selector: f.selector ?? { object: {} },
        };
      }
      if (spec.perEntity) description.target = { entity: [{ domain: [spec.targetDomain ?? domain] }] };
      else if (spec.takesTarget) description.target = { entity: [{}] };
      if (spec.response !== 'none') description.response = { optional: spec.response === 'optional' };
      out[domain][service] = description;
    }
  }
  return out;
}

/** Notify service names of a services dump (`mobile_app_…` and friends, not `notify.notify`). */
export function notifyNamesOf(services: SimServices): string[] {
  return Object.keys(services.notify ?? {}).filter((name) => name !== 'notify' && name !== 'send_message');
}

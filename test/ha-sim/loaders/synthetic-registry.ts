/**
 * synthetic-home's device-type registry (allenporter/synthetic-home, Apache-2.0): a
 * `device_type` such as `smart-lock` becomes its entities, in the first of its named states.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { readSharedYaml, sharedDataDir } from './data-path.js';
import { slugify, type EntitySeed } from './home-builder.js';
import { toHaState } from './synthetic-values.js';

interface DeviceType {
  device_type: string;
  device_states?: Record<string, Record<string, unknown> | null>;
  entities: Record<string, Record<string, Record<string, unknown> | null>>;
}

const REGISTRY = ['synthetic-home', 'synthetic_home', 'registry'];

function loadDeviceType(type: string): DeviceType | undefined {
  if (!existsSync(resolve(sharedDataDir(), ...REGISTRY, `${type}.yaml`))) return undefined;
  return readSharedYaml(...REGISTRY, `${type}.yaml`) as DeviceType;
}

function titleCase(key: string): string {
  return key.replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
}

/**
 * Expands one device into entity seeds. Naming follows the datasets' expanded fixtures: the
 * first entity of each non-sensor domain takes the device's name, the others add their key
 * (`sensor.thermostat_temperature`, `binary_sensor.smart_lock_tamper`).
 */
export function expandDevice(deviceName: string, deviceId: string, deviceType: string): EntitySeed[] {
  const def = loadDeviceType(deviceType);
  if (!def) return [];
  const firstState = Object.values(def.device_states ?? {})[0] ?? {};
  const onlySensors = Object.keys(def.entities).every((d) => d === 'sensor');
  const out: EntitySeed[] = [];
  for (const [domain, keys] of Object.entries(def.entities)) {
    if (domain === 'notify') continue;
    Object.entries(keys).forEach(([key, attrs], index) => {
      const plain = index === 0 && (domain !== 'sensor' || onlySensors);
      const objectId = plain ? deviceId : `${deviceId}_${slugify(key)}`;
      const initial = firstState?.[`${domain}.${key}`];
      const isAttrs = initial !== null && typeof initial === 'object';
      const rawState = isAttrs ? (initial as Record<string, unknown>).state : initial;
      const source = { ...(attrs ?? {}), ...(isAttrs ? (initial as Record<string, unknown>) : {}) };
      delete source.state;
      const { state, attributes } = toHaState(`${domain}.${objectId}`, rawState, source);
      out.push({
        entity_id: `${domain}.${objectId}`,
        name: plain ? deviceName : `${deviceName} ${titleCase(key)}`,
        state,
        attributes,
        device_id: deviceId,
      });
    });
  }
  return out;
}

/** Whether a device type declares a phone (it gets a `notify.mobile_app_<device>` service). */
export function isPhoneType(deviceType: string): boolean {
  const def = loadDeviceType(deviceType);
  return Boolean(def?.entities.notify);
}

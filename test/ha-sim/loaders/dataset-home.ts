/**
 * Homes of home-assistant-datasets (allenporter/home-assistant-datasets, declared Apache-2.0):
 * the expanded `_fixtures.yaml` inventories (areas, devices, entities) and the device-type
 * inventories (`devices-v3/<name>.yaml`) expanded with synthetic-home.
 *
 * As the datasets' evaluation harness exposes every entity, all entities are explicitly exposed
 * (locks too, on purpose: HA's default would not; tests unlock the datasets' doors), except one binary sensor (tamper first) explicitly not exposed and battery sensors, which get
 * `entity_category: diagnostic` and no decision. Entities inherit their device's area (registry
 * `area_id: null`), as HA does for entities added with a device.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { MajordomeError } from '../../../src/errors.js';
import type { SimArea, SimDevice, SimFloor, SimHome } from '../home.js';
import { readSharedYaml, sharedDataDir } from './data-path.js';
import { area, buildHome, device, exposeAllExcept, floor, slugify, type EntitySeed } from './home-builder.js';
import { expandDevice, isPhoneType } from './synthetic-registry.js';
import { toHaState } from './synthetic-values.js';

const DATASETS = ['home-assistant-datasets', 'datasets'];
const EXPANDED_DIRS = ['assist', 'assist-mini', 'device-actions-v2-fixtures', 'questions'];

interface ExpandedFixtures {
  areas?: Array<{ name: string; id: string; floor?: string | null }>;
  devices?: Array<{ name: string; id: string; area?: string; info?: Record<string, unknown> }>;
  entities?: Array<{ name: string; id: string; area?: string; device?: string; state?: unknown; attributes?: Record<string, unknown> }>;
}

interface DeviceTypeInventory {
  name?: string;
  country_code?: string;
  areas?: string[];
  devices?: Record<string, Array<{ name: string; device_type: string; device_info?: Record<string, unknown> }>>;
}

interface Parsed {
  floors: SimFloor[];
  areas: SimArea[];
  devices: SimDevice[];
  entities: EntitySeed[];
  phones: string[];
  title?: string;
  country?: string;
}

function findInventory(name: string): { parts: string[]; expanded: boolean } {
  const exists = (...parts: string[]) => existsSync(resolve(sharedDataDir(), ...DATASETS, ...parts));
  for (const dir of EXPANDED_DIRS) if (exists(dir, name, '_fixtures.yaml')) return { parts: [dir, name, '_fixtures.yaml'], expanded: true };
  if (exists('devices-v3', `${name}.yaml`)) return { parts: ['devices-v3', `${name}.yaml`], expanded: false };
  throw new MajordomeError('not_found', `No home-assistant-datasets home named ${name}`);
}

function deviceInfo(info: Record<string, unknown> | undefined): Partial<SimDevice> {
  const text = (v: unknown) => (v === undefined || v === null ? null : String(v));
  return { manufacturer: text(info?.manufacturer), model: text(info?.model), sw_version: text(info?.sw_version) };
}

function parseExpanded(data: ExpandedFixtures): Parsed {
  const floorNames = [...new Set((data.areas ?? []).map((a) => a.floor).filter((f): f is string => typeof f === 'string'))];
  const devices = (data.devices ?? []).map((d) => device(d.id, d.name, d.area ?? null, deviceInfo(d.info)));
  const deviceArea = new Map(devices.map((d) => [d.id, d.area_id]));
  const entities = (data.entities ?? []).map((e): EntitySeed => {
    const { state, attributes } = toHaState(e.id, e.state, e.attributes ?? {});
    const inherited = e.device !== undefined && deviceArea.get(e.device) === (e.area ?? null);
    return { entity_id: e.id, name: e.name, state, attributes, device_id: e.device ?? null, area_id: inherited ? null : (e.area ?? null) };
  });
  return {
    floors: floorNames.map((f) => floor(slugify(f), f)),
    areas: (data.areas ?? []).map((a) => area(a.id, a.name, a.floor ? slugify(a.floor) : null)),
    devices,
    entities,
    phones: entities.filter((e) => e.entity_id.startsWith('device_tracker.')).map((e) => e.entity_id.slice('device_tracker.'.length)),
  };
}

function parseDeviceTypes(data: DeviceTypeInventory): Parsed {
  const devices: SimDevice[] = [];
  const entities: EntitySeed[] = [];
  const phones: string[] = [];
  for (const [areaName, list] of Object.entries(data.devices ?? {})) {
    for (const d of list) {
      let id = slugify(d.name);
      for (let n = 2; devices.some((x) => x.id === id); n++) id = `${slugify(d.name)}_${n}`;
      devices.push(device(id, d.name, slugify(areaName), deviceInfo(d.device_info)));
      entities.push(...expandDevice(d.name, id, d.device_type));
      if (isPhoneType(d.device_type)) phones.push(id);
    }
  }
  return {
    floors: [],
    areas: (data.areas ?? []).map((a) => area(slugify(a), a)),
    devices,
    entities,
    phones,
    ...(data.name ? { title: data.name } : {}),
    ...(data.country_code ? { country: data.country_code } : {}),
  };
}

function isBattery(e: EntitySeed): boolean {
  return (e.entity_id.startsWith('sensor.') || e.entity_id.startsWith('binary_sensor.')) && e.attributes?.device_class === 'battery';
}

/** A first binary sensor to leave explicitly unexposed (tamper, then sound/occupancy, then any). */
function pickUnexposed(entities: EntitySeed[]): string[] {
  const binary = entities.filter((e) => e.entity_id.startsWith('binary_sensor.') && !e.entity_category);
  for (const cls of ['tamper', 'sound', 'occupancy']) {
    const hit = binary.find((e) => e.attributes?.device_class === cls);
    if (hit) return [hit.entity_id];
  }
  return binary[0] ? [binary[0].entity_id] : [];
}

/** Loads a dataset home by name, e.g. `home1-us`, `dom1-pl`, `home5-cn-fan`, `home4-us`. */
export function loadDatasetHome(name: string): SimHome {
  const { parts, expanded } = findInventory(name);
  const raw = readSharedYaml(...DATASETS, ...parts);
  const parsed = expanded ? parseExpanded(raw as ExpandedFixtures) : parseDeviceTypes(raw as DeviceTypeInventory);
  for (const e of parsed.entities) if (isBattery(e)) e.entity_category = 'diagnostic';
  const country = (parsed.country ?? name.split('-')[1] ?? 'us').toUpperCase();
  return buildHome({
    name: parsed.title ?? name,
    units: country === 'US' ? 'imperial' : 'metric',
    config: { country, language: 'en' },
    floors: parsed.floors,
    areas: parsed.areas,
    devices: parsed.devices,
    entities: parsed.entities,
    // Exposes locks on purpose, as the datasets' harness does.
    exposed: exposeAllExcept(parsed.entities, pickUnexposed(parsed.entities)),
    phones: parsed.phones,
    platform: 'synthetic_home',
  });
}

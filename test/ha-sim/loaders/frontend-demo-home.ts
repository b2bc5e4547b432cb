/**
 * Homes from HA's frontend demo (home-assistant/frontend `demo/src/configs/<name>/entities.ts`,
 * Apache-2.0): state dumps of community members' installations. The files are TypeScript
 * modules whose content is an object literal; it is evaluated as plain JavaScript here.
 *
 * The dumps carry no registries, so areas are derived from room words in entity names. Locks
 * have no registry entry, as YAML and legacy locks (HA's own demo locks among them) have none: no
 * area, and their exposure kept in HA's exposed-entities store. Exposure is left to HA's defaults
 * except: locks exposed on purpose (HA's default leaves them out; the demo unlocks doors), the
 * first switch explicitly not, and the first system-health sensor gets `entity_category: diagnostic`.
 */
import type { SimArea, SimHome } from '../home.js';
import { readSharedText } from './data-path.js';
import { area, buildHome, slugify, type EntitySeed } from './home-builder.js';

/** The demo homes available. */
export type FrontendDemoName = 'arsaboo' | 'jimpower' | 'kernehed' | 'teachingbirds' | 'sections';

interface DemoEntity {
  entity_id: string;
  state: string;
  attributes?: Record<string, unknown>;
}

/** Room words, longest first so "master bedroom" wins over "bedroom". */
const ROOMS = [
  'master bedroom', 'living room', 'dining room', 'guest room', 'laundry room', 'walk in closet', 'family room', 'play room',
  'bedroom', 'kitchen', 'bathroom', 'office', 'study', 'garage', 'hallway', 'passage', 'garden', 'basement', 'attic', 'porch',
  'patio', 'nursery', 'backyard', 'driveway', 'entrance', 'pantry', 'playroom', 'balcony', 'greenhouse', 'storage', 'staircase',
];
const ALIASES: Record<string, string> = { livingroom: 'living room', 'laundy room': 'laundry room', stair: 'staircase', yard: 'backyard' };
const DIAGNOSTIC = /battery|speedtest|processor|memory|disk|last boot|db size|uptime/i;

/** Evaluates `(localize) => Object.values({...})` from the module text. */
function evaluateEntities(source: string): DemoEntity[] {
  const start = source.indexOf('=', source.indexOf('export const'));
  const expression = source.slice(start + 1).trim().replace(/;\s*$/, '');
  // The shared data is a trusted local copy of the frontend's demo; it is data written as JS.
  const factory = new Function(`return (${expression});`)() as (localize: (key: string) => string) => DemoEntity[];
  return factory(humanizeKey);
}

/** Stands in for the frontend's localize(): "…names.temperature_study" → "Temperature study". */
function humanizeKey(key: string): string {
  const last = key.split('.').pop() ?? key;
  const words = last.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function roomOf(text: string): string | undefined {
  let lower = ` ${text.toLowerCase().replace(/_/g, ' ')} `;
  for (const [from, to] of Object.entries(ALIASES)) lower = lower.replace(` ${from} `, ` ${to} `);
  return ROOMS.find((room) => lower.includes(` ${room} `) || lower.includes(` ${room}s `));
}

function loadDemoConfig(): Record<string, unknown> {
  const source = readSharedText('frontend-demo', 'src', 'fake_data', 'demo_config.ts');
  const start = source.indexOf('{', source.indexOf('export const demoConfig'));
  const literal = source.slice(start).trim().replace(/;\s*$/, '').replace(/STATE_RUNNING/g, '"RUNNING"');
  return new Function(`return (${literal});`)() as Record<string, unknown>;
}

/** Phones, as the companion app would name them: GPS trackers, else other person-like trackers,
 * else one phone per person. */
function phonesOf(states: DemoEntity[]): string[] {
  const trackers = states.filter((s) => s.entity_id.startsWith('device_tracker.'));
  const objectId = (s: DemoEntity) => s.entity_id.slice(s.entity_id.indexOf('.') + 1);
  const gps = trackers.filter((s) => s.attributes?.source_type === 'gps');
  if (gps.length > 0) return gps.map(objectId);
  const personal = trackers.filter((s) => !/car|wifi|ble|router|bag|keys|gps/.test(s.entity_id));
  if (personal.length > 0) return personal.map(objectId);
  return states.filter((s) => s.entity_id.startsWith('person.')).map((s) => `${objectId(s)}_phone`);
}

/** What a caller adds to a demo home (scripts/demo.ts: a lock, a garage door, a phone): exposed to Assist on purpose. */
export interface DemoAdditions {
  entities?: EntitySeed[];
  areas?: SimArea[];
  /** Phone names: each becomes a `notify.mobile_app_<name>` service. */
  phones?: string[];
}

export function loadFrontendDemoHome(name: FrontendDemoName, additions: DemoAdditions = {}): SimHome {
  const raw = evaluateEntities(readSharedText('frontend-demo', 'demo', 'src', 'configs', name, 'entities.ts'));
  const byId = new Map(raw.map((e) => [e.entity_id, e]));
  const states = [...byId.values()];
  const areas = new Map<string, SimArea>();
  const firstSwitch = states.find((s) => s.entity_id.startsWith('switch.'))?.entity_id;
  const diagnostic = states.find((s) => s.entity_id.startsWith('sensor.') && DIAGNOSTIC.test(String(s.attributes?.friendly_name ?? s.entity_id)))?.entity_id;

  const entities: EntitySeed[] = states.map((s) => {
    const friendly = typeof s.attributes?.friendly_name === 'string' ? s.attributes.friendly_name : null;
    const room = roomOf(friendly ?? s.entity_id.split('.')[1] ?? '');
    const yaml = s.entity_id.startsWith('lock.');
    let areaId: string | null = null;
    if (room && !yaml && !s.entity_id.startsWith('zone.')) {
      areaId = slugify(room);
      if (!areas.has(areaId)) areas.set(areaId, area(areaId, room.replace(/\b\w/g, (c) => c.toUpperCase())));
    }
    return {
      entity_id: s.entity_id,
      name: friendly,
      state: String(s.state),
      attributes: s.attributes ?? {},
      area_id: areaId,
      ...(yaml && { registry: false }),
      ...(s.entity_id === diagnostic ? { entity_category: 'diagnostic' as const } : {}),
    };
  });

  for (const extra of additions.areas ?? []) if (!areas.has(extra.area_id)) areas.set(extra.area_id, extra);
  entities.push(...(additions.entities ?? []).filter((e) => !byId.has(e.entity_id)));

  const exposed: Record<string, boolean> = {};
  // Exposes locks on purpose: the demo (scripts/demo.ts) unlocks doors with approval.
  for (const e of entities) if (e.entity_id.startsWith('lock.')) exposed[e.entity_id] = true;
  if (firstSwitch) exposed[firstSwitch] = false;
  // What the caller added is there to be used: exposed on purpose, whatever HA's default.
  for (const e of additions.entities ?? []) exposed[e.entity_id] = true;

  const title = `${name.charAt(0).toUpperCase()}${name.slice(1)} Home`;
  return buildHome({
    name: title,
    config: { ...loadDemoConfig(), location_name: title, version: '2026.11.0' },
    areas: [...areas.values()],
    entities,
    exposed,
    phones: [...phonesOf(states), ...(additions.phones ?? [])],
    platform: 'demo',
  });
}

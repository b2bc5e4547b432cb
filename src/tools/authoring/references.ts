/**
 * The entities and services an automation or script names, read from its config wherever they
 * sit (nested choose, if, repeat, parallel and sequence blocks included). Templates are left out:
 * what they name is only known when they run.
 */

const SERVICE = /^[a-z0-9_]+\.[a-z0-9_]+$/;
const ENTITY = /^[a-z0-9_]+\.[a-z0-9_]+$/;

/** What a config names. */
export interface ConfigReferences {
  entities: string[];
  services: string[];
}

function entityIds(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
  return items.filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter((v) => ENTITY.test(v));
}

/** Every entity id and service (`domain.service`) named in `config`, each once, in order. */
export function configReferences(config: unknown): ConfigReferences {
  const entities = new Set<string>();
  const services = new Set<string>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== 'object' || node === null) return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'entity_id') entityIds(value).forEach((id) => entities.add(id));
      else if ((key === 'action' || key === 'service') && typeof value === 'string' && SERVICE.test(value)) services.add(value);
      visit(value);
    }
  };
  visit(config);
  // `script.wake_up` as a service runs the script entity of that name.
  for (const service of services) if (service.startsWith('script.') && !/^script\.(turn_on|turn_off|toggle|reload)$/.test(service)) entities.add(service);
  return { entities: [...entities], services: [...services] };
}

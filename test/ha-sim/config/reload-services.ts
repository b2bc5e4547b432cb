import type { DomainSpec } from '../services/types.js';
import type { SimConfigFiles } from './config-store.js';

/** `automation.reload` and `script.reload`: HA registers them whether or not any exist yet. */
export function addReloadServices(specs: Record<string, DomainSpec>, files: SimConfigFiles): void {
  for (const kind of ['automation', 'script'] as const) {
    specs[kind] = {
      ...specs[kind],
      reload: {
        name: 'Reload',
        description: `Reloads the ${kind} configuration.`,
        fields: {},
        response: 'none',
        run: (call) => files.reload(kind, call.context),
      },
    };
  }
}

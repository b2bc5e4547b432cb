/**
 * HA's editor files for automations (`automations.yaml`, a list keyed by `id`) and scripts
 * (`scripts.yaml`, a dict keyed by a slug), and what `automation.reload` / `script.reload` make of
 * them: one entity per item, with HA's states and attributes. Kept in memory.
 */
import type { SimContext } from '../home.js';
import { slugify } from '../loaders/home-builder.js';
import type { StateStore } from '../state-store.js';

/** Which editor file. */
export type ConfigKind = 'automation' | 'script';

/** The saved items of one kind and the entities the last reload made of them. */
export class SimConfigFiles {
  readonly items: Record<ConfigKind, Map<string, Record<string, unknown>>> = { automation: new Map(), script: new Map() };
  /** Config key → entity id, as HA's entity registry keeps it across reloads (unique_id = the key). */
  private readonly entities: Record<ConfigKind, Map<string, string>> = { automation: new Map(), script: new Map() };

  constructor(private readonly store: StateStore) {}

  get(kind: ConfigKind, key: string): Record<string, unknown> | undefined {
    const item = this.items[kind].get(key);
    if (!item) return undefined;
    // HA's automation list items carry their id; a script's key is outside its value.
    return kind === 'automation' ? { id: key, ...structuredClone(item) } : structuredClone(item);
  }

  /** HA's `_write_value`: a new item is appended, an existing one updated key by key. */
  write(kind: ConfigKind, key: string, value: Record<string, unknown>): void {
    const { id: _ignored, ...rest } = value;
    const current = this.items[kind].get(key) ?? {};
    this.items[kind].set(key, { ...current, ...(kind === 'automation' ? rest : value) });
  }

  delete(kind: ConfigKind, key: string): boolean {
    return this.items[kind].delete(key);
  }

  /** The entity registry's removal on delete (config/automation.py's post-write hook). */
  forgetEntity(kind: ConfigKind, key: string, context: SimContext): void {
    const entityId = this.entities[kind].get(key);
    this.entities[kind].delete(key);
    if (entityId) this.store.remove(entityId, context);
  }

  /** `<kind>.reload`: an entity per saved item (new ones named from their alias), none for removed ones. */
  reload(kind: ConfigKind, context: SimContext): void {
    for (const [key, entityId] of this.entities[kind]) {
      if (!this.items[kind].has(key)) {
        this.entities[kind].delete(key);
        this.store.remove(entityId, context);
      }
    }
    for (const [key, item] of this.items[kind]) {
      const entityId = this.entities[kind].get(key) ?? this.newEntityId(kind, key, item);
      this.entities[kind].set(key, entityId);
      const old = this.store.get(entityId);
      const alias = typeof item.alias === 'string' ? item.alias : key;
      const mode = typeof item.mode === 'string' ? item.mode : 'single';
      const lastTriggered = old?.attributes.last_triggered ?? null;
      if (kind === 'automation') {
        const state = item.initial_state === false ? 'off' : (old?.state ?? 'on');
        this.store.write(entityId, state, { id: key, last_triggered: lastTriggered, mode, current: 0, friendly_name: alias }, context);
      } else {
        this.store.write(entityId, old?.state ?? 'off', { last_triggered: lastTriggered, mode, current: 0, friendly_name: alias }, context);
      }
    }
  }

  private newEntityId(kind: ConfigKind, key: string, item: Record<string, unknown>): string {
    const base = kind === 'script' ? key : slugify(typeof item.alias === 'string' && item.alias ? item.alias : key) || key;
    let entityId = `${kind}.${base}`;
    for (let n = 2; this.store.get(entityId); n++) entityId = `${kind}.${base}_${n}`;
    return entityId;
  }
}

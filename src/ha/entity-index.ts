/**
 * The live picture of the home: states from `subscribe_entities`, joined with the registries and
 * the Assist exposure settings, searchable by ranked free text. Entities the agent may not access
 * (entity_access = exposed) are invisible through every method.
 */
import type { Connection, HassEntity } from 'home-assistant-js-websocket';
import type { Logger } from '../logger.js';
import { resolveAreaIds } from './area-lookup.js';
import { buildEntityRecord, canReuseRecord, type EntityAccess, type EntityRecord } from './entity-records.js';
import { ExposureReader, type ExposureSnapshot } from './exposure-reader.js';
import { changedDecisions } from './exposure.js';
import { buildCorpus, rankEntities, type SearchCorpus } from './entity-search.js';
import { followEntities, type EntityStreamUpdate } from './entity-stream.js';
import { summarizeEntity, type EntitySummary } from './entity-summary.js';
import type { HaConnection } from './ha-connection.js';
import { EMPTY_REGISTRIES, fetchRegistries, type Registries } from './registries.js';
import { resolveDomainFilter } from './search-vocabulary.js';

export type { EntityAccess } from './entity-records.js';

/** A search request; every field optional. */
export interface EntitySearch {
  query?: string | undefined;
  domain?: string | undefined;
  area?: string | undefined;
  limit?: number | undefined;
}

/** An area as `ha_list_areas` shows it. */
export interface AreaSummary {
  area_id: string;
  name: string;
  floor?: string;
  aliases: string[];
  entity_count: number;
}

/** An entity's access and Assist exposure, for the security check. */
export interface EntityExposure {
  entityId: string;
  deviceClass: string | undefined;
  accessible: boolean;
  exposed: boolean;
}

/** Construction options. */
export interface EntityIndexOptions {
  ha: HaConnection;
  entityAccess: EntityAccess;
  logger: Logger;
  /** Delay before refetching registries after HA reports a registry change (default 300 ms). */
  registryDebounceMs?: number;
}

export const DEFAULT_SEARCH_LIMIT = 10;
/** How old a read of HA's exposure the read tools accept: well within the 2 s a change may take to show. */
export const EXPOSURE_READ_MAX_AGE_MS = 1000;
export const MAX_SEARCH_LIMIT = 50;

/** Registry changes that may rename, move, hide or (un)expose entities. */
const REGISTRY_EVENTS = ['entity_registry_updated', 'device_registry_updated', 'area_registry_updated', 'floor_registry_updated'];

/** The search corpus of the accessible entities, with the domains they belong to. */
interface AccessibleCorpus {
  corpus: SearchCorpus;
  domains: ReadonlySet<string>;
}

/** The searchable, access-filtered entity index. */
export class EntityIndex {
  private registries: Registries = EMPTY_REGISTRIES;
  private readonly states = new Map<string, HassEntity>();
  private records = new Map<string, EntityRecord>();
  private corpus: AccessibleCorpus | undefined;
  private attachedTo: Connection | undefined;
  private readonly cleanups: (() => void)[] = [];
  private readonly updateListeners = new Set<() => void>();
  private refreshTimer: NodeJS.Timeout | undefined;
  /** Registry events received / seen by the last applied registry read. */
  private registryEventsSeen = 0;
  private registryEventsRead = 0;
  private refreshGeneration = 0;
  private statesLoaded = false;
  private registriesLoaded = false;
  private loadedWaiters: (() => void)[] = [];
  private readonly exposure: ExposureReader;

  constructor(private readonly options: EntityIndexOptions) {
    this.exposure = new ExposureReader(
      // Reads: one lost on the way is asked again once HA is back.
      (message) => this.options.ha.sendMessage(message, { resendable: true }),
      (snapshot) => this.applyExposure(snapshot),
      (exposeNew) => this.applyExposure({ exposeList: this.registries.exposeList ?? { exposed_entities: {} }, exposeNew }),
    );
  }

  /** Follows the HA connection: subscribes on the first connection, refetches registries on every one. */
  start(): void {
    this.cleanups.push(this.options.ha.onReady((conn) => this.handleReady(conn)));
  }

  /** Drops subscriptions and timers. */
  stop(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    clearTimeout(this.refreshTimer);
    this.refreshGeneration++;
    this.attachedTo = undefined;
    for (const wake of this.loadedWaiters.splice(0)) wake();
  }

  /** Resolves once states and registries have been read at least once (or stop() was called). */
  loaded(): Promise<void> {
    if (this.statesLoaded && this.registriesLoaded) return Promise.resolve();
    return new Promise((resolve) => this.loadedWaiters.push(resolve));
  }

  /**
   * Reads HA's Assist exposure again when the copy is older than `maxAgeMs` (HA fires no event for
   * entities without a registry entry). Nothing to read before the first snapshot, or when the
   * token may not read the list (registry options, whose changes fire events, decide). False when
   * HA could not be asked.
   */
  refreshExposure(maxAgeMs: number): Promise<boolean> {
    if (!this.registries.loaded || this.registries.exposeList === undefined) return Promise.resolve(true);
    return this.exposure.fresh(maxAgeMs);
  }

  /**
   * Right before a write on these entities: a copy read after the call began. Entities without a
   * registry entry change exposure silently, so they need the whole list; registry entities tell
   * by event, so unless one is still unread only the "expose new entities" switch (silent too) is
   * read. Resolves false when HA could not be asked.
   */
  async refreshExposureBeforeWrite(entityIds: readonly string[]): Promise<boolean> {
    if (!this.registries.loaded || this.registries.exposeList === undefined) return true;
    // A registry change HA reported that no finished registry read has seen yet.
    const unread = (): boolean => this.registryEventsSeen > this.registryEventsRead;
    if (entityIds.every((id) => this.registries.entities.has(id)) && !unread()) {
      if (!(await this.exposure.freshSwitch())) return false;
      // HA answers in order: an event sent before this answer has arrived by now.
      if (!unread()) return true;
    }
    return this.exposure.fresh(0);
  }

  /** How many entities the agent may access. */
  get size(): number {
    let count = 0;
    for (const record of this.records.values()) if (record.accessible) count++;
    return count;
  }

  /** Whether the agent may see and act on this entity (unknown entities are not accessible). */
  isAccessible(entityId: string): boolean {
    return this.records.get(entityId)?.accessible ?? false;
  }

  /**
   * Whether HA has no entity by this id at all (no state, no registry entry), accessible or not;
   * false until HA has sent its states, when nobody can tell.
   */
  isUnknown(entityId: string): boolean {
    return this.statesLoaded && this.registriesLoaded && !this.records.has(entityId) && !this.registries.entities.has(entityId);
  }

  /** The summary of one accessible entity. */
  get(entityId: string): EntitySummary | undefined {
    const record = this.accessibleRecord(entityId);
    return record ? this.summarize(record) : undefined;
  }

  /** The raw HA state of an accessible entity (for tools that need every attribute). */
  getState(entityId: string): HassEntity | undefined {
    return this.accessibleRecord(entityId)?.state;
  }

  /** Ranked search over accessible entities; filters narrow, the query ranks. */
  search(request: EntitySearch): EntitySummary[] {
    const limit = Math.min(Math.max(1, Math.floor(request.limit ?? DEFAULT_SEARCH_LIMIT)), MAX_SEARCH_LIMIT);
    const query = request.query?.trim() ?? '';
    const keep = this.searchFilter(request);
    // With a query, only the docs sharing a word with it are read: no pass over every record.
    if (query !== '') return this.summarizeHits(rankEntities(this.searchCorpus().corpus, query, limit, keep && ((doc) => keep(this.records.get(doc.entityId)))));
    return [...this.records.values()]
      .filter((r) => r.accessible && (!keep || keep(r)))
      .sort((a, b) => (a.place.area ?? '').localeCompare(b.place.area ?? '') || a.place.name.localeCompare(b.place.name))
      .slice(0, limit)
      .map((r) => this.summarize(r));
  }

  /** The domain and area filters of a search as one test of a record; undefined when there are none. */
  private searchFilter(request: EntitySearch): ((record: EntityRecord | undefined) => boolean) | undefined {
    const domains = request.domain ? new Set(resolveDomainFilter(request.domain, this.searchCorpus().domains)) : undefined;
    const areaIds = request.area ? new Set(this.resolveAreas(request.area)) : undefined;
    if (!domains && !areaIds) return undefined;
    return (record) =>
      record !== undefined && (!domains || domains.has(record.domain)) && (!areaIds || (record.areaId !== undefined && areaIds.has(record.areaId)));
  }

  private summarizeHits(hits: readonly { entityId: string }[]): EntitySummary[] {
    return hits.flatMap((hit) => {
      const record = this.records.get(hit.entityId);
      return record ? [this.summarize(record)] : [];
    });
  }

  /** Area ids matching a name, alias, id or floor. */
  resolveAreas(text: string): string[] {
    return resolveAreaIds(text, this.registries.areas, this.registries.floors);
  }

  /** Every area with how many accessible entities it holds. */
  listAreas(): AreaSummary[] {
    const counts = new Map<string, number>();
    for (const record of this.records.values()) {
      if (record.accessible && record.areaId) counts.set(record.areaId, (counts.get(record.areaId) ?? 0) + 1);
    }
    return [...this.registries.areas.values()]
      .map((area) => {
        const floor = area.floor_id ? this.registries.floors.get(area.floor_id)?.name : undefined;
        const summary: AreaSummary = { area_id: area.area_id, name: area.name, aliases: area.aliases ?? [], entity_count: counts.get(area.area_id) ?? 0 };
        if (floor) summary.floor = floor;
        return summary;
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Accessible entity ids in an area, optionally of one domain. */
  entitiesInArea(areaId: string, domain?: string): string[] {
    return this.accessibleIds((r) => r.areaId === areaId && (domain === undefined || r.domain === domain));
  }

  /** Accessible entity ids of a device. */
  entitiesOfDevice(deviceId: string): string[] {
    return this.accessibleIds((r) => r.deviceId === deviceId);
  }

  /** Whether HA has entities of this domain, accessible or not (services of it act on entities). */
  hasDomain(domain: string): boolean {
    for (const record of this.records.values()) if (record.domain === domain) return true;
    return false;
  }

  /**
   * Every entity of these domains, accessible or not, with its Assist exposure; undefined until
   * HA has sent its states and registries.
   */
  describeDomains(domains: ReadonlySet<string>): EntityExposure[] | undefined {
    if (!this.statesLoaded || !this.registries.loaded) return undefined;
    return [...this.records.values()]
      .filter((r) => domains.has(r.domain))
      .map((r) => ({ entityId: r.entityId, deviceClass: r.deviceClass, accessible: r.accessible, exposed: r.exposed }))
      .sort((a, b) => a.entityId.localeCompare(b.entityId));
  }

  /** Whether the registries know this device. */
  hasDevice(deviceId: string): boolean {
    return this.registries.devices.has(deviceId);
  }

  /**
   * Waits until `done` holds for every listed entity's state, or `timeoutMs` passes.
   * Resolves true when the condition was met.
   */
  waitFor(entityIds: readonly string[], done: (state: HassEntity | undefined, entityId: string) => boolean, timeoutMs: number): Promise<boolean> {
    const check = (): boolean => entityIds.every((id) => done(this.records.get(id)?.state, id));
    if (check()) return Promise.resolve(true);
    return new Promise((resolve) => {
      const finish = (met: boolean): void => {
        clearTimeout(timer);
        this.updateListeners.delete(listener);
        resolve(met);
      };
      const listener = (): void => {
        if (check()) finish(true);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      this.updateListeners.add(listener);
    });
  }

  private accessibleRecord(entityId: string): EntityRecord | undefined {
    const record = this.records.get(entityId);
    return record?.accessible ? record : undefined;
  }

  private accessibleIds(keep: (record: EntityRecord) => boolean): string[] {
    return [...this.records.values()].filter((r) => r.accessible && keep(r)).map((r) => r.entityId).sort();
  }

  private summarize(record: EntityRecord): EntitySummary {
    return summarizeEntity(record.entityId, record.state.state, record.state.attributes, record.place);
  }

  private searchCorpus(): AccessibleCorpus {
    if (!this.corpus) {
      const accessible = [...this.records.values()].filter((r) => r.accessible);
      this.corpus = { corpus: buildCorpus(accessible.map((r) => r.doc)), domains: new Set(accessible.map((r) => r.domain)) };
    }
    return this.corpus;
  }

  private handleReady(conn: Connection): void {
    if (this.attachedTo !== conn) {
      this.attachedTo = conn;
      // The library keeps both subscriptions alive across reconnects of this Connection.
      this.cleanups.push(followEntities(conn, this.states, (update) => this.applyUpdate(update)));
      for (const type of REGISTRY_EVENTS) {
        const pending = conn.subscribeEvents(() => this.scheduleRefresh(), type);
        pending.catch((err: unknown) => this.options.logger.debug({ err, type }, 'registry event subscription refused'));
        this.cleanups.push(() => void pending.then((unsub) => unsub()).catch(() => undefined));
      }
    }
    void this.refreshRegistries();
  }

  private scheduleRefresh(): void {
    this.registryEventsSeen++;
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refreshRegistries(), this.options.registryDebounceMs ?? 300);
  }

  private async refreshRegistries(): Promise<void> {
    const generation = ++this.refreshGeneration;
    const ticket = this.exposure.begin();
    const eventsSeen = this.registryEventsSeen;
    try {
      // Reads: one lost with the connection is asked again once it is back.
      const registries = await fetchRegistries((message) => this.options.ha.sendMessage(message, { resendable: true }), this.options.logger);
      if (generation !== this.refreshGeneration) return;
      // An exposure read sent after this one may have answered first: its copy is the newer.
      const newer = !this.exposure.accept(ticket) && this.registries.exposeList !== undefined;
      this.registries = newer ? { ...registries, exposeList: this.registries.exposeList, exposeNew: this.registries.exposeNew } : registries;
      this.registryEventsRead = Math.max(this.registryEventsRead, eventsSeen);
      this.rebuildAll();
    } catch (err) {
      // Keep the previous snapshot; the next "ready" refetches.
      this.options.logger.warn({ err: err instanceof Error ? err.message : err }, 'registry refresh failed');
    } finally {
      if (generation === this.refreshGeneration) {
        this.registriesLoaded = true;
        this.maybeLoaded();
      }
    }
  }

  /** A newer read of the exposure: rebuilds only the entities whose decision changed. */
  private applyExposure(snapshot: ExposureSnapshot): void {
    const before = this.registries;
    this.registries = { ...before, ...snapshot };
    if (snapshot.exposeNew !== before.exposeNew) return this.rebuildAll();
    let changed = false;
    for (const entityId of changedDecisions(before.exposeList, snapshot.exposeList)) {
      const state = this.states.get(entityId);
      const old = this.records.get(entityId);
      if (!state || !old) continue;
      const record = buildEntityRecord(state, this.registries, this.options.entityAccess);
      this.records.set(entityId, record);
      changed ||= record.accessible !== old.accessible || record.exposed !== old.exposed;
    }
    if (!changed) return;
    this.corpus = undefined;
    this.notifyUpdate();
  }

  private rebuildAll(): void {
    this.records = new Map([...this.states.values()].map((s) => [s.entity_id, buildEntityRecord(s, this.registries, this.options.entityAccess)]));
    this.corpus = undefined;
    this.notifyUpdate();
  }

  /** Rebuilds everything on a snapshot; on a delta, touches only the records that changed. */
  private applyUpdate(update: EntityStreamUpdate): void {
    this.statesLoaded = true;
    if (update.kind === 'snapshot') {
      this.rebuildAll();
      this.maybeLoaded();
      return;
    }
    let docsChanged = update.removed.length > 0;
    for (const entityId of update.removed) this.records.delete(entityId);
    for (const entityId of update.changed) {
      const state = this.states.get(entityId);
      if (!state) continue;
      const old = this.records.get(entityId);
      if (old && canReuseRecord(old, state)) this.records.set(entityId, { ...old, state });
      else {
        this.records.set(entityId, buildEntityRecord(state, this.registries, this.options.entityAccess));
        docsChanged = true;
      }
    }
    if (docsChanged) this.corpus = undefined;
    this.maybeLoaded();
    this.notifyUpdate();
  }

  private notifyUpdate(): void {
    for (const listener of [...this.updateListeners]) {
      try {
        listener();
      } catch (err) {
        this.options.logger.error({ err }, 'entity index listener failed');
      }
    }
  }

  private maybeLoaded(): void {
    if (this.statesLoaded && this.registriesLoaded) for (const wake of this.loadedWaiters.splice(0)) wake();
  }
}

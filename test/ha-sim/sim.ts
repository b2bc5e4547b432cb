/**
 * The simulator's composition root: a SimHome becomes a running fake Home Assistant with the
 * WebSocket API, REST API and Supervisor routes on one local port.
 */
import { SimAuthFlow, type AuthorizeRequest, type SimAuthOptions } from './auth-flow.js';
import { createCommandTable } from './commands/index.js';
import { SimConfigFiles, type ConfigKind } from './config/config-store.js';
import { addReloadServices } from './config/reload-services.js';
import type { FiredEvent, SimCore, TranslationRequest } from './core.js';
import { EventBus } from './event-bus.js';
import { HistoryRecorder } from './history.js';
import type { SimHome, SimServices, SimState } from './home.js';
import { SimHttpServer } from './http-server.js';
import { updateEntityEntry, type EntityRegistryChanges } from './entity-registry-update.js';
import { shouldExpose } from './exposure.js';
import { createContext, toHaIso } from './ids.js';
import { ServiceEngine, type DeviceBehaviour, type RecordedServiceCall } from './service-engine.js';
import { buildDomainSpecs, describeServices, notifyNamesOf } from './services/catalog.js';
import { StateStore } from './state-store.js';
import type { SupervisorState } from './supervisor.js';
import { defaultTokens, usersOf, type SimUser } from './users.js';

/** Options of a simulator. */
export interface SimOptions {
  home: SimHome;
  /** Port on 127.0.0.1; default 0 (ephemeral). */
  port?: number;
  /** Access token → user. Default: `sim-admin-token` (Alice, admin) and `sim-user-token` (Bob). */
  tokens?: Record<string, SimUser>;
  haVersion?: string;
  /** How long an unauthenticated socket may stay open (HA: 10 s). */
  authTimeoutMs?: number;
  /** Delay of follow-up changes such as a vacuum docking after `returning` (default 30 ms). */
  settleMs?: number;
  /** HA's browser sign-in: who the login page signs in, and the access tokens' `expires_in`. */
  auth?: SimAuthOptions;
}

/** A running (or startable) simulated Home Assistant. */
export interface HaSim {
  /** `http://127.0.0.1:<port>`; empty until started. */
  readonly url: string;
  readonly adminToken: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Closes every WebSocket abruptly (HA restart, network blip); clients reconnect. */
  dropConnections(): void;
  /** How many WebSocket clients are connected right now. */
  openWebSockets(): number;
  /**
   * Cuts the connection that receives the next command of `type` (`call_service`): `before` HA
   * handles it (it never ran), or `after` (it ran; its answer is lost), as an HA restart mid-call.
   */
  dropOnCommand(type: string, when: 'before' | 'after'): void;
  /** Stops listening entirely (HA down) / listens again on the same port. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  getState(entityId: string): SimState | undefined;
  /** Writes a state as a device would (no user); attributes default to the current ones. */
  setState(entityId: string, state: string, attributes?: Record<string, unknown>): void;
  /**
   * Fires an event as an integration does on a person's behalf (the companion app's
   * `mobile_app_notification_action` carries the phone's user in `context.user_id`).
   */
  fireEvent(eventType: string, data: Record<string, unknown>, userId?: string | null): void;
  /** How a device answers the service calls HA accepts for it from now on (`normal` undoes it). */
  setDeviceBehaviour(entityId: string, behaviour: DeviceBehaviour | 'normal'): void;
  /** Changes an entity's registry entry as a person does in HA's UI (moves it to another area, renames it). */
  updateEntityRegistry(entityId: string, changes: EntityRegistryChanges): void;
  /**
   * Whether HA exposes the entity to Assist, as its own conversation agent asks (`async_should_expose`):
   * like HA, an undecided entity gets its default stored as its choice.
   */
  shouldExpose(entityId: string): boolean;
  /**
   * Gives or takes a user's administrator rights, as an owner does in HA's user settings: the user
   * list and `auth/current_user` say so from the next command on; the user's tokens stay valid.
   */
  setUserAdmin(userId: string, isAdmin: boolean): void;
  readonly serviceCalls: RecordedServiceCall[];
  readonly firedEvents: FiredEvent[];
  /** Every `frontend/get_translations` request (HA's words for states), in order. */
  readonly translationRequests: readonly TranslationRequest[];
  /** The trigger configs of live `subscribe_trigger` subscriptions (a test waits for a task's trigger to be armed). */
  liveTriggers(): Array<Record<string, unknown>>;
  readonly discoveryRequests: unknown[];
  /** A saved automation (by id) or script (by key), as the editor's file holds it; undefined when none. */
  savedConfig(kind: ConfigKind, key: string): Record<string, unknown> | undefined;
  /** Every visit to `/auth/authorize` (HA's login page), in order. */
  readonly authorizeRequests: readonly AuthorizeRequest[];
}

/** Moves every timestamp of the home so its newest state is a minute old. */
function rebase(home: SimHome, now: number): SimHome {
  const copy = structuredClone(home);
  const newest = Math.max(...copy.states.map((s) => Date.parse(s.last_updated)), 0);
  const shift = newest > 0 ? now - 60_000 - newest : 0;
  const move = (iso: string) => toHaIso(Date.parse(iso) + shift);
  for (const s of copy.states) {
    s.last_changed = move(s.last_changed);
    s.last_updated = move(s.last_updated);
    if (s.last_reported) s.last_reported = move(s.last_reported);
  }
  for (const entries of Object.values(copy.history ?? {})) {
    for (const e of entries) {
      e.last_changed = move(e.last_changed);
      e.last_updated = move(e.last_updated);
    }
  }
  return copy;
}

function mergeServices(listed: SimServices, implemented: SimServices): SimServices {
  const out: SimServices = structuredClone(listed);
  for (const [domain, services] of Object.entries(implemented)) out[domain] = { ...out[domain], ...services };
  return out;
}

export function createHaSim(options: SimOptions): HaSim {
  const now = () => new Date();
  const home = rebase(options.home, Date.now());
  const tokens = options.tokens ?? defaultTokens();
  const haVersion = options.haVersion ?? '2026.11.0';
  const bus = new EventBus();
  const store = new StateStore(bus, now);
  store.load(home.states);
  const history = new HistoryRecorder(home.history, store.all());
  history.attach(bus);
  const entityIds = home.states.map((s) => s.entity_id);
  const specs = buildDomainSpecs(entityIds, notifyNamesOf(home.services));
  const configFiles = new SimConfigFiles(store);
  addReloadServices(specs, configFiles);
  const serviceCalls: RecordedServiceCall[] = [];
  const behaviours = new Map<string, DeviceBehaviour>();
  const engine = new ServiceEngine({
    store,
    bus,
    specs,
    listed: home.services,
    targets: {
      entities: home.entities,
      devices: home.devices,
      areas: home.areas,
      exists: (id) => store.get(id) !== undefined,
      allEntityIds: () => store.all().map((s) => s.entity_id),
    },
    records: serviceCalls,
    temperatureUnit: String((home.config.unit_system as Record<string, unknown> | undefined)?.temperature ?? '°C'),
    now,
    settleMs: options.settleMs ?? 30,
    behaviours,
  });
  const core: SimCore = {
    home,
    haVersion,
    store,
    bus,
    history,
    engine,
    users: usersOf(tokens),
    firedEvents: [],
    translationRequests: [],
    liveTriggers: new Set(),
    services: mergeServices(home.services, describeServices(specs)),
    config: () => ({ ...home.config, version: haVersion }),
    now,
    configFiles,
    registryTime: Date.parse(home.states[0]?.last_changed ?? toHaIso(Date.now())) / 1000 - 30 * 86_400,
  };
  const supervisor: SupervisorState = { discoveryRequests: [] };
  const auth = new SimAuthFlow(tokens, options.auth);
  const server = new SimHttpServer({ core, commands: createCommandTable(), tokens, supervisor, authTimeoutMs: options.authTimeoutMs ?? 10_000, auth });
  const adminToken = Object.entries(tokens).find(([, user]) => user.is_admin)?.[0] ?? '';
  let port = options.port ?? 0;
  let listening = false;

  const listen = async () => {
    if (listening) return;
    port = await server.listen(port);
    listening = true;
  };
  const close = async () => {
    listening = false;
    await server.close();
  };

  return {
    get url() {
      return port ? `http://127.0.0.1:${port}` : '';
    },
    adminToken,
    start: listen,
    stop: async () => {
      engine.stop();
      await close();
    },
    dropConnections: () => server.dropConnections(),
    openWebSockets: () => server.openWebSockets(),
    dropOnCommand: (type, when) => server.cutOnCommand(type, when),
    pause: close,
    resume: listen,
    getState: (entityId) => store.get(entityId),
    setState: (entityId, state, attributes) => {
      store.write(entityId, state, attributes ?? store.get(entityId)?.attributes ?? {}, createContext(null, Date.now()));
    },
    fireEvent: (eventType, data, userId = null) => {
      core.firedEvents.push({ event_type: eventType, event_data: data });
      bus.fire(eventType, data, createContext(userId, Date.now()), now());
    },
    setDeviceBehaviour: (entityId, behaviour) => {
      if (behaviour === 'normal') behaviours.delete(entityId);
      else behaviours.set(entityId, behaviour);
    },
    updateEntityRegistry: (entityId, changes) => void updateEntityEntry(core, entityId, changes),
    shouldExpose: (entityId) => shouldExpose(core, entityId),
    setUserAdmin: (userId, isAdmin) => {
      // The same objects back the tokens and the user list, as one user record does in HA.
      const user = core.users.find((candidate) => candidate.id === userId);
      if (!user) throw new Error(`the simulator has no user ${userId}`);
      user.is_admin = isAdmin;
    },
    serviceCalls,
    firedEvents: core.firedEvents,
    translationRequests: core.translationRequests,
    liveTriggers: () => [...core.liveTriggers],
    discoveryRequests: supervisor.discoveryRequests,
    savedConfig: (kind, key) => configFiles.get(kind, key),
    authorizeRequests: auth.authorizeRequests,
  };
}

/** Creates and starts a simulator. */
export async function startHaSim(options: SimOptions): Promise<HaSim> {
  const sim = createHaSim(options);
  await sim.start();
  return sim;
}

/**
 * `call_service` as HA's ServiceRegistry.async_call runs it: look the service up, apply the
 * return_response rules, merge the target into the data, validate, then act on the targets.
 */
import type { EventBus } from './event-bus.js';
import type { SimContext, SimServices, SimState } from './home.js';
import { createContext } from './ids.js';
import { serviceNotFound, serviceValidation } from './services/errors.js';
import { resolveTarget, type TargetIndex } from './services/targets.js';
import type { DomainSpec, ResponseSupport, ServiceCall, ServiceRuntime, ServiceSpec } from './services/types.js';
import { TARGET_KEYS, validateServiceData } from './services/validate.js';
import type { StateStore } from './state-store.js';

/** A service call as the sim records it (what the client asked for). */
export interface RecordedServiceCall {
  domain: string;
  service: string;
  service_data: Record<string, unknown>;
  target?: Record<string, unknown>;
  user_id: string;
}

/** A call request from the WebSocket or REST layer. */
export interface ServiceCallRequest {
  domain: string;
  service: string;
  serviceData?: Record<string, unknown>;
  target?: Record<string, unknown>;
  returnResponse: boolean;
  userId: string;
}

/** Result of a call: HA's context, the response when asked for, and the states it changed. */
export interface ServiceCallResult {
  context: SimContext;
  response?: unknown;
  changed: SimState[];
}

/** Everything the engine needs, passed in by the sim. */
export interface ServiceEngineDeps {
  store: StateStore;
  bus: EventBus;
  specs: Record<string, DomainSpec>;
  /** Services listed by the home without an implementation: accepted and recorded, no effect. */
  listed: SimServices;
  targets: TargetIndex;
  records: RecordedServiceCall[];
  temperatureUnit: string;
  now: () => Date;
  /** Delay before follow-up changes (vacuum docking, script end). */
  settleMs: number;
  /** Devices that do not answer a call at once, by entity id (see DeviceBehaviour). */
  behaviours: ReadonlyMap<string, DeviceBehaviour>;
}

/**
 * How a device answers the calls it accepts: `stuck` (HA accepts the call, the device never
 * reports a new state, as a dead Zigbee bulb) or `{ delayMs }` (reports it that much later).
 */
export type DeviceBehaviour = 'stuck' | { delayMs: number };

function responseSupport(spec: ServiceSpec | undefined, listed: SimServices[string][string] | undefined): ResponseSupport {
  if (spec) return spec.response;
  if (!listed?.response) return 'none';
  return listed.response.optional ? 'optional' : 'only';
}

export class ServiceEngine {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly scratch = new Map<string, unknown>();

  constructor(private readonly deps: ServiceEngineDeps) {}

  has(domain: string, service: string): boolean {
    return Boolean(this.deps.specs[domain]?.[service] ?? this.deps.listed[domain]?.[service]);
  }

  /** Handles a client's call: validates, records, runs. Throws HaError with HA's error code. */
  async call(req: ServiceCallRequest): Promise<ServiceCallResult> {
    const context = createContext(req.userId, this.deps.now().getTime());
    const changed: SimState[] = [];
    const response = await this.run(req, context, changed, true);
    return { context, changed, ...(req.returnResponse ? { response: response ?? {} } : {}) };
  }

  private async run(req: ServiceCallRequest, context: SimContext, changed: SimState[], record: boolean): Promise<unknown> {
    const { domain, service } = req;
    const spec = this.deps.specs[domain]?.[service];
    const listed = this.deps.listed[domain]?.[service];
    if (!spec && !listed) throw serviceNotFound(domain, service);
    const support = responseSupport(spec, listed);
    if (req.returnResponse && support === 'none') {
      throw serviceValidation("An action which does not return responses can't be called with return_response=True");
    }
    if (!req.returnResponse && support === 'only') {
      throw serviceValidation('The action requires responses and must be called with return_response=True');
    }
    const merged = { ...(req.serviceData ?? {}), ...(req.target ?? {}) };
    const takesTarget = Boolean(spec?.perEntity ?? spec?.takesTarget ?? listed?.target);
    const data = spec ? validateServiceData(merged, spec.fields, takesTarget, spec.allowExtra ?? false) : merged;

    if (record) {
      this.deps.records.push({
        domain,
        service,
        service_data: req.serviceData ?? {},
        ...(req.target ? { target: req.target } : {}),
        user_id: req.userId,
      });
    }
    this.deps.bus.fire('call_service', { domain, service, service_data: merged }, context, this.deps.now());
    if (!spec) return undefined;

    const targetKeys = Object.fromEntries(TARGET_KEYS.filter((k) => k in merged).map((k) => [k, merged[k]]));
    const referenced = takesTarget ? resolveTarget(targetKeys, this.deps.targets) : [];
    const rt = this.runtime(context, changed);
    if (spec.run) {
      const call: ServiceCall = { domain, service, data, referenced, context, returnResponse: req.returnResponse };
      return spec.run(call, rt);
    }
    const targetDomain = spec.targetDomain ?? domain;
    const responses: Record<string, unknown> = {};
    for (const entityId of referenced) {
      if (!entityId.startsWith(`${targetDomain}.`)) continue;
      const state = this.deps.store.get(entityId);
      if (!state) continue;
      const result = spec.perEntity?.(state, data, rt);
      if (support !== 'none') responses[entityId] = result ?? {};
    }
    return support === 'none' ? undefined : responses;
  }

  private runtime(context: SimContext, changed: SimState[]): ServiceRuntime {
    const { store, temperatureUnit, now } = this.deps;
    return {
      now,
      temperatureUnit,
      getState: (id) => store.get(id),
      setState: (id, state, attributes) => {
        const behaviour = this.deps.behaviours.get(id);
        if (behaviour === 'stuck') return;
        if (behaviour) {
          const timer = setTimeout(() => {
            this.timers.delete(timer);
            store.write(id, state, attributes, context);
          }, behaviour.delayMs);
          this.timers.add(timer);
          return;
        }
        const next = store.write(id, state, attributes, context);
        if (next) changed.push(next);
      },
      later: (change) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          change();
        }, this.deps.settleMs);
        this.timers.add(timer);
      },
      data: <T>(key: string, init: () => T): T => {
        if (!this.scratch.has(key)) this.scratch.set(key, init());
        return this.scratch.get(key) as T;
      },
      callService: (domain, service, data) =>
        this.run({ domain, service, serviceData: data, returnResponse: false, userId: context.user_id ?? '' }, context, changed, false),
      hasService: (domain, service) => this.has(domain, service),
    };
  }

  /** Cancels pending follow-up changes. */
  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

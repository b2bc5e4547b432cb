import type { SimConfigFiles } from './config/config-store.js';
import type { EventBus } from './event-bus.js';
import type { HistoryRecorder } from './history.js';
import type { SimHome, SimServices } from './home.js';
import type { ServiceEngine } from './service-engine.js';
import type { StateStore } from './state-store.js';
import type { SimUser } from './users.js';

/** An event fired through `fire_event` or `POST /api/events`. */
export interface FiredEvent {
  event_type: string;
  event_data: unknown;
}

/** One `frontend/get_translations` request, as the simulator received it. */
export interface TranslationRequest {
  language: string;
  category: string;
  integration?: string[];
}

/** The simulated HA core every command, REST route and the public API work on. */
export interface SimCore {
  home: SimHome;
  haVersion: string;
  store: StateStore;
  bus: EventBus;
  history: HistoryRecorder;
  engine: ServiceEngine;
  users: SimUser[];
  firedEvents: FiredEvent[];
  /** Every `frontend/get_translations` request, in order. */
  translationRequests: TranslationRequest[];
  /** The trigger configs of live `subscribe_trigger` subscriptions. */
  liveTriggers: Set<Record<string, unknown>>;
  /** The `get_services` answer. */
  services: SimServices;
  /** The `get_config` answer. */
  config(): Record<string, unknown>;
  now(): Date;
  /** The automation and script editors' files (config REST API). */
  configFiles: SimConfigFiles;
  /** Epoch seconds the registry entries report as created_at/modified_at. */
  registryTime: number;
}

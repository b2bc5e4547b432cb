/**
 * What the authoring tools share: HA's config API, the kept versions, the checks, and the
 * snapshot each change was described from. A change is described (and approved) against HA's
 * config as it was read just before; if HA's config is different when the change runs, the change
 * is refused, so what was approved is exactly what happens.
 */
import { createHash } from 'node:crypto';
import type { HaConnection } from '../../ha/ha-connection.js';
import type { ConfigChange, ConfigVersionStore } from '../../store/config-versions.js';
import { errorResult, okResult, type ToolContext, type ToolResult } from '../tool.js';
import type { HaConfigApi, ItemConfig } from './config-api.js';
import { aliasOf, type ConfigKind } from './kinds.js';
import { riskFlags } from './risk-flags.js';
import { configProblem, type ValidationDeps } from './validate.js';
import { describeError } from '../../errors.js';
import { t } from '../../messages/messages.js';
import { itemWords, missingLine } from './card-lines.js';
import { MACHINE_STATES, type StateWordings } from '../home/state-wording.js';

/** What the authoring tools need. */
export interface AuthoringDeps extends ValidationDeps {
  ha: Pick<HaConnection, 'sendMessage' | 'findService' | 'callService'>;
  api: Pick<HaConfigApi, 'get' | 'save' | 'remove'>;
  versions: ConfigVersionStore;
  /** An entity's attributes (device class, name), for the warnings. */
  attributesOf(entityId: string): Readonly<Record<string, unknown>> | undefined;
  /** How long a save waits for HA's reload to show the entity (default 3000 ms). */
  reloadWaitMs?: number;
  /** HA's words for states, for the card of a save ("automation.x, Allumé"); absent → the states as HA names them. */
  wordStates?: StateWordings;
}

/** HA's config of one item as read before a change was described. */
export interface Snapshot {
  current: ItemConfig | undefined | 'unknown';
  /** Why HA would refuse the new config, found before anyone is asked. */
  problem?: string;
}

/** A short fingerprint of a config (or of its absence), bound into approvals. */
export function fingerprint(config: ItemConfig | undefined | 'unknown'): string {
  if (config === 'unknown') return 'unknown';
  return createHash('sha256').update(JSON.stringify(config ?? null)).digest('hex').slice(0, 16);
}

interface StateRow {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
}

const MAX_SNAPSHOTS = 100;

/** Who a kept version says made the change: the person's name as the panel and the audit log show it. */
function changedBy(ctx: ToolContext): string {
  return ctx.user.displayName ?? ctx.user.name ?? ctx.user.id;
}

/** The shared part of the authoring tools. */
export class AuthoringService {
  readonly #snapshots = new Map<string, Snapshot>();

  constructor(readonly deps: AuthoringDeps) {}

  /** The snapshot a call was (or will be) described from. */
  snapshot(key: string): Snapshot | undefined {
    return this.#snapshots.get(key);
  }

  /** Reads HA's current config for a call about to be described, and checks the new one. */
  async prepare(key: string, kind: ConfigKind, id: string | undefined, next: ItemConfig | undefined): Promise<void> {
    let current: Snapshot['current'];
    try {
      current = id === undefined ? undefined : await this.deps.api.get(kind, id);
    } catch {
      current = 'unknown';
    }
    const problem = next ? await configProblem(this.deps, kind, next) : undefined;
    this.#snapshots.delete(key);
    this.#snapshots.set(key, { current, ...(problem !== undefined && { problem }) });
    while (this.#snapshots.size > MAX_SNAPSHOTS) this.#snapshots.delete(this.#snapshots.keys().next().value ?? '');
  }

  /** The warnings of a config's actions, in `language`. */
  flags(kind: ConfigKind, config: ItemConfig | undefined, language?: string): string[] {
    if (!config) return [];
    return riskFlags(kind === 'script' ? config['sequence'] : (config['actions'] ?? config['action']), (id) => this.deps.attributesOf(id), language);
  }

  /** Every item of a kind HA has loaded, from the states of its entities. */
  async list(kind: ConfigKind): Promise<Array<Record<string, unknown>>> {
    const states = await this.deps.ha.sendMessage<StateRow[]>({ type: 'get_states' }, { resendable: true });
    return states
      .filter((s) => s.entity_id.startsWith(`${kind}.`))
      .map((s) => ({
        id: kind === 'automation' ? s.attributes['id'] : s.entity_id.slice(kind.length + 1),
        entity_id: s.entity_id,
        alias: s.attributes['friendly_name'],
        state: s.state,
        last_triggered: s.attributes['last_triggered'] ?? null,
      }));
  }

  /** Whether HA's config is still the one the change was described from; the refusal (in `language` for people) otherwise. */
  #changedSince(key: string, current: ItemConfig | undefined, kind: ConfigKind, id: string, language?: string): ToolResult | undefined {
    const seen = this.#snapshots.get(key);
    if (!seen || fingerprint(seen.current) === fingerprint(current)) return undefined;
    const reason = t(language, 'authoring.changed_since', { item: itemWords(kind, aliasOf(current, id), language) });
    return errorResult(`The ${kind} changed in Home Assistant since this was asked; nothing was done. Read it again and ask again.`, t(language, 'authoring.not_done', { reason }));
  }

  /** HA has no item `id` of this kind: nothing to change. */
  #missing(kind: ConfigKind, id: string, language?: string): ToolResult {
    return errorResult(`Home Assistant has no ${kind} with id ${id}.`, t(language, 'authoring.not_done', { reason: missingLine(kind, id, language) }));
  }

  /** Saves `config` as `id` (after the checks), keeps the previous version, reloads, and reports the entity. */
  async save(key: string, kind: ConfigKind, id: string, config: ItemConfig, change: ConfigChange, ctx: ToolContext): Promise<ToolResult> {
    const { language } = ctx;
    const current = await this.deps.api.get(kind, id);
    const changed = this.#changedSince(key, current, kind, id, language);
    if (changed) return changed;
    const problem = await configProblem(this.deps, kind, config);
    // HA's reasons stay in HA's words, for the model and for people.
    if (problem) return errorResult(`${problem} Nothing was saved.`, t(language, 'authoring.not_saved', { reason: problem }));
    try {
      await this.deps.api.save(kind, id, config);
    } catch (err) {
      return errorResult(`Home Assistant refused it: ${describeError(err)}. Nothing was saved.`, t(language, 'authoring.not_saved', { reason: describeError(err) }));
    }
    const kept = this.deps.versions.keep(kind, id, current, current ? change : 'created', changedBy(ctx));
    await this.deps.ha.callService(kind, 'reload').catch(() => undefined);
    const entity = await this.#waitForEntity(kind, id);
    const alias = aliasOf(config, id);
    const output = { id, entity_id: entity?.entity_id ?? null, state: entity?.state ?? null, previous_version: current ? kept : null };
    // People read HA's word for the entity's state; the model reads the state in `output`.
    const wordOf = entity ? ((await this.deps.wordStates?.(language).catch(() => undefined)) ?? MACHINE_STATES) : MACHINE_STATES;
    const where = entity ? t(language, 'authoring.entity_at', { entity: entity.entity_id, state: wordOf(entity.entity_id, entity.state) }) : t(language, 'authoring.entity_not_yet');
    return okResult(output, t(language, current ? 'authoring.saved' : 'authoring.created', { item: itemWords(kind, alias, language), where }));
  }

  /** Deletes `id` after keeping its config as a version, then reloads. */
  async remove(key: string, kind: ConfigKind, id: string, ctx: ToolContext): Promise<ToolResult> {
    const current = await this.deps.api.get(kind, id);
    if (!current) return this.#missing(kind, id, ctx.language);
    const changed = this.#changedSince(key, current, kind, id, ctx.language);
    if (changed) return changed;
    if (!(await this.deps.api.remove(kind, id))) return this.#missing(kind, id, ctx.language);
    const kept = this.deps.versions.keep(kind, id, current, 'deleted', changedBy(ctx));
    await this.deps.ha.callService(kind, 'reload').catch(() => undefined);
    return okResult({ id, deleted: true, previous_version: kept }, t(ctx.language, 'authoring.deleted', { item: itemWords(kind, aliasOf(current, id), ctx.language), version: kept }));
  }

  async #waitForEntity(kind: ConfigKind, id: string): Promise<StateRow | undefined> {
    const deadline = Date.now() + (this.deps.reloadWaitMs ?? 3000);
    for (;;) {
      const states = await this.deps.ha.sendMessage<StateRow[]>({ type: 'get_states' }, { resendable: true }).catch(() => []);
      const found = states.find((s) => (kind === 'automation' ? s.entity_id.startsWith('automation.') && s.attributes['id'] === id : s.entity_id === `script.${id}`));
      if (found || Date.now() > deadline) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * The tools that change HA's editors: save (create or replace), delete and restore a kept version.
 * Each reads HA's current config before it is described (`prepare`), so the approval shows the
 * YAML or the difference, its warnings first; an invalid config is refused before anyone is asked.
 */
import { t } from '../../messages/messages.js';
import { z } from 'zod';
import type { CallDeclaration, CallProblem, Tool, ToolAnnotations } from '../tool.js';
import { fingerprint, type AuthoringService } from './authoring-service.js';
import type { ItemConfig } from './config-api.js';
import { slugify, type ConfigKind } from './kinds.js';
import { automationConfig, itemId, scriptConfig } from './schemas.js';
import { changeSummary } from './summary.js';
import { itemWords } from './card-lines.js';

const CHANGE: ToolAnnotations = { readOnly: false, destructive: true, idempotent: true, openWorld: false };

const keyOf = (tool: string, input: unknown): string => `${tool}:${JSON.stringify(input)}`;

/** Why HA would refuse the config (HA's words, for the model and people alike), as "Not saved: …" on the card in `language`. */
function notSaved(problem: string | undefined, language: string | undefined): CallProblem | undefined {
  return problem === undefined ? undefined : { message: problem, summary: t(language, 'authoring.not_saved', { reason: problem }) };
}

/**
 * The declaration of a change: its summary, bound to the item and to HA's config it was read
 * against. An automation acts later, with nobody asked: no "Always allow" rule may skip its
 * approval (said in `language`).
 */
function declare(
  service: AuthoringService,
  key: string,
  kind: ConfigKind,
  id: string | undefined,
  next: ItemConfig | undefined,
  summary: (current: ItemConfig | undefined | 'unknown') => string,
  language: string | undefined,
): CallDeclaration {
  const current = service.snapshot(key)?.current ?? 'unknown';
  return {
    facts: { base: { entity_domain: kind }, groups: [] },
    summary: summary(current),
    actsOn: [`${kind}:${id ?? 'new'}`, `before:${fingerprint(current)}`, ...(next ? [`after:${fingerprint(next)}`] : [])],
    annotations: CHANGE,
    rule: { unsavable: t(language, 'always_allow.config_change') },
  };
}

/** A new id the way HA's editors make one: a millisecond timestamp, or the alias as a free slug. */
async function newId(service: AuthoringService, kind: ConfigKind, config: ItemConfig): Promise<string> {
  if (kind === 'automation') return String(Date.now());
  const base = slugify(String(config['alias'] ?? '')) || 'script';
  for (let n = 1; ; n++) {
    const id = n === 1 ? base : `${base}_${n}`;
    if (!(await service.deps.api.get(kind, id))) return id;
  }
}

type SaveInput = { id?: string | undefined; config: ItemConfig };

/** `ha_save_automation` / `ha_save_script` {id?, config}. */
export function createSaveTool(service: AuthoringService, kind: ConfigKind): Tool<SaveInput> {
  const name = `ha_save_${kind}`;
  return {
    name,
    description:
      kind === 'automation'
        ? 'Create (no id) or replace (id) an automation in HA\'s format: alias, description, triggers, conditions, actions, mode. HA checks it first; a person approves the YAML or the difference.'
        : 'Create (no id) or replace (id) a script: alias, description, sequence, mode. HA checks it first; a person approves the YAML or the difference.',
    input: z.object({ id: itemId(kind).optional(), config: kind === 'automation' ? automationConfig : scriptConfig }) as unknown as z.ZodType<SaveInput>,
    effect: 'write',
    prepare: (input) => service.prepare(keyOf(name, input), kind, input.id, input.config),
    precheck: (input, language) => notSaved(service.snapshot(keyOf(name, input))?.problem, language),
    describe: (input, language) =>
      declare(service, keyOf(name, input), kind, input.id, input.config, (current) =>
        changeSummary(
          { kind, ...(input.id !== undefined && { id: input.id }), next: input.config, current: input.id === undefined ? undefined : current, flags: service.flags(kind, input.config, language) },
          language,
        ),
        language,
      ),
    async execute(input, ctx) {
      const id = input.id ?? (await newId(service, kind, input.config));
      return service.save(keyOf(name, input), kind, id, input.config, 'edited', ctx);
    },
  };
}

/** `ha_delete_automation` / `ha_delete_script` {id}. */
export function createDeleteTool(service: AuthoringService, kind: ConfigKind): Tool<{ id: string }> {
  const name = `ha_delete_${kind}`;
  return {
    name,
    description: `Delete a ${kind} from Home Assistant (a person approves; Majordome keeps its config as a version to restore).`,
    input: z.object({ id: itemId(kind) }),
    effect: 'write',
    prepare: (input) => service.prepare(keyOf(name, input), kind, input.id, undefined),
    describe: (input, language) =>
      declare(service, keyOf(name, input), kind, input.id, undefined, (current) => changeSummary({ kind, id: input.id, current, flags: [] }, language), language),
    execute: (input, ctx) => service.remove(keyOf(name, input), kind, input.id, ctx),
  };
}

type RestoreInput = { id: string; version: number };

/** `ha_restore_automation` / `ha_restore_script` {id, version}: saves a kept version again (an approved save). */
export function createRestoreTool(service: AuthoringService, kind: ConfigKind): Tool<RestoreInput> {
  const name = `ha_restore_${kind}`;
  const kept = (input: RestoreInput) => service.deps.versions.get(kind, input.id, input.version);
  return {
    name,
    description: `Put back a previous version of a ${kind} (numbers from ha_get_${kind}); "undo that" is restoring the newest one. A person approves the difference.`,
    input: z.object({ id: itemId(kind), version: z.number().int().min(1) }),
    effect: 'write',
    prepare: async (input) => service.prepare(keyOf(name, input), kind, input.id, kept(input)?.config),
    precheck: (input, language) => {
      const version = kept(input);
      const item = itemWords(kind, input.id, language);
      if (!version) return { message: `Majordome kept no version ${input.version} of the ${kind} ${input.id}.`, summary: t(language, 'authoring.no_version', { version: input.version, item }) };
      if (!version.config) {
        return { message: `Version ${input.version} is from before the ${kind} existed: delete it instead (ha_delete_${kind}).`, summary: t(language, 'authoring.version_before', { version: input.version, item }) };
      }
      return notSaved(service.snapshot(keyOf(name, input))?.problem, language);
    },
    describe: (input, language) => {
      const version = kept(input);
      const restoring = { version: input.version, changedAt: version?.changedAt ?? 'unknown' };
      return declare(service, keyOf(name, input), kind, input.id, version?.config, (current) =>
        changeSummary({ kind, id: input.id, ...(version?.config && { next: version.config }), current, flags: service.flags(kind, version?.config, language), restoring }, language),
        language,
      );
    },
    async execute(input, ctx) {
      const config = kept(input)?.config;
      if (!config) return { ok: false, output: { error: 'That version holds no config.' }, summary: t(ctx.language, 'authoring.nothing_to_restore') };
      return service.save(keyOf(name, input), kind, input.id, config, 'restored', ctx);
    },
  };
}

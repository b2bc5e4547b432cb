import { z } from 'zod';
import { t } from '../../messages/messages.js';
import { errorResult, okResult, type Tool } from '../tool.js';
import type { AuthoringService } from './authoring-service.js';
import { countLine, deletedLine, itemWords, listFailure, missingLine, readFailureResult } from './card-lines.js';
import { aliasOf, type ConfigKind } from './kinds.js';
import { itemId } from './schemas.js';

const plural = (kind: ConfigKind): string => `${kind}s`;

/** `ha_list_automations` / `ha_list_scripts`: id, alias, state, last triggered. */
export function createListTool(service: AuthoringService, kind: ConfigKind): Tool<Record<string, never>> {
  return {
    name: `ha_list_${plural(kind)}`,
    description: `The ${plural(kind)} in Home Assistant: id, alias, state and when each last ran.`,
    input: z.object({}).strict() as unknown as z.ZodType<Record<string, never>>,
    effect: 'read',
    homeData: true,
    describe: (_input, language) => ({ summary: t(language, kind === 'automation' ? 'summary.list_automation' : 'summary.list_script'), annotations: { openWorld: false } }),
    async execute(_input, ctx) {
      try {
        const items = await service.list(kind);
        return okResult(items, countLine(kind, items.length, ctx.language));
      } catch (err) {
        return readFailureResult(err, listFailure(kind, ctx.language), ctx.language);
      }
    },
  };
}

/** `ha_get_automation` / `ha_get_script`: one item's config and its kept versions. */
export function createGetTool(service: AuthoringService, kind: ConfigKind): Tool<{ id: string }> {
  return {
    name: `ha_get_${kind}`,
    description: `One ${kind}'s config in Home Assistant's format, with the previous versions Majordome kept (numbers to restore).`,
    input: z.object({ id: itemId(kind) }),
    effect: 'read',
    homeData: true,
    describe: ({ id }, language) => ({ summary: t(language, kind === 'automation' ? 'summary.read_automation' : 'summary.read_script', { id }), annotations: { openWorld: false } }),
    async execute({ id }, ctx) {
      const { language } = ctx;
      try {
        const config = await service.deps.api.get(kind, id);
        const versions = service.deps.versions.list(kind, id).map((v) => ({ version: v.version, change: v.change, changed_at: v.changedAt, exists: v.config !== undefined }));
        if (!config) return errorResult(`Home Assistant has no ${kind} with id ${id}.`, versions.length ? deletedLine(kind, id, language) : missingLine(kind, id, language));
        return okResult({ id, config, versions }, t(language, 'authoring.read', { item: itemWords(kind, aliasOf(config, id), language) }));
      } catch (err) {
        return readFailureResult(err, t(language, 'authoring.read_failed', { item: itemWords(kind, id, language) }), language);
      }
    },
  };
}

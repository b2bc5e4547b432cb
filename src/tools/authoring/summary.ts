/**
 * The text a person approves for a change to an automation or script: its warnings first (a phone
 * notification that cuts the text still warns), then what happens, then the YAML or, for an edit,
 * the line-by-line difference. Shown whole: the rest of a config is where a harmful action hides.
 */
import type { ItemConfig } from './config-api.js';
import { configDiff, toYaml } from './config-text.js';
import { aliasOf, type ConfigKind } from './kinds.js';

/** What a change does, for its summary. */
export interface ChangeView {
  kind: ConfigKind;
  id?: string;
  /** The config after the change (absent for a delete). */
  next?: ItemConfig;
  /** HA's config before it: undefined when there is none; `unknown` when it could not be read. */
  current: ItemConfig | undefined | 'unknown';
  flags: readonly string[];
  /** For a restore: which version. */
  restoring?: { version: number; changedAt: string };
}

function named(kind: ConfigKind, config: ItemConfig | undefined, id: string | undefined): string {
  const alias = `the ${kind} "${aliasOf(config, id ?? '')}"`;
  return id !== undefined ? `${alias} (id ${id})` : alias;
}

/** The approval text of a save, a restore or a delete. */
export function changeSummary(view: ChangeView): string {
  const { kind, id, next, current, flags } = view;
  const known = current === 'unknown' ? undefined : current;
  let body: string;
  if (!next) body = `Delete ${named(kind, known, id)}:\n${known ? toYaml(known) : '(its config could not be read)'}`;
  else if (current === 'unknown') body = `Save ${named(kind, next, id)}; its current version could not be read:\n${toYaml(next)}`;
  else if (!known) body = `Create ${named(kind, next, id)}:\n${toYaml(next)}`;
  else {
    const diff = configDiff(known, next);
    const head = view.restoring
      ? `Restore ${named(kind, known, id)} to version ${view.restoring.version}, as it was before the change of ${view.restoring.changedAt}`
      : `Change ${named(kind, known, id)}`;
    body = diff ? `${head}:\n${diff}` : `${head} (nothing changes).`;
  }
  return [...flags, body].join('\n');
}

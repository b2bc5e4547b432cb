/**
 * The text a person approves for a change to an automation or script: its warnings first (a phone
 * notification that cuts the text still warns), then what happens, then the YAML or, for an edit,
 * the line-by-line difference. Shown whole: the rest of a config is where a harmful action hides.
 */
import { t } from '../../messages/messages.js';
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

function named(kind: ConfigKind, config: ItemConfig | undefined, id: string | undefined, language: string | undefined): string {
  const alias = t(language, kind === 'automation' ? 'summary.named_automation' : 'summary.named_script', { alias: aliasOf(config, id ?? '') });
  return id !== undefined ? t(language, 'summary.named_with_id', { name: alias, id }) : alias;
}

/** The approval text of a save, a restore or a delete, in `language` (English by default); the YAML as it is. */
export function changeSummary(view: ChangeView, language?: string): string {
  const { kind, id, next, current, flags } = view;
  const known = current === 'unknown' ? undefined : current;
  const name = (config: ItemConfig | undefined) => named(kind, config, id, language);
  let body: string;
  if (!next) body = `${t(language, 'summary.config_delete', { name: name(known) })}\n${known ? toYaml(known) : t(language, 'summary.config_unreadable')}`;
  else if (current === 'unknown') body = `${t(language, 'summary.config_save_unknown', { name: name(next) })}\n${toYaml(next)}`;
  else if (!known) body = `${t(language, 'summary.config_create', { name: name(next) })}\n${toYaml(next)}`;
  else {
    const diff = configDiff(known, next);
    const head = view.restoring
      ? t(language, 'summary.config_restore', { name: name(known), version: view.restoring.version, when: view.restoring.changedAt })
      : t(language, 'summary.config_change', { name: name(known) });
    body = diff ? `${t(language, 'summary.config_diff', { head })}\n${diff}` : t(language, 'summary.config_no_change', { head });
  }
  return [...flags, body].join('\n');
}

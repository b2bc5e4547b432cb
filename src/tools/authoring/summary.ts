/**
 * The text a person approves for a change to an automation or script: its warnings first (a phone
 * notification that cuts the text still warns), then what happens, then the YAML or, for an edit,
 * the line-by-line difference. Shown whole: the rest of a config is where a harmful action hides.
 * The sentences are in the asking person's language; the YAML and the difference stay as HA has them.
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
  /** The warnings, already worded in the summary's language. */
  flags: readonly string[];
  /** For a restore: which version. */
  restoring?: { version: number; changedAt: string };
}

function named(kind: ConfigKind, config: ItemConfig | undefined, id: string | undefined, language: string | undefined): string {
  const item = t(language, kind === 'automation' ? 'authoring.automation' : 'authoring.script', { alias: aliasOf(config, id ?? '') });
  return id !== undefined ? t(language, 'authoring.with_id', { item, id }) : item;
}

/** The approval text of a save, a restore or a delete, its sentences in `language` (English when unset). */
export function changeSummary(view: ChangeView, language?: string): string {
  const { kind, id, next, current, flags } = view;
  const known = current === 'unknown' ? undefined : current;
  const lead = (head: string, text: string): string => `${t(language, 'authoring.lead', { head })}\n${text}`;
  let body: string;
  if (!next) body = lead(t(language, 'authoring.delete', { item: named(kind, known, id, language) }), known ? toYaml(known) : t(language, 'authoring.unreadable'));
  else if (current === 'unknown') body = lead(t(language, 'authoring.save_unread', { item: named(kind, next, id, language) }), toYaml(next));
  else if (!known) body = lead(t(language, 'authoring.create', { item: named(kind, next, id, language) }), toYaml(next));
  else {
    const diff = configDiff(known, next);
    const item = named(kind, known, id, language);
    const head = view.restoring
      ? t(language, 'authoring.restore', { item, version: view.restoring.version, changed_at: view.restoring.changedAt })
      : t(language, 'authoring.change', { item });
    body = diff ? lead(head, diff) : t(language, 'authoring.unchanged', { head });
  }
  return [...flags, body].join('\n');
}

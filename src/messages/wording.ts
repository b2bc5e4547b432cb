/**
 * Words kept before they are put in a language: an approval's reason is asked in the requester's
 * language but read by approvers in theirs, so the policy hands out what it meant (message keys and
 * their values) as well as the sentence, and the sentence can be made again for each reader.
 */
import { en } from './en.js';
import { t, type MessageKey } from './messages.js';

/** Text that stays as written (a rule's own reason, an entity id), or a sentence of the message table whose values may be wordings too. */
export type Wording = string | WordedPhrase;

/** A sentence of the message table, its `{name}` placeholders given as numbers, text or further wordings. */
export interface WordedPhrase {
  key: MessageKey;
  params?: Readonly<Record<string, number | Wording>>;
}

/** `wording` as a sentence in `language` (a BCP 47 tag; English when unset or without a table). */
export function wordIn(language: string | undefined, wording: Wording): string {
  if (typeof wording === 'string') return wording;
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(wording.params ?? {})) params[name] = typeof value === 'number' ? value : wordIn(language, value);
  return t(language, wording.key, params);
}

/** How deep a stored wording may nest: a rule's reason, inside "also", inside the targets it names. */
const MAX_DEPTH = 8;

function isKey(value: unknown): value is MessageKey {
  return typeof value === 'string' && Object.hasOwn(en, value);
}

/**
 * A stored wording read back (JSON, parsed); undefined when it is not one, or names a sentence the
 * tables no longer have (the caller then shows the words as they were stored).
 */
export function readWording(value: unknown, depth = 0): Wording | undefined {
  if (typeof value === 'string') return value;
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const { key, params } = value as { key?: unknown; params?: unknown };
  if (!isKey(key)) return undefined;
  if (params === undefined) return { key };
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return undefined;
  const read: Record<string, number | Wording> = {};
  for (const [name, param] of Object.entries(params)) {
    const kept = typeof param === 'number' ? param : readWording(param, depth + 1);
    if (kept === undefined) return undefined;
    read[name] = kept;
  }
  return { key, params: read };
}

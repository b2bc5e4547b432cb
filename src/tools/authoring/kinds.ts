/** The two HA editors Majordome writes to, and what differs between them. */
import type { ConfigKind } from '../../store/config-versions.js';

export type { ConfigKind } from '../../store/config-versions.js';

/** How one editor's items are named, keyed and checked. */
export interface KindSpec {
  kind: ConfigKind;
  /** The keys HA's schema requires. */
  required: readonly string[];
  /** The keys holding actions (their services and entities are checked). */
  actionKeys: readonly string[];
}

export const KINDS: Readonly<Record<ConfigKind, KindSpec>> = {
  automation: { kind: 'automation', required: ['triggers', 'actions'], actionKeys: ['actions'] },
  script: { kind: 'script', required: ['sequence'], actionKeys: ['sequence'] },
};

/** HA's slugify for a script key: lower case, non-alphanumerics collapsed to `_`. */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** The item's alias, or its id when it has none. */
export function aliasOf(config: Readonly<Record<string, unknown>> | undefined, id: string): string {
  const alias = config?.['alias'];
  return typeof alias === 'string' && alias.trim() !== '' ? alias : id;
}

import type { ConfigVersionView } from '../../../src/channels/http/deps.js';
import { ApiError, type PanelApi } from './api.js';

/** One kept version of an automation or script. */
export type ConfigVersion = ConfigVersionView;

/** One automation or script with the versions Majordome kept of it, oldest first. */
export interface VersionedItem {
  kind: ConfigVersion['kind'];
  id: string;
  /** Its newest known alias (or its id). */
  alias: string;
  versions: ConfigVersion[];
}

/** Groups the server's rows (item by item, newest item first) into items. */
export function groupVersions(rows: readonly ConfigVersion[]): VersionedItem[] {
  const items = new Map<string, VersionedItem>();
  for (const row of rows) {
    const key = `${row.kind}:${row.itemId}`;
    const item = items.get(key) ?? { kind: row.kind, id: row.itemId, alias: row.itemId, versions: [] };
    const alias = row.config?.['alias'];
    if (typeof alias === 'string' && alias !== '') item.alias = alias;
    item.versions.push(row);
    items.set(key, item);
  }
  return [...items.values()];
}

/** The kept versions; undefined when the server keeps none or the user is not an admin. */
export async function listConfigVersions(api: PanelApi): Promise<VersionedItem[] | undefined> {
  try {
    return groupVersions((await api.fetchJson<{ items?: ConfigVersion[] }>('config-versions')).items ?? []);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 403)) return undefined;
    throw err;
  }
}

/** Asks for a version to be put back: an approval follows, like any change to an automation. */
export async function restoreConfigVersion(api: PanelApi, kind: string, id: string, version: number): Promise<void> {
  await api.fetchJson(`config-versions/${encodeURIComponent(kind)}/${encodeURIComponent(id)}/restore`, { method: 'POST', body: { version } });
}

import type BetterSqlite3 from 'better-sqlite3';
import type { StoreOptions } from './store-options.js';

/** Which HA editor an item belongs to. */
export type ConfigKind = 'automation' | 'script';

/** How an item changed: the kept version is what it was before. */
export type ConfigChange = 'created' | 'edited' | 'deleted' | 'restored';

/** One kept version: the item's config before a change (undefined: the change created it). */
export interface ConfigVersion {
  kind: ConfigKind;
  itemId: string;
  version: number;
  config?: Record<string, unknown>;
  change: ConfigChange;
  /** The user id who asked for the change. */
  changedBy: string;
  changedAt: string;
}

interface Row {
  kind: string;
  item_id: string;
  version: number;
  config: string | null;
  change: string;
  changed_by: string;
  changed_at: string;
}

interface InsertParams {
  kind: string;
  itemId: string;
  config: string | null;
  change: string;
  changedBy: string;
  changedAt: string;
}

function toVersion(row: Row): ConfigVersion {
  return {
    kind: row.kind as ConfigKind,
    itemId: row.item_id,
    version: row.version,
    ...(row.config !== null && { config: JSON.parse(row.config) as Record<string, unknown> }),
    change: row.change as ConfigChange,
    changedBy: row.changed_by,
    changedAt: row.changed_at,
  };
}

/** The previous versions of automations and scripts, numbered per item from 1, newest last. */
export class ConfigVersionStore {
  private readonly now: () => Date;
  private readonly insert: BetterSqlite3.Statement<[InsertParams]>;
  private readonly selectItem: BetterSqlite3.Statement<[string, string], Row>;
  private readonly selectOne: BetterSqlite3.Statement<[string, string, number], Row>;
  private readonly selectRecent: BetterSqlite3.Statement<[number], Row>;

  constructor(db: BetterSqlite3.Database, options: Pick<StoreOptions, 'now'> = {}) {
    this.now = options.now ?? (() => new Date());
    // The number is taken in the same statement as the insert: two saves never share one.
    this.insert = db.prepare(
      `INSERT INTO config_versions (kind, item_id, version, config, change, changed_by, changed_at)
       SELECT @kind, @itemId, COALESCE(MAX(version), 0) + 1, @config, @change, @changedBy, @changedAt
       FROM config_versions WHERE kind = @kind AND item_id = @itemId`,
    );
    this.selectItem = db.prepare('SELECT * FROM config_versions WHERE kind = ? AND item_id = ? ORDER BY version');
    this.selectRecent = db.prepare(
      `SELECT v.* FROM config_versions v
       JOIN (SELECT kind, item_id, MAX(changed_at) AS last FROM config_versions GROUP BY kind, item_id ORDER BY last DESC LIMIT ?) r
         ON r.kind = v.kind AND r.item_id = v.item_id
       ORDER BY r.last DESC, v.kind, v.item_id, v.version`,
    );
    this.selectOne = db.prepare('SELECT * FROM config_versions WHERE kind = ? AND item_id = ? AND version = ?');
  }

  /** Keeps `previous` (the config before this change) as the item's next version; returns its number. */
  keep(kind: ConfigKind, itemId: string, previous: Record<string, unknown> | undefined, change: ConfigChange, changedBy: string): number {
    const config = previous === undefined ? null : JSON.stringify(previous);
    this.insert.run({ kind, itemId, config, change, changedBy, changedAt: this.now().toISOString() });
    return this.list(kind, itemId).at(-1)?.version ?? 0;
  }

  list(kind: ConfigKind, itemId: string): ConfigVersion[] {
    return this.selectItem.all(kind, itemId).map(toVersion);
  }

  /** The versions of the `limit` items changed most recently, item by item (newest item first, versions oldest first). */
  recent(limit = 50): ConfigVersion[] {
    return this.selectRecent.all(limit).map(toVersion);
  }

  get(kind: ConfigKind, itemId: string, version: number): ConfigVersion | undefined {
    const row = this.selectOne.get(kind, itemId, version);
    return row ? toVersion(row) : undefined;
  }
}

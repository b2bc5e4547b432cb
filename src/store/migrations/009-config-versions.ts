import type { Migration } from '../migrate.js';

/**
 * Previous versions of the automations and scripts Majordome saved or deleted through HA
 * (tools/authoring): before each change, the config as HA held it (NULL when the change created
 * it), numbered per item from 1, with who changed it and how. Restoring one is itself a save.
 */
const SQL = `
CREATE TABLE config_versions (
  kind       TEXT NOT NULL,
  item_id    TEXT NOT NULL,
  version    INTEGER NOT NULL,
  config     TEXT,
  change     TEXT NOT NULL,
  changed_by TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (kind, item_id, version)
) STRICT;
`;

/** Ninth schema step. */
export const configVersions: Migration = {
  version: 9,
  name: 'config-versions',
  up(db) {
    db.exec(SQL);
  },
};

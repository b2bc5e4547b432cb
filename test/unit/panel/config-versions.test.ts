import { describe, expect, it } from 'vitest';
import { groupVersions, type ConfigVersion } from '../../../panel/src/data/config-versions.js';

const row = (itemId: string, version: number, alias?: string, change = 'edited'): ConfigVersion => ({
  kind: 'automation',
  itemId,
  version,
  ...(alias !== undefined && { config: { alias } }),
  change,
  changedBy: 'alice',
  changedAt: '2026-05-01T10:00:00Z',
});

describe('the panel groups kept versions by automation', () => {
  it('keeps the server order of items, names each by its newest alias, and a creation has nothing to restore', () => {
    const items = groupVersions([row('2', 1, undefined, 'created'), row('2', 2, 'Porch'), row('2', 3, 'Porch light'), row('1', 1, 'Old', 'deleted')]);
    expect(items.map((i) => [i.id, i.alias, i.versions.map((v) => v.version)])).toEqual([
      ['2', 'Porch light', [1, 2, 3]],
      ['1', 'Old', [1]],
    ]);
    expect(items[0]?.versions[0]?.config).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { createHaUserLookup, identityOf, parseUserMap } from '../../../../src/channels/messenger/user-map.js';
import { createUserDirectory } from '../../../../src/ha/user-directory.js';

const USERS = [
  { id: 'user-admin', username: 'alice', name: 'Alice', is_admin: true, is_active: true },
  { id: 'user-bob', username: 'bob', name: 'Bob', is_admin: false, is_active: true },
  { id: 'user-gone', username: 'carol', name: 'Carol', is_active: false },
];
const lookup = createHaUserLookup(createUserDirectory({ sendMessage: () => Promise.resolve(USERS) }));

describe('messenger user map', () => {
  it('parses "messenger_id=ha_user" entries', () => {
    expect([...parseUserMap(['123=alice', ' U0AB = user-bob ', 'broken'])]).toEqual([
      ['123', 'alice'],
      ['U0AB', 'user-bob'],
    ]);
  });

  it('acts as the mapped HA user, found by username or id', async () => {
    const map = parseUserMap(['1=ALICE', '2=user-bob']);
    expect(await identityOf({ channel: 'telegram', externalId: '1' }, map, lookup)).toMatchObject({ id: 'user-admin', name: 'alice', isAdmin: true });
    expect(await identityOf({ channel: 'telegram', externalId: '2' }, map, lookup)).toMatchObject({ id: 'user-bob', isAdmin: false });
  });

  it('gives unmapped, unknown or inactive users an identity HA does not know, which can never approve', async () => {
    const map = parseUserMap(['3=nobody', '4=carol']);
    for (const externalId of ['3', '4', '5']) {
      expect(await identityOf({ channel: 'slack', externalId, name: 'X' }, map, lookup)).toEqual({ id: `slack:${externalId}`, displayName: 'X', via: 'system' });
    }
    const failing = () => Promise.reject(new Error('HA is down'));
    expect(await identityOf({ channel: 'telegram', externalId: '1' }, parseUserMap(['1=alice']), failing)).toMatchObject({ id: 'telegram:1', via: 'system' });
  });
});

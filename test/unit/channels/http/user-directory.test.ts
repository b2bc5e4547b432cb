import { describe, expect, it } from 'vitest';
import { HaError } from '../../../../src/errors.js';
import { createAdminCheck, createUserDirectory, isHaAdmin } from '../../../../src/ha/user-directory.js';

// Rows shaped like HA's `config/auth/list` result.
const USERS = [
  { id: 'owner', username: 'owner', name: 'Owner', is_owner: true, is_active: true, system_generated: false, group_ids: ['system-admin'] },
  { id: 'admin', username: 'ada', name: 'Ada', is_owner: false, is_active: true, system_generated: false, group_ids: ['system-admin'] },
  { id: 'kid', username: 'kid', name: 'Kid', is_owner: false, is_active: true, system_generated: false, group_ids: ['system-users'] },
  { id: 'gone', username: 'gone', name: 'Gone', is_owner: false, is_active: false, system_generated: false, group_ids: ['system-admin'] },
];

function countingSender(result: unknown = USERS) {
  const sent: string[] = [];
  return {
    sent,
    sendMessage: async (msg: { type: string }) => {
      sent.push(msg.type);
      return result;
    },
  };
}

describe('user directory', () => {
  it('says who is an admin from HA user groups', async () => {
    const { sendMessage } = countingSender();
    const directory = createUserDirectory({ sendMessage });
    expect(await directory.isAdmin('owner')).toBe(true);
    expect(await directory.isAdmin('admin')).toBe(true);
    expect(await directory.isAdmin('kid')).toBe(false);
    expect(await directory.isAdmin('gone')).toBe(false);
    expect(await directory.isAdmin('nobody')).toBe(false);
  });

  it('knows the names HA shows for its users, from the same read of the list', async () => {
    const { sendMessage, sent } = countingSender([...USERS, { id: 'nameless', username: 'bot', name: '', group_ids: [] }]);
    const directory = createUserDirectory({ sendMessage });
    const names = await directory.names();
    expect(names.get('admin')).toBe('Ada');
    expect(names.get('nameless')).toBe('bot');
    expect(names.get('nobody')).toBeUndefined();
    await directory.isAdmin('admin');
    expect(sent).toEqual(['config/auth/list']);
  });

  it('asks HA once per cache period, even for concurrent questions', async () => {
    const { sendMessage, sent } = countingSender();
    const directory = createUserDirectory({ sendMessage });
    await Promise.all([directory.isAdmin('admin'), directory.isAdmin('kid'), directory.isAdmin('owner')]);
    await directory.isAdmin('kid');
    expect(sent).toEqual(['config/auth/list']);
  });

  it('asks again once the cache has expired', async () => {
    const { sendMessage, sent } = countingSender();
    const directory = createUserDirectory({ sendMessage, cacheTtlMs: 0 });
    await directory.isAdmin('admin');
    await directory.isAdmin('admin');
    expect(sent).toHaveLength(2);
  });

  it('reports HA being unreachable instead of guessing, and retries next time', async () => {
    let fail = true;
    const directory = createUserDirectory({
      sendMessage: async () => {
        if (fail) throw new Error('Connection lost');
        return USERS;
      },
    });
    await expect(directory.isAdmin('admin')).rejects.toBeInstanceOf(HaError);
    fail = false;
    expect(await directory.isAdmin('admin')).toBe(true);
  });

  it('recognises admins by flag, owner or group', () => {
    expect(isHaAdmin({ id: 'a', is_admin: true })).toBe(true);
    expect(isHaAdmin({ id: 'a', group_ids: ['system-read-only'] })).toBe(false);
  });
});

describe('admin check', () => {
  it('trusts what a token check learned and asks HA for ingress users', async () => {
    const { sendMessage, sent } = countingSender();
    const check = createAdminCheck(createUserDirectory({ sendMessage }));
    expect(await check({ id: 'kid', via: 'bearer', isAdmin: true })).toBe(true);
    expect(sent).toHaveLength(0);
    expect(await check({ id: 'admin', via: 'ingress' })).toBe(true);
    expect(await check({ id: 'kid', via: 'ingress' })).toBe(false);
  });
});

describe('a person looked up in the user directory (phone taps, messenger users)', () => {
  it('is read from HA at that moment even while the list is cached: a demoted admin is no longer an admin', async () => {
    let rows: unknown[] = USERS;
    const sent: string[] = [];
    const directory = createUserDirectory({ sendMessage: async (msg) => (sent.push(msg.type), rows) });
    expect(await directory.isAdmin('admin')).toBe(true);
    expect(await directory.person('admin')).toMatchObject({ id: 'admin', name: 'ada', displayName: 'Ada', isAdmin: true, via: 'bearer' });
    rows = USERS.map((u) => (u.id === 'admin' ? { ...u, group_ids: ['system-users'] } : u));
    expect(await directory.person('admin')).toMatchObject({ id: 'admin', isAdmin: false });
    expect(sent).toHaveLength(3);
  });

  it('is found by id, or by username in any case when asked; never an inactive or system-generated user', async () => {
    const directory = createUserDirectory({ sendMessage: async () => [...USERS, { id: 'sup', username: 'supervisor', name: 'Supervisor', system_generated: true, is_active: true, group_ids: ['system-admin'] }] });
    expect(await directory.person('ADA')).toBeUndefined();
    expect(await directory.person('ADA', 'id_or_username')).toMatchObject({ id: 'admin' });
    expect(await directory.person('gone')).toBeUndefined();
    expect(await directory.person('sup')).toBeUndefined();
    expect(await directory.person('nobody', 'id_or_username')).toBeUndefined();
  });
});

/**
 * Changing, admin-only actions ask HA whether the person is an administrator now, not what a page
 * loaded a moment before learnt (that verdict may be a minute old): the real server, the HA
 * simulator (which takes a user's admin rights as HA's user settings do) and a local Telegram Bot
 * API. Alice is an admin when she opens the page; HA demotes her; she acts at once.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/store/database.js';
import { MemoryStore } from '../../src/store/memories.js';
import { RuleStore } from '../../src/store/rules.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import type { SimUser } from '../ha-sim/users.js';
import { startFakeTelegram, type FakeTelegram, type FakeTelegramUser } from '../support/fake-telegram.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

const ALICE = TEST_USER_HEADERS;
const STRANGER: FakeTelegramUser = { id: 5005, first_name: 'Stranger' };
const JSON_BODY = { 'content-type': 'application/json' };

/** Majordome's own token belongs to an admin of its own (the Supervisor's, in the add-on): Alice can lose her rights without Majordome losing its. */
const TOKENS: Record<string, SimUser> = {
  'sim-majordome-token': { id: 'user-majordome', name: 'Majordome', username: 'majordome', is_admin: true },
  'sim-alice-token': { id: 'user-admin', name: 'Alice', username: 'alice', is_admin: true },
  'sim-user-token': { id: 'user-bob', name: 'Bob', username: 'bob', is_admin: false },
};

type Reply = { status: number; body: Record<string, unknown> };

async function send(url: string, method: string, headers: Record<string, string>, body?: unknown): Promise<Reply> {
  const res = await fetch(url, { method, headers: { ...JSON_BODY, ...headers }, ...(body !== undefined && { body: JSON.stringify(body) }) });
  return { status: res.status, body: res.status === 204 ? {} : ((await res.json()) as Record<string, unknown>) };
}

async function haConnected(stack: Stack): Promise<boolean> {
  const health = (await (await fetch(`${stack.url}/api/health`)).json()) as { ha: { connected: boolean } };
  return health.ha.connected;
}

describe('changing, admin-only actions read the admin rights HA gives now', () => {
  let telegram: FakeTelegram;
  let stack: Stack;
  /** One saved rule and one of Bob's memories per test that tries to change them. */
  const rules: number[] = [];
  const bobsMemories: number[] = [];
  const inChat = (chatId: number) => telegram.messages.filter((m) => m.chatId === chatId);
  const pairings = async () => ((await (await fetch(`${stack.url}/api/pairings`, { headers: ALICE })).json()) as { pairings: Array<Record<string, unknown>> }).pairings;
  /** Alice's conversations: a restore runs as her own call, in a conversation of its own. */
  const aliceConversations = async () => ((await (await fetch(`${stack.url}/api/conversations`, { headers: ALICE })).json()) as { conversations: unknown[] }).conversations;

  /** A stranger writes to the bot; resolves with the pairing code it was given. */
  async function strangerAsks(from: FakeTelegramUser): Promise<string> {
    telegram.sendText(from, 'hi, open the door');
    const offer = await until(() => inChat(from.id)[0], 'the pairing code');
    return /([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(offer.text)?.[1] ?? '';
  }

  beforeAll(async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'majordome-stack-'));
    const db = openDatabase(join(dataDir, 'majordome.db'));
    for (const domain of ['light', 'fan']) {
      rules.push(new RuleStore(db).add({ effect: 'allow', tool: 'ha_call_service', match: `domain=${domain}`, createdBy: 'user-admin' }).id);
      bobsMemories.push(new MemoryStore(db).save('user-bob', `Bob likes the ${domain} in the hallway`).id);
    }
    closeDatabase(db);
    telegram = await startFakeTelegram();
    stack = await startStack({
      home: loadIntentsHome(),
      dataDir,
      simOptions: { tokens: TOKENS },
      // A one-second wait for HA, so the outage below is told at once.
      options: { ha_reconnect_wait_s: 1, browser_enabled: true, telegram_bot_token: telegram.token },
      overrides: { messengers: { telegramApiRoot: telegram.apiRoot, editIntervalMs: 30, retryMs: 50 } },
    });
  });
  afterAll(async () => {
    await stack?.stop();
    await telegram?.stop();
  });
  beforeEach(async () => {
    stack.sim.setUserAdmin('user-admin', true);
    await until(() => haConnected(stack), 'Majordome connected to HA');
  });

  it('refuses a messenger pairing confirmed by a just-demoted admin (her page had said she could): the chat stays unpaired until an admin confirms it', async () => {
    const code = await strangerAsks(STRANGER);
    // Alice opens the pairings page: Majordome now remembers her as an admin.
    expect(await pairings()).toContainEqual(expect.objectContaining({ code, confirmed_at: null }));
    stack.sim.setUserAdmin('user-admin', false);

    const refused = await send(`${stack.url}/api/pairings/${code}`, 'POST', ALICE, {});
    expect(refused).toEqual({ status: 403, body: { code: 'forbidden', error: 'Pairing chats is for Home Assistant administrators.' } });
    expect(inChat(STRANGER.id)).toHaveLength(1);

    // Given her rights back, she confirms the same code: it was still waiting, and only now is the chat told.
    stack.sim.setUserAdmin('user-admin', true);
    const confirmed = await send(`${stack.url}/api/pairings/${code}`, 'POST', ALICE, {});
    expect(confirmed).toMatchObject({ status: 200, body: { pairing: { code, confirmed_by: 'user-admin' } } });
    await until(() => inChat(STRANGER.id).length === 2, 'the paired notice');
  });

  it('refuses a just-demoted admin deleting a saved rule, restoring a kept version, importing cookies or forgetting someone else’s memory', async () => {
    const [rule, memory] = [rules[0], bobsMemories[0]];
    // Her page: the rules say she may manage them, and her list of everyone's memories shows Bob's.
    const page = (await (await fetch(`${stack.url}/api/rules`, { headers: ALICE })).json()) as { can_manage: boolean };
    expect(page.can_manage).toBe(true);
    expect((await send(`${stack.url}/api/memories?all=true`, 'GET', ALICE)).body).toMatchObject({ memories: expect.arrayContaining([expect.objectContaining({ id: memory })]) });
    stack.sim.setUserAdmin('user-admin', false);

    expect(await send(`${stack.url}/api/rules/${rule}`, 'DELETE', ALICE)).toEqual({
      status: 403,
      body: { code: 'forbidden', error: 'Only a Home Assistant administrator or a listed approver can change saved rules.' },
    });
    expect(await send(`${stack.url}/api/config-versions/automation/wake_up/restore`, 'POST', ALICE, { version: 1 })).toEqual({
      status: 403,
      body: { code: 'forbidden', error: 'Automations and scripts are for Home Assistant administrators.' },
    });
    expect(await send(`${stack.url}/api/browser/cookies?language=fr`, 'POST', ALICE, [])).toEqual({
      status: 403,
      body: { code: 'forbidden', error: 'Importer des cookies est réservé aux administrateurs de Home Assistant.' },
    });
    expect(await send(`${stack.url}/api/memories/${memory}`, 'DELETE', ALICE)).toMatchObject({ status: 404 });
    expect(await aliceConversations()).toEqual([]);

    // Given her rights back, the rule and Bob's memory were still there to delete.
    stack.sim.setUserAdmin('user-admin', true);
    expect((await send(`${stack.url}/api/rules/${rule}`, 'DELETE', ALICE)).status).toBe(204);
    expect((await send(`${stack.url}/api/memories/${memory}`, 'DELETE', ALICE)).status).toBe(204);
  });

  it('refuses them when HA cannot say whether she is an admin now, in her language, and changes nothing', async () => {
    const [rule, memory] = [rules[1], bobsMemories[1]];
    const other: FakeTelegramUser = { id: 6006, first_name: 'Other' };
    const code = await strangerAsks(other);
    expect(await pairings()).toContainEqual(expect.objectContaining({ code, confirmed_at: null }));
    await stack.sim.pause();
    await until(async () => !(await haConnected(stack)), 'Majordome to notice HA is gone');
    const unchecked = { code: 'ha_unavailable', error: 'Home Assistant could not be asked whether you may do this, so nothing was done. Try again in a moment.' };
    try {
      expect(await send(`${stack.url}/api/pairings/${code}`, 'POST', ALICE, {})).toEqual({ status: 503, body: unchecked });
      expect(await send(`${stack.url}/api/pairings/${code}?language=fr`, 'POST', ALICE, {})).toEqual({
        status: 503,
        body: { code: 'ha_unavailable', error: 'Home Assistant n’a pas pu dire si vous pouvez faire ceci, donc rien n’a été fait. Réessayez dans un instant.' },
      });
      expect(await send(`${stack.url}/api/rules/${rule}`, 'DELETE', ALICE)).toEqual({ status: 503, body: unchecked });
      expect(await send(`${stack.url}/api/config-versions/automation/wake_up/restore`, 'POST', ALICE, { version: 1 })).toEqual({ status: 503, body: unchecked });
      expect(await send(`${stack.url}/api/browser/cookies`, 'POST', ALICE, [])).toEqual({ status: 503, body: unchecked });
      expect(await send(`${stack.url}/api/memories/${memory}`, 'DELETE', ALICE)).toEqual({ status: 503, body: unchecked });
      expect(await aliceConversations()).toEqual([]);
    } finally {
      await stack.sim.resume();
    }
    await until(() => haConnected(stack), 'Majordome back on HA');
    expect(inChat(other.id)).toHaveLength(1);
    // HA answers again: the pairing, the rule and Bob's memory were all still there.
    expect(await send(`${stack.url}/api/pairings/${code}`, 'POST', ALICE, {})).toMatchObject({ status: 200, body: { pairing: { code, confirmed_by: 'user-admin' } } });
    expect((await send(`${stack.url}/api/rules/${rule}`, 'DELETE', ALICE)).status).toBe(204);
    expect((await send(`${stack.url}/api/memories/${memory}`, 'DELETE', ALICE)).status).toBe(204);
  });
});

/**
 * Issue 22's load: twelve people (two of them not admins) chat at once, 15 turns each, on a
 * 500-entity home, while HA's connection drops once in the middle. No turn fails, nobody sees
 * another's answer, and the server's memory once idle after the run is within 20% of before.
 * Bounded: 180 turns on loopback with a zero-latency model; the server is its own process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeLlm } from '../fake-llm/index.js';
import { defaultTokens, generateHome, startHaSim, type HaSim } from '../ha-sim/index.js';
import { ingressHeaders, loadModel, loadUsers, runChatLoad, type LoadUser } from '../support/chat-load.js';
import { settledRssMib, startServerProcess, type ServerProcess } from '../support/server-process.js';
import { TEST_USER_HEADERS } from '../support/stack.js';

const USERS = 12;
const TURNS = 15;

describe('twelve people chatting while HA drops its connection once', () => {
  let sim: HaSim;
  let llm: FakeLlm;
  let server: ServerProcess;
  let users: LoadUser[];

  beforeAll(async () => {
    const home = generateHome(500);
    users = loadUsers(home, USERS, 2);
    const tokens = { ...defaultTokens(), ...Object.fromEntries(users.map((u, i) => [`load-token-${i}`, u.user])) };
    sim = await startHaSim({ home, tokens });
    llm = await startFakeAnthropic({ fallback: loadModel });
    server = await startServerProcess({ haUrl: sim.url, haToken: sim.adminToken, llmUrl: llm.url, llmKey: llm.apiKey }, TEST_USER_HEADERS);
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await llm?.stop();
    await sim?.stop();
  });

  it('fails no turn, leaks nothing across users, and gives its memory back', async () => {
    // One turn each first: what the first turn loads once (prompt, caches) is not a leak.
    await runChatLoad({ url: server.url, users, turnsPerUser: 1 });
    const rssBefore = server.rssMib();
    let dropped = false;
    const turns = await runChatLoad({
      url: server.url,
      users,
      turnsPerUser: TURNS,
      onTurnDone: (finished) => {
        if (finished !== (USERS * TURNS) / 2) return;
        sim.dropConnections();
        dropped = true;
      },
    });
    // Bounded: an idle server gives a burst's heap back within some seconds.
    const rssAfter = await settledRssMib(server, rssBefore * 1.2, 20_000);

    expect(dropped).toBe(true);
    expect(turns).toHaveLength(USERS * TURNS);
    expect(turns.filter((t) => !t.ok).map((t) => `${t.userId}: ${t.problem}`)).toEqual([]);
    for (const { user } of users) {
      const res = await fetch(`${server.url}/api/conversations`, { headers: ingressHeaders(user) });
      const body = (await res.json()) as { conversations: Array<{ id: string }> };
      // Its warm-up conversation and its load conversation: nobody else's.
      expect(body.conversations).toHaveLength(2);
    }
    expect(rssAfter).toBeLessThan(rssBefore * 1.2);
  }, 60_000);
});

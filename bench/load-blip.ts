/**
 * Per-turn latency under load (issue 22): twelve people (two not admins) chat at once, 15 turns
 * each, on a 500-entity home, while HA's connection drops once half way. The server is its own
 * process on loopback with a zero-latency fake model, so a turn's time is Majordome's own work
 * plus the wait for HA's reconnection for the turns the drop caught.
 */
import { startFakeAnthropic } from '../test/fake-llm/index.js';
import { defaultTokens, generateHome, startHaSim } from '../test/ha-sim/index.js';
import { loadModel, loadUsers, runChatLoad } from '../test/support/chat-load.js';
import { settledRssMib, startServerProcess } from '../test/support/server-process.js';
import { TEST_USER_HEADERS } from '../test/support/stack.js';
import type { Check } from './results.js';
import type { ServerCommand } from './server-build.js';
import { summarize, type Distribution } from './stats.js';

/** What measureLoad found. */
export interface LoadMeasurement {
  users: number;
  non_admins: number;
  turns_per_user: number;
  entities: number;
  failed_turns: number;
  /** Every measured turn, from sending the message to the end of its stream (ms). */
  turn_ms: Distribution;
  rss_before_mib: number;
  /** Right after the last turn. */
  rss_after_mib: number;
  /** Once idle: within 20% of before, or after 30 s (idle-rss.ts says why it settles). */
  rss_settled_mib: number;
  command: string;
}

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Runs the load once (after one warm-up turn per user) against a fresh server process. */
export async function measureLoad(server: ServerCommand, turnsPerUser = 15, userCount = 12, entities = 500): Promise<LoadMeasurement> {
  const home = generateHome(entities);
  const users = loadUsers(home, userCount, 2);
  const tokens = { ...defaultTokens(), ...Object.fromEntries(users.map((u, i) => [`load-token-${i}`, u.user])) };
  const sim = await startHaSim({ home, tokens });
  const llm = await startFakeAnthropic({ fallback: loadModel });
  try {
    const process = await startServerProcess({ haUrl: sim.url, haToken: sim.adminToken, llmUrl: llm.url, llmKey: llm.apiKey, args: server.args }, TEST_USER_HEADERS);
    try {
      await runChatLoad({ url: process.url, users, turnsPerUser: 1 });
      const rssBefore = process.rssMib();
      const half = Math.floor((userCount * turnsPerUser) / 2);
      const turns = await runChatLoad({ url: process.url, users, turnsPerUser, onTurnDone: (n) => n === half && sim.dropConnections() });
      return {
        users: userCount,
        non_admins: 2,
        turns_per_user: turnsPerUser,
        entities,
        failed_turns: turns.filter((t) => !t.ok).length,
        turn_ms: summarize(turns.map((t) => t.ms)),
        rss_before_mib: round1(rssBefore),
        rss_after_mib: round1(process.rssMib()),
        rss_settled_mib: round1(await settledRssMib(process, rssBefore * 1.2, 30_000)),
        command: server.label,
      };
    } finally {
      await process.stop();
    }
  } finally {
    await llm.stop();
    await sim.stop();
  }
}

/** The load's rows of the report. */
export function loadChecks(m: LoadMeasurement): Check[] {
  const growth = (m.rss_settled_mib / m.rss_before_mib - 1) * 100;
  const label = `load: ${m.users} users × ${m.turns_per_user} turns, one HA drop`;
  return [
    { name: `${label}: failed turns`, target: '0', value: String(m.failed_turns), verdict: m.failed_turns === 0 ? 'PASS' : 'WARN' },
    { name: `${label}: per-turn p50 / p95`, target: '—', value: `${m.turn_ms.p50} / ${m.turn_ms.p95} ms`, verdict: 'INFO' },
    {
      name: `${label}: server RSS idle after vs before`,
      target: '≤ +20%',
      value: `${m.rss_before_mib} → ${m.rss_settled_mib} MiB (${growth >= 0 ? '+' : ''}${growth.toFixed(1)}%; ${m.rss_after_mib} right after)`,
      verdict: growth <= 20 ? 'PASS' : 'WARN',
    },
  ];
}

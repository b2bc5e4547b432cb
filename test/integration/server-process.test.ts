import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeAnthropic, type FakeLlm } from '../fake-llm/index.js';
import { loadIntentsHome, startHaSim, type HaSim } from '../ha-sim/index.js';
import { chat, TEST_USER_HEADERS } from '../support/stack.js';

const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');
const MAIN = join(process.cwd(), 'src', 'main.ts');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

interface Running {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

const TRACE_HOOK = join(process.cwd(), 'test', 'support', 'module-trace-hook.mjs');

function run(env: Record<string, string>, nodeArgs: string[] = []): Running {
  const child = spawn(TSX, [...nodeArgs, MAIN], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stderr: () => stderr, exited };
}

async function waitForHealth(url: string, running: Running): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (running.child.exitCode !== null) throw new Error(`server exited: ${running.stderr()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not become healthy');
}

describe('the server process', () => {
  let sim: HaSim;
  let llm: FakeLlm;

  beforeAll(async () => {
    sim = await startHaSim({ home: loadIntentsHome() });
    llm = await startFakeAnthropic();
  });
  afterAll(async () => {
    await llm?.stop();
    await sim?.stop();
  });

  it('refuses to start on a bad options.json with one line naming the option', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'majordome-bad-'));
    writeFileSync(join(dataDir, 'options.json'), JSON.stringify({ entity_access: 'everything' }));
    const running = run({ MAJORDOME_DATA_DIR: dataDir, HA_URL: sim.url, HA_TOKEN: sim.adminToken, MAJORDOME_PORT: '0', MAJORDOME_WYOMING_PORT: '0' });
    expect(await running.exited).toBe(78);
    const lines = running.stderr().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Majordome cannot start: option entity_access: /);
  });

  it('keeps a conversation across a restart of the process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'majordome-restart-'));
    writeFileSync(join(dataDir, 'options.json'), JSON.stringify({ anthropic_api_key: llm.apiKey }));
    const port = await freePort();
    const env = {
      MAJORDOME_DATA_DIR: dataDir,
      HA_URL: sim.url,
      HA_TOKEN: sim.adminToken,
      MAJORDOME_PORT: String(port),
      MAJORDOME_WYOMING_PORT: '0',
      MAJORDOME_TRUSTED_PROXIES: '127.0.0.1',
      ANTHROPIC_BASE_URL: llm.url,
    };
    const url = `http://127.0.0.1:${port}`;

    const first = run(env);
    await waitForHealth(url, first);
    llm.enqueue({ content: [{ type: 'text', text: 'I will remember the code word: pelican.' }] });
    const events = await chat(url, { message: 'the code word is pelican' });
    const conversationId = String(events.at(-1)?.conversation_id);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = run(env);
    try {
      await waitForHealth(url, second);
      llm.enqueue((req) => ({ content: [{ type: 'text', text: JSON.stringify(req.body.messages).includes('pelican') ? 'pelican' : 'forgotten' }] }));
      const again = await chat(url, { message: 'what is the code word?', conversation_id: conversationId });
      expect(again.at(-1)).toMatchObject({ type: 'done', conversation_id: conversationId, text: 'pelican' });
      const history = (await (await fetch(`${url}/api/conversations/${conversationId}`, { headers: TEST_USER_HEADERS })).json()) as {
        messages: unknown[];
      };
      expect(history.messages).toHaveLength(4);
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('a SIGTERM while an approval waits: exits cleanly; started again on the same folder, the approval is expired and answering it runs nothing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'majordome-pending-'));
    writeFileSync(join(dataDir, 'options.json'), JSON.stringify({ anthropic_api_key: llm.apiKey, approval_notify: ['notify.mobile_app_my_phone'] }));
    const port = await freePort();
    const env = {
      MAJORDOME_DATA_DIR: dataDir,
      HA_URL: sim.url,
      HA_TOKEN: sim.adminToken,
      MAJORDOME_PORT: String(port),
      MAJORDOME_WYOMING_PORT: '0',
      MAJORDOME_TRUSTED_PROXIES: '127.0.0.1',
      ANTHROPIC_BASE_URL: llm.url,
    };
    const url = `http://127.0.0.1:${port}`;
    const pending = async () =>
      ((await (await fetch(`${url}/api/approvals?status=pending`, { headers: TEST_USER_HEADERS })).json()) as { approvals: Array<{ id: string }> }).approvals;
    const phone = () => sim.serviceCalls.filter((c) => c.domain === 'notify' && c.service === 'mobile_app_my_phone');
    sim.setState('lock.front_door', 'locked');
    sim.serviceCalls.length = 0;

    const first = run(env);
    await waitForHealth(url, first);
    llm.enqueue({ content: [{ type: 'tool_use', name: 'ha_call_service', input: { domain: 'lock', service: 'unlock', target: { entity_id: 'lock.front_door' } } }] });
    const turn = chat(url, { message: 'unlock the front door' }).catch(() => []);
    let id: string | undefined;
    for (let i = 0; i < 200 && !id; i++) {
      id = (await pending())[0]?.id;
      if (!id) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(id).toBeDefined();
    const tag = `majordome-approval-${id}`;
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    await turn;

    const second = run(env);
    try {
      await waitForHealth(url, second);
      const all = (await (await fetch(`${url}/api/approvals`, { headers: TEST_USER_HEADERS })).json()) as { approvals: Array<Record<string, unknown>> };
      expect(all.approvals.find((a) => a.id === id)).toMatchObject({ status: 'expired', decided_via: 'system' });
      const answer = await fetch(`${url}/api/approvals/${id}`, { method: 'POST', headers: { 'content-type': 'application/json', ...TEST_USER_HEADERS }, body: JSON.stringify({ decision: 'approve' }) });
      expect(answer.status).toBe(403);
      expect(((await answer.json()) as { error: string }).error).toMatch(/^This approval expired/);
      const action = (phone().find((c) => c.service_data.title !== undefined)?.service_data.data as { actions: Array<{ action: string }> }).actions[0]!.action;
      sim.fireEvent('mobile_app_notification_action', { action, tag }, 'user-admin');
      for (let i = 0; i < 200 && !phone().some((c) => /^This approval expired/.test(String(c.service_data.message))); i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(phone().filter((c) => c.service_data.message === 'clear_notification').map((c) => (c.service_data.data as { tag: string }).tag)).toContain(tag);
      expect(phone().find((c) => /^This approval expired/.test(String(c.service_data.message)))?.service_data.data).toEqual({ tag });
      expect(sim.serviceCalls.filter((c) => c.domain === 'lock')).toEqual([]);
      expect(sim.getState('lock.front_door')?.state).toBe('locked');
    } finally {
      second.child.kill('SIGTERM');
      await second.exited;
    }
  });

  it('loads the libraries of a capability only when its option turns it on', async () => {
    // What idle memory costs: Chromium's driver, the mail stack, the messengers and the other
    // provider's SDK are tens of MiB each, for people who never turn them on.
    const traced = async (options: Record<string, unknown>): Promise<string[]> => {
      const dataDir = mkdtempSync(join(tmpdir(), 'majordome-lazy-'));
      writeFileSync(join(dataDir, 'options.json'), JSON.stringify({ anthropic_api_key: llm.apiKey, ...options }));
      const port = await freePort();
      const trace = join(dataDir, 'modules.txt');
      const running = run(
        {
          MAJORDOME_DATA_DIR: dataDir,
          HA_URL: sim.url,
          HA_TOKEN: sim.adminToken,
          MAJORDOME_PORT: String(port),
          MAJORDOME_WYOMING_PORT: '0',
          ANTHROPIC_BASE_URL: llm.url,
          MAJORDOME_MODULE_TRACE: trace,
        },
        ['--import', TRACE_HOOK],
      );
      await waitForHealth(`http://127.0.0.1:${port}`, running);
      running.child.kill('SIGTERM');
      expect(await running.exited).toBe(0);
      return readFileSync(trace, 'utf8').split('\n');
    };
    const OPTIONAL = ['playwright-core', 'imapflow', 'mailparser', 'nodemailer', 'grammy', '@slack/bolt', 'openai', 'execa'];

    const plain = await traced({});
    expect(plain).toEqual(expect.arrayContaining(['@anthropic-ai/sdk', 'express', 'better-sqlite3']));
    expect(plain.filter((name) => OPTIONAL.includes(name))).toEqual([]);

    const browsing = await traced({ browser_enabled: true, shell_enabled: true, shell_sandbox: 'none' });
    expect(browsing).toEqual(expect.arrayContaining(['playwright-core', 'execa']));
    expect(browsing.filter((name) => ['imapflow', 'grammy', '@slack/bolt', 'openai'].includes(name))).toEqual([]);
  });
});

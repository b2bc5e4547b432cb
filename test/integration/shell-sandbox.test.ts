/**
 * shell_sandbox: bwrap. Commands see a read-only system with only the roots writable, no network
 * (not even loopback), no server data folder, no server processes, and nothing they start
 * survives a timeout. Skipped, with the reason, where bubblewrap is missing or cannot create its
 * namespaces (scripts/test.sh installs it).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { ShellService, type ShellServiceDeps } from '../../src/shell/shell-service.js';
import { createShellTools } from '../../src/tools/shell.js';
import { probeSandbox } from '../../src/shell/sandbox.js';
import type { ToolResult } from '../../src/tools/tool.js';
import { eventually, isRunning } from '../support/processes.js';

const FAKE_TOKEN = 'fake-supervisor-token-sandbox-3c4d5e';

const probeRoot = realpathSync(mkdtempSync(join(tmpdir(), 'majordome-bwrap-probe-')));
const probe = await probeSandbox('bwrap', { roots: [probeRoot], hidden: [], cwd: probeRoot }, { PATH: process.env['PATH'] ?? '/usr/bin:/bin' });
rmSync(probeRoot, { recursive: true, force: true });
const skipReason = probe.ok ? '' : ` (skipped: ${probe.reason})`;

let base: string;
let root: string;
let outside: string;
let dataDir: string;
const services: ShellService[] = [];

async function startShell(overrides: Partial<ShellServiceDeps> = {}): Promise<ShellService> {
  const shell = new ShellService({
    roots: [root],
    timeoutS: 30,
    sandbox: 'bwrap',
    env: { ...process.env, SUPERVISOR_TOKEN: FAKE_TOKEN },
    hidden: [dataDir],
    logger: createLogger('silent'),
    ...overrides,
  });
  await shell.start();
  services.push(shell);
  return shell;
}

async function run(shell: ShellService, command: string, extra: Record<string, unknown> = {}): Promise<ToolResult & { output: { exit_code: number | null; stdout: string; stderr: string } }> {
  const [tool] = createShellTools({ shell });
  if (!tool) throw new Error('no shell tool');
  const result = await tool.execute(tool.input.parse({ command, ...extra }), { user: { id: 'u1', via: 'ingress' }, conversationId: 'c1', signal: new AbortController().signal, language: 'en' });
  return result as Awaited<ReturnType<typeof run>>;
}

/** Host pids whose command line is exactly `argv`. */
function hostPidsRunning(argv: string[]): number[] {
  const wanted = `${argv.join('\0')}\0`;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((entry) => {
      try {
        return readFileSync(`/proc/${entry}/cmdline`, 'utf8') === wanted;
      } catch {
        return false;
      }
    })
    .map(Number)
    .filter(isRunning);
}

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'majordome-sandbox-')));
  root = join(base, 'root');
  outside = join(base, 'outside');
  dataDir = join(base, 'data');
  for (const dir of [root, outside, dataDir]) mkdirSync(dir);
  writeFileSync(join(dataDir, 'options.json'), JSON.stringify({ anthropic_api_key: 'sk-ant-fake-sandbox-key' }));
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe.skipIf(!probe.ok)(`commands in the bubblewrap sandbox${skipReason}`, () => {
  let listener: Server;
  let port: number;
  let connections = 0;

  beforeAll(async () => {
    listener = createServer((socket) => {
      connections++;
      socket.end('hello\n');
    });
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const address = listener.address();
    port = typeof address === 'object' && address ? address.port : 0;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => listener.close(() => resolve()));
  });

  it('have no network: a loopback listener the same command reaches unsandboxed stays out of reach', async () => {
    const connect = `exec 3<>/dev/tcp/127.0.0.1/${port} && head -n1 <&3`;
    const open = await run(await startShell({ sandbox: 'none' }), connect);
    expect(open.output).toMatchObject({ exit_code: 0, stdout: 'hello\n' });
    const before = connections;

    const sandboxed = await run(await startShell(), connect);
    expect(sandboxed.output.exit_code).not.toBe(0);
    expect(sandboxed.output.stdout).toBe('');
    expect(connections).toBe(before);
    expect(sandboxed.output).toMatchObject({ sandbox: 'bwrap' });
  });

  it('write in the roots, and nowhere else', async () => {
    const shell = await startShell();
    const inside = await run(shell, 'echo kept > inside.txt');
    expect(inside.output.exit_code).toBe(0);
    expect(readFileSync(join(root, 'inside.txt'), 'utf8')).toBe('kept\n');

    const systemFile = `/var/tmp/majordome-sandbox-${process.pid}-${Date.now()}`;
    const system = await run(shell, `touch ${systemFile}`);
    expect(system.output.exit_code).not.toBe(0);
    expect(system.output.stderr).toMatch(/Read-only file system/);
    expect(existsSync(systemFile)).toBe(false);

    // The host's /tmp is not the sandbox's: a folder beside the root is out of reach.
    await run(shell, `mkdir -p ${outside} && touch ${join(outside, 'escaped.txt')}`);
    expect(existsSync(join(outside, 'escaped.txt'))).toBe(false);
  });

  it("cannot read the server's data folder (options.json holds the keys) or its environment", async () => {
    const shell = await startShell();
    const data = await run(shell, `cat ${join(dataDir, 'options.json')}`);
    expect(data.output.exit_code).not.toBe(0);
    expect(data.output.stdout).not.toContain('sk-ant-fake-sandbox-key');
    // The server's /proc/<pid>/environ would hold SUPERVISOR_TOKEN; the sandbox has its own /proc.
    const environ = await run(shell, `cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'; env`);
    expect(environ.output.stdout).not.toContain(FAKE_TOKEN);
    expect(environ.output.stdout).not.toContain('SUPERVISOR_TOKEN');
  });

  it('a timeout kills everything the command started inside the sandbox', async () => {
    const shell = await startShell();
    const result = await run(shell, `sleep 4321 & bash -c 'sleep 4322 & wait' & setsid sleep 4323 & wait`, { timeout_s: 1 });
    expect(result.output).toMatchObject({ exit_code: null, timed_out: true });
    await eventually(() => ['4321', '4322', '4323'].every((n) => hostPidsRunning(['sleep', n]).length === 0), 'the sandboxed sleeps to end');
  });
});

describe('when the sandbox cannot run', () => {
  it('commands are refused with the reason, never run unsandboxed', async () => {
    const shell = await startShell({ bwrapPath: join(base, 'no-such-bwrap') });
    const marker = join(root, 'unsandboxed-marker');
    const result = await run(shell, `touch ${marker}`);
    expect(result).toMatchObject({ ok: false });
    expect((result.output as unknown as { error: string }).error).toMatch(/shell_sandbox is "bwrap" but bubblewrap is not installed.*set shell_sandbox to "none"/);
    expect(existsSync(marker)).toBe(false);
  });
});

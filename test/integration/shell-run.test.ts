/**
 * shell_run with real bash processes: limits that kill everything a command started, capped
 * output, a scrubbed environment, working directories kept inside the roots.
 */
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import type { ToolContext, ToolResult } from '../../src/tools/tool.js';
import { ShellService, type ShellServiceDeps } from '../../src/shell/shell-service.js';
import { createShellTools } from '../../src/tools/shell.js';
import { eventually, isRunning, readPids } from '../support/processes.js';

const SECRETS = {
  SUPERVISOR_TOKEN: 'fake-supervisor-token-5f1e2d',
  HASSIO_TOKEN: 'fake-hassio-token-9a8b7c',
  HA_TOKEN: 'fake-ha-token-1b2c3d',
  ANTHROPIC_API_KEY: 'sk-ant-fake-key-4e5f6a',
  OPENAI_API_KEY: 'sk-fake-openai-key-7d8e9f',
};

let base: string;
let root: string;
let outside: string;
const services: ShellService[] = [];

function context(signal = new AbortController().signal): ToolContext {
  return { user: { id: 'u1', via: 'ingress' }, conversationId: 'c1', signal, language: 'en' };
}

async function startShell(overrides: Partial<ShellServiceDeps> = {}): Promise<ShellService> {
  const shell = new ShellService({
    roots: [root],
    timeoutS: 30,
    sandbox: 'none',
    env: { ...process.env, ...SECRETS },
    logger: createLogger('silent'),
    ...overrides,
  });
  await shell.start();
  services.push(shell);
  return shell;
}

async function runTool(shell: ShellService, input: Record<string, unknown>, signal?: AbortSignal): Promise<ToolResult> {
  const [tool] = createShellTools({ shell });
  if (!tool) throw new Error('no shell tool');
  return tool.execute(tool.input.parse(input), context(signal));
}

function output(result: ToolResult): { exit_code: number | null; stdout: string; stderr: string; timed_out?: boolean; notes?: string[]; cwd: string } {
  return result.output as ReturnType<typeof output>;
}

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'majordome-shell-')));
  root = join(base, 'root');
  outside = join(base, 'outside');
  mkdirSync(root);
  mkdirSync(outside);
  symlinkSync(outside, join(root, 'escape'));
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('running a command', () => {
  it('reports the exit code, stdout and stderr, starting in the first root; its output is untrusted', async () => {
    const shell = await startShell();
    const result = await runTool(shell, { command: 'pwd; echo oops >&2; exit 3' });
    expect(result).toMatchObject({
      ok: false,
      untrusted: true,
      taintSource: 'the output of `pwd; echo oops >&2; exit 3`',
      summary: '`pwd; echo oops >&2; exit 3` exited with code 3',
      output: { exit_code: 3, stdout: `${root}\n`, stderr: 'oops\n', cwd: root, sandbox: 'none' },
    });
    expect(await runTool(shell, { command: 'true' })).toMatchObject({ ok: true, output: { exit_code: 0 } });
  });

  it('gets no secret from the server environment', async () => {
    const shell = await startShell();
    const { stdout } = output(await runTool(shell, { command: 'env' }));
    expect(stdout).toMatch(/^PATH=/m);
    for (const [name, value] of Object.entries(SECRETS)) {
      expect(stdout).not.toContain(name);
      expect(stdout).not.toContain(value);
    }
    expect(stdout).not.toMatch(/^(MAJORDOME_|ANTHROPIC_|OPENAI_|NODE_|npm_|VITEST)/m);
  });

  it('caps stdout and stderr and says how much was left out', async () => {
    const shell = await startShell({ outputLimit: 1000 });
    const result = output(await runTool(shell, { command: "head -c 100000 /dev/zero | tr '\\0' a; echo; echo LAST; head -c 50000 /dev/zero | tr '\\0' e >&2" }));
    expect(result.exit_code).toBe(0);
    expect(Buffer.byteLength(result.stdout)).toBeLessThan(1100);
    expect(result.stdout).toMatch(/^a{500}\n\[… 99006 bytes left out …\]\n[a\n]*LAST\n$/);
    expect(result.stderr).toMatch(/^e{500}\n\[… 49000 bytes left out …\]\ne{500}$/);
    expect(result.notes).toEqual(['stdout was 100006 bytes; 99006 bytes from the middle are left out', 'stderr was 50000 bytes; 49000 bytes from the middle are left out']);
  });
});

describe('time limits and cleanup', () => {
  it('a timeout kills the command and everything it started: no orphans left', async () => {
    const shell = await startShell();
    const pidFile = join(base, 'timeout.pids');
    // A child, a grandchild, and a child that left the process group with setsid.
    const command = `sleep 300 & echo $! >> ${pidFile}; bash -c 'sleep 300 & echo $! >> ${pidFile}; wait' & setsid sleep 300 & echo $! >> ${pidFile}; wait`;
    const result = await runTool(shell, { command, timeout_s: 1 });
    expect(result).toMatchObject({ ok: false, output: { exit_code: null, timed_out: true } });
    expect(result.summary).toMatch(/timed out after 1 s and was killed with everything it started/);
    const pids = await readPids(pidFile, 3);
    await eventually(() => pids.every((pid) => !isRunning(pid)), `processes ${pids.join(', ')} to end`);
  });

  it('the time limit asked for is capped by shell_timeout_s', async () => {
    const shell = await startShell({ timeoutS: 1 });
    const result = await runTool(shell, { command: 'sleep 300', timeout_s: 3600 });
    expect(result.summary).toMatch(/timed out after 1 s/);
  });

  it('background jobs do not outlive a command that finished', async () => {
    const shell = await startShell();
    const pidFile = join(base, 'background.pids');
    const result = await runTool(shell, { command: `sleep 300 > /dev/null 2>&1 & echo $! > ${pidFile}; echo started` });
    expect(result).toMatchObject({ ok: true, output: { stdout: 'started\n' } });
    const [pid] = await readPids(pidFile);
    await eventually(() => !isRunning(pid ?? 0), 'the background job to end');
  });

  // A double fork into a new session (setsid -f) leaves the process group and its parent dies at
  // once, so neither the group nor the process tree reaches it any more.
  it.each([
    ['finished', 'true', 30],
    ['timed out', 'sleep 300', 1],
  ])('processes that detached themselves do not outlive a command that %s', async (_how, last, timeoutS) => {
    const shell = await startShell();
    const pidFile = join(base, `detached-${timeoutS}.pids`);
    const command = [
      `setsid -f sh -c 'echo $$ >> ${pidFile}; exec sleep 311'`,
      `nohup sh -c 'echo $$ >> ${pidFile}; exec sleep 312' > /dev/null 2>&1 &`,
      `setsid -f sh -c 'sh -c "echo \\$$ >> ${pidFile}; exec sleep 313" & wait' > /dev/null 2>&1`,
      `sleep 1; ${last}`,
    ].join('\n');
    let pids: number[] = [];
    try {
      await runTool(shell, { command, timeout_s: timeoutS });
      pids = await readPids(pidFile, 3);
      await eventually(() => pids.every((pid) => !isRunning(pid)), `processes ${pids.join(', ')} to end`);
    } finally {
      for (const pid of pids) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
    }
  });

  it('a cancelled turn kills the running command', async () => {
    const shell = await startShell();
    const pidFile = join(base, 'abort.pids');
    const abort = new AbortController();
    const pending = runTool(shell, { command: `sleep 300 & echo $! > ${pidFile}; wait` }, abort.signal);
    const [pid] = await readPids(pidFile);
    abort.abort();
    expect((await pending).summary).toMatch(/stopped because the request was cancelled/);
    await eventually(() => !isRunning(pid ?? 0), 'the command to end');
  });

  it('stop() kills what is still running', async () => {
    const shell = await startShell();
    const pidFile = join(base, 'stop.pids');
    const pending = runTool(shell, { command: `sleep 300 & echo $! > ${pidFile}; wait` });
    const [pid] = await readPids(pidFile);
    await shell.stop();
    await pending;
    await eventually(() => !isRunning(pid ?? 0), 'the command to end');
    expect((await runTool(shell, { command: 'true' })).ok).toBe(false);
  });
});

describe('working directories', () => {
  it.each([
    ['an absolute folder outside the roots', () => outside],
    ['.. out of the root', () => '../outside'],
    ['a symlink out of the root', () => 'escape'],
    ['the system root', () => '/'],
  ])('refuses %s, and the command never runs', async (_what, cwd) => {
    const shell = await startShell();
    const marker = join(base, 'cwd-marker');
    const result = await runTool(shell, { command: `touch ${marker}`, cwd: cwd() });
    expect(result).toMatchObject({ ok: false, summary: expect.stringMatching(/^Not run: /) });
    expect(existsSync(marker)).toBe(false);
  });

  it('runs in a folder inside a root', async () => {
    mkdirSync(join(root, 'scripts'), { recursive: true });
    const shell = await startShell();
    expect(output(await runTool(shell, { command: 'pwd', cwd: 'scripts' })).stdout).toBe(`${join(root, 'scripts')}\n`);
  });

  it('with no usable root, every command is refused with the reason', async () => {
    const shell = await startShell({ roots: [join(base, 'missing')] });
    const result = await runTool(shell, { command: 'true' });
    expect(result).toMatchObject({ ok: false, output: { error: expect.stringMatching(/none of the folders in shell_roots exists here/) } });
  });
});

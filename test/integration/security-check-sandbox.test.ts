/**
 * The sandbox check reads what the shell found when it started: bubblewrap run once on `true`.
 * A container without user namespaces is played by a stand-in `bwrap` that fails the way the
 * real one does there.
 */
import { chmodSync, mkdtempSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { parseOptions } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logger.js';
import { buildSecurityCheck } from '../../src/startup/security-check.js';
import { ShellService } from '../../src/shell/shell-service.js';

const services: ShellService[] = [];
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
});

const bwrapMissing = (() => {
  try {
    execFileSync('bwrap', ['--version'], { stdio: 'ignore' });
    return false;
  } catch {
    return true;
  }
})();

async function sandboxRow(bwrapPath?: string) {
  const base = realpathSync(mkdtempSync(join(tmpdir(), 'majordome-sandbox-')));
  const shell = new ShellService({ roots: [base], timeoutS: 5, sandbox: 'bwrap', env: process.env, logger: createLogger('silent'), ...(bwrapPath && { bwrapPath }) });
  services.push(shell);
  await shell.start();
  const config: Config = {
    mode: 'addon',
    ha: { url: 'http://supervisor/core', token: 't' },
    dataDir: base,
    port: 0,
    trustedProxies: ['172.30.32.2'],
    wyomingPort: 0,
    chromiumPath: '/usr/bin/chromium',
    options: parseOptions({ shell_enabled: true, shell_sandbox: 'bwrap' }),
  };
  const security = buildSecurityCheck({ config, shell, userRules: () => [], index: { describeDomains: () => [] }, wyoming: () => undefined, haTokenAdmin: async () => true });
  const rows = await security.rows('en');
  return rows.find((row) => row.id === 'shell_sandbox_works');
}

describe('the shell sandbox check', () => {
  it('warns, saying so plainly, when bubblewrap cannot create its namespaces here', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'majordome-fake-bwrap-'));
    const fake = join(dir, 'bwrap');
    writeFileSync(fake, '#!/bin/sh\necho "bwrap: No permissions to create new namespace, likely because the kernel does not allow non-privileged user namespaces." >&2\nexit 1\n');
    chmodSync(fake, 0o755);
    const row = await sandboxRow(fake);
    expect(row?.status).toBe('warn');
    expect(row?.detail).toContain('No permissions to create new namespace');
    expect(row?.detail).toMatch(/an add-on container most likely cannot create the namespaces/);
    expect(row?.detail).toMatch(/every shell command is refused/);
  });

  it.skipIf(bwrapMissing)('passes where bubblewrap runs a command', async () => {
    const row = await sandboxRow();
    expect(row).toMatchObject({ status: 'pass', detail: expect.stringContaining('bubblewrap created its sandbox here') });
  });
});

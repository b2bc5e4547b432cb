/**
 * Chromium's own sandbox: on for any user but root, and when the container refuses the namespaces
 * it needs (Docker's default seccomp profile does), the browser still starts without it and the
 * log says so plainly. The refusal is played by a wrapper around the real Chromium that fails the
 * way Chromium does there unless it is started with --no-sandbox.
 */
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { launchChromium, sandboxAvailable } from '../../src/browser/chromium-launch.js';
import { CHROMIUM_PATH, chromiumMissing } from '../e2e/support/browser.js';

let dir: string;

/** A logger whose lines the test reads. */
function capturedLogger(): { logger: ReturnType<typeof createLogger>; lines: () => Array<{ level: number; msg: string }> } {
  const out: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', sink), lines: () => out.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { level: number; msg: string }) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'majordome-sandbox-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the sandbox decision', () => {
  it('is on for any user but root', () => {
    expect(sandboxAvailable(1000)).toBe(true);
    expect(sandboxAvailable(0)).toBe(false);
  });
});

describe.skipIf(chromiumMissing)('Chromium where namespaces are refused', () => {
  it('starts without its sandbox and logs a warning that says so', async () => {
    const wrapper = join(dir, 'chromium-no-namespaces');
    writeFileSync(
      wrapper,
      [
        '#!/bin/sh',
        'for arg in "$@"; do [ "$arg" = --no-sandbox ] && exec "$REAL_CHROMIUM" "$@"; done',
        'echo "Failed to move to new namespace: PID namespaces supported, Network namespace supported, but failed: errno = Operation not permitted" >&2',
        'echo "[1:1:0101/000000.000000:FATAL:zygote_host_impl_linux.cc(201)] Check failed: . : Operation not permitted (1)" >&2',
        'exit 1',
        '',
      ].join('\n'),
    );
    chmodSync(wrapper, 0o755);
    process.env.REAL_CHROMIUM = CHROMIUM_PATH;
    const { logger, lines } = capturedLogger();
    const context = await launchChromium({ executablePath: wrapper, userDataDir: join(dir, 'profile'), proxyPort: 9, sandbox: true, logger });
    try {
      const page = await context.newPage();
      await page.setContent('<p>started</p>');
      expect(await page.textContent('p')).toBe('started');
    } finally {
      await context.close();
    }
    const warnings = lines().filter((line) => line.level === 40);
    expect(warnings).toEqual([expect.objectContaining({ msg: expect.stringMatching(/Chromium's sandbox could not start here .*runs without it/) })]);
  });
});

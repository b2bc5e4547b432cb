/**
 * HA's Wyoming integration only makes a conversation agent of a handle-only server (Majordome's
 * voice agent) from 2024.11 on; older HA refuses it with `no_services`. An admin should read that
 * on the status page and in the log, not discover it in HA's config flow.
 */
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/channels/socket/protocol.js';
import { VOICE_MIN_HA_VERSION } from '../../src/ha/ha-version.js';
import { createLogger } from '../../src/logger.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';

function captureLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, logger: createLogger('info', sink) };
}

async function haStatusOnceConnected(stack: Stack): Promise<StatusReport['ha']> {
  for (let i = 0; i < 200; i++) {
    const report = (await (await fetch(`${stack.url}/api/status`, { headers: TEST_USER_HEADERS })).json()) as StatusReport;
    if (report.ha.connected) return report.ha;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('HA never connected');
}

let stack: Stack | undefined;
afterEach(async () => {
  await stack?.stop();
  stack = undefined;
});

describe('the Home Assistant version the voice agent needs', () => {
  it('shows on the status page and in the log when HA is too old for voice', async () => {
    const { lines, logger } = captureLogger();
    stack = await startStack({ home: loadIntentsHome(), simOptions: { haVersion: '2024.8.3' }, logger });
    const ha = await haStatusOnceConnected(stack);
    expect(ha).toMatchObject({ ha_version: '2024.8.3', voice_needs_ha: VOICE_MIN_HA_VERSION });
    const warning = lines.map((line) => JSON.parse(line) as { level: number; msg: string; haVersion?: string }).find((l) => /voice/i.test(l.msg));
    expect(warning).toMatchObject({ level: 40, haVersion: '2024.8.3' });
    expect(warning?.msg).toContain(`Home Assistant ${VOICE_MIN_HA_VERSION} or newer`);
  });

  it('says nothing about it when HA is recent enough', async () => {
    const { lines, logger } = captureLogger();
    stack = await startStack({ home: loadIntentsHome(), simOptions: { haVersion: '2024.11.0' }, logger });
    const ha = await haStatusOnceConnected(stack);
    expect(ha.ha_version).toBe('2024.11.0');
    expect(ha).not.toHaveProperty('voice_needs_ha');
    expect(lines.join('')).not.toMatch(/or newer/);
  });
});

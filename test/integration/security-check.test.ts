import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { closeDatabase, openDatabase } from '../../src/store/database.js';
import { RuleStore } from '../../src/store/rules.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import type { StatusReport } from '../../src/channels/socket/protocol.js';
import { SECURITY_CHECKS } from '../../src/security-check/checks.js';
import { startStack, TEST_USER_HEADERS, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

interface LogLine {
  level: number;
  msg: string;
  module?: string;
  check?: string;
  status?: string;
  failed?: number;
}

describe('the security check, end to end', () => {
  let stack: Stack | undefined;
  afterEach(async () => {
    await stack?.stop();
    stack = undefined;
  });

  it('logs one line per warning or failure, once HA has described the home, then a summary', async () => {
    const lines: LogLine[] = [];
    const logger = createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) });
    stack = await startStack({
      home: loadIntentsHome(),
      logger,
      options: {
        shell_enabled: true,
        shell_roots: [mkdtempSync(join(tmpdir(), 'majordome-shell-'))],
        entity_access: 'all',
        rules: [{ effect: 'allow', tool: 'ha_call_service', match: 'domain=lock' }],
      },
    });
    const security = () => lines.filter((line) => line.module === 'security');
    const summary = await until(() => security().find((line) => line.msg.startsWith('security check: ')), 'the security summary');
    const findings = security().filter((line) => line.check !== undefined);
    // Failures first, each on its own line with the check's id.
    expect(findings[0]).toMatchObject({ check: 'risky_rules', status: 'fail' });
    expect(findings[0]?.msg).toContain('option rules[0]');
    const checks = findings.map((line) => line.check);
    expect(checks).toEqual(expect.arrayContaining(['shell_sandbox', 'entity_access', 'approval_phone', 'daily_budget']));
    // HA's exposure was read: the intents home exposes its locks to Assist.
    expect(findings.find((line) => line.check === 'assist_exposure')?.msg).toMatch(/lock\.front_door/);
    expect(summary).toMatchObject({ failed: findings.filter((line) => line.status === 'fail').length });
    expect(findings.length).toBe(security().length - 1);
    // Once: nothing more is logged after the summary.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(security().filter((line) => line.msg.startsWith('security check: '))).toHaveLength(1);
  });

  it('shows the same checks to an administrator on /api/status, in French when asked, and none to other users', async () => {
    stack = await startStack({ home: loadIntentsHome(), options: { rules: [{ effect: 'allow', tool: 'ha_call_service', match: 'domain=alarm_control_panel' }] } });
    const statusAs = async (headers: Record<string, string>) => (await (await fetch(`${stack!.url}/api/status?language=fr`, { headers })).json()) as StatusReport;
    const admin = await statusAs(TEST_USER_HEADERS);
    expect(admin.user.is_admin).toBe(true);
    expect(admin.security?.checks[0]).toMatchObject({ id: 'risky_rules', status: 'fail', title: 'Règles pour serrures, alarmes et portails' });
    expect(admin.security?.checks[0]?.detail).toContain('option rules[0]');
    expect(admin.security?.checks.length).toBe(SECURITY_CHECKS.length);
    const bob = await statusAs({ 'x-remote-user-id': 'user-bob', 'x-remote-user-name': 'bob' });
    expect(bob.user.is_admin).toBe(false);
    expect(bob).not.toHaveProperty('security');
  });

  it('names a saved rule that unlocks a door, until it is deleted', async () => {
    // "Always allow" refuses locks, but a saved rule can still cover one (saved by an older
    // version, or written into the database): the check names it.
    const dataDir = mkdtempSync(join(tmpdir(), 'majordome-stack-'));
    const db = openDatabase(join(dataDir, 'majordome.db'));
    const rule = new RuleStore(db).add({ effect: 'allow', tool: 'ha_call_service', match: 'domain=lock service=unlock entity_id=lock.front_door', createdBy: 'user-admin' });
    closeDatabase(db);
    stack = await startStack({ home: loadIntentsHome(), dataDir });
    const url = stack.url;
    const riskyRules = async () => {
      const report = (await (await fetch(`${url}/api/status`, { headers: TEST_USER_HEADERS })).json()) as StatusReport;
      return report.security?.checks.find((c) => c.id === 'risky_rules');
    };

    expect(await riskyRules()).toMatchObject({ status: 'fail', detail: expect.stringContaining(`saved rule ${rule.id}`) });
    expect((await fetch(`${url}/api/rules/${rule.id}`, { method: 'DELETE', headers: TEST_USER_HEADERS })).ok).toBe(true);
    expect((await riskyRules())?.status).toBe('pass');
  });
});

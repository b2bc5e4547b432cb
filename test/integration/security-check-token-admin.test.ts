/**
 * Standalone, HA_TOKEN must belong to an administrator: HA shows its user list (who may approve)
 * only to administrators, so with anyone else's token every approval decision is refused. The
 * security check says so at start and on the status page, before anyone meets it. The real server
 * against the HA simulator, whose `auth/current_user` answers `is_admin` as HA does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StatusReport } from '../../src/channels/socket/protocol.js';
import { createLogger } from '../../src/logger.js';
import { startHaSim, loadIntentsHome, type HaSim } from '../ha-sim/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { until } from '../support/until.js';

interface LogLine {
  level: number;
  msg: string;
  module?: string;
  check?: string;
  status?: string;
}

/** Alice signs in to the standalone panel with her own HA token (HA's login). */
const ALICE_BEARER = { authorization: 'Bearer sim-admin-token' };

describe('the security check reads whether HA_TOKEN belongs to an administrator (standalone)', () => {
  let stack: Stack | undefined;
  let sim: HaSim | undefined;
  afterEach(async () => {
    await stack?.stop();
    await sim?.stop();
    stack = undefined;
    sim = undefined;
  });

  /** Majordome standalone on the simulator with this HA_TOKEN; its log lines collected. */
  async function startWithToken(token: string): Promise<{ stack: Stack; lines: LogLine[] }> {
    const lines: LogLine[] = [];
    sim = await startHaSim({ home: loadIntentsHome() });
    stack = await startStack({
      home: loadIntentsHome(),
      sim,
      config: { ha: { url: sim.url, token } },
      logger: createLogger('info', { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) }),
    });
    return { stack, lines };
  }

  /** The security rows an administrator's status page shows, in `language`. */
  const checksOf = async (url: string, language: string) => {
    const report = (await (await fetch(`${url}/api/status?language=${language}`, { headers: ALICE_BEARER })).json()) as StatusReport;
    return report.security?.checks ?? [];
  };
  const tokenCheck = async (url: string, language: string) => (await checksOf(url, language)).find((check) => check.id === 'ha_token_admin');

  it("fails with a non-administrator's token: logged at start, and first on an administrator's status page, in English and French", async () => {
    const { stack, lines } = await startWithToken('sim-user-token');
    const security = () => lines.filter((line) => line.module === 'security');
    await until(() => security().find((line) => line.msg.startsWith('security check: ')), 'the security summary');
    const logged = security().find((line) => line.check === 'ha_token_admin');
    expect(logged).toMatchObject({ status: 'fail' });
    expect(logged?.msg).toMatch(/^security check fail: .*HA_TOKEN belongs to a user who is not an administrator of Home Assistant: nobody can approve/);

    const [en] = await checksOf(stack.url, 'en');
    expect(en?.id).toBe('ha_token_admin');
    expect(en).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^HA_TOKEN belongs to a user who is not an administrator of Home Assistant: nobody can approve .*; create the token as an administrator/) });
    const fr = await tokenCheck(stack.url, 'fr');
    expect(fr).toMatchObject({ status: 'fail', detail: expect.stringMatching(/^HA_TOKEN appartient à un utilisateur qui n'est pas administrateur de Home Assistant : personne ne peut approuver/) });
  });

  it("passes with an administrator's token", async () => {
    const { stack, lines } = await startWithToken('sim-admin-token');
    await until(() => lines.find((line) => line.module === 'security' && line.msg.startsWith('security check: ')), 'the security summary');
    expect(lines.find((line) => line.check === 'ha_token_admin')).toBeUndefined();
    expect(await tokenCheck(stack.url, 'en')).toMatchObject({ status: 'pass', detail: 'HA_TOKEN belongs to an administrator of Home Assistant, so Majordome can ask it who may approve.' });
  });
});

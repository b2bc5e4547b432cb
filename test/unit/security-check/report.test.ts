import { describe, expect, it } from 'vitest';
import { runSecurityChecks } from '../../../src/security-check/checks.js';
import { describeChecks, logSecurityCheck } from '../../../src/security-check/report.js';
import { safeFacts } from './support.js';

describe('the security check as people read it', () => {
  const results = runSecurityChecks(safeFacts({ uid: 0 }, { entity_access: 'all', mail_accounts: [{ name: 'home', imap_host: 'i', smtp_host: 's', username: 'a', password: 'p', smtp_tls: 'none' }] }));

  it('fills every sentence in English and French, with no placeholder left', () => {
    for (const language of ['en', 'fr', 'fr-CA', 'de']) {
      const rows = describeChecks(results, language);
      for (const row of rows) {
        expect(row.title, row.id).not.toBe('');
        expect(row.detail, row.id).not.toMatch(/\{\w+\}/);
      }
    }
    const fr = describeChecks(results, 'fr');
    expect(fr[0]).toMatchObject({ id: 'mail_tls', status: 'fail', title: 'Chiffrement du courrier' });
    expect(fr[0]?.detail).toContain('home');
    expect(describeChecks(results, 'de')[0]?.title).toBe('Mail encryption');
  });

  it('logs one line per warning or failure, then a summary', () => {
    const lines: Array<{ level: string; obj: object; msg: string }> = [];
    const logger = {
      info: (obj: object, msg: string) => lines.push({ level: 'info', obj, msg }),
      warn: (obj: object, msg: string) => lines.push({ level: 'warn', obj, msg }),
    };
    logSecurityCheck(results, logger as never);
    expect(lines.map((l) => l.msg)).toEqual([
      expect.stringMatching(/^security check fail: Mail encryption: These mail accounts .*home/),
      expect.stringMatching(/^security check warn: Entity access: entity_access is "all"/),
      expect.stringMatching(/^security check warn: Runs as root: /),
      expect.stringMatching(/^security check: 1 failed, 2 to look at, \d+ passed/),
    ]);
    expect(lines.at(-1)).toMatchObject({ level: 'info', obj: { failed: 1, warnings: 2 } });
  });
});

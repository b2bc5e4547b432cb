import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../../src/config/config.js';
import { parseOptions } from '../../../src/config/load-config.js';
import { createSecurityFacts, modelBaseUrlOf, sandboxStateOf, statMode } from '../../../src/security-check/gather-facts.js';
import { tokenIssuedAt } from '../../../src/security-check/token-issued.js';
import { jwtIssuedAt } from './support.js';

function configFor(dataDir: string, overrides: Partial<Config> = {}): Config {
  return {
    mode: 'standalone',
    ha: { url: 'http://ha.example.org:8123', token: jwtIssuedAt(1_700_000_000) },
    dataDir,
    port: 0,
    trustedProxies: ['172.30.32.2'],
    wyomingPort: 0,
    chromiumPath: '/usr/bin/chromium',
    options: parseOptions({}),
    ...overrides,
  };
}

const sources = (config: Config) => ({
  config,
  uid: () => 0,
  statMode,
  sandbox: () => sandboxStateOf({ ok: false, reason: 'bwrap: No permissions to create new namespace' }),
  userRules: () => [],
  homeEntities: () => undefined,
  wyoming: () => undefined,
  haTokenAdmin: async () => false,
  now: () => new Date('2026-01-01T00:00:00Z'),
});

describe('gathering the security facts', () => {
  it("reads the data files' permission bits from disk, the token's age and the probes", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'majordome-facts-'));
    writeFileSync(join(dataDir, 'options.json'), '{}');
    chmodSync(join(dataDir, 'options.json'), 0o644);
    mkdirSync(join(dataDir, 'browser'), { mode: 0o700 });
    chmodSync(dataDir, 0o751);
    const facts = await createSecurityFacts(sources(configFor(dataDir)))();
    expect(facts.dataDirMode).toBe(0o751);
    expect(facts.dataFiles).toEqual([
      { name: 'options.json', mode: 0o644 },
      { name: 'browser/', mode: 0o700 },
    ]);
    expect(facts.haTokenIssuedAt).toEqual(new Date(1_700_000_000_000));
    expect(facts.sandbox).toEqual({ kind: 'broken', reason: 'bwrap: No permissions to create new namespace' });
    expect(facts.uid).toBe(0);
    expect(facts.haTokenAdmin).toBe(false);
  });

  it("asks HA whether HA_TOKEN's user is an administrator only standalone: the add-on's token is the Supervisor's", async () => {
    let asked = 0;
    const ask = async () => {
      asked++;
      return undefined;
    };
    const dataDir = mkdtempSync(join(tmpdir(), 'majordome-facts-'));
    expect((await createSecurityFacts({ ...sources(configFor(dataDir)), haTokenAdmin: ask })()).haTokenAdmin).toBeUndefined();
    expect(asked).toBe(1);
    expect((await createSecurityFacts({ ...sources(configFor(dataDir, { mode: 'addon' })), haTokenAdmin: ask })()).haTokenAdmin).toBeUndefined();
    expect(asked).toBe(1);
  });

  it('reads no token age in add-on mode, and the endpoint of the provider in use', async () => {
    const facts = await createSecurityFacts(sources(configFor(mkdtempSync(join(tmpdir(), 'majordome-facts-')), { mode: 'addon', anthropicBaseUrl: 'http://x.example/' })))();
    expect(facts.haTokenIssuedAt).toBeUndefined();
    expect(facts.modelBaseUrl).toBe('http://x.example/');
    expect(modelBaseUrlOf({ options: parseOptions({ llm_provider: 'openai' }), openaiBaseUrl: 'http://env.example/v1' })).toBe('http://env.example/v1');
    expect(modelBaseUrlOf({ options: parseOptions({ llm_provider: 'openai', openai_base_url: 'http://opt.example/v1' }), openaiBaseUrl: 'http://env.example/v1' })).toBe('http://opt.example/v1');
  });

  it("reads a JWT's iat and nothing from other tokens", () => {
    expect(tokenIssuedAt(jwtIssuedAt(1_600_000_000))).toEqual(new Date(1_600_000_000_000));
    expect(tokenIssuedAt('not-a-jwt')).toBeUndefined();
    expect(tokenIssuedAt('a.b.c')).toBeUndefined();
    expect(tokenIssuedAt(`x.${Buffer.from('{"iat":"soon"}').toString('base64url')}.y`)).toBeUndefined();
  });
});

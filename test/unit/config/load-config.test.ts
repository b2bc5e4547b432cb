import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { normalizeAddress } from '../../../src/config/normalize-address.js';

function dataDir(options?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'majordome-config-'));
  if (options !== undefined) writeFileSync(join(dir, 'options.json'), options);
  return dir;
}

function failure(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected loadConfig to fail');
}

describe('loadConfig', () => {
  it('is add-on mode when SUPERVISOR_TOKEN is set, with HA behind the Supervisor', () => {
    const config = loadConfig({ MAJORDOME_DATA_DIR: dataDir('{}'), SUPERVISOR_TOKEN: 'tok', SUPERVISOR_URL: 'http://127.0.0.1:9/' });
    expect(config.mode).toBe('addon');
    expect(config.ha).toEqual({ url: 'http://127.0.0.1:9/core', token: 'tok' });
    expect(config.options).toMatchObject({ llm_provider: 'anthropic', entity_access: 'exposed', max_steps: 12, language: 'en' });
    expect(config.trustedProxies).toEqual(['172.30.32.2']);
  });

  it('is standalone with HA_URL and HA_TOKEN, and says what to set when they are missing', () => {
    const dir = dataDir();
    expect(loadConfig({ MAJORDOME_DATA_DIR: dir, HA_URL: 'http://ha.local:8123/', HA_TOKEN: 't' }).ha.url).toBe('http://ha.local:8123');
    expect(failure({ MAJORDOME_DATA_DIR: dir })).toMatch(/^HA_URL: not set/);
    expect(failure({ MAJORDOME_DATA_DIR: dir, HA_URL: 'http://x' })).toMatch(/^HA_TOKEN: not set/);
    expect(failure({ MAJORDOME_DATA_DIR: dir, HA_URL: 'ftp://x', HA_TOKEN: 't' })).toMatch(/^HA_URL: .* not an http/);
  });

  it('fails with one line naming the bad option', () => {
    const env = (options: string) => ({ MAJORDOME_DATA_DIR: dataDir(options), SUPERVISOR_TOKEN: 't' });
    expect(failure(env('{"entity_access":"everything"}'))).toMatch(/^option entity_access: /);
    expect(failure(env('{"max_steps":0}'))).toMatch(/^option max_steps: /);
    expect(failure(env('{"language":"English please"}'))).toMatch(/^option language: must be a language code/);
    expect(failure(env('{"log_level": '))).toMatch(/^options.json: not valid JSON/);
    expect(failure(env('{"log_level":"loud"}'))).not.toContain('\n');
  });

  it('rejects a bad port in the environment', () => {
    expect(failure({ MAJORDOME_DATA_DIR: dataDir(), SUPERVISOR_TOKEN: 't', MAJORDOME_PORT: 'eighty' })).toMatch(/^MAJORDOME_PORT: /);
  });
});

describe('normalizeAddress', () => {
  it('treats IPv4-mapped IPv6 as the IPv4 address', () => {
    expect(normalizeAddress('::ffff:172.30.32.2')).toBe('172.30.32.2');
    expect(normalizeAddress('::FFFF:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeAddress('::1')).toBe('::1');
  });
});

import { describe, expect, it } from 'vitest';
import { buildChildEnv, tagRunEnv } from '../../../src/shell/child-env.js';

describe('the environment of shell commands', () => {
  const server = {
    PATH: '/usr/local/bin:/usr/bin:/bin',
    HOME: '/root',
    LANG: 'fr_FR.UTF-8',
    TZ: 'Europe/Paris',
    SUPERVISOR_TOKEN: 'supervisor-secret-123456',
    HASSIO_TOKEN: 'hassio-secret-123456',
    HA_TOKEN: 'eyJhbGciOi.fake.token',
    ANTHROPIC_API_KEY: 'sk-ant-fake-key-123456',
    OPENAI_API_KEY: 'sk-fake-openai-123456',
    MAJORDOME_DATA_DIR: '/data',
    BASH_ENV: '/tmp/evil.sh',
    LD_PRELOAD: '/tmp/evil.so',
    'BASH_FUNC_ls%%': '() { rm -rf /; }',
    NODE_OPTIONS: '--require /tmp/evil.js',
  };

  it('passes only the allowlisted variables through', () => {
    expect(buildChildEnv(server)).toEqual({ PATH: server.PATH, HOME: '/root', LANG: 'fr_FR.UTF-8', TZ: 'Europe/Paris', TERM: 'dumb', PAGER: 'cat' });
  });

  it('has a usable PATH and locale even when the server has none', () => {
    expect(buildChildEnv({})).toMatchObject({ PATH: expect.stringContaining('/usr/bin'), LANG: 'C.UTF-8' });
  });

  it('tags each run with an id of its own, the rest unchanged', () => {
    const env = buildChildEnv({});
    const first = tagRunEnv(env);
    const second = tagRunEnv(env);
    expect(first.env).toEqual({ ...env, SHELL_RUN_ID: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(first.tag).toBe(`SHELL_RUN_ID=${first.env.SHELL_RUN_ID}`);
    expect(second.tag).not.toBe(first.tag);
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import type { Config } from './config.js';
import { optionsSchema, type Options } from './options.js';
import { normalizeAddress } from './normalize-address.js';

/** Reads `$MAJORDOME_DATA_DIR/options.json` and the environment into one Config; throws ConfigError. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = env.MAJORDOME_DATA_DIR || '/data';
  const options = readOptions(join(dataDir, 'options.json'));
  const supervisorToken = env.SUPERVISOR_TOKEN || env.HASSIO_TOKEN;
  const base = {
    dataDir,
    port: parsePort(env, 'MAJORDOME_PORT', 8099),
    trustedProxies: parseList(env.MAJORDOME_TRUSTED_PROXIES ?? '172.30.32.2').map(normalizeAddress),
    wyomingPort: parsePort(env, 'MAJORDOME_WYOMING_PORT', 10500),
    wyomingPeers: parseList(env.MAJORDOME_WYOMING_PEERS ?? '').map(normalizeAddress),
    chromiumPath: env.MAJORDOME_CHROMIUM || '/usr/bin/chromium',
    anthropicBaseUrl: parseUrl(env, 'ANTHROPIC_BASE_URL'),
    openaiBaseUrl: parseUrl(env, 'OPENAI_BASE_URL'),
    options,
  };
  if (supervisorToken) {
    const supervisorUrl = (parseUrl(env, 'SUPERVISOR_URL') ?? 'http://supervisor').replace(/\/+$/, '');
    return {
      ...base,
      mode: 'addon',
      ha: { url: `${supervisorUrl}/core`, token: supervisorToken },
      supervisor: { url: supervisorUrl, token: supervisorToken },
    };
  }
  const haUrl = parseUrl(env, 'HA_URL');
  if (!haUrl) {
    throw new ConfigError(
      'HA_URL: not set. Outside the add-on, set HA_URL (e.g. http://homeassistant.local:8123) and HA_TOKEN (a long-lived access token).',
    );
  }
  if (!env.HA_TOKEN) {
    throw new ConfigError('HA_TOKEN: not set. Create a long-lived access token in your HA profile (Security tab) and set HA_TOKEN.');
  }
  return { ...base, mode: 'standalone', ha: { url: haUrl.replace(/\/+$/, ''), token: env.HA_TOKEN } };
}

/** Parses options.json; a missing file means all defaults. */
export function readOptions(path: string): Options {
  let raw: unknown = {};
  let text: string | undefined;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ConfigError(`options.json: cannot be read (${(err as Error).message})`);
    }
  }
  if (text !== undefined) {
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw new ConfigError(`options.json: not valid JSON (${(err as Error).message})`);
    }
  }
  return parseOptions(raw);
}

/** Validates options, turning the first zod issue into one line naming the option. */
export function parseOptions(raw: unknown): Options {
  const result = optionsSchema.safeParse(raw);
  if (result.success) return result.data;
  throw new ConfigError(formatIssue(result.error.issues[0]));
}

function formatIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return 'options: invalid';
  const path = issue.path.length ? issue.path.join('.') : 'options';
  return `option ${path}: ${issue.message}`;
}

function parsePort(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name}: "${value}" is not a port number (0–65535)`);
  }
  return port;
}

function parseUrl(env: NodeJS.ProcessEnv, name: string): string | undefined {
  const value = env[name];
  if (!value) return undefined;
  try {
    const url = new URL(value);
    if (!/^https?:$/.test(url.protocol)) throw new Error('not http(s)');
  } catch {
    throw new ConfigError(`${name}: "${value}" is not an http(s) URL`);
  }
  return value;
}

function parseList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

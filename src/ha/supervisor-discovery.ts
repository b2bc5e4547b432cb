/**
 * Add-on mode: tells the Supervisor about a service of ours (`POST $SUPERVISOR_URL/discovery`), so
 * HA shows a "Discovered" card for it. Retries with back-off while the Supervisor is unreachable or
 * failing; gives up at once on a refusal (403 means config.yaml does not declare the service).
 * The token is sent, never logged.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';

/** What to announce, where, and how patiently. */
export interface DiscoveryOptions {
  supervisorUrl: string;
  token: string;
  /** `wyoming` */
  service: string;
  /** e.g. `{ uri: 'tcp://local-majordome:10500' }` */
  config: Record<string, unknown>;
  logger: Logger;
  /** Waits between attempts; the last one repeats until `maxAttempts` (default 1 s … 60 s). */
  retryDelaysMs?: readonly number[];
  /** Default 10. */
  maxAttempts?: number;
  /** One attempt's time limit (default 10 s). */
  attemptTimeoutMs?: number;
  fetch?: typeof fetch;
}

const DEFAULT_DELAYS = [1000, 2000, 5000, 10_000, 30_000, 60_000];

type Attempt = { done: true; uuid?: string } | { done: false; retry: boolean; reason: string };

/** Whether an HTTP status is worth another try. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

async function attempt(options: DiscoveryOptions, signal: AbortSignal): Promise<Attempt> {
  const doFetch = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(`${options.supervisorUrl.replace(/\/+$/, '')}/discovery`, {
      method: 'POST',
      headers: { authorization: `Bearer ${options.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ service: options.service, config: options.config }),
      signal: AbortSignal.any([signal, AbortSignal.timeout(options.attemptTimeoutMs ?? 10_000)]),
    });
  } catch (err) {
    return { done: false, retry: true, reason: err instanceof Error ? err.message : String(err) };
  }
  const body = (await response.json().catch(() => undefined)) as { result?: string; message?: string; data?: { uuid?: unknown } } | undefined;
  if (response.ok && body?.result !== 'error') {
    const uuid = typeof body?.data?.uuid === 'string' ? body.data.uuid : undefined;
    return { done: true, ...(uuid !== undefined && { uuid }) };
  }
  const reason = `HTTP ${response.status}${body?.message ? `: ${body.message}` : ''}`;
  return { done: false, retry: isRetryableStatus(response.status), reason };
}

/**
 * Announces the service; resolves with the discovery uuid, or undefined when it gave up or was
 * aborted. Never throws.
 */
export async function announceDiscovery(options: DiscoveryOptions, signal: AbortSignal): Promise<string | undefined> {
  const delays = options.retryDelaysMs ?? DEFAULT_DELAYS;
  const maxAttempts = options.maxAttempts ?? 10;
  const log = options.logger;
  for (let n = 1; n <= maxAttempts && !signal.aborted; n++) {
    const result = await attempt(options, signal);
    if (result.done) {
      log.info({ service: options.service, config: options.config, uuid: result.uuid }, 'announced to the Supervisor');
      return result.uuid;
    }
    if (signal.aborted) return undefined;
    if (!result.retry) {
      log.error({ service: options.service, reason: result.reason }, 'the Supervisor refused the discovery announcement; check discovery in config.yaml');
      return undefined;
    }
    if (n === maxAttempts) break;
    const wait = delays[Math.min(n - 1, delays.length - 1)] ?? 60_000;
    log.warn({ service: options.service, reason: result.reason, attempt: n, retryInMs: wait }, 'discovery announcement failed; retrying');
    const slept = await sleep(wait, true, { signal }).catch(() => false);
    if (!slept) return undefined;
  }
  if (!signal.aborted) log.error({ service: options.service }, 'gave up announcing to the Supervisor');
  return undefined;
}

/**
 * Chromium forgets session cookies (those without an expiry) when it closes, so an idle close
 * would log people out of most sites. They are kept in a file of the profile (owner-only, like
 * Chromium's own cookie store beside it) and put back at the next start.
 */
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { describeError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { BrowserCookie } from './cookie-import.js';

const FILE = 'majordome-session-cookies.json';

/** Saves the context's session cookies into the profile; a failure is logged, never thrown. */
export async function saveSessionCookies(context: BrowserContext, profileDir: string, logger: Logger): Promise<void> {
  try {
    const session = (await context.cookies()).filter((cookie) => cookie.expires === -1);
    const file = join(profileDir, FILE);
    writeFileSync(file, JSON.stringify(session), { mode: 0o600 });
    chmodSync(file, 0o600);
  } catch (err) {
    logger.warn({ err: describeError(err) }, 'could not keep the session cookies');
  }
}

/** Puts back the session cookies saved at the last close, if any. */
export async function restoreSessionCookies(context: BrowserContext, profileDir: string, logger: Logger): Promise<void> {
  const file = join(profileDir, FILE);
  if (!existsSync(file)) return;
  try {
    const cookies = JSON.parse(readFileSync(file, 'utf8')) as BrowserCookie[];
    if (Array.isArray(cookies) && cookies.length > 0) await context.addCookies(cookies);
  } catch (err) {
    logger.warn({ err: describeError(err) }, 'could not restore the session cookies');
  }
}

/**
 * Cookies from the JSON exports people can make of a logged-in browser: a list of cookies as the
 * Cookie-Editor and EditThisCookie extensions or Chrome's DevTools write it, or an object with a
 * `cookies` list (Playwright's storage state, Puppeteer). Pure: turns them into Playwright's
 * cookie shape and says what is wrong with the rest, never echoing a value.
 */
import { z } from 'zod';

/** A cookie as Playwright's `addCookies` takes it. */
export interface BrowserCookie {
  name: string;
  value: string;
  domain: string;
  path: string;
  /** Seconds since the epoch; -1 for a session cookie. */
  expires: number;
  httpOnly: boolean;
  secure: boolean;
  sameSite?: 'Strict' | 'Lax' | 'None';
}

/** The largest export accepted. */
export const MAX_COOKIES = 3000;

const exported = z.object({
  name: z.string().min(1).max(4096),
  value: z.string().max(8192),
  domain: z.string().trim().min(1).max(255),
  path: z.string().max(1024).optional(),
  expirationDate: z.number().optional(),
  expires: z.number().optional(),
  httpOnly: z.boolean().optional(),
  secure: z.boolean().optional(),
  sameSite: z.string().optional(),
  hostOnly: z.boolean().optional(),
  session: z.boolean().optional(),
});

const SAME_SITE: Readonly<Record<string, BrowserCookie['sameSite']>> = {
  strict: 'Strict',
  lax: 'Lax',
  none: 'None',
  no_restriction: 'None',
};

function toCookie(raw: z.infer<typeof exported>): BrowserCookie {
  const expiry = raw.expirationDate ?? raw.expires;
  const session = raw.session === true || expiry === undefined || expiry <= 0;
  // A host-only cookie is set without the leading dot; Playwright reads ".example.com" as "and subdomains".
  const domain = raw.hostOnly === true ? raw.domain.replace(/^\.+/, '') : raw.domain;
  let sameSite = raw.sameSite === undefined ? undefined : SAME_SITE[raw.sameSite.toLowerCase()];
  const secure = raw.secure === true;
  // Chromium drops SameSite=None cookies that are not Secure; Lax is what it would apply anyway.
  if (sameSite === 'None' && !secure) sameSite = 'Lax';
  return {
    name: raw.name,
    value: raw.value,
    domain: domain.toLowerCase(),
    path: raw.path?.startsWith('/') ? raw.path : '/',
    expires: session ? -1 : Math.floor(expiry),
    httpOnly: raw.httpOnly === true,
    secure,
    ...(sameSite && { sameSite }),
  };
}

/** The parsed export, or what is wrong with it (by position and field, never by value). */
export function parseCookieExport(body: unknown): { ok: true; cookies: BrowserCookie[] } | { ok: false; error: string } {
  const list = Array.isArray(body) ? body : (body as { cookies?: unknown } | null)?.cookies;
  if (!Array.isArray(list)) return { ok: false, error: 'Send a JSON list of cookies, or an object with a "cookies" list (a Cookie-Editor or Playwright export).' };
  if (list.length === 0) return { ok: false, error: 'The export has no cookies.' };
  if (list.length > MAX_COOKIES) return { ok: false, error: `The export has ${list.length} cookies; at most ${MAX_COOKIES} are accepted.` };
  const cookies: BrowserCookie[] = [];
  for (const [index, item] of list.entries()) {
    const parsed = exported.safeParse(item);
    if (!parsed.success) {
      const field = parsed.error.issues[0]?.path.join('.') || 'cookie';
      return { ok: false, error: `Cookie ${index + 1}: ${field} is missing or invalid.` };
    }
    cookies.push(toCookie(parsed.data));
  }
  return { ok: true, cookies };
}

/** The sites of a cookie list, for a reply that shows what was imported without the values. */
export function cookieSites(cookies: readonly BrowserCookie[]): string[] {
  return [...new Set(cookies.map((c) => c.domain.replace(/^\./, '')))].sort();
}

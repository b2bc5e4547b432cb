/**
 * How the panel gets its identity: `GET api/panel-config` says whether ingress already names the
 * user or the panel must sign in with HA's own login (standalone), which home-assistant-js-websocket's
 * `getAuth` runs: redirect to HA's `/auth/authorize`, come back with a code, exchange it at
 * `/auth/token` (client id: this page's origin), refresh when the token expires.
 */
import { ERR_INVALID_AUTH, ERR_INVALID_HTTPS_TO_HTTP, getAuth, type AuthData } from 'home-assistant-js-websocket';
import { apiUrl, errorFromBody } from './api.js';
import { createHaSession, INGRESS_SESSION, type PanelSession } from './session.js';

/** What `GET /api/panel-config` answers. */
export interface PanelConfig {
  mode: 'addon' | 'standalone';
  /** Present when the panel must sign in with HA's login at this address. */
  ha_url?: string;
}

/** Why signing in failed: HA refused the code, HA is http while the panel is https, or HA is unreachable. */
export class SignInError extends Error {
  readonly reason: 'refused' | 'insecure' | 'unreachable';

  constructor(reason: SignInError['reason']) {
    super(`Signing in with Home Assistant failed (${reason}).`);
    this.name = 'SignInError';
    this.reason = reason;
  }
}

const TOKENS_KEY = 'majordome.hassTokens';
const ROUTE_KEY = 'majordome.routeBeforeSignIn';
const CALLBACK_PARAMS = ['auth_callback', 'code', 'state'];

/** Reads the panel's sign-in mode; a server without the route is an ingress one. */
export async function fetchPanelConfig(base: string = document.baseURI): Promise<PanelConfig> {
  const response = await fetch(apiUrl('panel-config', base), { headers: { accept: 'application/json' }, credentials: 'same-origin' });
  if (response.status === 404) return { mode: 'addon' };
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorFromBody(response.status, body);
  const record = (body ?? {}) as Record<string, unknown>;
  return {
    mode: record.mode === 'standalone' ? 'standalone' : 'addon',
    ...(typeof record.ha_url === 'string' && record.ha_url !== '' && { ha_url: record.ha_url }),
  };
}

/** Stored tokens, or null when there are none or they cannot be read. */
export function readStoredTokens(storage: Pick<Storage, 'getItem'>): AuthData | null {
  try {
    const data = JSON.parse(storage.getItem(TOKENS_KEY) ?? 'null') as Partial<AuthData> | null;
    return data && typeof data.access_token === 'string' && typeof data.hassUrl === 'string' ? (data as AuthData) : null;
  } catch {
    return null;
  }
}

/** Whether this page load is HA's redirect back from its login page. */
export function isAuthCallback(search: string): boolean {
  return new URLSearchParams(search).has('auth_callback');
}

/** The address without the sign-in callback's query parameters (the code must not stay in history). */
export function withoutCallbackParams(href: string, hash = ''): string {
  const url = new URL(href);
  for (const name of CALLBACK_PARAMS) url.searchParams.delete(name);
  url.hash = hash;
  return url.href;
}

function toSignInError(err: unknown): SignInError {
  if (err === ERR_INVALID_AUTH) return new SignInError('refused');
  if (err === ERR_INVALID_HTTPS_TO_HTTP) return new SignInError('insecure');
  // ERR_INVALID_AUTH_CALLBACK (a code meant for another HA or client) is a refusal too.
  return new SignInError(typeof err === 'number' ? 'refused' : 'unreachable');
}

/** The session the panel runs with: none to add behind ingress, HA's login when the server says so. */
export async function startSession(config: PanelConfig, onSignedOut: () => void): Promise<PanelSession> {
  return config.ha_url ? signInWithHa(config.ha_url, onSignedOut) : INGRESS_SESSION;
}

/**
 * Standalone: signs in with HA's login at `haUrl`. Without stored tokens the browser leaves for
 * HA's login page and this never resolves; on the way back the code becomes tokens, kept in
 * localStorage like HA's own frontend keeps them, and the page returns to the route it was on.
 */
export async function signInWithHa(haUrl: string, onSignedOut: () => void): Promise<PanelSession> {
  const storage = window.localStorage;
  const callback = isAuthCallback(window.location.search);
  if (!callback && !readStoredTokens(storage)) window.sessionStorage.setItem(ROUTE_KEY, window.location.hash);
  try {
    const auth = await getAuth({
      hassUrl: haUrl,
      // A callback must come from the sign-in this page started, at this HA.
      limitHassInstance: true,
      saveTokens: (data) => (data ? storage.setItem(TOKENS_KEY, JSON.stringify(data)) : storage.removeItem(TOKENS_KEY)),
      loadTokens: async () => readStoredTokens(storage),
    });
    return createHaSession(auth, ERR_INVALID_AUTH, () => {
      storage.removeItem(TOKENS_KEY);
      onSignedOut();
    });
  } catch (err) {
    throw toSignInError(err);
  } finally {
    if (callback) {
      const hash = window.sessionStorage.getItem(ROUTE_KEY) ?? '';
      window.sessionStorage.removeItem(ROUTE_KEY);
      window.history.replaceState(null, '', withoutCallbackParams(window.location.href, hash));
    }
  }
}

/** Forgets the stored tokens, so the next load goes through HA's login again. */
export function forgetHaTokens(): void {
  window.localStorage.removeItem(TOKENS_KEY);
}

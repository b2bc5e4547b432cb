/**
 * How the panel proves who it is. Behind HA's ingress the proxy names the user and the panel
 * sends nothing; standalone, it carries an HA access token from HA's own login, refreshed when it
 * expires (see sign-in.ts).
 */

/** How a renewal ended: a new token, HA refusing (sign in again), or HA out of reach (try later). */
export type RenewResult = 'renewed' | 'refused' | 'unreachable';

/** The panel's identity on API calls and socket handshakes. */
export interface PanelSession {
  /** Signed in with HA's own login (standalone) rather than through ingress. */
  readonly standalone: boolean;
  /** The HA access token to send, or undefined behind ingress; refreshes an expired one first. */
  accessToken(): Promise<string | undefined>;
  /** After a 401: gets a new token; `refused` means the panel must sign in again, `unreachable` that it should wait. */
  renew(): Promise<RenewResult>;
}

/** Behind ingress: the Supervisor adds the user's identity to every request. */
export const INGRESS_SESSION: PanelSession = {
  standalone: false,
  accessToken: async () => undefined,
  renew: async () => 'refused',
};

/** The part of home-assistant-js-websocket's `Auth` a session uses. */
export interface HaAuth {
  readonly accessToken: string;
  readonly expired: boolean;
  refreshAccessToken(): Promise<void>;
}

/** A refresh that cannot succeed any more: HA refused the refresh token (revoked, user removed). */
export class SignedOutError extends Error {
  constructor() {
    super('Your Home Assistant sign-in has ended. Sign in again.');
    this.name = 'SignedOutError';
  }
}

/**
 * A session on an HA login. Concurrent callers share one refresh. home-assistant-js-websocket
 * throws its ERR_INVALID_AUTH code (a number) when HA refuses the refresh token; any other failure
 * (HA unreachable) is passed on as it is, since a later try may work.
 */
export function createHaSession(auth: HaAuth, invalidAuthCode: number, onSignedOut: () => void): PanelSession {
  let refreshing: Promise<void> | undefined;
  const refresh = (): Promise<void> => {
    refreshing ??= auth
      .refreshAccessToken()
      .catch((err: unknown) => {
        if (err !== invalidAuthCode) throw err;
        onSignedOut();
        throw new SignedOutError();
      })
      .finally(() => (refreshing = undefined));
    return refreshing;
  };
  return {
    standalone: true,
    async accessToken() {
      if (auth.expired) await refresh();
      return auth.accessToken;
    },
    async renew() {
      try {
        await refresh();
        return 'renewed';
      } catch (err) {
        return err instanceof SignedOutError ? 'refused' : 'unreachable';
      }
    },
  };
}

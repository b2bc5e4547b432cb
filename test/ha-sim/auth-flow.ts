/**
 * HA's browser sign-in (homeassistant/components/auth): `GET /auth/authorize` (HA's login page;
 * here it signs in the sim's login user at once and redirects back with a code), `POST
 * /auth/token` (authorization_code and refresh_token grants, form-encoded or multipart as
 * home-assistant-js-websocket sends them) and `POST /auth/revoke`. Issued access tokens are added
 * to the sim's token table, so its WebSocket and REST APIs accept them. Like HA, the token routes
 * allow CORS from any origin (`cors_allowed = True` on those views).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

import { sendJson, sendText } from './http-util.js';
import { parseClientId, verifyRedirectUri } from './indieauth.js';
import type { SimUser } from './users.js';

// HA: access tokens live 30 minutes, authorization codes 10 minutes.
const DEFAULT_ACCESS_TOKEN_TTL_S = 1800;
const CODE_TTL_MS = 10 * 60_000;
const CORS_HEADERS = 'Origin, Accept, X-Requested-With, Content-Type, Authorization';

/** One visit to `/auth/authorize`, as the browser made it. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  state: string | undefined;
}

/** Options of the sign-in flow. */
export interface SimAuthOptions {
  /** Who the login page signs in; default: the first admin among the tokens. */
  loginUserId?: string;
  /** `expires_in` of issued access tokens (reported, not enforced); default 1800 s like HA. */
  accessTokenTtlS?: number;
}

interface Grant {
  clientId: string;
  user: SimUser;
  expiresAt: number;
}

interface RefreshGrant {
  clientId: string;
  user: SimUser;
  accessTokens: string[];
}

/** The sign-in flow's state; one per simulator. */
export class SimAuthFlow {
  readonly authorizeRequests: AuthorizeRequest[] = [];
  private readonly codes = new Map<string, Grant>();
  private readonly refreshTokens = new Map<string, RefreshGrant>();

  constructor(
    private readonly tokens: Record<string, SimUser>,
    private readonly options: SimAuthOptions = {},
  ) {}

  /** Handles `/auth/*`; returns false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const url = new URL(path, 'http://sim');
    if (!url.pathname.startsWith('/auth/')) return false;
    const method = req.method ?? 'GET';
    const cors = url.pathname === '/auth/token' || url.pathname === '/auth/revoke';
    if (cors) allowCors(req, res);
    if (cors && method === 'OPTIONS') {
      res.writeHead(200, { 'content-length': 0 }).end();
    } else if (method === 'GET' && url.pathname === '/auth/authorize') {
      this.authorize(res, url.searchParams);
    } else if (method === 'POST' && url.pathname === '/auth/token') {
      await this.token(res, await readForm(req));
    } else if (method === 'POST' && url.pathname === '/auth/revoke') {
      this.revoke(String((await readForm(req)).get('token') ?? ''));
      res.writeHead(200, { 'content-length': 0 }).end();
    } else {
      sendText(res, 404, '404: Not Found');
    }
    return true;
  }

  private loginUser(): SimUser | undefined {
    const users = Object.values(this.tokens);
    return this.options.loginUserId ? users.find((u) => u.id === this.options.loginUserId) : users.find((u) => u.is_admin);
  }

  private authorize(res: ServerResponse, query: URLSearchParams): void {
    const clientId = query.get('client_id') ?? '';
    const redirectUri = query.get('redirect_uri') ?? '';
    const state = query.get('state') ?? undefined;
    this.authorizeRequests.push({ clientId, redirectUri, state });
    // HA's login flow answers this way when the pair does not pass verify_redirect_uri.
    if (query.get('response_type') !== 'code' || !verifyRedirectUri(clientId, redirectUri)) {
      return sendJson(res, 400, { message: 'invalid client id or redirect url' });
    }
    const user = this.loginUser();
    if (!user) return sendText(res, 500, 'The simulator has no user to sign in.');
    const code = randomBytes(16).toString('hex');
    this.codes.set(code, { clientId, user, expiresAt: Date.now() + CODE_TTL_MS });
    // As HA's authorize page does once the login flow succeeds.
    let location = `${redirectUri}${redirectUri.includes('?') ? '&' : '?'}code=${encodeURIComponent(code)}`;
    if (state !== undefined) location += `&state=${encodeURIComponent(state)}`;
    res.writeHead(302, { location, 'content-length': 0 }).end();
  }

  private async token(res: ServerResponse, form: FormData): Promise<void> {
    if (form.get('action') === 'revoke') {
      this.revoke(String(form.get('token') ?? ''));
      return void res.writeHead(200, { 'content-length': 0 }).end();
    }
    const grantType = form.get('grant_type');
    const clientId = typeof form.get('client_id') === 'string' ? String(form.get('client_id')) : undefined;
    if (grantType === 'authorization_code') return this.exchangeCode(res, clientId, String(form.get('code') ?? ''));
    if (grantType === 'refresh_token') return this.refresh(res, clientId, form.get('refresh_token'));
    sendJson(res, 400, { error: 'unsupported_grant_type' });
  }

  private exchangeCode(res: ServerResponse, clientId: string | undefined, code: string): void {
    if (!clientId || !parseClientId(clientId)) return sendJson(res, 400, { error: 'invalid_request', error_description: 'Invalid client id' });
    const grant = this.codes.get(code);
    // Codes are single use and bound to the client that asked for them.
    this.codes.delete(code);
    if (!grant || grant.clientId !== clientId || grant.expiresAt < Date.now()) {
      return sendJson(res, 400, { error: 'invalid_request', error_description: 'Invalid code' });
    }
    const refreshToken = newToken();
    const accessToken = this.issueAccessToken(grant.user);
    this.refreshTokens.set(refreshToken, { clientId, user: grant.user, accessTokens: [accessToken] });
    sendTokens(res, {
      access_token: accessToken,
      token_type: 'Bearer',
      refresh_token: refreshToken,
      expires_in: this.ttl(),
      ha_auth_provider: 'homeassistant',
    });
  }

  private refresh(res: ServerResponse, clientId: string | undefined, token: FormDataEntryValue | null): void {
    if (clientId !== undefined && !parseClientId(clientId)) return sendJson(res, 400, { error: 'invalid_request' });
    if (typeof token !== 'string' || token === '') return sendJson(res, 400, { error: 'invalid_request' });
    const grant = this.refreshTokens.get(token);
    if (!grant) return sendJson(res, 400, { error: 'invalid_grant' });
    if (grant.clientId !== clientId) return sendJson(res, 400, { error: 'invalid_request' });
    const accessToken = this.issueAccessToken(grant.user);
    grant.accessTokens.push(accessToken);
    sendTokens(res, { access_token: accessToken, token_type: 'Bearer', expires_in: this.ttl() });
  }

  /** Forgets a refresh token and every access token made from it (HA always answers 200). */
  private revoke(token: string): void {
    const grant = this.refreshTokens.get(token);
    if (!grant) return;
    this.refreshTokens.delete(token);
    for (const access of grant.accessTokens) delete this.tokens[access];
  }

  private issueAccessToken(user: SimUser): string {
    const token = newToken();
    this.tokens[token] = user;
    return token;
  }

  private ttl(): number {
    return this.options.accessTokenTtlS ?? DEFAULT_ACCESS_TOKEN_TTL_S;
  }
}

// JWT-shaped, so it passes the same token syntax checks a real HA token does.
function newToken(): string {
  return `sim.${randomBytes(24).toString('base64url')}.${randomBytes(16).toString('base64url')}`;
}

function sendTokens(res: ServerResponse, body: Record<string, unknown>): void {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    pragma: 'no-cache',
  });
  res.end(text);
}

/** aiohttp_cors with `"*"`: echoes the caller's origin; preflights get the allowed methods and headers. */
function allowCors(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin;
  if (typeof origin !== 'string') return;
  res.setHeader('access-control-allow-origin', origin);
  if (req.method === 'OPTIONS') {
    res.setHeader('access-control-allow-methods', String(req.headers['access-control-request-method'] ?? 'POST'));
    res.setHeader('access-control-allow-headers', CORS_HEADERS);
  }
}

/** Reads a form body, URL-encoded or multipart (the browser's FormData). */
async function readForm(req: IncomingMessage): Promise<FormData> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 64 * 1024) throw new RangeError('Request body too large');
    chunks.push(chunk as Buffer);
  }
  const type = req.headers['content-type'] ?? 'application/x-www-form-urlencoded';
  try {
    return await new Request('http://sim/', { method: 'POST', headers: { 'content-type': type }, body: Buffer.concat(chunks) }).formData();
  } catch {
    return new FormData();
  }
}

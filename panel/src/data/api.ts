/**
 * HTTP access to the Majordome API. Every URL is relative to the document (`<base href>` under
 * ingress), so the same build works at `/` and at `/api/hassio_ingress/<token>/`.
 */
import { SignedOutError, type PanelSession } from './session.js';

/** A failed API call: HTTP status plus the server's `{error, code}` body when there was one. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** The absolute URL of `api/<path>` against a base (the document's by default). */
export function apiUrl(path: string, base: string = document.baseURI): URL {
  return new URL(`api/${path.replace(/^\/+/, '')}`, base);
}

/** `?language=fr`: the language the server words its refusals in (empty when unset). */
export function languageQuery(language: string | undefined): string {
  return language ? `?language=${encodeURIComponent(language)}` : '';
}

/** Options of one call. */
export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** The panel's access to the API, carrying the session's identity (see session.ts). */
export interface PanelApi {
  /** Calls the API and returns its JSON; anything but 2xx becomes an ApiError. */
  fetchJson<T>(path: string, request?: ApiRequest): Promise<T>;
  /** Fetches a file the API serves (a screenshot) with the same identity; anything but 2xx becomes an ApiError. */
  fetchBlob(path: string, request?: Pick<ApiRequest, 'signal'>): Promise<Blob>;
}

/** HA could not be reached to check or renew the token: wait and retry, do not sign in again. */
function haUnreachable(): ApiError {
  return new ApiError(503, 'ha_unavailable', 'Home Assistant is unreachable right now; try again in a moment.');
}

/**
 * An API client for one session. A 401 gets one retry with a renewed token (an HA access token
 * lives 30 minutes); behind ingress there is nothing to renew and the 401 stands. When HA cannot
 * be reached to renew, the error is `ha_unavailable` (503), like the server's own answer then.
 */
export function createApi(session: PanelSession, base: () => string = () => document.baseURI): PanelApi {
  const send = async (path: string, request: ApiRequest, token: string | undefined): Promise<Response> => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    try {
      return await fetch(apiUrl(path, base()), {
        method: request.method ?? 'GET',
        credentials: 'same-origin',
        headers,
        ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
        ...(request.signal && { signal: request.signal }),
      });
    } catch (err) {
      if (err instanceof DOMException && err.name === 'AbortError') throw err;
      throw new ApiError(0, 'disconnected', 'Majordome cannot be reached.');
    }
  };
  const token = (): Promise<string | undefined> =>
    session.accessToken().catch((err: unknown) => {
      throw err instanceof SignedOutError ? new ApiError(401, 'unauthorized', errorMessage(err)) : haUnreachable();
    });
  const sendRenewing = async (path: string, request: ApiRequest): Promise<Response> => {
    const response = await send(path, request, await token());
    if (response.status !== 401 || !session.standalone) return response;
    const renewed = await session.renew();
    if (renewed === 'unreachable') throw haUnreachable();
    return renewed === 'renewed' ? send(path, request, await token()) : response;
  };
  return {
    async fetchJson<T>(path: string, request: ApiRequest = {}): Promise<T> {
      const response = await sendRenewing(path, request);
      const body: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
      if (!response.ok) throw errorFromBody(response.status, body);
      return body as T;
    },
    async fetchBlob(path: string, request: Pick<ApiRequest, 'signal'> = {}): Promise<Blob> {
      const response = await sendRenewing(path, request);
      if (!response.ok) throw errorFromBody(response.status, await response.json().catch(() => undefined));
      return response.blob();
    },
  };
}

/** The error a non-2xx response stands for. */
export function errorFromBody(status: number, body: unknown): ApiError {
  const record = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  const code = typeof record.code === 'string' ? record.code : `http_${status}`;
  const message = typeof record.error === 'string' ? record.error : `HTTP ${status}`;
  return new ApiError(status, code, message);
}

/** A message for any error a data call threw. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * HTTP access to the Majordome API. Every URL is relative to the document (`<base href>` under
 * ingress), so the same build works at `/` and at `/api/hassio_ingress/<token>/`.
 */

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

/** Options of one call. */
export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  signal?: AbortSignal;
}

/** Calls the API and returns its JSON; anything but 2xx becomes an ApiError. */
export async function fetchJson<T>(path: string, request: ApiRequest = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method: request.method ?? 'GET',
      credentials: 'same-origin',
      headers: request.body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
      ...(request.signal && { signal: request.signal }),
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'disconnected', 'Majordome cannot be reached.');
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw errorFromBody(response.status, body);
  return body as T;
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

import type { ErrorRequestHandler, Response } from 'express';
import { MajordomeError, type ErrorCode } from '../../errors.js';
import type { HttpLogger } from './deps.js';

/** Codes an HTTP error body may carry: the shared ones plus a few that only exist on the wire. */
export type HttpErrorCode =
  | ErrorCode
  | 'forbidden'
  | 'invalid_request'
  | 'invalid_json'
  | 'payload_too_large'
  | 'unsupported_media_type';

/** A resolved error response. */
export interface HttpErrorView {
  status: number;
  code: HttpErrorCode;
  message: string;
}

const STATUS_BY_CODE: Partial<Record<ErrorCode, number>> = {
  unauthorized: 401,
  not_found: 404,
  policy_denied: 403,
  tool_input_invalid: 400,
  ha_unavailable: 503,
  model_unavailable: 503,
  ha_error: 502,
  model_error: 502,
  model_auth: 502,
  model_not_configured: 503,
  cancelled: 409,
  busy: 429,
};

/** Writes the one error shape every route uses: `{error, code}`. */
export function sendError(res: Response, status: number, code: HttpErrorCode, message: string): void {
  res.status(status).json({ error: message, code });
}

/**
 * Maps anything thrown in a route to a response. Only MajordomeError messages reach the client;
 * anything else may carry internals, so it becomes a generic 500.
 */
export function describeHttpError(err: unknown): HttpErrorView {
  if (err instanceof MajordomeError) {
    return { status: STATUS_BY_CODE[err.code] ?? 500, code: err.code, message: err.message };
  }
  const type = bodyParserType(err);
  if (type === 'entity.parse.failed') return { status: 400, code: 'invalid_json', message: 'The request body is not valid JSON.' };
  if (type === 'entity.too.large') return { status: 413, code: 'payload_too_large', message: 'The request body is too large.' };
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return { status: 415, code: 'unsupported_media_type', message: 'Unsupported body encoding.' };
  }
  if (type) return { status: 400, code: 'invalid_request', message: 'The request body could not be read.' };
  return { status: 500, code: 'internal', message: 'Internal error.' };
}

function bodyParserType(err: unknown): string | undefined {
  if (!err || typeof err !== 'object' || !('type' in err)) return undefined;
  const type = (err as { type: unknown }).type;
  return typeof type === 'string' ? type : undefined;
}

/** The last middleware: JSON for every error, and a log line for the unexpected ones. */
export function createErrorHandler(logger?: HttpLogger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const view = describeHttpError(err);
    if (view.status >= 500) {
      logger?.error({ err: err instanceof Error ? err.message : String(err), path: req.path }, 'request failed');
    }
    // A stream already under way cannot change its status; closing it is all that is left.
    if (res.headersSent) {
      res.end();
      return;
    }
    sendError(res, view.status, view.code, view.message);
  };
}

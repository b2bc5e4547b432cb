/**
 * Turns what home-assistant-js-websocket rejects with (bare numbers, `{code, message}` objects
 * from HA, or result envelopes) into HaError, keeping HA's own message and code.
 */
import { ERR_CANNOT_CONNECT, ERR_CONNECTION_LOST, ERR_INVALID_AUTH } from 'home-assistant-js-websocket';
import { HaError } from '../errors.js';

/** Shown to the model and to users when HA cannot be reached. */
export const HA_UNAVAILABLE_MESSAGE = 'Home Assistant is not connected right now; try again in a moment.';

/** Said when a command left for HA and the connection dropped before HA answered. */
export const HA_OUTCOME_UNKNOWN_MESSAGE =
  'The connection to Home Assistant dropped while the request was on its way; it may or may not have been carried out. It was not sent again.';

const LIBRARY_CODES = new Set<unknown>([ERR_CANNOT_CONNECT, ERR_CONNECTION_LOST, ERR_INVALID_AUTH]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The `{code, message}` HA sent, unwrapped from a result envelope when needed. */
function haErrorBody(err: unknown): { code: unknown; message: unknown } | undefined {
  if (!isRecord(err)) return undefined;
  if (isRecord(err['error'])) return haErrorBody(err['error']);
  if ('code' in err && 'message' in err) return { code: err['code'], message: err['message'] };
  return undefined;
}

/** Maps any rejection of the WebSocket library to an HaError. */
export function toHaError(err: unknown): HaError {
  if (err instanceof HaError) return err;
  if (LIBRARY_CODES.has(err)) return new HaError('ha_unavailable', HA_UNAVAILABLE_MESSAGE);
  const body = haErrorBody(err);
  if (body) {
    // The library reports a dropped socket as a result with its own numeric code.
    if (LIBRARY_CODES.has(body.code)) return new HaError('ha_unavailable', HA_UNAVAILABLE_MESSAGE);
    const message = typeof body.message === 'string' && body.message !== '' ? body.message : 'Home Assistant refused the request';
    return new HaError('ha_error', message, typeof body.code === 'string' ? body.code : String(body.code));
  }
  if (err instanceof Error) return new HaError('ha_error', err.message, undefined, { cause: err });
  return new HaError('ha_error', String(err));
}

/**
 * How a command was lost with the connection. `not_sent`: the library refused it before it left
 * (it throws or rejects with the bare code): sending it later is safe. `in_flight`: it was on the
 * socket when the socket closed (the library rejects pending commands with a result envelope
 * carrying the code): HA may have run it.
 */
export function connectionLoss(err: unknown): 'not_sent' | 'in_flight' | undefined {
  if (err === ERR_CONNECTION_LOST || err === ERR_CANNOT_CONNECT) return 'not_sent';
  const body = haErrorBody(err);
  return body?.code === ERR_CONNECTION_LOST ? 'in_flight' : undefined;
}

/** A short reason for a failed connection attempt, for status and logs. */
export function describeConnectFailure(err: unknown, url: string): string {
  if (err === ERR_INVALID_AUTH) return 'Home Assistant rejected the access token';
  if (err === ERR_CANNOT_CONNECT || err === ERR_CONNECTION_LOST) return `Cannot connect to Home Assistant at ${url}`;
  return toHaError(err).message;
}

/**
 * Turns what home-assistant-js-websocket rejects with (bare numbers, `{code, message}` objects
 * from HA, or result envelopes) into HaError, keeping HA's own message and code.
 */
import { ERR_CANNOT_CONNECT, ERR_CONNECTION_LOST, ERR_INVALID_AUTH } from 'home-assistant-js-websocket';
import { HaError } from '../errors.js';

/** Shown to the model and to users when HA cannot be reached. */
export const HA_UNAVAILABLE_MESSAGE = 'Home Assistant is not connected right now; try again in a moment.';

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

/** A short reason for a failed connection attempt, for status and logs. */
export function describeConnectFailure(err: unknown, url: string): string {
  if (err === ERR_INVALID_AUTH) return 'Home Assistant rejected the access token';
  if (err === ERR_CANNOT_CONNECT || err === ERR_CONNECTION_LOST) return `Cannot connect to Home Assistant at ${url}`;
  return toHaError(err).message;
}

import { ERR_CONNECTION_LOST, ERR_INVALID_AUTH } from 'home-assistant-js-websocket';
import { describe, expect, it } from 'vitest';
import { describeConnectFailure, toHaError } from '../../../src/ha/ha-errors.js';

describe('HA error mapping', () => {
  it("keeps HA's own message and code", () => {
    const err = toHaError({ code: 'not_found', message: 'Service light.nope not found.' });
    expect(err.code).toBe('ha_error');
    expect(err.haCode).toBe('not_found');
    expect(err.message).toBe('Service light.nope not found.');
  });

  it('reports a lost connection as unavailable, whichever way the library says it', () => {
    expect(toHaError(ERR_CONNECTION_LOST).code).toBe('ha_unavailable');
    expect(toHaError({ type: 'result', success: false, error: { code: 3, message: 'Connection lost' } }).code).toBe('ha_unavailable');
    expect(toHaError(ERR_CONNECTION_LOST).retryable).toBe(true);
  });

  it('explains connection failures', () => {
    expect(describeConnectFailure(ERR_INVALID_AUTH, 'http://h')).toMatch(/rejected the access token/);
  });
});

import { describe, expect, it } from 'vitest';
import { haWebSocketUrl, readCurrentUser } from '../../../../src/ha/token-verifier.js';

describe('token verifier helpers', () => {
  it('derives the WebSocket URL from HA base URLs with or without a path', () => {
    expect(haWebSocketUrl('http://homeassistant:8123')).toBe('ws://homeassistant:8123/api/websocket');
    expect(haWebSocketUrl('https://ha.example.org/')).toBe('wss://ha.example.org/api/websocket');
    expect(haWebSocketUrl('http://supervisor/core')).toBe('ws://supervisor/core/api/websocket');
  });

  it('turns auth/current_user into a bearer identity with the admin flag', () => {
    const msg = { success: true, result: { id: 'u1', name: 'Zoé', is_owner: false, is_admin: true, credentials: [], mfa_modules: [] } };
    expect(readCurrentUser(msg)).toEqual({ kind: 'user', user: { id: 'u1', displayName: 'Zoé', isAdmin: true, via: 'bearer' } });
  });

  it('refuses a failed or malformed answer', () => {
    expect(readCurrentUser({ success: false, result: null }).kind).toBe('invalid');
    expect(readCurrentUser({ success: true, result: { name: 'no id' } }).kind).toBe('invalid');
  });
});

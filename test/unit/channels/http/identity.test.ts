import { describe, expect, it } from 'vitest';
import { decideIdentity, decodeHeaderText, readBearerToken } from '../../../../src/channels/http/identity.js';
import { isLoopbackAddress, isTrustedPeer } from '../../../../src/channels/http/peer.js';

const SUPERVISOR = ['172.30.32.2'];
const ingress = { 'x-remote-user-id': 'abc123', 'x-remote-user-name': 'zoe', 'x-remote-user-display-name': 'Zoe' };

describe('decideIdentity', () => {
  it('takes the user from identity headers sent by the Supervisor', () => {
    const decision = decideIdentity({ peer: '172.30.32.2', headers: ingress, trustedProxies: SUPERVISOR });
    expect(decision).toEqual({
      kind: 'ingress',
      user: { id: 'abc123', name: 'zoe', displayName: 'Zoe', via: 'ingress' },
    });
  });

  it('treats the IPv4-mapped IPv6 form of a trusted proxy as the same peer', () => {
    const decision = decideIdentity({ peer: '::ffff:172.30.32.2', headers: ingress, trustedProxies: SUPERVISOR });
    expect(decision.kind).toBe('ingress');
  });

  it('ignores identity headers from any other peer, loopback included', () => {
    for (const peer of ['172.30.32.3', '127.0.0.1', '::1', '::ffff:127.0.0.1', undefined]) {
      expect(decideIdentity({ peer, headers: ingress, trustedProxies: SUPERVISOR })).toEqual({ kind: 'none' });
    }
  });

  it('never lets X-Forwarded-For stand in for the peer', () => {
    const headers = { ...ingress, 'x-forwarded-for': '172.30.32.2', 'x-real-ip': '172.30.32.2', forwarded: 'for=172.30.32.2' };
    expect(decideIdentity({ peer: '10.0.0.5', headers, trustedProxies: SUPERVISOR })).toEqual({ kind: 'none' });
  });

  it('falls back to a bearer token when the trusted proxy sent no user', () => {
    const headers = { authorization: 'Bearer abc.def-ghi_jkl' };
    expect(decideIdentity({ peer: '172.30.32.2', headers, trustedProxies: SUPERVISOR })).toEqual({
      kind: 'bearer',
      token: 'abc.def-ghi_jkl',
    });
  });

  it('offers a bearer token from an untrusted peer for checking, and nothing else', () => {
    const headers = { ...ingress, authorization: 'Bearer tok' };
    expect(decideIdentity({ peer: '10.0.0.5', headers, trustedProxies: SUPERVISOR })).toEqual({ kind: 'bearer', token: 'tok' });
  });

  it('refuses a repeated or blank user id header', () => {
    const repeated = { 'x-remote-user-id': ['a', 'b'] };
    const blank = { 'x-remote-user-id': '  ' };
    expect(decideIdentity({ peer: '172.30.32.2', headers: repeated, trustedProxies: SUPERVISOR }).kind).toBe('none');
    expect(decideIdentity({ peer: '172.30.32.2', headers: blank, trustedProxies: SUPERVISOR }).kind).toBe('none');
  });
});

describe('readBearerToken', () => {
  it('accepts the Bearer scheme in any case and nothing malformed', () => {
    expect(readBearerToken('Bearer a.b.c')).toBe('a.b.c');
    expect(readBearerToken('bearer a.b.c')).toBe('a.b.c');
    expect(readBearerToken('Basic dXNlcjpwYXNz')).toBeUndefined();
    expect(readBearerToken('Bearer ')).toBeUndefined();
    expect(readBearerToken('Bearer a b')).toBeUndefined();
    expect(readBearerToken(`Bearer ${'x'.repeat(5000)}`)).toBeUndefined();
    expect(readBearerToken(undefined)).toBeUndefined();
  });
});

describe('decodeHeaderText', () => {
  it('recovers UTF-8 display names that Node read as latin1', () => {
    expect(decodeHeaderText(Buffer.from('Zoé Ñúñez', 'utf8').toString('latin1'))).toBe('Zoé Ñúñez');
    expect(decodeHeaderText('plain')).toBe('plain');
    // Real latin1 that is not valid UTF-8 stays as it came.
    expect(decodeHeaderText('caf\u00e9')).toBe('caf\u00e9');
  });
});

describe('peer checks', () => {
  it('knows loopback peers in both address families', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('127.8.9.10')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('172.30.32.2')).toBe(false);
    expect(isLoopbackAddress('::ffff:10.0.0.1')).toBe(false);
    expect(isLoopbackAddress('1270.0.0.1')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });

  it('matches trusted proxies after normalising both sides', () => {
    expect(isTrustedPeer('::ffff:127.0.0.1', ['127.0.0.1'])).toBe(true);
    expect(isTrustedPeer('127.0.0.1', ['::ffff:127.0.0.1'])).toBe(true);
    expect(isTrustedPeer('127.0.0.1', [])).toBe(false);
    expect(isTrustedPeer('127.0.0.2', ['127.0.0.1'])).toBe(false);
  });
});

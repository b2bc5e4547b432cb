import { describe, expect, it } from 'vitest';
import { checkOrigin } from '../../../../src/channels/socket/origin-check.js';

const SUPERVISOR = '172.30.32.2';
const trustedProxies = [SUPERVISOR];

function verdict(headers: Record<string, string | string[]>, peer = '192.168.1.20'): boolean {
  return checkOrigin({ peer, headers, trustedProxies }).ok;
}

describe('checkOrigin', () => {
  it('lets requests without an Origin through (native clients, same-origin polling)', () => {
    expect(verdict({ host: 'majordome.local:8099' })).toBe(true);
  });

  it('accepts an Origin whose host is the Host the request was sent to, whatever the case or default port', () => {
    expect(verdict({ origin: 'http://majordome.local:8099', host: 'majordome.local:8099' })).toBe(true);
    expect(verdict({ origin: 'https://HA.Example.com', host: 'ha.example.com:443' })).toBe(true);
    expect(verdict({ origin: 'http://ha.example.com', host: 'ha.example.com:80' })).toBe(true);
    expect(verdict({ origin: 'http://[::1]:8099', host: '[::1]:8099' })).toBe(true);
  });

  it('refuses another site, another port, an opaque origin, or a non-web scheme', () => {
    expect(verdict({ origin: 'https://evil.example', host: 'ha.example.com' })).toBe(false);
    expect(verdict({ origin: 'http://ha.example.com:8123', host: 'ha.example.com:8099' })).toBe(false);
    expect(verdict({ origin: 'https://ha.example.com.evil.example', host: 'ha.example.com' })).toBe(false);
    expect(verdict({ origin: 'null', host: 'ha.example.com' })).toBe(false);
    expect(verdict({ origin: 'file:///etc/passwd', host: 'ha.example.com' })).toBe(false);
    expect(verdict({ origin: 'not a url', host: 'ha.example.com' })).toBe(false);
    expect(verdict({ origin: 'https://ha.example.com' })).toBe(false);
  });

  it('refuses a Host that is not a plain host name, rather than guessing', () => {
    expect(verdict({ origin: 'https://ha.example.com', host: 'ha.example.com/path' })).toBe(false);
    expect(verdict({ origin: 'https://user@ha.example.com', host: 'user@ha.example.com' })).toBe(false);
  });

  it('accepts the first X-Forwarded-Host only from the trusted proxy, and only on an ingress request', () => {
    const ingress = { 'x-ingress-path': '/api/hassio_ingress/abc', host: '172.30.33.4:8099' };
    expect(verdict({ ...ingress, origin: 'https://ha.example.com', 'x-forwarded-host': 'ha.example.com' }, SUPERVISOR)).toBe(true);
    expect(verdict({ ...ingress, origin: 'https://ha.example.com', 'x-forwarded-host': 'ha.example.com, 10.0.0.2:8123' }, `::ffff:${SUPERVISOR}`)).toBe(true);
    // Not the first hop, an untrusted peer, or no X-Ingress-Path: the header does not count.
    expect(verdict({ ...ingress, origin: 'http://10.0.0.2:8123', 'x-forwarded-host': 'ha.example.com, 10.0.0.2:8123' }, SUPERVISOR)).toBe(false);
    expect(verdict({ ...ingress, origin: 'https://evil.example', 'x-forwarded-host': 'evil.example' })).toBe(false);
    expect(verdict({ host: '172.30.33.4:8099', origin: 'https://ha.example.com', 'x-forwarded-host': 'ha.example.com' }, SUPERVISOR)).toBe(false);
  });

  it('treats a repeated Origin as unusable', () => {
    expect(verdict({ origin: ['https://ha.example.com', 'https://evil.example'], host: 'ha.example.com' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { bareHost, checkUrlShape, privateAddressReason, unwrapIpv4 } from '../../../src/browser/address-guard.js';
import { homeHostsOf } from '../../../src/browser/home-hosts.js';

describe('browser addresses: which IPs belong to the home or the machine', () => {
  it.each([
    ['10.1.2.3', 'a private address'],
    ['172.16.0.1', 'a private address'],
    ['172.31.255.255', 'a private address'],
    ['192.168.1.20', 'a private address'],
    ['127.0.0.1', 'a loopback address'],
    ['127.53.0.1', 'a loopback address'],
    ['0.0.0.0', 'an unspecified address'],
    ['169.254.169.254', 'a link-local address'],
    ['100.64.0.1', 'a carrier-grade NAT address'],
    ['224.0.0.251', 'a multicast address'],
    ['::1', 'a loopback address'],
    ['::', 'an unspecified address'],
    ['fd12:3456::1', 'a unique-local address'],
    ['fe80::1%eth0', 'a link-local address'],
    ['::ffff:192.168.1.1', 'a private address'],
    ['::ffff:7f00:1', 'a loopback address'],
    ['64:ff9b::a9fe:a9fe', 'a link-local address'],
    ['[::1]', 'a loopback address'],
  ])('%s is %s', (address, why) => {
    expect(privateAddressReason(address)).toBe(why);
  });

  it.each(['93.184.215.14', '1.1.1.1', '172.32.0.1', '2606:4700::1111', '::ffff:8.8.8.8'])('%s is public', (address) => {
    expect(privateAddressReason(address)).toBeUndefined();
  });

  it('reads IPv4 hidden in IPv6 (mapped and NAT64)', () => {
    expect(unwrapIpv4('::ffff:10.0.0.1')).toBe('10.0.0.1');
    expect(unwrapIpv4('::FFFF:0a00:0001')).toBe('10.0.0.1');
    expect(unwrapIpv4('2001:db8::1')).toBe('2001:db8::1');
  });
});

describe('browser addresses: URL shapes', () => {
  it.each(['https://example.com/', 'http://example.com:8080/path?q=1', 'https://[2606:4700::1111]/'])('%s may be opened', (url) => {
    expect(checkUrlShape(url).ok).toBe(true);
  });

  it.each([
    ['file:///etc/passwd', /file: addresses are refused/],
    ['chrome://settings', /chrome: addresses are refused/],
    ['data:text/html,hi', /data: addresses/],
    ['javascript:alert(1)', /javascript: addresses/],
    ['view-source:https://example.com/', /view-source:/],
    ['https://user:secret@example.com/', /user name or password/],
    ['example.com', /not a valid URL/],
  ])('%s is refused', (url, why) => {
    const verdict = checkUrlShape(url);
    expect(verdict.ok).toBe(false);
    if (!verdict.ok) expect(verdict.reason).toMatch(why);
  });

  it('normalises numeric tricks the way the browser would (so the IP check sees them)', () => {
    const shape = checkUrlShape('http://0x7f.1/');
    expect(shape.ok && shape.url.hostname).toBe('127.0.0.1');
    const decimal = checkUrlShape('http://2130706433/');
    expect(decimal.ok && decimal.url.hostname).toBe('127.0.0.1');
    expect(bareHost('[::1]')).toBe('::1');
    expect(bareHost('Example.COM.')).toBe('example.com');
  });
});

describe('browser addresses: Home Assistant and the Supervisor by name', () => {
  it('lists the add-on network names and the configured hosts', () => {
    expect(homeHostsOf({ haUrl: 'http://supervisor/core', supervisorUrl: 'http://supervisor', addon: true })).toEqual(['hassio', 'homeassistant', 'supervisor']);
    expect(homeHostsOf({ haUrl: 'https://my-home.ui.nabu.casa:443', addon: false })).toEqual(['my-home.ui.nabu.casa']);
    expect(homeHostsOf({ haUrl: 'http://[fd00::5]:8123', addon: false })).toEqual(['fd00::5']);
  });
});

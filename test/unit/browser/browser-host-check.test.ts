import { describe, expect, it } from 'vitest';
import { createHostCheck, type Resolver } from '../../../src/browser/host-check.js';

/** A DNS of its own: names the test decides, the rest unknown. */
function dns(table: Record<string, string[]>): Resolver {
  return async (host) => {
    const found = table[host];
    if (!found) throw new Error('ENOTFOUND');
    return found;
  };
}

const resolve = dns({
  'shop.example': ['93.184.215.14'],
  'nas.lan': ['192.168.1.5'],
  'rebind.example': ['93.184.215.14', '127.0.0.1'],
  'v6only.example': ['2606:4700::1111'],
  'ha.example': ['93.184.215.20'],
});

describe('browser host check', () => {
  const strict = createHostCheck({ allowPrivate: false, homeHosts: ['ha.example', 'supervisor'], resolve });

  it('lets public names through, pinned to the address that was checked', async () => {
    expect(await strict('shop.example', 443)).toEqual({ ok: true, address: '93.184.215.14' });
    expect(await strict('v6only.example', 443)).toEqual({ ok: true, address: '2606:4700::1111' });
    expect(await strict('8.8.8.8', 80)).toEqual({ ok: true, address: '8.8.8.8' });
  });

  it('refuses a name that resolves inside the home, even when only one of its addresses does', async () => {
    expect(await strict('nas.lan', 80)).toMatchObject({ ok: false, refused: true, reason: expect.stringMatching(/nas\.lan \(192\.168\.1\.5\) is a private address/) });
    expect(await strict('rebind.example', 80)).toMatchObject({ ok: false, refused: true, reason: expect.stringMatching(/loopback/) });
  });

  it("refuses Home Assistant's and the Supervisor's names, whatever they resolve to", async () => {
    expect(await strict('HA.example.', 443)).toMatchObject({ ok: false, refused: true, reason: expect.stringMatching(/Home Assistant's own address/) });
    expect(await strict('supervisor', 80)).toMatchObject({ ok: false, refused: true });
  });

  it('says a name could not be found without calling it a refusal', async () => {
    expect(await strict('nowhere.example', 443)).toMatchObject({ ok: false, refused: false, reason: expect.stringMatching(/could not be found/) });
  });

  it('with browser_allow_private, lets the home network through but never Majordome itself', async () => {
    const open = createHostCheck({ allowPrivate: true, homeHosts: ['ha.example'], selfPorts: () => [8099], resolve });
    expect(await open('nas.lan', 80)).toEqual({ ok: true, address: '192.168.1.5' });
    expect(await open('ha.example', 443)).toEqual({ ok: true, address: '93.184.215.20' });
    expect(await open('127.0.0.1', 8123)).toEqual({ ok: true, address: '127.0.0.1' });
    expect(await open('127.0.0.1', 8099)).toMatchObject({ ok: false, refused: true, reason: expect.stringMatching(/Majordome itself/) });
    expect(await open('0.0.0.0', 8099)).toMatchObject({ ok: false, refused: true });
  });
});

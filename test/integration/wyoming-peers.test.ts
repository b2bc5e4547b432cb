/**
 * Wyoming carries no credentials: whoever can connect could run turns. Only Home Assistant's own
 * address may connect; everyone else is hung up on before a single event is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPeerCheck, HA_CORE_ADDON_PEER, resolveWyomingPeers } from '../../src/channels/wyoming/peer-allowlist.js';
import { loadIntentsHome } from '../ha-sim/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { WyomingClient } from '../support/wyoming-client.js';

describe('Wyoming peers', () => {
  let stack: Stack;

  beforeAll(async () => {
    // Home Assistant lives elsewhere: this test's loopback client is an unknown peer.
    stack = await startStack({ home: loadIntentsHome(), config: { wyomingPeers: ['192.0.2.10'] } });
  });
  afterAll(async () => stack?.stop());

  it('hangs up on a peer that is not Home Assistant, without answering describe or reaching the model', async () => {
    const before = stack.llm.requests.length;
    const client = await WyomingClient.connect(stack.majordome.wyomingPort!);
    client.send('describe');
    client.send('transcript', { text: 'unlock the front door' });
    await client.closed;
    expect(stack.llm.requests.length).toBe(before);
  });

  it('lets in HA Core on the add-on network and loopback, and whatever HA_URL resolves to standalone', async () => {
    expect(await resolveWyomingPeers({ mode: 'addon', haUrl: 'http://supervisor/core' })).toContain(HA_CORE_ADDON_PEER);
    const standalone = await resolveWyomingPeers({ mode: 'standalone', haUrl: 'http://127.0.0.1:8123' });
    expect(standalone).toContain('127.0.0.1');
    expect(standalone).not.toContain(HA_CORE_ADDON_PEER);
    expect(await resolveWyomingPeers({ mode: 'addon', haUrl: 'x:', explicit: ['::ffff:10.0.0.5'] })).toEqual(['10.0.0.5']);
    const check = createPeerCheck(['172.30.32.1']);
    expect(check('::ffff:172.30.32.1')).toBe(true);
    expect(check('172.30.32.2')).toBe(false);
    expect(check(undefined)).toBe(false);
  });
});

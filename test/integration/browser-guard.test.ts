/**
 * The browser's guard with real Chromium: pages on loopback count as public for the test (a host
 * check that lets only the test site through and sends everything else to the real check, which
 * refuses the home network), so redirects and sub-resources to private addresses can be shown
 * refused. Also: pop-ups closed, the idle browser closed, session cookies kept across that close,
 * a page that swaps a field after the snapshot, no WebRTC UDP around the proxy, and a clear error
 * without Chromium.
 */
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { BrowserError } from '../../src/browser/browser-error.js';
import { BrowserService, type BrowserServiceDeps } from '../../src/browser/browser-service.js';
import { createHostCheck, type HostCheck } from '../../src/browser/host-check.js';
import { CHROMIUM_PATH, chromiumMissing, launchChromium as launchTestChromium } from '../e2e/support/browser.js';
import { startTestSite, type TestSite } from './browser-site.js';

let site: TestSite;
let dataDir: string;
/** One browser for the tests that do not close it (a Chromium start is the slow part). */
let shared: BrowserService;
const extra: BrowserService[] = [];

/** The test site is "public"; everything else goes through the real check with private addresses refused. */
function siteIsPublic(): HostCheck {
  const real = createHostCheck({ allowPrivate: false, homeHosts: ['homeassistant', 'supervisor'] });
  return async (host, port) => (host === '127.0.0.1' && port === site.port ? { ok: true, address: '127.0.0.1' } : real(host, port));
}

/** A browser service whose profile is `dataDir/<profile>`. */
function service(profile: string, overrides: Partial<BrowserServiceDeps> = {}): BrowserService {
  return new BrowserService({
    chromiumPath: CHROMIUM_PATH,
    profileDir: join(dataDir, profile),
    screenshotDir: join(dataDir, 'browser-screenshots'),
    allowPrivate: false,
    homeHosts: [],
    idleMs: 60_000,
    logger: createLogger('error'),
    check: siteIsPublic(),
    ...overrides,
  });
}

/** Chromium processes using this profile (read from /proc, so the test sees the real process). */
function chromiumProcesses(profileDir: string): number {
  let count = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(`--user-data-dir=${profileDir}`)) count++;
    } catch {
      // The process ended while we looked.
    }
  }
  return count;
}

const STUN_COOKIE = 0x2112a442;

/** A STUN Binding success response (RFC 8489) to `request`, mapping the sender's address. */
function stunBindingResponse(request: Buffer, from: { address: string; port: number }): Buffer | undefined {
  if (request.length < 20 || request.readUInt16BE(0) !== 0x0001 || request.readUInt32BE(4) !== STUN_COOKIE) return undefined;
  const attribute = Buffer.alloc(12);
  attribute.writeUInt16BE(0x0020, 0); // XOR-MAPPED-ADDRESS
  attribute.writeUInt16BE(8, 2);
  attribute.writeUInt16BE(0x0001, 4); // IPv4
  attribute.writeUInt16BE(from.port ^ (STUN_COOKIE >>> 16), 6);
  const ip = from.address.split('.').reduce((acc, part) => (acc << 8) + Number(part), 0);
  attribute.writeUInt32BE((ip ^ STUN_COOKIE) >>> 0, 8);
  const header = Buffer.alloc(20);
  header.writeUInt16BE(0x0101, 0);
  header.writeUInt16BE(attribute.length, 2);
  request.copy(header, 4, 4, 20); // cookie and transaction id
  return Buffer.concat([header, attribute]);
}

/** A STUN server on 127.0.0.1 that answers Binding requests and counts the datagrams it receives. */
async function listenUdp(): Promise<{ port: number; readonly datagrams: number; close(): void }> {
  const socket = createSocket('udp4');
  let datagrams = 0;
  socket.on('message', (message, from) => {
    datagrams++;
    const response = stunBindingResponse(message, from);
    if (response) socket.send(response, from.port, from.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  return {
    port: socket.address().port,
    get datagrams() {
      return datagrams;
    },
    close: () => socket.close(),
  };
}

async function refusal(promise: Promise<unknown>): Promise<BrowserError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof BrowserError)) throw new Error(`expected a BrowserError, got ${String(err)}`);
  return err;
}

describe.skipIf(chromiumMissing)('browser guard with Chromium', () => {
  beforeAll(async () => {
    site = await startTestSite();
    dataDir = mkdtempSync(join(tmpdir(), 'majordome-browser-'));
    shared = service('browser');
  });
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((s) => s.stop()));
  });
  afterAll(async () => {
    await shared?.stop();
    await site?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses file:, data:, javascript: and chrome: addresses', async () => {
    for (const url of ['file:///etc/passwd', 'data:text/html,<h1>hi</h1>', 'javascript:alert(1)', 'chrome://settings', 'ftp://example.com/']) {
      const err = await refusal(shared.checkUrl(url));
      expect(err.reason).toBe('refused');
      expect(err.message).toMatch(/only http and https/);
    }
    // The page itself refuses them too, should a caller skip the check.
    const err = await refusal(shared.withPage('schemes', (page) => page.open('file:///etc/passwd')));
    expect(err.reason).toBe('refused');
  });

  it('refuses private, loopback, link-local and unique-local addresses, and Home Assistant by name', async () => {
    const urls = ['http://10.0.0.1/', 'http://192.168.1.1/admin', 'http://169.254.169.254/latest/meta-data/', 'http://[::1]:8123/', 'http://[fd00::1]/', `http://localhost:${site.port}/admin`, 'http://0x7f.0.0.1/', 'http://homeassistant:8123/'];
    for (const url of urls) {
      const err = await refusal(shared.withPage('private', (page) => page.open(url)));
      expect(err.reason, url).toBe('refused');
    }
    expect(site.hits.filter((h) => h.includes('admin'))).toEqual([]);
  });

  it('refuses a redirect from an allowed page to a private address, and the private site never gets the request', async () => {
    const ok = await shared.withPage('redirect', (page) => page.open(`${site.url}/`));
    expect(ok.title).toBe('Test shop');

    const before = site.hits.length;
    // The same server under another name: loopback for the real check, so refused although it is the test site.
    const target = `http://localhost:${site.port}/account`;
    const err = await refusal(shared.withPage('redirect', (page) => page.open(`${site.url}/redirect?to=${encodeURIComponent(target)}`)));
    expect(err.reason).toBe('refused');
    expect(err.message).toMatch(/loopback/);
    expect(site.hits.slice(before)).toEqual([`/redirect?to=${encodeURIComponent(target)}`]);

    const metadata = await refusal(shared.withPage('redirect', (page) => page.open(`${site.url}/redirect?to=${encodeURIComponent('http://169.254.169.254/latest/')}`)));
    expect(metadata.message).toMatch(/link-local/);
  });

  it('refuses the sub-resources of an allowed page that point inside the home, and says so', async () => {
    const view = await shared.withPage('subresource', (page) => page.open(`${site.url}/subresource?src=${encodeURIComponent('http://192.168.1.1/camera.jpg')}`));
    expect(view.title).toBe('Tracking pixel');
    expect(view.refused.join(' ')).toMatch(/192\.168\.1\.1 is a private address/);
  });

  it('gives each conversation its own page and closes pop-ups', async () => {
    await shared.withPage('popups-b', (page) => page.open(`${site.url}/order`));
    const context = await shared.withPage('popups-a', async (page) => page.page.context());
    let popups = 0;
    context.on('page', () => popups++);
    await shared.withPage('popups-a', (page) => page.open(`${site.url}/popup`));
    // window.open ran three times on /popup; give the closes a moment, then list what is left.
    await expect
      .poll(async () => shared.withPage('popups-a', async (page) => page.page.context().pages().filter((p) => p.url().includes('popup=')).length), { timeout: 5000 })
      .toBe(0);
    expect(popups).toBe(3);
    const paths = await shared.withPage('popups-a', async (page) => page.page.context().pages().map((p) => new URL(p.url()).pathname));
    expect(paths).toContain('/popup');
    expect(paths).toContain('/order');
  });

  it('records what the policy needs for each ref and refuses an action on a field that changed since the snapshot', async () => {
    const view = await shared.withPage('facts', (page) => page.open(`${site.url}/login`));
    const ref = (label: RegExp) => /\[ref=(e\d+)\]/.exec(view.snapshot.text.split('\n').find((l) => label.test(l)) ?? '')?.[1] ?? '';
    const user = ref(/textbox "Username"/);
    const password = ref(/textbox "Password"/);
    const submit = ref(/button "Sign in"/);
    const facts = await shared.withPage('facts', async (page) => [user, password, submit].map((ref) => page.factsOf(ref)));
    expect(facts).toEqual([
      { field_type: 'text', click_submits: false, enter_submits: true },
      { field_type: 'password', click_submits: false, enter_submits: true },
      { click_submits: true, enter_submits: true },
    ]);

    // The page turns the username field into a password field after the snapshot.
    await shared.withPage('facts', (page) => page.page.evaluate(() => document.querySelector('input[name=username]')?.setAttribute('type', 'password')));
    const err = await refusal(shared.withPage('facts', (page) => page.act({ ref: user, action: 'type', text: 'alice' })));
    expect(err.reason).toBe('stale_ref');
    expect(await shared.withPage('facts', (page) => page.page.inputValue('input[name=username]'))).toBe('');
  });

  it('closes the idle browser, and a later call starts it again still signed in (session cookies kept)', async () => {
    const browser = service('idle-profile', { idleMs: 300 });
    extra.push(browser);
    const profileDir = join(dataDir, 'idle-profile');
    await browser.withPage('c1', (page) => page.open(`${site.url}/`));
    // A cookie without expiry: Chromium alone would forget it when it closes.
    await browser.withPage('c1', (page) => page.page.context().addCookies([{ name: 'session', value: 'sess-7f3a9c', url: site.url }]));
    expect(chromiumProcesses(profileDir)).toBeGreaterThan(0);

    await expect.poll(() => browser.running, { timeout: 15_000 }).toBe(false);
    await expect.poll(() => chromiumProcesses(profileDir), { timeout: 15_000 }).toBe(0);

    const view = await browser.withPage('c1', (page) => page.open(`${site.url}/account`));
    expect(view.snapshot.text).toContain('Welcome back, alice');
  });

  // A hostile page's STUN request is UDP: the guard proxy only sees HTTP, so WebRTC could reach
  // the home network (here 127.0.0.1) around it. The control run, Chromium without Majordome's
  // settings, shows the page does send a datagram, so the guarded run can fail.
  it('sends no WebRTC UDP around the guard proxy (STUN to a loopback address)', async () => {
    const stun = await listenUdp();
    try {
      const control = await launchTestChromium();
      try {
        const page = await control.newPage();
        await page.goto(`${site.url}/webrtc?port=${stun.port}`);
        await expect.poll(() => stun.datagrams, { timeout: 15_000 }).toBeGreaterThan(0);
      } finally {
        await control.close();
      }

      const before = stun.datagrams;
      await shared.withPage('webrtc', (page) => page.open(`${site.url}/webrtc?port=${stun.port}`));
      // Once gathering has ended, every STUN request it would make has been made.
      await expect.poll(() => shared.withPage('webrtc', (page) => page.page.title()), { timeout: 15_000 }).toBe('gathered');
      expect(stun.datagrams - before).toBe(0);
    } finally {
      stun.close();
    }
  });

  it('says clearly when Chromium is missing', async () => {
    const browser = service('missing-profile', { chromiumPath: join(dataDir, 'no-chromium-here') });
    extra.push(browser);
    const err = await refusal(browser.withPage('c1', (page) => page.open(`${site.url}/`)));
    expect(err.reason).toBe('unavailable');
    expect(err.message).toMatch(/Chromium was not found at .*no-chromium-here.*MAJORDOME_CHROMIUM/);
    expect(existsSync(CHROMIUM_PATH)).toBe(true);
  });
});

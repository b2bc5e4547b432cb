import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { makeDeps } from '../unit/channels/http/support/fakes.js';
import { startServer, type RunningServer } from '../unit/channels/http/support/server.js';

const INDEX = '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="./assets/app.js"></script></head><body><majordome-panel></majordome-panel></body></html>';
const INGRESS = '/api/hassio_ingress/Xy_-12ab';

let panelDir: string;
let running: RunningServer | undefined;
beforeAll(async () => {
  panelDir = await mkdtemp(path.join(tmpdir(), 'majordome-panel-'));
  await mkdir(path.join(panelDir, 'assets'));
  await writeFile(path.join(panelDir, 'index.html'), INDEX);
  await writeFile(path.join(panelDir, 'assets', 'app.js'), 'console.log("panel");\n');
  await writeFile(path.join(panelDir, '.secret'), 'nope');
});
afterEach(async () => {
  await running?.server.stop();
  running = undefined;
});
afterAll(async () => {
  await rm(panelDir, { recursive: true, force: true });
});

async function serve(overrides: Parameters<typeof makeDeps>[0]): Promise<string> {
  running = await startServer(makeDeps(overrides));
  return running.url;
}

describe('panel', () => {
  it('serves index.html with a base href from X-Ingress-Path sent by the trusted proxy', async () => {
    const url = await serve({ panelDir, trustedProxies: ['127.0.0.1'] });
    const res = await fetch(`${url}/`, { headers: { 'X-Ingress-Path': INGRESS, 'X-Remote-User-Id': 'u1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(await res.text()).toContain(`<base href="${INGRESS}/">`);
  });

  it('lets HA frame the panel', async () => {
    const url = await serve({ panelDir });
    const res = await fetch(`${url}/`);
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('content-security-policy') ?? '').not.toMatch(/frame-ancestors/);
  });

  it('ignores X-Ingress-Path from an untrusted peer', async () => {
    const url = await serve({ panelDir, trustedProxies: [] });
    const html = await (await fetch(`${url}/`, { headers: { 'X-Ingress-Path': INGRESS } })).text();
    expect(html).toBe(INDEX);
  });

  it('serves assets, falls back to index.html for panel routes, and 404s missing files', async () => {
    const url = await serve({ panelDir });
    const asset = await fetch(`${url}/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toContain('panel');
    expect(await (await fetch(`${url}/conversations/abc`)).text()).toBe(INDEX);
    const missing = await fetch(`${url}/assets/missing.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ code: 'not_found' });
    // Dotfiles and traversal never leak a file; at most they get the panel page.
    expect(await (await fetch(`${url}/.secret`)).text()).not.toContain('nope');
    expect(await (await fetch(`${url}/..%2f..%2fetc%2fpasswd`)).text()).not.toContain('root:');
  });

  it('shows a placeholder page when the panel is not built', async () => {
    const url = await serve({});
    const res = await fetch(`${url}/`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/panel has not been built/);
  });

  it('requires an identity for every panel file in add-on mode', async () => {
    const url = await serve({ panelDir, requireIdentityForPanel: true, trustedProxies: ['127.0.0.1'] });
    expect((await fetch(`${url}/assets/app.js`)).status).toBe(401);
    expect((await fetch(`${url}/`)).status).toBe(401);
    expect((await fetch(`${url}/assets/app.js`, { headers: { 'X-Remote-User-Id': 'u1' } })).status).toBe(200);
  });
});

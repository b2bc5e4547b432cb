import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { measurePanelBundle, panelBundleChecks, referencedAssets } from '../../../bench/panel-bundle.js';

const INDEX = `<!doctype html><html><head>
<link rel="icon" href="./favicon.svg" />
<script type="module" crossorigin src="./assets/index-abc.js"></script>
<link rel="modulepreload" href="assets/chunk-def.js?v=1">
<link rel="stylesheet" crossorigin href="./assets/index-abc.css">
<link rel="stylesheet" href="https://fonts.example/roboto.css">
<script src="//cdn.example/x.js"></script>
</head><body><majordome-app></majordome-app></body></html>`;

describe('panel bundle size', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  function builtPanel(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'majordome-panel-bundle-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'assets'));
    for (const [path, content] of Object.entries(files)) writeFileSync(join(dir, path), content);
    return dir;
  }

  it('lists the local files index.html loads, not remote ones, without query strings', () => {
    expect(referencedAssets(INDEX)).toEqual(['favicon.svg', 'assets/index-abc.js', 'assets/chunk-def.js', 'assets/index-abc.css']);
  });

  it('sums raw and gzipped sizes of index.html and its assets, ignoring files nothing loads', () => {
    const js = 'export const a = 1;\n'.repeat(500);
    const dir = builtPanel({
      'index.html': INDEX,
      'favicon.svg': '<svg/>',
      'assets/index-abc.js': js,
      'assets/chunk-def.js': 'export {};',
      'assets/index-abc.css': 'body{margin:0}',
      'assets/unused.js': 'x'.repeat(100_000),
    });
    const bundle = measurePanelBundle(dir);
    expect(bundle.files.map((f) => f.path)).toEqual(['index.html', 'favicon.svg', 'assets/index-abc.js', 'assets/chunk-def.js', 'assets/index-abc.css']);
    const main = bundle.files.find((f) => f.path === 'assets/index-abc.js');
    expect(main).toEqual({ path: 'assets/index-abc.js', bytes: js.length, gzip_bytes: gzipSync(js, { level: 9 }).length });
    expect(bundle.bytes).toBe(bundle.files.reduce((sum, f) => sum + f.bytes, 0));
    expect(bundle.gzip_bytes).toBeLessThan(bundle.bytes);
    expect(panelBundleChecks(bundle)[0]).toMatchObject({ verdict: 'PASS' });
  });

  it('warns past the target, and says so when the panel is not built', () => {
    const big = Array.from({ length: 60_000 }, (_, i) => `${i.toString(36)}${Math.sin(i)}`).join('');
    const dir = builtPanel({ 'index.html': '<script src="./assets/app.js"></script>', 'assets/app.js': big });
    expect(panelBundleChecks(measurePanelBundle(dir))[0]).toMatchObject({ verdict: 'WARN' });
    expect(panelBundleChecks(measurePanelBundle(join(dir, 'missing')))[0]?.value).toMatch(/not built/);
  });

  it('refuses an asset path that climbs out of the panel folder', () => {
    const dir = builtPanel({ 'index.html': '<script src="../../etc/passwd"></script>' });
    expect(() => measurePanelBundle(dir)).toThrow(/outside the panel folder/);
  });
});

/**
 * Size of the panel's first load (issue 3): index.html and every asset it references, raw and
 * gzipped at level 9 (what a compressing proxy or HA's own frontend server would send).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Check } from './results.js';

/** One file of the first load. */
export interface BundleFile {
  path: string;
  bytes: number;
  gzip_bytes: number;
}

/** What measurePanelBundle found; skipped when the panel is not built. */
export interface PanelBundle {
  files: BundleFile[];
  bytes: number;
  gzip_bytes: number;
  skipped?: string;
}

/** The target of issue 3, in KB of 1,000 bytes like Vite's report. */
export const PANEL_GZIP_TARGET_KB = 120;

/** Local paths that index.html loads (scripts, stylesheets, icons, module preloads), in order, without duplicates. */
export function referencedAssets(html: string): string[] {
  const found: string[] = [];
  for (const match of html.matchAll(/<(?:script|link)\b[^>]*\b(?:src|href)=["']([^"']+)["']/gi)) {
    const ref = match[1] ?? '';
    // Absolute URLs and protocol-relative ones are not part of the bundle.
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(ref)) continue;
    const path = ref.replace(/^\.?\//, '').replace(/[?#].*$/, '');
    if (path && !found.includes(path)) found.push(path);
  }
  return found;
}

function measureFile(dir: string, path: string): BundleFile {
  const full = normalize(join(dir, path));
  if (!full.startsWith(normalize(dir) + sep)) throw new Error(`${path} points outside the panel folder`);
  const content = readFileSync(full);
  return { path, bytes: content.length, gzip_bytes: gzipSync(content, { level: 9 }).length };
}

/** Sizes of index.html and what it references, from a built panel folder (dist/panel). */
export function measurePanelBundle(dir: string): PanelBundle {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return { files: [], bytes: 0, gzip_bytes: 0, skipped: 'the panel is not built (npm run build:panel)' };
  const files = ['index.html', ...referencedAssets(readFileSync(index, 'utf8'))].map((path) => measureFile(dir, path));
  return {
    files,
    bytes: files.reduce((sum, f) => sum + f.bytes, 0),
    gzip_bytes: files.reduce((sum, f) => sum + f.gzip_bytes, 0),
  };
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

/** The bundle row of the report. */
export function panelBundleChecks(bundle: PanelBundle): Check[] {
  const name = 'panel: first load, gzipped (index.html + assets)';
  if (bundle.skipped) return [{ name, target: `< ${PANEL_GZIP_TARGET_KB} KB`, value: `skipped (${bundle.skipped})`, verdict: 'WARN' }];
  return [
    {
      name: `${name}, ${bundle.files.length} files`,
      target: `< ${PANEL_GZIP_TARGET_KB} KB`,
      value: `${kb(bundle.gzip_bytes)} (raw ${kb(bundle.bytes)})`,
      verdict: bundle.gzip_bytes < PANEL_GZIP_TARGET_KB * 1000 ? 'PASS' : 'WARN',
    },
  ];
}

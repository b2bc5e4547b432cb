import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh temporary directory per test, removed afterwards; `path(name)` joins inside it. */
export function useTempDir(): { readonly dir: string; path(name: string): string; cleanup(): void } {
  let dir = '';
  return {
    get dir() {
      if (dir === '') dir = mkdtempSync(join(tmpdir(), 'majordome-store-'));
      return dir;
    },
    path(name: string) {
      return join(this.dir, name);
    },
    cleanup() {
      if (dir !== '') rmSync(dir, { recursive: true, force: true });
      dir = '';
    },
  };
}

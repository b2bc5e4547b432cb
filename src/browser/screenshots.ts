/**
 * Screenshots on disk, named by an unguessable id, each with the conversation it belongs to (the
 * HTTP route shows it to that conversation's owner and to administrators). Old ones are pruned.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A stored screenshot. */
export interface StoredScreenshot {
  id: string;
  conversationId: string;
  png: Buffer;
}

const ID = /^[a-f0-9]{32}$/;

/** The screenshot folder. */
export class ScreenshotStore {
  readonly #dir: string;
  readonly #keep: number;

  /** Keeps the newest `keep` screenshots (default 200). */
  constructor(dir: string, opts: { keep?: number } = {}) {
    this.#dir = dir;
    this.#keep = opts.keep ?? 200;
  }

  /** Saves a PNG; returns its id. */
  save(png: Buffer, conversationId: string): string {
    mkdirSync(this.#dir, { recursive: true, mode: 0o700 });
    const id = randomBytes(16).toString('hex');
    writeFileSync(join(this.#dir, `${id}.png`), png, { mode: 0o600 });
    writeFileSync(join(this.#dir, `${id}.json`), JSON.stringify({ conversationId, createdAt: new Date().toISOString() }), { mode: 0o600 });
    this.#prune();
    return id;
  }

  /** The screenshot, or undefined for an unknown or malformed id. */
  read(id: string): StoredScreenshot | undefined {
    if (!ID.test(id)) return undefined;
    try {
      const meta = JSON.parse(readFileSync(join(this.#dir, `${id}.json`), 'utf8')) as { conversationId?: unknown };
      if (typeof meta.conversationId !== 'string') return undefined;
      return { id, conversationId: meta.conversationId, png: readFileSync(join(this.#dir, `${id}.png`)) };
    } catch {
      return undefined;
    }
  }

  #prune(): void {
    const shots = readdirSync(this.#dir)
      .filter((name) => name.endsWith('.png') && ID.test(name.slice(0, -4)))
      .map((name) => ({ id: name.slice(0, -4), at: statSync(join(this.#dir, name)).mtimeMs }))
      .sort((a, b) => b.at - a.at);
    for (const old of shots.slice(this.#keep)) {
      rmSync(join(this.#dir, `${old.id}.png`), { force: true });
      rmSync(join(this.#dir, `${old.id}.json`), { force: true });
    }
  }
}

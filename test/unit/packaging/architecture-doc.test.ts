/**
 * docs/ARCHITECTURE.md's contract tables are checked against the code: a renamed route, tool,
 * option, environment variable or chat event fails here until the document says so too.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { optionsSchema } from '../../../src/config/options.js';
import { createAuthoringTools } from '../../../src/tools/authoring.js';
import { createBrowserTools } from '../../../src/tools/browser.js';
import { createHomeTools } from '../../../src/tools/home.js';
import { createMailTools } from '../../../src/tools/mail.js';
import { createMemoryTools } from '../../../src/tools/memory.js';
import { createNotifyTools } from '../../../src/tools/notify.js';
import { createShellTools } from '../../../src/tools/shell.js';
import { createTaskTools } from '../../../src/tools/tasks.js';
import { readRepoText, repoRoot } from './repo-files.js';

const doc = readRepoText('docs/ARCHITECTURE.md');

/** The first-column values (between backticks) of the table under a `## heading`. */
function tableColumn(heading: string): string[] {
  const start = doc.indexOf(`\n## ${heading}\n`);
  if (start < 0) throw new Error(`docs/ARCHITECTURE.md has no "## ${heading}" section`);
  const end = doc.indexOf('\n## ', start + 1);
  const section = doc.slice(start, end < 0 ? undefined : end);
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => /^\| `([^`]+)`/.exec(line)?.[1] ?? '');
}

/** Every .ts file under a folder of the repository. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(resolve(repoRoot, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

// Where each route file is mounted (src/channels/http/app.ts).
const MOUNTS: Readonly<Record<string, string>> = { browser: '/api/browser', panel: '' };

/** `METHOD /path` of every route the HTTP channel defines. */
function codeRoutes(): string[] {
  const routes: string[] = [];
  for (const file of sourceFiles('src/channels/http/routes')) {
    const name = file.split('/').at(-1)?.replace(/\.ts$/, '') ?? '';
    const prefix = MOUNTS[name] ?? '/api';
    for (const match of readRepoText(file).matchAll(/router\.(get|post|put|patch|delete)\('([^']+)'/g)) {
      const path = `${prefix}${match[2] ?? ''}`.replace('/{*path}', '/*');
      routes.push(`${(match[1] ?? '').toUpperCase()} ${path}`);
    }
  }
  return routes.sort();
}

/** Environment variables the server reads. */
function codeEnvironment(): string[] {
  const names = new Set<string>();
  for (const file of sourceFiles('src')) {
    const text = readRepoText(file);
    for (const match of text.matchAll(/\benv(?:\.|\[')([A-Z][A-Z0-9_]{2,})|\(env, '([A-Z][A-Z0-9_]+)'/g)) names.add(match[1] ?? match[2] ?? '');
  }
  return [...names].sort();
}

function codeTools(): string[] {
  const stub = {} as never;
  return [
    ...createHomeTools({ ha: stub, index: stub, temperatureUnit: () => undefined }),
    ...createNotifyTools({ ha: stub }),
    ...createMailTools({ mail: stub }),
    ...createBrowserTools({ browser: stub }),
    ...createShellTools({ shell: stub, dataDir: '/data' }),
    ...createMemoryTools({ memories: stub, secrets: stub }),
    ...createTaskTools({ tasks: stub }),
    ...createAuthoringTools(stub),
  ]
    .map((tool) => tool.name)
    .sort();
}

/** The `type` of every chat event (the union in the agent's events module). */
function codeChatEvents(): string[] {
  const file = sourceFiles('src').find((path) => /export type ChatEvent\s*=/.test(readFileSync(resolve(repoRoot, path), 'utf8')));
  if (!file) throw new Error('no ChatEvent union in src');
  const union = readRepoText(file).split(/export type ChatEvent\s*=/)[1]?.split(';\n')[0] ?? '';
  return [...union.matchAll(/type: '([a-z_]+)'/g)].map((m) => m[1] ?? '').sort();
}

describe('docs/ARCHITECTURE.md, checked against the code', () => {
  it('lists every HTTP route, and no other', () => {
    expect(tableColumn('HTTP routes').sort()).toEqual(codeRoutes());
  });

  it('lists every environment variable the server reads, and no other', () => {
    expect(tableColumn('Environment').sort()).toEqual(codeEnvironment());
  });

  it('lists every option, and no other', () => {
    expect(tableColumn('Options').sort()).toEqual(Object.keys(optionsSchema.shape).sort());
  });

  it('lists every tool, and no other', () => {
    expect(tableColumn('Tools').sort()).toEqual(codeTools());
  });

  it('lists every chat event, and no other', () => {
    expect(tableColumn('Chat events').sort()).toEqual(codeChatEvents());
  });
});

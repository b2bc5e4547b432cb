/**
 * Why Majordome did not run a shell command (no usable root, a cwd outside the roots, a sandbox
 * that cannot run here), and why a command cannot become a rule, read in the person's language on
 * the card; the model reads the English. Real ShellService over real folders.
 */
import { mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/logger.js';
import { ShellService, type ShellServiceDeps } from '../../../src/shell/shell-service.js';
import { createShellTools } from '../../../src/tools/shell.js';
import { shellRuleRefusal } from '../../../src/tools/shell/run-declaration.js';
import type { ToolResult } from '../../../src/tools/tool.js';

let base: string;
let root: string;
const services: ShellService[] = [];

beforeAll(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'majordome-shell-fr-')));
  root = join(base, 'root');
  mkdirSync(root);
});
afterEach(async () => {
  await Promise.all(services.splice(0).map((s) => s.stop()));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

async function runFrench(deps: Partial<ShellServiceDeps>, input: { command: string; cwd?: string }): Promise<ToolResult> {
  const shell = new ShellService({ roots: [root], timeoutS: 5, sandbox: 'none', env: {}, logger: createLogger('silent'), ...deps });
  await shell.start();
  services.push(shell);
  const [tool] = createShellTools({ shell });
  if (!tool) throw new Error('no shell tool');
  return tool.execute(tool.input.parse(input), { user: { id: 'u1', via: 'ingress' }, conversationId: 'c1', signal: new AbortController().signal, language: 'fr' });
}

describe('a shell command Majordome did not run, for a French person', () => {
  it('says in French that no folder of shell_roots exists here', async () => {
    const missing = join(base, 'missing');
    const result = await runFrench({ roots: [missing] }, { command: 'true' });
    // The card keeps a line short (120 characters); the model reads it all.
    expect(result.summary).toMatch(/^Non exécutée : les commandes shell sont indisponibles : aucun des dossiers de shell_roots n’existe ici \(/);
    expect(result.output).toEqual({ error: `Shell commands are unavailable: none of the folders in shell_roots exists here (${missing}); set shell_roots to folders this system has.` });
  });

  it('says in French that the folder asked for is outside the roots, or is not there', async () => {
    const outside = await runFrench({}, { command: 'pwd', cwd: '/' });
    expect(outside.summary).toMatch(/^Non exécutée : le dossier \/ est en dehors des racines du shell ; les commandes ne peuvent démarrer que dans \//);
    expect(outside.output).toEqual({ error: `cwd / is outside the shell roots; commands may start only in ${root} or a folder inside` });
    const nowhere = await runFrench({}, { command: 'pwd', cwd: 'nowhere' });
    expect(nowhere.summary).toBe('Non exécutée : dossier nowhere : ce dossier n’existe pas');
    const dotdot = await runFrench({}, { command: 'pwd', cwd: '../x' });
    expect(dotdot.summary).toMatch(/^Non exécutée : le dossier ne peut pas contenir « \.\. » : choisissez un dossier dans \//);
  });

  it('says in French that the sandbox asked for cannot run, and never runs the command', async () => {
    const bwrap = join(base, 'no-such-bwrap');
    const result = await runFrench({ sandbox: 'bwrap', bwrapPath: bwrap }, { command: 'true' });
    expect(result.summary).toMatch(new RegExp(`^Non exécutée : les commandes shell sont indisponibles : shell_sandbox vaut « bwrap » mais bubblewrap n’est pas installé`));
    expect(String((result.output as { error: string }).error)).toMatch(/^Shell commands are unavailable: shell_sandbox is "bwrap" but bubblewrap is not installed/);
  });
});

describe('why a shell command cannot become a rule, in French', () => {
  it('names what makes the command complex in French', () => {
    expect(shellRuleRefusal('ls | wc -l', undefined, 'fr')).toBe('une règle ne correspond qu’à une commande simple, et celle-ci n’en est pas une (elle enchaîne plusieurs commandes)');
    expect(shellRuleRefusal('echo $HOME', undefined, 'fr')).toBe('une règle ne correspond qu’à une commande simple, et celle-ci n’en est pas une (elle développe des variables ou exécute une substitution)');
    expect(shellRuleRefusal('ls | wc -l')).toBe('a rule only matches one simple command, and this one is not (it chains several commands)');
  });
});

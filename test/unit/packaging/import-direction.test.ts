import { join } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './repo-files.js';

const RULE = 'import-x/no-restricted-paths';

// Only the import-direction rule runs: the cycle rule is slow and `npm run lint` covers it.
const eslint = new ESLint({ cwd: repoRoot, ruleFilter: ({ ruleId }) => ruleId === RULE });

/** The import-direction errors of `code` if it were the file `path` (relative to the repository). */
async function directionErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, path) });
  return (result?.messages ?? []).filter((m) => m.ruleId === RULE).map((m) => m.message);
}

describe('the import direction (channels → agent → policy, tools → llm → store, ha, config → contracts)', () => {
  it('refuses a store module that imports a channel', async () => {
    const errors = await directionErrors('src/store/layer-violation.ts', "import { RunningTurns } from '../channels/running-turns.js';\nexport const x = RunningTurns;\n");
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('Only main.ts and startup/ import the channels');
  });

  it('refuses a type-only import of the agent from the policy', async () => {
    const errors = await directionErrors('src/policy/layer-violation.ts', "import type { Agent } from '../agent/agent.js';\nexport type X = Agent;\n");
    expect(errors).toHaveLength(1);
  });

  it('refuses the model layer importing a tool, and a capability service importing the policy', async () => {
    expect(await directionErrors('src/llm/layer-violation.ts', "import type { Tool } from '../tools/tool.js';\nexport type X = Tool<unknown>;\n")).toHaveLength(1);
    expect(await directionErrors('src/mail/layer-violation.ts', "import type { Policy } from '../policy/index.js';\nexport type X = Policy;\n")).toHaveLength(1);
  });

  it('refuses any project import in src/contracts, even a shared leaf', async () => {
    const errors = await directionErrors('src/contracts/layer-violation.ts', "import { MajordomeError } from '../errors.js';\nexport const x = MajordomeError;\n");
    expect(errors[0]).toContain('src/contracts imports nothing of the project');
  });

  it('makes the rest of Majordome reach the policy through its entry file only', async () => {
    const errors = await directionErrors('src/agent/layer-violation.ts', "import type { Policy } from '../policy/policy.js';\nexport type X = Policy;\n");
    expect(errors[0]).toContain('through src/policy/index.ts');
    expect(await directionErrors('src/policy/taint/layer-ok.ts', "import type { Policy } from '../policy.js';\nexport type X = Policy;\n")).toEqual([]);
  });

  it('lets an import go down the ladder, and the composition root see the channels', async () => {
    expect(await directionErrors('src/agent/layer-ok.ts', "import type { Policy } from '../policy/index.js';\nexport type X = Policy;\n")).toEqual([]);
    expect(await directionErrors('src/startup/layer-ok.ts', "import { RunningTurns } from '../channels/running-turns.js';\nexport const x = RunningTurns;\n")).toEqual([]);
  });

  it('holds for every file of src today', async () => {
    const results = await eslint.lintFiles(['src']);
    const errors = results.flatMap((r) => r.messages.filter((m) => m.ruleId === RULE).map((m) => `${r.filePath}: ${m.message}`));
    expect(errors).toEqual([]);
  });
});

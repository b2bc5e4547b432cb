/**
 * The policy reads what each tool declares about a call (tools/describe-call.ts), never a tool's
 * name or its raw input: a new tool is one folder and one registration, and the policy needs no
 * edit to judge it. Rule data (rules/default-rules.ts) names tools, as the rules users write do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../packaging/repo-files.js';
import { testTools } from './described-calls.js';

const POLICY_DIR = join(repoRoot, 'src', 'policy');
/** Files that are rule data, written in the rule syntax. */
const RULE_DATA = new Set(['rules/default-rules.ts']);

/** Every source of the policy but the rule data, by file name. */
function policySources(): Array<[string, string]> {
  return readdirSync(POLICY_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !RULE_DATA.has(file))
    .map((file) => [file, readFileSync(join(POLICY_DIR, file), 'utf8')]);
}

/** Code that would make the policy depend on one tool or re-read its input. */
const TOOL_SPECIFIC: ReadonlyArray<[string, RegExp]> = [
  ['a switch on the tool', /switch\s*\([^)]*\btool\b/],
  ['a comparison with a tool name', /\btool\s*[!=]==?\s*['"`]/],
  ['a cast of an input', /\binput\b[^\n;]*\)?\s+as\s+[{A-Z]/],
];

describe('the policy is the same for every tool', () => {
  it('names no tool outside the rule data', () => {
    const names = testTools().list().map((tool) => tool.name);
    const hits = policySources().flatMap(([file, text]) => names.filter((name) => new RegExp(`['"\`]${name}['"\`]`).test(text)).map((name) => `${file}: ${name}`));
    expect(hits).toEqual([]);
  });

  it('neither switches on a tool nor casts a call input', () => {
    const hits = policySources().flatMap(([file, text]) =>
      text.split('\n').flatMap((line, i) => TOOL_SPECIFIC.filter(([, pattern]) => pattern.test(line)).map(([what]) => `${file}:${i + 1}: ${what}: ${line.trim()}`)),
    );
    expect(hits).toEqual([]);
  });
});

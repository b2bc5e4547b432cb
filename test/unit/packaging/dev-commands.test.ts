import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readRepoText, repoRoot, trackedMode } from './repo-files.js';

const SCRIPTS = ['scripts/test.sh', 'scripts/demo.sh', '.ci/run'];

describe('the two commands of the README', () => {
  const readme = readRepoText('README.md');

  it('tells how to run the demo and every test', () => {
    expect(readme).toContain('./scripts/demo.sh');
    expect(readme).toContain('./scripts/test.sh');
  });

  it('CI runs the same test command as developers', () => {
    expect(readRepoText('.ci/run')).toMatch(/^exec \.\/scripts\/test\.sh\b/m);
  });

  it.each(SCRIPTS)('%s is executable in git and parses', (script) => {
    expect(trackedMode(script)).toBe('100755');
    execFileSync('bash', ['-n', script], { cwd: repoRoot });
  });

  it('accepts the Node.js that runs these tests', () => {
    const out = execFileSync('bash', ['-c', 'source ./scripts/test.sh && require_node && echo node-ok'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(out.trim()).toBe('node-ok');
  });
});

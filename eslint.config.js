import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';

/*
 * The import direction (STYLE.md): channels → agent → (policy, tools) → llm → (store, ha, config,
 * and the capabilities mail, browser, shell) → contracts. A folder may import what sits below it,
 * never above; only the composition root (main.ts, startup/) sees the channels. The shared leaves
 * at the root (errors, logger, time zone, package info) and the event bus import no layer.
 * test/unit/packaging/import-direction.test.ts proves the rule bites.
 */
const COMPOSITION_ROOT = ['./src/main.ts', './src/startup'];
const CHANNELS = ['./src/channels'];
const AGENT = ['./src/agent', './src/security-check'];
const POLICY_TOOLS = ['./src/policy', './src/tools'];
const LLM = ['./src/llm'];
const SERVICES = ['./src/store', './src/ha', './src/config', './src/mail', './src/browser', './src/shell'];
const LEAVES = ['./src/errors.ts', './src/logger.ts', './src/time-zone.ts', './src/package-info.ts', './src/events'];

/** One zone: files in `target` may not import from `from`. */
function zone(target, from, why) {
  return { target, from, message: `${why} (import direction: see eslint.config.js).` };
}

const importDirection = [
  zone([...AGENT, ...POLICY_TOOLS, ...LLM, ...SERVICES, ...LEAVES], [...COMPOSITION_ROOT, ...CHANNELS], 'Only main.ts and startup/ import the channels'),
  zone(CHANNELS, COMPOSITION_ROOT, 'The channels do not import the composition root'),
  zone([...POLICY_TOOLS, ...LLM, ...SERVICES, ...LEAVES], AGENT, 'Only the channels and the composition root import the agent'),
  zone([...LLM, ...SERVICES, ...LEAVES], POLICY_TOOLS, 'The model layer and the layers below it do not import policy or tools'),
  zone([...SERVICES, ...LEAVES], LLM, 'Store, HA, config and the capability services do not import the model layer'),
  zone(LEAVES, SERVICES, 'The shared leaves import no layer'),
  {
    target: ['./src/*.ts', './src/!(policy)/**'],
    from: ['./src/policy'],
    except: ['./index.ts'],
    message: 'Outside src/policy, import the policy through src/policy/index.ts (import direction: see eslint.config.js).',
  },
  { target: ['./src/contracts'], from: ['./src'], except: ['./contracts'], message: 'src/contracts imports nothing of the project (import direction: see eslint.config.js).' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'panel/dist/**', 'coverage/**', 'test-artifacts/**', 'bench-results/**', '.scratch/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Sources import `./x.js` that resolves to `./x.ts` (NodeNext); the resolver must know that.
      'import-x/resolver-next': [createNodeResolver({ extensionAlias: { '.js': ['.ts', '.js'] } })],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: {
      'import-x/no-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: importDirection }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
);

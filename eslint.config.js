// Lint, and the layering of docs/architecture.md "Layers" as import rules:
//   src/shared    imports nothing outside itself (no Node, no DOM, no host);
//   src/renderer  imports only src/shared (never Node, never the main side);
//   src/main/engine and src/main/workers import no host (cli, web, electron);
//   only src/main/electron (and the preload, which runs in Electron's
//   sandbox and has no other way to reach contextBridge) imports `electron`.
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
// Module names (node builtins, packages) are matched exactly as `paths`:
// as gitignore-style `patterns` a builtin such as "inspector" or "test"
// would also forbid any relative path with a folder of that name.
const restrict = (names, message) => {
  const exact = names.filter((n) => !n.includes('*'));
  const globs = names.filter((n) => n.includes('*'));
  return {
    'no-restricted-imports': [
      'error',
      { paths: exact.map((name) => ({ name, message })), patterns: globs.length ? [{ group: globs, message }] : [] },
    ],
  };
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'scratch/**', 'test-results/**', 'bench/tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/shared/**'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'better-sqlite3', 'react', 'react-dom', '**/main/**', '**/renderer/**', '**/preload/**'],
      'src/shared knows no platform: no Node, no Electron, no host code (docs/architecture.md "Layers").',
    ),
  },
  {
    files: ['src/renderer/**'],
    rules: restrict(
      [...nodeBuiltins, 'electron', 'better-sqlite3', '**/main/**', '**/preload/**'],
      'The renderer talks only to the LabApi: it may import src/shared, never Node or the main side.',
    ),
  },
  {
    files: ['src/main/**'],
    ignores: ['src/main/electron/**'],
    rules: restrict(['electron', 'electron/*'], 'Only src/main/electron imports electron.'),
  },
  {
    files: ['src/main/engine/**', 'src/main/workers/**'],
    rules: restrict(
      ['electron', 'electron/*', '**/cli/**', '**/web/**', '**/electron/**'],
      'The engine is used by every host and imports none of them.',
    ),
  },
);

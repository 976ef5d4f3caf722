// Import boundaries are the architecture: shared/ runs on both sides, the window never reaches into
// the Node side, and only three files may touch Electron.
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*', 'fs', 'fs/*', 'path', 'os', 'child_process', 'net', 'http', 'https', 'crypto', 'stream', 'util', 'events',
  'worker_threads', 'zlib', 'tty', 'readline', 'url', 'buffer', 'dgram', 'dns', 'tls', 'string_decoder', 'assert',
];
const ELECTRON_ALLOWED = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc/register.ts'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'release/**', 'test/artifacts/**', 'test/bench/results/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // electron-builder loads its hooks with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', exports: 'writable', module: 'writable', __dirname: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: NODE_BUILTINS, message: 'shared/ runs in the window too: no Node modules.' },
          { group: ['electron', 'react', 'react-dom', '@xterm/*', '**/electron/**', '**/renderer/**'], message: 'shared/ imports only shared/ and pure libraries.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: NODE_BUILTINS, message: 'The window has no Node.' },
          { group: ['electron', '**/electron/**'], message: 'The window talks to the Node side only through the contract.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ELECTRON_ALLOWED,
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron'], message: 'Only main.ts, preload.ts and ipc/register.ts import electron; services stay plain Node.' },
          { group: ['**/renderer/**', 'react', 'react-dom'], message: 'The Node side does not import the window.' },
        ],
      }],
    },
  },
);

// Import boundaries are the architecture: shared/ runs on both sides, the window never reaches into
// the Node side, services never reach into the app that composes them, and only three files may
// touch Electron. test/lint/ proves each rule below with a violating and a passing file.
import { builtinModules } from 'node:module';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

// Node's builtins, derived rather than listed by hand so none is missed (perf_hooks, vm, v8, ...).
// These are refused by name; with the `node:` prefix every name is refused by pattern, which also
// covers modules Node knows only by their prefixed name (node:test, node:sqlite), absent from
// builtinModules on Node 20.
const BUILTINS = builtinModules.filter((m) => !m.startsWith('node:'));
/** Packages that only work on the Node side; the window and shared/ reach them through the contract. */
const NODE_ONLY_PACKAGES = ['ssh2', 'ws', 'electron'];
const ELECTRON_ALLOWED = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc/register.ts'];

/**
 * Which service may import which other service. Everything else between services is refused, so a
 * new edge is a decision made here, not an accident: export/ renders incident/'s fold, incident/
 * writes through journal/, practice/ builds fleet/ hosts. incident/ reaches export/ only through
 * the exporter the app injects.
 */
const SERVICE_IMPORTS = {
  fleet: [],
  journal: [],
  recording: [],
  incident: ['journal'],
  export: ['incident', 'journal'],
  practice: ['fleet'],
};
const SERVICES = Object.keys(SERVICE_IMPORTS);
const COMPOSERS = ['app', 'rpc', 'cli', 'web', 'ipc'];

// Element types, first match wins. Patterns are folders from the repository root.
const ELEMENTS = [
  { type: 'shared', pattern: 'shared' },
  { type: 'renderer-store', pattern: 'renderer/store' },
  { type: 'renderer-api', pattern: 'renderer/api' },
  { type: 'renderer-model', pattern: 'renderer/model' },
  { type: 'renderer', pattern: 'renderer' },
  // Below every other Node-side layer: errors and the data-folder layout services and composers share.
  { type: 'electron-core', pattern: 'electron/core' },
  { type: 'service', pattern: `electron/(${SERVICES.join('|')})`, capture: ['service'] },
  { type: 'composer', pattern: `electron/(${COMPOSERS.join('|')})`, capture: ['composer'] },
  // The rest of electron/. Only its entry points, main.ts and preload.ts, get a policy, so a file in
  // a new electron/ folder may import nothing local until that folder is given a type above.
  { type: 'electron-main', pattern: 'electron' },
  { type: 'test', pattern: 'test' },
].map((e) => ({ partialMatch: false, ...e }));

const to = (...types) => ({ to: { element: { types: { anyOf: types } } } });
const from = (type, extra = {}) => ({ element: { type, ...extra } });

const POLICIES = [
  { from: from('shared'), allow: to('shared') },
  { from: from('renderer'), allow: to('renderer', 'renderer-api', 'renderer-store', 'renderer-model', 'shared') },
  { from: from('renderer-api'), allow: to('renderer-api', 'renderer-model', 'shared') },
  { from: from('renderer-model'), allow: to('renderer-model', 'shared') },
  { from: from('renderer-store'), allow: to('renderer-store', 'renderer-model', 'shared') },
  {
    from: from('renderer-store'),
    disallow: to('renderer-api'),
    message: 'renderer/store/ holds state; it does not import a transport (renderer/api/). Shared types go in renderer/model/.',
  },
  { from: from('electron-core'), allow: to('electron-core', 'shared') },
  { from: from('service'), allow: to('electron-core', 'shared') },
  ...Object.entries(SERVICE_IMPORTS)
    .filter(([, deps]) => deps.length > 0)
    .map(([service, deps]) => ({
      from: from('service', { captured: { service } }),
      allow: { to: { element: { type: 'service', captured: { service: deps } } } },
    })),
  {
    from: from('service'),
    disallow: to('composer', 'electron-main'),
    message: 'Services (fleet, journal, incident, export, practice, recording) never import app/, rpc/, cli/, web/, ipc/ or the entry points; put what both need in electron/core/.',
  },
  { from: from('composer'), allow: to('composer', 'service', 'electron-core', 'shared') },
  { from: from('electron-main', { fileInternalPath: 'main.ts' }), allow: to('composer', 'service', 'electron-core', 'shared') },
  // The preload script runs in the window's sandbox, where only the contract makes sense.
  { from: from('electron-main', { fileInternalPath: 'preload.ts' }), allow: to('shared') },
  { from: from('test'), allow: { to: { element: { types: '*' } } } },
];

/** import() whose source the linter cannot read, or that names a Node builtin or Node-only package. */
function dynamicImportBans(message) {
  const names = [...new Set([...BUILTINS, ...NODE_ONLY_PACKAGES].map((m) => m.split('/')[0]))];
  // esquery's regex literals cannot hold "/", hence \x2F for subpaths such as fs/promises.
  const source = `^(node:.*|(${names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(\\x2F.*)?)$`;
  return [
    { selector: `ImportExpression > Literal[value=/${source}/]`, message },
    { selector: "ImportExpression[source.type!='Literal']", message: 'import() with a computed source cannot be checked against the layer rules; use a string literal.' },
  ];
}

function noNodeImports(message, ...patterns) {
  return ['error', {
    paths: [...BUILTINS, ...NODE_ONLY_PACKAGES].map((name) => ({ name, message })),
    patterns: [{ group: ['node:*', ...NODE_ONLY_PACKAGES.map((p) => `${p}/*`)], message }, ...patterns],
  }];
}

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
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'renderer/**/*.tsx', 'test/**/*.ts', 'test/**/*.tsx'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': ELEMENTS,
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import', 'require'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.cjs'] } },
    },
    rules: {
      'boundaries/dependencies': ['error', { default: 'disallow', policies: POLICIES }],
      // A file in a folder no element names would escape every rule above.
      'boundaries/no-unknown-files': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': noNodeImports(
        'shared/ runs in the window too: no Node modules or Node-only packages.',
        { group: ['react', 'react-dom', '@xterm/*'], message: 'shared/ imports only shared/ and pure libraries.' },
      ),
      'no-restricted-syntax': ['error', ...dynamicImportBans('shared/ runs in the window too: no Node modules or Node-only packages.')],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': noNodeImports('The window has no Node: it talks to the Node side only through the contract.'),
      'no-restricted-syntax': ['error', ...dynamicImportBans('The window has no Node: it talks to the Node side only through the contract.')],
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

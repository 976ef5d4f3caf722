// Builds every artifact: the renderer (Vite), and the main process, the sandboxed preload (one
// CommonJS bundle, as Electron requires), the CLI and the benchmarks (esbuild).
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import { chmod, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const only = process.argv[2];
const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  absWorkingDir: root,
  // ssh2 loads optional native parts inside try/catch; they are never installed (see allowScripts).
  external: ['electron', 'cpu-features', './crypto/build/Release/sshcrypto.node'],
  define: { 'process.env.WARROOM_VERSION': JSON.stringify(process.env.npm_package_version ?? '0.0.0') },
};

const targets = {
  main: () => esbuild({ ...node, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
  preload: () =>
    esbuild({ ...node, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', target: 'chrome130' }),
  cli: async () => {
    await esbuild({
      ...node,
      entryPoints: ['electron/cli/bin.ts'],
      outfile: 'dist/cli/warroom.cjs',
      banner: { js: '#!/usr/bin/env node' },
    });
    await chmod(path.join(root, 'dist/cli/warroom.cjs'), 0o755);
  },
  // The editor and window parts drive Chromium and bundle their pages at bench time: both tools are
  // loaded from node_modules (playwright-core reads its own package.json, esbuild runs its native binary).
  bench: () =>
    esbuild({ ...node, entryPoints: ['test/bench/main.ts'], outfile: 'dist/bench/main.cjs', external: [...node.external, 'playwright-core', 'esbuild'] }),
  renderer: () => viteBuild({ configFile: path.join(root, 'vite.config.mts'), logLevel: 'warn' }),
};

const { existsSync } = await import('node:fs');
const wanted = only ? [only] : Object.keys(targets);
if (!only) await rm(path.join(root, 'dist'), { recursive: true, force: true });
for (const name of wanted) {
  const target = targets[name];
  if (!target) throw new Error(`unknown build target ${name}`);
  // Entry points that do not exist yet are skipped so the build stays usable while parts are written.
  if (name === 'bench' && !existsSync(path.join(root, 'test/bench/main.ts'))) continue;
  await target();
}
console.log(`built ${wanted.join(', ')}`);

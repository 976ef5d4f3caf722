/**
 * renderer/ and shared/ run in the window, which has no Node: eslint.config.mjs refuses every Node
 * builtin (the list comes from node:module's builtinModules), with and without `node:`, and the
 * Node-only packages, whether imported statically, re-exported or loaded with import().
 */
import { builtinModules } from 'node:module';
import { describe, expect, it } from 'vitest';
import { lint, problems } from './lint';

const SIDES = ['renderer/app/x.ts', 'renderer/panels/x.tsx', 'shared/model/x.ts'];
// The ones a hand-written list tends to miss, plus the usual suspects and a subpath.
const BUILTINS = ['perf_hooks', 'vm', 'v8', 'module', 'http2', 'async_hooks', 'fs', 'fs/promises', 'child_process', 'path/posix'];
const PACKAGES = ['ssh2', 'ws', 'electron', 'ssh2/lib/protocol/Protocol.js'];

async function rules(filePath: string, code: string): Promise<string[]> {
  return (await lint(filePath, code)).map((p) => p.ruleId ?? 'fatal');
}

describe('Node builtins and Node-only packages are refused in the window and in shared/', () => {
  it('every builtin in the sample is one node:module lists, so the sample exercises the derived list', () => {
    for (const b of BUILTINS) expect(builtinModules).toContain(b);
  });

  for (const file of SIDES) {
    for (const name of [...BUILTINS, ...BUILTINS.map((b) => `node:${b}`), ...PACKAGES]) {
      it(`${file}: import '${name}'`, async () => {
        expect(await rules(file, `import * as m from '${name}';\nexport { m };`)).toEqual(['no-restricted-imports']);
      });
    }

    it(`${file}: a builtin Node only knows with its prefix (node:test)`, async () => {
      expect(await rules(file, "import { test } from 'node:test';\nexport { test };")).toEqual(['no-restricted-imports']);
    });

    it(`${file}: re-exporting a builtin`, async () => {
      expect(await rules(file, "export { performance } from 'node:perf_hooks';")).toEqual(['no-restricted-imports']);
    });

    for (const name of ['vm', 'node:v8', 'fs/promises', 'node:fs/promises', 'ws', 'ssh2']) {
      it(`${file}: import('${name}')`, async () => {
        const found = await problems('no-restricted-syntax', file, `export const m = () => import('${name}');`);
        expect(found).toHaveLength(1);
        expect(found[0]!.message).toMatch(/no Node/);
      });
    }

    it(`${file}: import() of a computed name, which no rule could check`, async () => {
      const found = await problems('no-restricted-syntax', file, "export const m = (name: string) => import(name);");
      expect(found.map((p) => p.message)).toEqual([expect.stringMatching(/computed source/)]);
    });

    it(`${file}: a pure library, imported or loaded with import(), is fine`, async () => {
      expect(await rules(file, "import { z } from 'zod';\nexport const m = () => import('zod');\nexport { z };")).toEqual([]);
    });
  }

  it('renderer/: import() of a window module is fine', async () => {
    expect(await rules('renderer/app/x.ts', "export const m = () => import('../panels/TopBar');")).toEqual([]);
  });

  it('renderer/: import() across to the Node side is refused by the layer rule', async () => {
    expect(await rules('renderer/app/x.ts', "export const m = () => import('../../electron/core/errors');")).toEqual(['boundaries/dependencies']);
  });

  it('shared/: import() across to the window is refused by the layer rule', async () => {
    expect(await rules('shared/model/x.ts', "export const m = () => import('../../renderer/model/link');")).toEqual(['boundaries/dependencies']);
  });

  it('the Node side may use builtins, ssh2 and ws', async () => {
    const code = "import { performance } from 'node:perf_hooks';\nimport vm from 'vm';\nimport { Client } from 'ssh2';\nimport { WebSocketServer } from 'ws';\nexport { performance, vm, Client, WebSocketServer };";
    expect(await rules('electron/fleet/x.ts', code)).toEqual([]);
  });
});

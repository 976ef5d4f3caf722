/**
 * The layer rules (boundaries/dependencies in eslint.config.mjs): each is shown refusing a file that
 * crosses it and accepting its lawful counterpart, with static, type-only, re-export and dynamic
 * imports of real files in this repository.
 */
import { describe, expect, it } from 'vitest';
import { lintFiles, problems } from './lint';

const RULE = 'boundaries/dependencies';

async function refused(filePath: string, code: string): Promise<string[]> {
  return (await problems(RULE, filePath, code)).map((p) => p.message);
}

async function expectRefused(filePath: string, code: string, message?: RegExp): Promise<void> {
  const found = await refused(filePath, code);
  expect(found, `${filePath}: ${code}`).toHaveLength(1);
  if (message) expect(found[0]).toMatch(message);
}

async function expectAllowed(filePath: string, code: string): Promise<void> {
  expect(await refused(filePath, code), `${filePath}: ${code}`).toEqual([]);
}

describe('shared/ imports only shared/', () => {
  it('refuses the Node side and the window', async () => {
    await expectRefused('shared/model/x.ts', "import { UserError } from '../../electron/core/errors';");
    await expectRefused('shared/model/x.ts', "import type { LinkState } from '../../renderer/model/link';");
    await expectRefused('shared/x.ts', "export { WsClient } from '../renderer/api/websocket';");
  });

  it('allows shared/', async () => {
    await expectAllowed('shared/model/x.ts', "import { contract } from '../contract';\nimport { Severity } from './incident';");
  });
});

describe('renderer/ imports renderer/ and shared/', () => {
  it('refuses the Node side', async () => {
    await expectRefused('renderer/app/x.ts', "import { UserError } from '../../electron/core/errors';");
    await expectRefused('renderer/panels/x.tsx', "import type { Handlers } from '../../electron/rpc/handlers';");
  });

  it('allows the window and the contract', async () => {
    await expectAllowed(
      'renderer/app/x.ts',
      "import { contract } from '../../shared/contract';\nimport { useStore } from '../store/index';\nimport { connectApi } from '../api/connect';\nimport type { LinkState } from '../model/link';",
    );
  });
});

describe('renderer/store/ does not import the transport', () => {
  it('refuses renderer/api/, even for a type', async () => {
    await expectRefused('renderer/store/x.ts', "import type { LinkState } from '../api/websocket';", /does not import a transport/);
    await expectRefused('renderer/store/x.ts', "import { WsClient } from '../api/websocket';", /does not import a transport/);
  });

  it('refuses the layers above it', async () => {
    await expectRefused('renderer/store/x.ts', "import { Controller } from '../app/controller';");
  });

  it('allows the store, renderer/model/ and shared/', async () => {
    await expectAllowed('renderer/store/x.ts', "import type { LinkState } from '../model/link';\nimport type { Slice } from './types';\nimport type { HostKeyPrompt } from '../../shared/model/host';");
  });

  it('holds for renderer/store/uiSlice.ts as it is now', async () => {
    const [result] = await lintFiles(['renderer/store/uiSlice.ts']);
    expect(result?.problems).toEqual([]);
  });
});

describe('services import services, electron/core/ and shared/ only', () => {
  const SERVICE = /Services .* never import app\/, rpc\/, cli\/, web\//;

  it('refuses app/, rpc/, cli/, web/ and ipc/', async () => {
    await expectRefused('electron/incident/x.ts', "import { EventHub } from '../rpc/handlers';", SERVICE);
    await expectRefused('electron/export/x.ts', "import { defaultDataDir } from '../app/paths';", SERVICE);
    await expectRefused('electron/fleet/connect/x.ts', "import { createCli } from '../../cli/main';", SERVICE);
    await expectRefused('electron/journal/x.ts', "import type { WebServer } from '../web/server';", SERVICE);
    await expectRefused('electron/recording/x.ts', "import { registerIpc } from '../ipc/register';", SERVICE);
  });

  it('refuses a dynamic import() and a re-export across the line too', async () => {
    await expectRefused('electron/practice/x.ts', "export async function f() { return import('../app/warroom'); }", SERVICE);
    await expectRefused('electron/incident/x.ts', "export { UserError } from '../app/handlers';", SERVICE);
  });

  // Which service may import which. Every other pair is refused: incident/ reaches export/ only
  // through the exporter the app injects, so the two never import each other.
  const MAY_IMPORT: Record<string, string[]> = {
    fleet: [],
    journal: [],
    recording: [],
    incident: ['journal'],
    export: ['incident', 'journal'],
    practice: ['fleet'],
  };
  const ENTRY: Record<string, string> = {
    fleet: 'fleet/fleet',
    journal: 'journal/journal',
    recording: 'recording/asciicast',
    incident: 'incident/index',
    export: 'export/write',
    practice: 'practice/index',
  };
  for (const [service, allowed] of Object.entries(MAY_IMPORT)) {
    for (const other of Object.keys(MAY_IMPORT).filter((s) => s !== service)) {
      const ok = allowed.includes(other);
      it(`${service}/ ${ok ? 'may' : 'may not'} import ${other}/`, async () => {
        const code = `import * as x from '../${ENTRY[other]}';\nexport { x };`;
        if (ok) await expectAllowed(`electron/${service}/x.ts`, code);
        else await expectRefused(`electron/${service}/x.ts`, code);
      });
    }
  }

  it('allows electron/core/ and shared/', async () => {
    await expectAllowed(
      'electron/incident/x.ts',
      "import { UserError } from '../core/errors';\nimport { journalFile } from '../core/data-layout';\nimport { contract } from '../../shared/contract';",
    );
  });

  it('holds for incident/ and export/ as they are now', async () => {
    const results = await lintFiles(['electron/incident/*.ts', 'electron/export/*.ts']);
    expect(results.length).toBeGreaterThan(10);
    expect(results.filter((r) => r.problems.length > 0)).toEqual([]);
  });
});

describe('electron/core/ imports only itself and shared/', () => {
  it('refuses services and composers', async () => {
    await expectRefused('electron/core/x.ts', "import { Journal } from '../journal/journal';");
    await expectRefused('electron/core/x.ts', "import { defaultDataDir } from '../app/paths';");
  });

  it('allows shared/', async () => {
    await expectAllowed('electron/core/x.ts', "import { IncidentId } from '../../shared/model/incident';\nimport { UserError } from './errors';");
  });
});

describe('composers (app, rpc, cli, web, ipc) may import services', () => {
  it('allows services, other composers, electron/core/ and shared/', async () => {
    await expectAllowed('electron/app/x.ts', "import { IncidentService } from '../incident/index';\nimport { EventHub } from '../rpc/handlers';\nimport { UserError } from '../core/errors';");
    await expectAllowed('electron/cli/x.ts', "import { writeExport } from '../export/write';\nimport { defaultDataDir } from '../app/paths';");
  });

  it('refuses the window', async () => {
    await expectRefused('electron/web/x.ts', "import { WsClient } from '../../renderer/api/websocket';");
  });
});

describe('electron/ entry points', () => {
  it('main.ts may import composers and services', async () => {
    await expectAllowed('electron/main.ts', "import { defaultDataDir } from './app/paths';\nimport { startPracticeFleet } from './practice/index';");
  });

  it('preload.ts, which runs in the window sandbox, may import only shared/', async () => {
    await expectAllowed('electron/preload.ts', "import { contract } from '../shared/contract';");
    await expectRefused('electron/preload.ts', "import { dispatch } from './rpc/handlers';");
    await expectRefused('electron/preload.ts', "import { Journal } from './journal/journal';");
  });

  it('a file in an electron/ folder no rule names may import nothing local', async () => {
    await expectRefused('electron/newfolder/x.ts', "import { UserError } from '../core/errors';");
  });
});

describe('test/ may import any layer', () => {
  it('allows the window, services and composers', async () => {
    await expectAllowed(
      'test/electron/x.test.ts',
      "import { Journal } from '../../electron/journal/journal';\nimport { createWarroom } from '../../electron/app/warroom';\nimport type { LinkState } from '../../renderer/model/link';",
    );
  });
});

describe('only main.ts, preload.ts and ipc/register.ts import electron', () => {
  it('refuses electron in a service and a composer', async () => {
    for (const file of ['electron/fleet/x.ts', 'electron/app/x.ts']) {
      const found = await problems('no-restricted-imports', file, "import { app } from 'electron';\nexport { app };");
      expect(found.map((p) => p.message), file).toEqual([expect.stringMatching(/Only main\.ts, preload\.ts and ipc\/register\.ts import electron/)]);
    }
  });

  it('allows it in the three files', async () => {
    for (const file of ['electron/main.ts', 'electron/preload.ts', 'electron/ipc/register.ts']) {
      expect(await problems('no-restricted-imports', file, "import { app } from 'electron';\nexport { app };"), file).toEqual([]);
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../journal/helpers';
import { buildCli, runCli } from './cli';

let cleanup: () => void;
let cli: string;
let home: string;
beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = tempDir('warroom-main-'));
  home = dir;
  cli = await buildCli(dir);
});
afterAll(() => cleanup());

describe('warroom', () => {
  it('registers every command, its own and the other parts\'', async () => {
    const r = await runCli(cli, ['--help'], { WARROOM_HOME: home });
    expect(r.code).toBe(0);
    const commands = [...r.stdout.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]);
    for (const name of ['web', 'hosts', 'run', 'incident', 'log', 'verify', 'export', 'incidents', 'search']) expect(commands).toContain(name);
  });

  it('reports an unknown command on stderr with a non-zero exit', async () => {
    const r = await runCli(cli, ['explode'], { WARROOM_HOME: home });
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/unknown command 'explode'/);
  });
});

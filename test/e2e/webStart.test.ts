/** `warroom web` starting over a damaged active journal says so on stderr, naming file and line. */
import { afterAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, startWeb, type WebApp } from './harness';

describe('warroom web over a corrupt active incident', () => {
  const home = mkdtempSync(path.join(os.tmpdir(), 'warroom-corrupt-'));
  let app: WebApp | undefined;
  afterAll(async () => {
    await app?.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('prints the journal file and the damaged line on stderr, and still serves the window', async () => {
    const env = { ...process.env, WARROOM_HOME: home };
    const id = execFileSync(process.execPath, [CLI, 'incident', 'new', '--title', 'disk full on db-01'], { env, encoding: 'utf8' }).trim().split(/\s+/).pop()!;
    execFileSync(process.execPath, [CLI, 'log', 'replica lag 40 s'], { env });
    const journal = path.join(home, 'incidents', id, 'journal.jsonl');
    const lines = readFileSync(journal, 'utf8').split('\n');
    // Line 2 altered after the fact: its hash no longer holds.
    lines[1] = lines[1]!.replace('replica lag 40 s', 'replica lag 4 s');
    writeFileSync(journal, lines.join('\n'));

    app = await startWeb(['--practice', '1'], { WARROOM_HOME: home });
    await expect.poll(() => app!.output(), { timeout: 10_000 }).toContain(`${journal}:2:`);
    expect(app.output()).toMatch(/could not open the active incident/);
    expect(app.child.exitCode).toBeNull();
  });
});

/**
 * Everything Warroom writes about an incident is private to the user, whatever the umask: real
 * files from the app's service and the real CLI, checked with stat under the usual umask 022.
 */
import { incidentExporter } from '../../../electron/export/incident-exporter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { IncidentService } from '../../../electron/incident/index';
import { Journal } from '../../../electron/journal/journal';
import { findChromium } from '../../../electron/export/pdf';
import { buildCli } from '../cli/cli';

/** Every folder and file under `root`, with its permission bits. */
function modes(root: string): Array<{ file: string; dir: boolean; mode: string }> {
  const out: Array<{ file: string; dir: boolean; mode: string }> = [];
  const walk = (p: string) => {
    const st = statSync(p);
    out.push({ file: path.relative(root, p) || '.', dir: st.isDirectory(), mode: (st.mode & 0o777).toString(8) });
    if (st.isDirectory()) for (const name of readdirSync(p)) walk(path.join(p, name));
  };
  walk(root);
  return out;
}

function expectPrivate(root: string): void {
  const open = modes(root).filter((m) => m.mode !== (m.dir ? '700' : '600'));
  expect(open, `not private under ${root}`).toEqual([]);
}

describe('private incident files', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'warroom-private-'));
  let umask = 0;
  beforeAll(() => {
    umask = process.umask(0o022);
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(tmp, { recursive: true, force: true });
  });

  it('makes the data dir, journals, exports, attachments and side files 0700/0600 from the app', async () => {
    const home = path.join(tmp, 'app', 'Warroom');
    const source = path.join(tmp, 'evidence.log');
    writeFileSync(source, 'ERROR disk full\n', { mode: 0o644 });
    // A data dir an older version left open to others is made private.
    mkdirSync(home, { recursive: true, mode: 0o755 });
    const service = await IncidentService.open({ dataDir: home, actor: 'alice', exporter: incidentExporter });
    let id = '';
    try {
      id = (await service.declare({ title: 'Private', severity: 'SEV3' })).id;
      await service.note('db password rotated');
      await service.attach(source);
      for (const format of ['md', 'html', 'json', ...(findChromium() ? ['pdf' as const] : [])] as const) await service.exportAs(format);
    } finally {
      await service.close();
    }
    // A torn last line moved aside on open.
    const journal = path.join(home, 'incidents', id, 'journal.jsonl');
    appendFileSync(journal, '{"seq":99,"ts":');
    const reopened = await Journal.open(journal);
    expect(reopened.recovered).toBeDefined();
    await reopened.close();
    const all = modes(home).map((m) => m.file);
    expect(all).toEqual(expect.arrayContaining(['.', 'incidents', `incidents/${id}`, `incidents/${id}/journal.jsonl`, 'active-incident', `incidents/${id}/exports/${id}.json`]));
    expect(all.some((f) => f.startsWith(`incidents/${id}/attachments/`))).toBe(true);
    expect(all.some((f) => f.includes('journal.jsonl.torn-'))).toBe(true);
    expectPrivate(home);
  });

  it('makes what the CLI writes private too', async () => {
    const cli = await buildCli(tmp);
    const home = path.join(tmp, 'cli', 'Warroom');
    const run = (...args: string[]) => {
      // The CLI as a user starts it: a fresh process with the shell's umask.
      const r = spawnSync('sh', ['-c', 'umask 022 && exec "$0" "$@"', process.execPath, cli, ...args], { env: { ...process.env, WARROOM_HOME: home, WARROOM_ACTOR: 'bob' }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return r.stdout.trim();
    };
    const id = run('incident', 'new', '--title', 'From the CLI', '--json').match(/"id":\s*"([^"]+)"/)?.[1] ?? '';
    expect(id).not.toBe('');
    run('log', 'checked the replicas');
    run('export', id, '--format', 'json');
    run('export', id, '--format', 'md');
    expectPrivate(home);
  }, 120_000);
});

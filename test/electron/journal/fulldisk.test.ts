/**
 * A full disk, for real: a 64 KiB tmpfs. The append that does not fit fails with an error that
 * names the journal and ENOSPC, and everything acknowledged before it is still there and verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Journal } from '../../../electron/journal/journal';
import { verifyJournal } from '../../../electron/journal/verify';
import type { JournalEvent } from '../../../shared/model/incident';
import { buildCli, runCli } from '../cli/cli';

const mountPoint = path.join(os.tmpdir(), `warroom-fulldisk-${process.pid}`);
let mounted = false;
let skipReason = '';

beforeAll(() => {
  mkdirSync(mountPoint, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (err) {
    skipReason = `cannot mount a tmpfs here (needs root): ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`;
    console.warn(`full-disk test skipped: ${skipReason}`);
  }
});

afterAll(() => {
  if (mounted) execFileSync('umount', [mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

describe('journal on a full disk', () => {
  it('fails the write with a clear ENOSPC error naming the journal, and loses nothing acknowledged', async (ctx) => {
    if (!mounted) ctx.skip(skipReason);
    const file = path.join(mountPoint, 'inc', 'journal.jsonl');
    const journal = await Journal.open(file, { create: true });
    const acked: JournalEvent[] = [];
    let failure: unknown;
    // 3 KiB notes: a few dozen fit, then the disk is full.
    for (let i = 0; i < 200 && !failure; i++) {
      try {
        acked.push(await journal.append({ type: 'note', actor: 't', data: { text: `${i} ${'x'.repeat(3000)}` } }));
      } catch (err) {
        failure = err;
      }
    }
    expect(acked.length).toBeGreaterThan(3);
    expect(failure).toBeInstanceOf(Error);
    const message = (failure as Error).message;
    expect(message).toContain(file);
    expect(message).toContain('ENOSPC');
    expect(message).toContain('NOT recorded');

    // The failed batch was taken back: the file ends exactly on the last acknowledged event.
    const lastLine = readFileSync(file, 'utf8').trimEnd().split('\n').at(-1) ?? '';
    expect((JSON.parse(lastLine) as JournalEvent).hash).toBe(acked.at(-1)?.hash);
    // A later append still fails cleanly rather than corrupting anything.
    await expect(journal.append({ type: 'note', actor: 't', data: { text: 'y'.repeat(8000) } })).rejects.toThrow(/ENOSPC/);
    await journal.close();

    const reopened = await Journal.open(file);
    expect(reopened.recovered).toBeUndefined();
    expect(reopened.events.map((e) => e.hash)).toEqual(acked.map((e) => e.hash));
    await reopened.close();
    expect(await verifyJournal(file)).toMatchObject({ ok: true, count: acked.length });
    expect(statSync(file).size).toBeGreaterThan(0);
  });

  it('`warroom log` on a full disk says so on stderr, names the journal, and exits non-zero', async (ctx) => {
    if (!mounted) ctx.skip(skipReason);
    // Start from an empty tmpfs: the test before filled it.
    rmSync(path.join(mountPoint, 'inc'), { recursive: true, force: true });
    const home = path.join(mountPoint, 'home');
    const cli = await buildCli(mkdtempSync(path.join(os.tmpdir(), 'warroom-fulldisk-cli-')));
    try {
      const env = { WARROOM_HOME: home, WARROOM_ACTOR: 't' };
      const created = await runCli(cli, ['incident', 'new', '--title', 'disk'], env);
      expect(created.stderr).toBe('');
      const id = created.stdout.trim();
      // Fill what is left of the tmpfs, then try to log.
      const filler = path.join(mountPoint, 'filler');
      try {
        writeFileSync(filler, Buffer.alloc(1024 * 1024));
      } catch {
        // ENOSPC here is the point: the disk is now full
      }
      const r = await runCli(cli, ['log', 'the disk is full'], env);
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(path.join(home, 'incidents', id, 'journal.jsonl'));
      expect(r.stderr).toMatch(/ENOSPC.*NOT recorded/);
      rmSync(filler, { force: true });
      expect(await verifyJournal(path.join(home, 'incidents', id, 'journal.jsonl'))).toMatchObject({ ok: true, count: 1 });
    } finally {
      rmSync(path.dirname(cli), { recursive: true, force: true });
    }
  });
});

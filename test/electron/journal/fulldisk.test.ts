/**
 * A full disk, for real: a 64 KiB tmpfs. The append that does not fit fails with an error that
 * names the journal and ENOSPC, and everything acknowledged before it is still there and verifies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Journal } from '../../../electron/journal/journal';
import { verifyJournal } from '../../../electron/journal/verify';
import type { JournalEvent } from '../../../shared/model/incident';

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
});

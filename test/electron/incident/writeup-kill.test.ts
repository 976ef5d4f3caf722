/**
 * Two editor processes save the same section against each other and are killed with kill -9
 * mid-stream: every save they acknowledged is in the journal with its text, and the versions form
 * one line (no two saves edited from the same version), because each base check ran under the lock.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Journal } from '../../../electron/journal/journal';
import { verifyJournal } from '../../../electron/journal/verify';
import { sectionVersions } from '../../../shared/writeup/document';
import { bundle } from '../../fixtures/bundle';
import { tempDir } from '../journal/helpers';

let dir: string;
let cleanup: () => void;
let saver: string;
const live = new Set<ChildProcess>();

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('warroom-writeup-kill-'));
  saver = await bundle(path.join(__dirname, 'fixtures/writeup-saver.ts'), path.join(dir, 'saver.cjs'));
  return () => cleanup();
});
afterEach(() => {
  // By pid, only ours, only if still running: a test that failed half-way leaves nothing behind.
  for (const c of live) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  live.clear();
});

function start(file: string, name: string) {
  const child = spawn(process.execPath, [saver, file, name, 'summary'], { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  const acked = new Map<number, string>();
  let conflicts = 0;
  let err = '';
  let partial = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const m = /^ack (\d+) (\S+)$/.exec(line);
      if (m) acked.set(Number(m[1]), m[2] as string);
      else if (line.startsWith('conflict ')) conflicts++;
    }
  });
  child.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
  const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
  return { child, acked, conflicts: () => conflicts, stderr: () => err, closed };
}

describe('write-up saves under kill -9', () => {
  it('two editors racing on one section, killed mid-stream, lose no acknowledged save and never fork the versions', async () => {
    const file = path.join(dir, 'journal.jsonl');
    const j = await Journal.open(file, { create: true });
    await j.append({ type: 'incident.declared', actor: 'ops', data: { id: 'inc', title: 'Race', severity: 'SEV3', commander: 'ops' } });
    await j.close();

    const editors = [start(file, 'ann'), start(file, 'tom')];
    const deadline = Date.now() + 20_000;
    while (editors.some((e) => e.acked.size < 20) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    for (const e of editors) if (e.child.exitCode === null && e.child.signalCode === null) e.child.kill('SIGKILL');
    const signals = await Promise.all(editors.map((e) => e.closed));
    expect(signals, editors.map((e) => e.stderr()).join('\n')).toEqual(['SIGKILL', 'SIGKILL']);
    for (const e of editors) expect(e.acked.size, 'each editor saved').toBeGreaterThan(0);

    const reopened = await Journal.open(file);
    try {
      expect((await verifyJournal(file)).ok).toBe(true);
      const versions = sectionVersions(reopened.events).summary;
      const bySeq = new Map(versions.map((v) => [v.seq, v.text]));
      for (const e of editors) for (const [seq, text] of e.acked) expect(bySeq.get(seq), `acknowledged #${seq}`).toBe(text);
      // One line of versions: each edited from the one before it.
      expect(versions.map((v) => v.base)).toEqual([null, ...versions.slice(0, -1).map((v) => v.seq)]);
    } finally {
      await reopened.close();
    }
  });
});

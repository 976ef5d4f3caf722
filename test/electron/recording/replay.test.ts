/**
 * Reading recordings back for a replay: a file the Recorder wrote, parsed, gives exactly what
 * `asciinema cat` prints for it; the window around a moment is cut by time and bounds; a bad line is
 * named by file and line; the seal is compared with the file.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import path from 'node:path';
import { Recorder } from '../../../electron/recording/asciicast';
import { castStart, cutWindow, parseCast, replayCasts } from '../../../electron/recording/replay';
import { recordingsDir } from '../../../electron/core/data-layout';
import { MAX_REPLAY_CHARS } from '../../../shared/model/replay';
import type { JournalEvent } from '../../../shared/model/incident';
import { tempDir } from '../journal/helpers';

const ID = 'inc-replay';

/** A recording as the app writes one: output (colours, UTF-8, a resize) on a clock we move. */
async function record(dataDir: string): Promise<{ file: string; started: number }> {
  let now = Date.parse('2026-11-30T10:00:00.250Z');
  const rec = new Recorder({ dir: () => recordingsDir(dataDir, ID) }, () => now);
  rec.size('s1', 'web-02', 100, 30);
  rec.output('s1', 'web-02', 'sre@web-02:~$ ');
  now += 1500;
  rec.output('s1', 'web-02', 'systemctl status nginx\r\n');
  now += 200;
  rec.output('s1', 'web-02', '\x1b[31m● nginx.service - failed\x1b[0m\r\nÄrger ✓ 🚀\r\n');
  rec.size('s1', 'web-02', 120, 40);
  now += 60_000;
  rec.output('s1', 'web-02', 'sre@web-02:~$ ');
  await rec.close();
  const dir = recordingsDir(dataDir, ID);
  return { file: path.join(dir, readdirSync(dir)[0]!), started: Date.parse('2026-11-30T10:00:00.250Z') };
}

describe('recordings for a replay', () => {
  it('prints what asciinema cat prints for the same file, and starts at the millisecond the Recorder did', async () => {
    const { dir, cleanup } = tempDir('warroom-replay-');
    try {
      const { file, started } = await record(dir);
      const parsed = parseCast(readFileSync(file, 'utf8'), file);
      expect(parsed.header).toMatchObject({ version: 2, width: 100, height: 30, title: 'web-02' });
      expect(castStart(file, parsed.header)).toBe(started);
      const whole = cutWindow(parsed, started, started, started + 3_600_000)!;
      const ours = whole.frames.filter((f) => f[1] === 'o').map((f) => f[2]).join('');
      // asciinema cat wants a terminal (it opens /dev/tty): script(1) gives it one, raw so nothing is translated.
      const cat = spawnSync('script', ['-qfec', `stty raw -echo; asciinema cat '${file.replace(/'/g, `'\\''`)}'`, '/dev/null'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      expect(cat.status).toBe(0);
      expect(ours).toBe(cat.stdout);
      expect(whole.frames.find((f) => f[1] === 'r')).toEqual([1700, 'r', '120x40']);
    } finally {
      cleanup();
    }
  });

  it('cuts the window around a moment: output before it is the prelude, times are from the window start', async () => {
    const { dir, cleanup } = tempDir('warroom-replay-');
    try {
      const { file, started } = await record(dir);
      const parsed = parseCast(readFileSync(file, 'utf8'), file);
      const cut = cutWindow(parsed, started, started + 1000, started + 10_000)!;
      expect(cut.prelude).toBe('sre@web-02:~$ ');
      expect(cut.frames.map((f) => f[0])).toEqual([500, 700, 700]);
      expect(cut.frames.at(-1)).toEqual([700, 'r', '120x40']);
      expect(cut.truncated).toBe(false);
      expect(cutWindow(parsed, started, started + 120_000, started + 130_000)).toBeUndefined();

      // Bounds: a window holding more output than a replay carries is cut and says so.
      const big = { header: parsed.header, events: Array.from({ length: 40 }, (_, i) => [i, 'o', 'x'.repeat(32 * 1024)] as [number, 'o', string]) };
      const bounded = cutWindow(big, started, started, started + 3_600_000)!;
      expect(bounded.truncated).toBe(true);
      expect(bounded.frames.reduce((n, f) => n + f[2].length, 0)).toBeLessThanOrEqual(MAX_REPLAY_CHARS);
    } finally {
      cleanup();
    }
  });

  it('names a bad line by file and line, and compares each file with its seal', async () => {
    const { dir, cleanup } = tempDir('warroom-replay-');
    try {
      expect(() => parseCast('{"version":1}\n', 'x.cast')).toThrow('x.cast:1: not an asciicast v2 header');
      expect(() => parseCast('{"version":2,"width":80,"height":24}\n[0.1,"o"]\n[0.2,"o","x"]\n', 'x.cast')).toThrow('x.cast:2: not an asciicast event [time, code, data]');
      // A torn last line (still being written) is left for the next read.
      expect(parseCast('{"version":2,"width":80,"height":24}\n[0.1,"o","a"]\n[0.2,"o","b', 'x.cast').events).toEqual([[0.1, 'o', 'a']]);

      const { file, started } = await record(dir);
      const rel = `recordings/${path.basename(file)}`;
      const bytes = readFileSync(file);
      const seal = (sha256: string, size: number): JournalEvent =>
        ({ seq: 2, ts: '2026-11-30T10:02:00.000Z', actor: 'ops', type: 'recording.sealed', data: { alias: 'web-02', file: rel, sha256, bytes: size }, prev: '0'.repeat(64), hash: '1'.repeat(64) }) as JournalEvent;
      const sha = createHash('sha256').update(bytes).digest('hex');
      const at = (events: JournalEvent[]) => replayCasts({ dataDir: dir, id: ID, events, fromMs: started + 1000, toMs: started + 10_000 });
      expect((await at([])).map((c) => c.seal)).toEqual(['open']);
      expect((await at([seal(sha, bytes.length)])).map((c) => [c.alias, c.seal, c.file])).toEqual([['web-02', 'sealed', rel]]);
      appendFileSync(file, '[61.0,"o","tampered"]\n');
      expect((await at([seal(sha, bytes.length)])).map((c) => c.seal)).toEqual(['changed']);
      writeFileSync(path.join(recordingsDir(dir, ID), 'notes.txt'), 'not a recording');
      mkdirSync(path.join(recordingsDir(dir, ID), 'dir.cast'));
      expect(await at([])).toHaveLength(1);
    } finally {
      cleanup();
    }
  });
});

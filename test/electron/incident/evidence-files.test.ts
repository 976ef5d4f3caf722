/**
 * The files a journal vouches for, on real files: saved private and durable, checked by size and
 * hash, and a journal naming a file outside its incident folder never gets it read.
 */
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkVouchedFiles, saveRunOutputs, vouchedFiles } from '../../../electron/incident/evidence-files';
import { Journal } from '../../../electron/journal/journal';
import { tempDir } from '../journal/helpers';

describe('evidence files', () => {
  it('saves one private file per host, apart even when their names clean up alike', async () => {
    const { dir, cleanup } = tempDir('warroom-evidence-');
    try {
      const saved = await saveRunOutputs(dir, [
        { alias: 'a/b', data: Buffer.from('one\n') },
        { alias: 'a:b', data: Buffer.from('two\n') },
        { alias: '..', data: Buffer.from('three\n') },
      ]);
      const files = [...saved.values()].map((s) => s.file);
      expect(new Set(files).size).toBe(3);
      for (const f of files) expect(f).toMatch(/^runs\/[0-9a-f-]{36}\/[A-Za-z0-9._@-]+\.out$/);
      expect(readFileSync(path.join(dir, saved.get('a:b')!.file), 'utf8')).toBe('two\n');
      expect(path.dirname(path.join(dir, saved.get('..')!.file))).toBe(path.join(dir, path.dirname(files[0]!)));
      for (const f of files) expect(statSync(path.join(dir, f)).mode & 0o777).toBe(0o600);
      expect(statSync(path.join(dir, 'runs')).mode & 0o777).toBe(0o700);
    } finally {
      cleanup();
    }
  });

  it('holds a recording to its latest seal, and refuses a path that leaves the incident folder', async () => {
    const { dir, cleanup } = tempDir('warroom-evidence-');
    try {
      const incident = path.join(dir, 'incident');
      mkdirSync(path.join(incident, 'recordings'), { recursive: true });
      writeFileSync(path.join(dir, 'outside.txt'), 'not the incident\'s');
      writeFileSync(path.join(incident, 'recordings', 'r.cast'), 'grown\n');
      const journal = await Journal.open(path.join(incident, 'journal.jsonl'), { create: true });
      const seal = (bytes: number, sha256: string) => ({ type: 'recording.sealed' as const, actor: 't', data: { alias: 'h', file: 'recordings/r.cast', sha256, bytes } });
      await journal.append({ type: 'incident.declared', actor: 't', data: { id: 'incident', title: 't', severity: 'SEV4', commander: 't' } });
      await journal.append(seal(3, 'a'.repeat(64)));
      await journal.append(seal(6, createHash('sha256').update('grown\n').digest('hex')));
      await journal.append({ type: 'command.run', actor: 't', data: { line: 'x', results: [{ host: 'h', exitCode: 0, output: { file: '../outside.txt', sha256: 'b'.repeat(64), bytes: 16 } }] } });
      await journal.append({ type: 'command.run', actor: 't', data: { line: 'y', results: [{ host: 'h', exitCode: 0, output: { file: path.join(dir, 'outside.txt'), sha256: 'b'.repeat(64), bytes: 16 } }] } });
      const vouched = vouchedFiles(journal.events);
      await journal.close();
      expect(vouched.map((v) => [v.file, v.seq])).toEqual([
        ['recordings/r.cast', 3],
        ['../outside.txt', 4],
        [path.join(dir, 'outside.txt'), 5],
      ]);
      const problems = await checkVouchedFiles(incident, vouched);
      // Only the latest seal counts: the recording matches #3, so #2's older hash is no problem.
      expect(problems).toEqual([
        '../outside.txt (#4): names a file outside the incident folder',
        `${path.join(dir, 'outside.txt')} (#5): names a file outside the incident folder`,
      ]);
      writeFileSync(path.join(incident, 'recordings', 'r.cast'), 'grown!\n');
      expect(await checkVouchedFiles(incident, vouched.slice(0, 1))).toEqual([`${path.join(incident, 'recordings', 'r.cast')} (#3): changed: 7 bytes, recorded 6`]);
    } finally {
      cleanup();
    }
  });
});

/**
 * Checkpoints on real files: written (0600) once the chain is far enough along, used by the next
 * open, ignored with a warning when stale or damaged, and never a way to hide tampering: bytes
 * changed before a checkpoint are refused at open, or (when the checkpoint was forged to match)
 * caught by the background re-verification. A writer killed mid-checkpoint leaves a usable journal.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Journal } from '../../../electron/journal/journal';
import { checkpointFile, Checkpoint } from '../../../electron/journal/checkpoint';
import { JournalCorruptError } from '../../../electron/journal/scan';
import { verifyJournal } from '../../../electron/journal/verify';
import { eventData } from '../../../shared/model/incident';
import { note, tempDir } from './helpers';
import { buildWriter, killAllWriters, startWriter, type Writer } from './processes';

let dir: string;
let cleanup: () => void;
let file: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir('warroom-checkpoint-'));
  file = path.join(dir, 'inc', 'journal.jsonl');
});
afterEach(() => cleanup());

/** A closed journal of `n` notes whose checkpoint stands at its last event. */
async function journalWithCheckpoint(n: number): Promise<Checkpoint> {
  const j = await Journal.open(file, { create: true, checkpointEvery: 50 });
  await j.appendMany(Array.from({ length: n }, (_, i) => note(`note ${i + 1}`)));
  await j.close();
  return readCheckpoint();
}

function readCheckpoint(): Checkpoint {
  return Checkpoint.parse(JSON.parse(readFileSync(checkpointFile(file), 'utf8')));
}

/** Rewrites line `lineNo` (1-based) of the journal with `edit`, leaving its hash as it was. */
function tamperLine(lineNo: number, edit: (line: string) => string): void {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines[lineNo - 1] = edit(lines[lineNo - 1] as string);
  writeFileSync(file, lines.join('\n'));
}

/** What someone covering their tracks would do: make the checkpoint's digest match the altered bytes. */
function forgeCheckpointDigest(): void {
  const cp = readCheckpoint();
  const digest = createHash('sha256').update(readFileSync(file).subarray(0, cp.offset)).digest('hex');
  writeFileSync(checkpointFile(file), JSON.stringify({ ...cp, digest }));
}

describe('journal checkpoint', () => {
  it('is written 0600 once the chain is far enough along, and the next open starts from it', async () => {
    const j = await Journal.open(file, { create: true, checkpointEvery: 50 });
    await j.appendMany(Array.from({ length: 30 }, (_, i) => note(`a${i}`)));
    await j.close();
    // 30 events are fewer than 50: nothing to gain from a checkpoint yet.
    expect(existsSync(checkpointFile(file))).toBe(false);

    const cp = await journalWithCheckpoint(90);
    expect(statSync(checkpointFile(file)).mode & 0o777).toBe(0o600);
    expect(cp).toMatchObject({ seq: 120, lines: 120, offset: statSync(file).size });

    const reopened = await Journal.open(file);
    expect(reopened.checkpointWarning).toBeUndefined();
    expect(reopened.trustedSeq).toBe(120);
    expect(reopened.events.map((e) => e.seq)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(reopened.events[119]?.hash).toBe(cp.hash);
    expect(await reopened.verifyBehind()).toMatchObject({ ok: true, count: 120 });
    // Appends go on from the checkpointed head as from any other.
    const next = await reopened.append(note('after'));
    expect(next).toMatchObject({ seq: 121, prev: cp.hash });
    await reopened.close();
    expect(await verifyJournal(file)).toMatchObject({ ok: true, count: 121 });
  });

  it('verifies every event after the checkpoint at open', async () => {
    await journalWithCheckpoint(60);
    const j = await Journal.open(file, { checkpointEvery: 0 });
    await j.appendMany([note('x'), note('y'), note('z')]);
    await j.close();
    tamperLine(62, (l) => l.replace('"text":"y"', '"text":"Y"'));
    await expect(Journal.open(file)).rejects.toThrow(/journal\.jsonl:62: hash of seq 62 does not match its content/);
  });

  it('refuses an altered event before the checkpoint at open: the digest no longer matches, so the whole chain is verified', async () => {
    await journalWithCheckpoint(60);
    tamperLine(10, (l) => l.replace('note 10', 'note X'));
    const err = await Journal.open(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(JournalCorruptError);
    expect(String(err)).toMatch(/journal\.jsonl:10: hash of seq 10 does not match its content: the event was altered/);
  });

  it('a checkpoint forged to match altered bytes opens fast, and the background verify catches the break', async () => {
    await journalWithCheckpoint(60);
    // Same length, so the forged checkpoint's offset still ends line 60.
    tamperLine(10, (l) => l.replace('note 10', 'note 1X'));
    forgeCheckpointDigest();
    const j = await Journal.open(file, { checkpointEvery: 50 });
    expect(j.trustedSeq).toBe(60);
    expect(eventData(j.events[9]!, 'note')?.text).toBe('note 1X');
    const behind = await j.verifyBehind();
    expect(behind.ok).toBe(false);
    expect(behind.error).toMatch(/journal\.jsonl:10: hash of seq 10 does not match its content: the event was altered/);
    // A journal with an unverified break never writes a checkpoint vouching for it.
    await j.appendMany(Array.from({ length: 60 }, (_, i) => note(`more ${i}`)));
    await j.close();
    expect(readCheckpoint().seq).toBe(60);
    expect((await verifyJournal(file)).ok).toBe(false);
  });

  it('ignores a damaged or stale checkpoint with a warning, verifies everything, and replaces it', async () => {
    const good = await journalWithCheckpoint(60);
    const cases: Array<[string, string, RegExp]> = [
      ['garbage', '{"v":1,"seq":6', /not valid JSON/],
      ['bad field', JSON.stringify({ ...good, hash: 'nothex' }), /damaged.*hash/s],
      ['past the end', JSON.stringify({ ...good, offset: good.offset + 100 }), /ends at byte \d+ but the journal has \d+ bytes/],
      ['mid-line', JSON.stringify({ ...good, offset: good.offset - 3 }), /is not the end of a line/],
      ['other digest', JSON.stringify({ ...good, digest: 'a'.repeat(64) }), /do not match its digest/],
      ['wrong seq', JSON.stringify({ ...good, seq: 59 }), /names seq 59 but the journal has seq 60/],
    ];
    for (const [what, text, warning] of cases) {
      writeFileSync(checkpointFile(file), text);
      const j = await Journal.open(file, { checkpointEvery: 50 });
      expect(j.checkpointWarning, what).toMatch(warning);
      expect(j.checkpointWarning, what).toContain(checkpointFile(file));
      expect(j.trustedSeq, what).toBe(0);
      expect(j.events.length, what).toBe(60);
      expect(await j.verifyBehind(), what).toMatchObject({ ok: true, count: 60 });
      await j.close();
      // The whole chain was verified, so open wrote a good checkpoint in place of the bad one.
      expect(readCheckpoint(), what).toEqual(good);
    }
  });

  it('keeps torn-tail recovery working on top of a checkpoint', async () => {
    await journalWithCheckpoint(60);
    appendFileSync(file, '{"seq":61,"ts":"2026-');
    const j = await Journal.open(file);
    expect(j.trustedSeq).toBe(60);
    expect(j.recovered?.bytes).toBe('{"seq":61,"ts":"2026-'.length);
    expect(await j.append(note('after the tear'))).toMatchObject({ seq: 61 });
    await j.close();
    expect(await verifyJournal(file)).toMatchObject({ ok: true, count: 61 });
  });
});

describe('journal checkpoint under kill -9', () => {
  let script: string;
  let procDir: string;
  let procCleanup: () => void;
  beforeAll(async () => {
    ({ dir: procDir, cleanup: procCleanup } = tempDir('warroom-checkpoint-kill-'));
    script = await buildWriter(procDir);
  });
  afterEach(() => killAllWriters());
  afterAll(() => procCleanup());

  function waitForAcks(w: Writer, n: number): Promise<void> {
    return new Promise((resolve) => {
      const check = () => (w.acked.size >= n || w.child.exitCode !== null ? resolve() : setTimeout(check, 2));
      check();
    });
  }

  it('a writer killed while writing checkpoints leaves a journal that opens, verifies and keeps every acknowledged event', async () => {
    const killed = path.join(procDir, 'killed', 'journal.jsonl');
    const acked = new Map<number, string>();
    let used = 0;
    for (let round = 0; round < 12; round++) {
      // A checkpoint after every group commit: most moments of a writer's life are inside one.
      const w = startWriter(script, killed, `k${round}`, 0, 32, 1);
      await waitForAcks(w, 1 + Math.floor(Math.random() * 200));
      if (w.child.pid !== undefined && w.child.exitCode === null) process.kill(w.child.pid, 'SIGKILL');
      const exit = await w.exited;
      expect(exit.signal === 'SIGKILL' || exit.code === 0, w.stderr()).toBe(true);
      for (const [seq, text] of w.acked) acked.set(seq, text);

      const j = await Journal.open(killed, { checkpointEvery: 0 });
      if (j.trustedSeq > 0) used++;
      // Whatever the kill left, the checkpoint is either good or ignored with a reason, never trusted blindly.
      expect(j.trustedSeq > 0 || j.checkpointWarning === undefined || /ignored|damaged|JSON/.test(j.checkpointWarning)).toBe(true);
      expect(await j.verifyBehind()).toMatchObject({ ok: true });
      const texts = new Map(j.events.map((e) => [e.seq, eventData(e, 'note')?.text]));
      for (const [seq, text] of acked) expect(texts.get(seq), `acknowledged seq ${seq}`).toBe(text);
      await j.close();
    }
    expect(used).toBeGreaterThan(0);
    expect(await verifyJournal(killed)).toMatchObject({ ok: true, count: (await Journal.open(killed).then(async (j) => (await j.close(), j.lastSeq))) });
  }, 240_000);
});

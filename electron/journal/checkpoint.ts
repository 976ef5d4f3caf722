/**
 * A journal's checkpoint: where the chain stood (seq, hash, byte offset, lines) when every event up
 * to there had been verified, and the SHA-256 of the journal's bytes up to that offset. Opening
 * from a checkpoint parses the events before it without re-hashing each one (one digest of the
 * bytes instead), and verifies the chain after it in full; the journal then re-verifies the part it
 * took on trust in the background (Journal.verifyBehind).
 *
 * It is a speed-up, never an authority: anything that does not hold exactly (a missing, unreadable,
 * stale or damaged file, an offset past the end, a digest that does not match the bytes) makes open
 * ignore it, say why, and verify everything as if it were not there. It sits beside the journal
 * (`journal.jsonl.checkpoint`, 0600) and is replaced atomically, so a crash mid-write leaves the
 * old one or the new one, never half of one.
 */
import { createHash, type Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { z } from 'zod';
import { errnoCode } from './errors';
import { writeFileAtomic } from './files';
import { parseLine, scanJournal, type ChainHead } from './scan';
import { EventLog } from './event-log';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const Count = z.number().int().nonnegative();

export const Checkpoint = z
  .object({
    v: z.literal(1),
    seq: Count.min(1),
    hash: Hex64,
    offset: Count.min(1),
    lines: Count.min(1),
    /** SHA-256 (hex) of the journal's bytes [0, offset). */
    digest: Hex64,
  })
  .strict();
export type Checkpoint = z.infer<typeof Checkpoint>;

export function checkpointFile(journalFile: string): string {
  return `${journalFile}.checkpoint`;
}

export type LoadedCheckpoint = { checkpoint: Checkpoint; warning?: undefined } | { checkpoint?: undefined; warning?: string };

/** Reads the checkpoint beside a journal: none (no warning) when there is no file, a warning when it is unusable. */
export async function loadCheckpoint(journalFile: string): Promise<LoadedCheckpoint> {
  const file = checkpointFile(journalFile);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return {};
    return { warning: `${file}: cannot read the checkpoint (${err instanceof Error ? err.message : String(err)}); verifying the whole journal instead` };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { warning: `${file}: the checkpoint is not valid JSON (damaged); verifying the whole journal instead` };
  }
  const parsed = Checkpoint.safeParse(raw);
  if (!parsed.success) {
    return { warning: `${file}: the checkpoint is damaged (${z.prettifyError(parsed.error).replace(/\n/g, '; ')}); verifying the whole journal instead` };
  }
  return { checkpoint: parsed.data };
}

export async function saveCheckpoint(journalFile: string, head: ChainHead, digest: string): Promise<Checkpoint> {
  const cp: Checkpoint = { v: 1, seq: head.seq, hash: head.hash, offset: head.offset, lines: head.lines, digest };
  await writeFileAtomic(checkpointFile(journalFile), `${JSON.stringify(cp)}\n`);
  return cp;
}

/** Where each of the first `lines` lines of `bytes` starts, and (last entry) where the last one ends; undefined if there are not that many. */
function lineStarts(bytes: Buffer, lines: number, end: number): Uint32Array | undefined {
  const starts = new Uint32Array(lines + 1);
  let pos = 0;
  for (let i = 0; i < lines; i++) {
    const nl = bytes.indexOf(0x0a, pos);
    if (nl < 0 || nl >= end) return undefined;
    starts[i] = pos;
    pos = nl + 1;
  }
  starts[lines] = pos;
  return pos === end ? starts : undefined;
}

/**
 * Takes the part a valid checkpoint vouches for as it is: its lines are indexed, not parsed (the
 * log parses them when read) and not re-hashed; the rest is verified in full. `digest` holds the
 * bytes up to the checkpoint. Any doubt about the checkpoint means not using it, with a warning.
 */
export async function replayFromCheckpoint(file: string, bytes: Buffer): Promise<{ scanned?: { log: EventLog; head: ChainHead; tail: Buffer; trusted: number }; digest?: Hash; seq: number; warning?: string }> {
  const loaded = await loadCheckpoint(file);
  const cp = loaded.checkpoint;
  if (!cp) return { seq: 0, ...(loaded.warning ? { warning: loaded.warning } : {}) };
  const ignored = (why: string) => ({ seq: 0, warning: `${checkpointFile(file)}: ignored, ${why}; verified the whole journal instead` });
  if (cp.offset > bytes.length) return ignored(`it ends at byte ${cp.offset} but the journal has ${bytes.length} bytes`);
  if (bytes[cp.offset - 1] !== 0x0a) return ignored(`byte ${cp.offset} is not the end of a line`);
  if (cp.offset > 0xffffffff) return ignored('the journal is too big to index');
  const prefix = createHash('sha256').update(bytes.subarray(0, cp.offset));
  if (prefix.copy().digest('hex') !== cp.digest) return ignored(`the journal's first ${cp.offset} bytes do not match its digest`);
  const starts = lineStarts(bytes, cp.lines, cp.offset);
  if (!starts) return ignored(`it names ${cp.lines} lines but the journal has a different number of lines there`);
  // Seq i + 1 sits on line i + 1 in a verified journal, so the last line alone says where the chain stands.
  const last = parseLine(bytes.toString('utf8', starts[cp.lines - 1], cp.offset - 1));
  const lastSeq = last.ok ? last.event.seq : NaN;
  if (!last.ok || lastSeq !== cp.seq || last.event.hash !== cp.hash || cp.seq !== cp.lines) {
    return ignored(`it names seq ${cp.seq} but the journal has ${last.ok ? `seq ${lastSeq}` : 'a damaged line'} there`);
  }
  const head: ChainHead = { seq: cp.seq, hash: cp.hash, offset: cp.offset, lines: cp.lines };
  const log = EventLog.fromLines(file, bytes.subarray(0, cp.offset), starts);
  const after = scanJournal(bytes.subarray(cp.offset), file, head);
  for (const e of after.events) log.push(e);
  return { scanned: { log, head: after.head, tail: after.tail, trusted: cp.offset }, digest: prefix, seq: cp.seq };
}

/**
 * Opening a journal: reads the whole file and replays it, from a checkpoint when a valid one is
 * beside it (checkpoint.ts), verifying every event after it; a torn last line is re-checked and
 * moved aside under the lock (another writer's line in flight is not torn). Journal.open's path.
 */
import { createHash, type Hash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { replayFromCheckpoint } from './checkpoint';
import { EventLog } from './event-log';
import { readRange } from './files';
import { acquireLock } from './lock';
import { moveTornTailAside, type Recovery } from './recover';
import { EMPTY_HEAD, scanJournal, type ChainHead } from './scan';

/** What open learned about the part of the journal it took on a checkpoint's word. */
export interface Replayed {
  log: EventLog;
  head: ChainHead;
  recovered: Recovery | undefined;
  /** SHA-256 of the bytes [0, head.offset) so far, kept running for the next checkpoint. */
  digest: Hash;
  /** The bytes a checkpoint vouched for (parsed but not re-hashed at open), still to verify. */
  unverified: Buffer | undefined;
  lastCheckpointSeq: number;
  checkpointWarning: string | undefined;
}

/**
 * Replays the whole file, from a checkpoint when a valid one is beside it (see checkpoint.ts); a
 * torn tail is re-checked and moved aside under the lock.
 */
export async function replay(file: string, handle: fs.FileHandle, lockTimeoutMs: number): Promise<Replayed> {
  const bytes = await fs.readFile(file);
  const fromCheckpoint = await replayFromCheckpoint(file, bytes);
  const digest = fromCheckpoint.digest ?? createHash('sha256');
  const { log, head, tail } = fromCheckpoint.scanned ?? scanned(bytes, file);
  const unverified = fromCheckpoint.scanned ? bytes.subarray(0, fromCheckpoint.scanned.trusted) : undefined;
  digest.update(bytes.subarray(fromCheckpoint.scanned?.trusted ?? 0, head.offset));
  const done = { log, head, digest, unverified, lastCheckpointSeq: fromCheckpoint.seq, checkpointWarning: fromCheckpoint.warning };
  if (tail.length === 0) return { ...done, recovered: undefined };
  // The tail may be another writer's line in flight: only under the lock is it known to be torn.
  const lock = await acquireLock(`${file}.lock`, lockTimeoutMs);
  try {
    const size = (await handle.stat()).size;
    const moreBytes = await readRange(handle, head.offset, size);
    const more = scanJournal(moreBytes, file, head);
    digest.update(moreBytes.subarray(0, more.head.offset - head.offset));
    for (const e of more.events) log.push(e);
    const result = { ...done, head: more.head };
    if (more.tail.length === 0) return { ...result, recovered: undefined };
    return { ...result, recovered: await moveTornTailAside(file, more.head.offset, more.tail) };
  } finally {
    await lock.release().catch(() => undefined);
  }
}

/** Every line verified, hash by hash: no checkpoint to start from. */
function scanned(bytes: Buffer, file: string): { log: EventLog; head: ChainHead; tail: Buffer } {
  const { events, head, tail } = scanJournal(bytes, file, EMPTY_HEAD);
  return { log: EventLog.of(file, events), head, tail };
}

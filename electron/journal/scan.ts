/**
 * Replays journal bytes: parses each line, checks seq, prev and hash, and finds where the good
 * part ends. It never touches the disk, so open, catch-up and `warroom verify` share it.
 */
import { z } from 'zod';
import { JournalEvent, GENESIS_HASH } from '../../shared/model/incident';
import { eventHash } from './canonical';

/** Where the verified part of a journal ends. */
export interface ChainHead {
  seq: number;
  hash: string;
  /** Byte offset just past the last good line's newline. */
  offset: number;
  /** Lines consumed so far (1-based numbering of the next line is `lines + 1`). */
  lines: number;
}

export const EMPTY_HEAD: ChainHead = Object.freeze({ seq: 0, hash: GENESIS_HASH, offset: 0, lines: 0 });

export class JournalCorruptError extends Error {
  override name = 'JournalCorruptError';
  constructor(
    readonly file: string,
    readonly line: number,
    readonly reason: string,
  ) {
    super(`${file}:${line}: ${reason}; the journal was left untouched`);
  }
}

export interface ScanResult {
  events: JournalEvent[];
  head: ChainHead;
  /**
   * Bytes after the last good line that are not a complete, parsable line: a write in progress
   * (when read without the lock) or a torn write (when read under the lock).
   */
  tail: Buffer;
}

const NEWLINE = 0x0a;

/** Replays `buf`, which holds the journal's bytes starting at `from.offset`. */
export function scanJournal(buf: Buffer, file: string, from: ChainHead): ScanResult {
  const events: JournalEvent[] = [];
  const head = { ...from };
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(NEWLINE, pos);
    if (nl < 0) break;
    const lineNo = head.lines + 1;
    const parsed = parseLine(buf.toString('utf8', pos, nl));
    if (!parsed.ok) {
      // Only the very last line may be torn: a crash cuts the end of a write, never its middle.
      if (nl === buf.length - 1) break;
      throw new JournalCorruptError(file, lineNo, parsed.reason);
    }
    const e = parsed.event;
    if (e.seq !== head.seq + 1) throw new JournalCorruptError(file, lineNo, `seq ${e.seq} follows seq ${head.seq}`);
    if (e.prev !== head.hash) throw new JournalCorruptError(file, lineNo, `prev does not match the hash of seq ${head.seq}: the chain is broken`);
    if (eventHash(e.prev, e) !== e.hash) throw new JournalCorruptError(file, lineNo, `hash of seq ${e.seq} does not match its content: the event was altered`);
    events.push(e);
    head.seq = e.seq;
    head.hash = e.hash;
    head.lines = lineNo;
    head.offset = from.offset + nl + 1;
    pos = nl + 1;
  }
  return { events, head, tail: buf.subarray(pos) };
}

type Parsed = { ok: true; event: JournalEvent } | { ok: false; reason: string };

function parseLine(text: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  const result = JournalEvent.safeParse(raw);
  if (!result.success) return { ok: false, reason: `not a journal event: ${z.prettifyError(result.error).replace(/\n/g, '; ')}` };
  return { ok: true, event: result.data };
}

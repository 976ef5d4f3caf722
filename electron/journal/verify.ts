import { setImmediate } from 'node:timers/promises';
import { promises as fs } from 'node:fs';
import type { JournalEvent } from '../../shared/model/incident';
import { EMPTY_HEAD, JournalCorruptError, scanJournal } from './scan';

export interface VerifyResult {
  ok: boolean;
  /** Events that verified, in order from the first. */
  count: number;
  error?: string;
  /** The last good event's hash: anchoring it elsewhere makes later tampering detectable. */
  head?: string;
}

/**
 * Checks a journal without modifying it. A torn last line (no newline) fails verification but is
 * reported as such; any complete line that does not parse or chain is corruption, named by line.
 */
export async function verifyJournal(file: string): Promise<VerifyResult> {
  let buf: Buffer;
  try {
    buf = await fs.readFile(file);
  } catch (err) {
    return { ok: false, count: 0, error: `cannot read ${file}: ${err instanceof Error ? err.message : String(err)}` };
  }
  try {
    const { head, tail } = scanJournal(buf, file, EMPTY_HEAD);
    if (tail.length > 0) {
      return {
        ok: false,
        count: head.seq,
        head: head.hash,
        error: `${file}:${head.lines + 1}: torn last line (${tail.length} bytes, an interrupted write); opening the incident moves it aside`,
      };
    }
    // An incident starts with its declaration: a journal without one is broken, not empty.
    if (head.seq === 0) return { ok: false, count: 0, error: `${file}: the journal is empty: no incident.declared event` };
    return { ok: true, count: head.seq, head: head.hash };
  } catch (err) {
    if (err instanceof JournalCorruptError) return { ok: false, count: err.line - 1, error: err.message.replace(/; the journal was left untouched$/, '') };
    throw err;
  }
}

/** Bytes verified between yields to the event loop, so a background verify never stalls the app. */
const SLICE_BYTES = 512 * 1024;

/**
 * Verifies `buf` (a journal's bytes from its start, ending on a line end) in slices, yielding to
 * the event loop between them: the full re-verification behind a checkpoint-based open.
 * `verified` gets each slice's events once they verified, with the index of the first.
 */
export async function verifyInSlices(buf: Buffer, file: string, verified?: (from: number, events: readonly JournalEvent[]) => void): Promise<VerifyResult> {
  let head = EMPTY_HEAD;
  try {
    while (head.offset < buf.length) {
      const cut = Math.min(head.offset + SLICE_BYTES, buf.length);
      const end = cut === buf.length ? cut : buf.lastIndexOf(0x0a, cut - 1) + 1;
      // A single line longer than a slice goes in whole.
      const stop = end > head.offset ? end : buf.indexOf(0x0a, head.offset) + 1 || buf.length;
      const scanned = scanJournal(buf.subarray(head.offset, stop), file, head);
      if (scanned.tail.length > 0) return { ok: false, count: scanned.head.seq, head: scanned.head.hash, error: `${file}:${scanned.head.lines + 1}: the line does not end` };
      verified?.(head.seq, scanned.events);
      head = scanned.head;
      await setImmediate();
    }
    return { ok: true, count: head.seq, head: head.hash };
  } catch (err) {
    if (err instanceof JournalCorruptError) return { ok: false, count: err.line - 1, error: err.message.replace(/; the journal was left untouched$/, '') };
    throw err;
  }
}

import { promises as fs } from 'node:fs';
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

/**
 * Replays journal bytes: parses each line, checks seq, prev and hash, and finds where the good
 * part ends. It never touches the disk, so open, catch-up and `warroom verify` share it.
 */
import { GENESIS_HASH, type JournalEvent } from '../../shared/model/incident';
import { eventHash, eventHashOfText } from './canonical';

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
   * Bytes after the last newline: a write in progress (when read without the lock) or a torn
   * write (when read under the lock). Never a complete line: those verify or throw.
   */
  tail: Buffer;
}

const NEWLINE = 0x0a;

export interface ScanOptions {
  /**
   * false: parse and check seq and prev links, but do not recompute hashes. Only for bytes a
   * checkpoint vouches for (checkpoint.ts), which are then re-verified in full in the background.
   */
  hashes?: boolean;
}

/** Replays `buf`, which holds the journal's bytes starting at `from.offset`. */
export function scanJournal(buf: Buffer, file: string, from: ChainHead, opts: ScanOptions = {}): ScanResult {
  const hashes = opts.hashes ?? true;
  const events: JournalEvent[] = [];
  const head = { ...from };
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(NEWLINE, pos);
    if (nl < 0) break;
    const lineNo = head.lines + 1;
    const text = buf.toString('utf8', pos, nl);
    const parsed = parseLine(text);
    // A line with its newline is complete, so it cannot be torn, not even the last one: a crash
    // cuts a write short before its newline. Whatever is wrong with a complete line is damage.
    if (!parsed.ok) throw new JournalCorruptError(file, lineNo, parsed.reason);
    const e = parsed.event;
    if (e.seq !== head.seq + 1) throw new JournalCorruptError(file, lineNo, `seq ${e.seq} follows seq ${head.seq}`);
    if (e.prev !== head.hash) throw new JournalCorruptError(file, lineNo, `prev does not match the hash of seq ${head.seq}: the chain is broken`);
    if (hashes && !hashHolds(text, e)) throw new JournalCorruptError(file, lineNo, `hash of seq ${e.seq} does not match its content: the event was altered`);
    events.push(e);
    head.seq = e.seq;
    head.hash = e.hash;
    head.lines = lineNo;
    head.offset = from.offset + nl + 1;
    pos = nl + 1;
  }
  return { events, head, tail: buf.subarray(pos) };
}

/**
 * Lines we write carry `data` in canonical form, so the hashed text can be rebuilt from the line's
 * own bytes (fast: no re-serialisation). A line someone reformatted without changing its meaning
 * falls back to re-serialising the parsed data.
 */
function hashHolds(line: string, e: JournalEvent): boolean {
  const start = line.indexOf(',"data":');
  const end = line.length - TAIL_LENGTH;
  if (start > 0 && end > start && line.startsWith(`,"prev":"${e.prev}","hash":"${e.hash}"}`, end)) {
    if (eventHashOfText(e.prev, e, line.slice(start + 8, end)) === e.hash) return true;
  }
  return eventHash(e.prev, e) === e.hash;
}

/** `,"prev":"<64 hex>","hash":"<64 hex>"}` */
const TAIL_LENGTH = 9 + 64 + 10 + 64 + 2;

export type Parsed = { ok: true; event: JournalEvent } | { ok: false; reason: string };

/** `2026-11-30T00:00:00.000Z`, read by position: a regex per line was a measurable part of open. */
const ISO_MS = 'dddd-dd-ddTdd:dd:dd.dddZ';

function isIsoMs(ts: string): boolean {
  if (ts.length !== ISO_MS.length) return false;
  for (let i = 0; i < ISO_MS.length; i++) {
    const c = ts.charCodeAt(i);
    if (ISO_MS[i] === 'd' ? c < 0x30 || c > 0x39 : c !== ISO_MS.charCodeAt(i)) return false;
  }
  return true;
}

/** A line's fields in the order the journal writes them (canonical.ts). */
const FIELDS = ['seq', 'ts', 'type', 'actor', 'data', 'prev', 'hash'];

/** The parsed line has exactly the event's fields, in the journal's order: it can be the event itself. */
function isExactlyAnEvent(o: object): boolean {
  let i = 0;
  for (const key in o) if (key !== FIELDS[i++]) return false;
  return i === FIELDS.length;
}

/**
 * Checks the shape of one line. Written out rather than with the zod schema because a 100,000-event
 * incident must open in well under a second; test/electron/journal keeps it equal to JournalEvent.
 */
export function parseLine(text: string): Parsed {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${err instanceof Error ? err.message : String(err)})` };
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'not a JSON object' };
  const o = raw as Record<string, unknown>;
  const bad = (field: string, want: string): Parsed => ({ ok: false, reason: `not a journal event: ${field} must be ${want}` });
  if (typeof o.seq !== 'number' || !Number.isInteger(o.seq) || o.seq < 1) return bad('seq', 'a positive integer');
  if (typeof o.ts !== 'string' || !isIsoMs(o.ts)) return bad('ts', 'UTC ISO-8601 with milliseconds');
  // A type this version does not know is a newer Warroom's event: kept, chained and shown as such.
  if (typeof o.type !== 'string' || o.type.length === 0) return bad('type', 'a non-empty string');
  if (typeof o.actor !== 'string' || o.actor.length === 0) return bad('actor', 'a non-empty string');
  if (o.data === null || typeof o.data !== 'object' || Array.isArray(o.data)) return bad('data', 'an object');
  // prev and hash need no pattern check: prev must equal the previous hash, hash the computed one.
  if (typeof o.prev !== 'string') return bad('prev', 'a sha256 hex digest');
  if (typeof o.hash !== 'string') return bad('hash', 'a sha256 hex digest');
  // A line as the journal writes it is used as parsed; anything else is copied field by field.
  const event = (isExactlyAnEvent(o) ? o : { seq: o.seq, ts: o.ts, type: o.type, actor: o.actor, data: o.data, prev: o.prev, hash: o.hash }) as JournalEvent;
  return { ok: true, event };
}

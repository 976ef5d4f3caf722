/**
 * The events of an open journal, index i holding seq i + 1. The lines a checkpoint vouched for
 * (checkpoint.ts) are kept as raw bytes and parsed when first read: opening a 100,000-event
 * incident then costs one digest and a newline scan, not 100,000 JSON.parse calls and the garbage
 * they leave. The background re-verification parses every line anyway; it hands its events over
 * (fill), after which the raw bytes are dropped.
 *
 * Reading `all()` parses whatever is left, so callers that walk every event still work unchanged;
 * callers that need only some read `slice`, `at` or `ofTypes`, which parse only what they return.
 */
import type { JournalEvent } from '../../shared/model/incident';
import { JournalCorruptError, parseLine } from './scan';

export class EventLog {
  /** Index i: the event with seq i + 1, or undefined while its line is still raw. */
  private readonly list: Array<JournalEvent | undefined>;
  /** The bytes of the raw lines; line i spans [starts[i], starts[i + 1] - 1) plus its newline. */
  private raw: Buffer | undefined;
  private starts: Uint32Array | undefined;
  private unparsed: number;

  private constructor(
    readonly file: string,
    list: Array<JournalEvent | undefined>,
    raw?: { bytes: Buffer; starts: Uint32Array },
  ) {
    this.list = list;
    this.raw = raw?.bytes;
    this.starts = raw?.starts;
    this.unparsed = raw ? raw.starts.length - 1 : 0;
  }

  static of(file: string, events: JournalEvent[]): EventLog {
    return new EventLog(file, events);
  }

  /**
   * `bytes` ends on a newline and holds `starts.length - 1` whole lines (starts has one more entry:
   * the end); they are the journal's first lines, already verified (or about to be re-verified).
   */
  static fromLines(file: string, bytes: Buffer, starts: Uint32Array): EventLog {
    const log = new EventLog(file, new Array<JournalEvent | undefined>(starts.length - 1), { bytes, starts });
    if (log.unparsed === 0) log.dropRaw();
    return log;
  }

  get length(): number {
    return this.list.length;
  }

  /** The event at index i (seq i + 1), parsed now if its line is still raw. */
  at(i: number): JournalEvent {
    const e = this.list[i];
    if (e) return e;
    if (i < 0 || i >= this.list.length) throw new RangeError(`${this.file}: no event at index ${i} (${this.list.length} events)`);
    return this.parse(i);
  }

  slice(from: number, to: number = this.list.length): JournalEvent[] {
    const out: JournalEvent[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.list.length); i++) out.push(this.at(i));
    return out;
  }

  /** Every event, in order: the live array (it grows with appends), parsed in full first. */
  all(): readonly JournalEvent[] {
    if (this.unparsed > 0) for (let i = 0; i < this.list.length && this.unparsed > 0; i++) if (!this.list[i]) this.parse(i);
    return this.list as JournalEvent[];
  }

  /**
   * The events whose type is in `types`, in order, parsing only those lines: a line's type is read
   * from its bytes when the line is as the journal writes it, and the line is parsed when it is not.
   */
  ofTypes(types: ReadonlySet<string>): JournalEvent[] {
    const out: JournalEvent[] = [];
    for (let i = 0; i < this.list.length; i++) {
      const e = this.list[i];
      if (e) {
        if (types.has(e.type)) out.push(e);
        continue;
      }
      const type = rawType(this.raw as Buffer, (this.starts as Uint32Array)[i] as number);
      if (type === undefined || types.has(type)) {
        const parsed = this.parse(i);
        if (types.has(parsed.type)) out.push(parsed);
      }
    }
    return out;
  }

  push(e: JournalEvent): void {
    this.list.push(e);
  }

  /** Takes events parsed (and verified) elsewhere for indexes from `from` on, keeping any already read. */
  fill(from: number, events: readonly JournalEvent[]): void {
    if (this.unparsed === 0) return;
    for (let k = 0; k < events.length; k++) {
      const i = from + k;
      if (i >= this.list.length || this.list[i]) continue;
      this.list[i] = events[k];
      this.unparsed--;
    }
    if (this.unparsed === 0) this.dropRaw();
  }

  private parse(i: number): JournalEvent {
    const raw = this.raw as Buffer;
    const starts = this.starts as Uint32Array;
    const parsed = parseLine(raw.toString('utf8', starts[i], (starts[i + 1] as number) - 1));
    // The checkpoint's digest vouched for these bytes, so this is a forged checkpoint over damage.
    if (!parsed.ok) throw new JournalCorruptError(this.file, i + 1, parsed.reason);
    if (parsed.event.seq !== i + 1) throw new JournalCorruptError(this.file, i + 1, `seq ${parsed.event.seq} on the line of seq ${i + 1}`);
    this.list[i] = parsed.event;
    if (--this.unparsed === 0) this.dropRaw();
    return parsed.event;
  }

  private dropRaw(): void {
    this.raw = undefined;
    this.starts = undefined;
  }
}

const SEQ_KEY = Buffer.from('{"seq":');
const TS_KEY = Buffer.from(',"ts":"');
const TYPE_KEY = Buffer.from('","type":"');
/** `2026-11-30T00:00:00.000Z`: parseLine refuses any other length. */
const TS_LENGTH = 24;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * The type of the line starting at `start`, read from its bytes when the line begins exactly as
 * the journal writes it (`{"seq":N,"ts":"<24 chars>","type":"<type>"`); undefined otherwise (then
 * the caller parses the line). A type with an escape in it is left to JSON.parse as well.
 * Not covered: a hand-made line that repeats the `type` key later on (JSON.parse keeps the last
 * one); no Warroom writes one, and its chain hash is over the parsed type, so it would need the
 * chain recomputed from there on, which a forger can do with or without this shortcut.
 */
export function rawType(buf: Buffer, start: number): string | undefined {
  let p = start;
  if (!matches(buf, SEQ_KEY, p)) return undefined;
  p += SEQ_KEY.length;
  const digits = p;
  while (p < buf.length && (buf[p] as number) >= 0x30 && (buf[p] as number) <= 0x39) p++;
  if (p === digits) return undefined;
  if (!matches(buf, TS_KEY, p)) return undefined;
  p += TS_KEY.length;
  for (let k = 0; k < TS_LENGTH; k++, p++) if (p >= buf.length || buf[p] === QUOTE || buf[p] === BACKSLASH || buf[p] === 0x0a) return undefined;
  if (!matches(buf, TYPE_KEY, p)) return undefined;
  p += TYPE_KEY.length;
  const from = p;
  while (p < buf.length && buf[p] !== QUOTE) {
    if (buf[p] === BACKSLASH || buf[p] === 0x0a) return undefined;
    p++;
  }
  return p < buf.length ? buf.toString('utf8', from, p) : undefined;
}

/** Byte by byte: Buffer.compare is a native call, and this runs a few times on every line. */
function matches(buf: Buffer, key: Buffer, at: number): boolean {
  if (at + key.length > buf.length) return false;
  for (let k = 0; k < key.length; k++) if (buf[at + k] !== key[k]) return false;
  return true;
}

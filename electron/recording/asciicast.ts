/**
 * Terminal recordings: one asciicast v2 file per terminal session of the active incident, so the
 * write-up can point at what every host actually printed (`asciinema play` replays them). Only
 * output is recorded: what was typed can hold secrets, and the timeline already has the lines.
 */
import { createWriteStream, mkdirSync, promises as fs, type WriteStream } from 'node:fs';
import path from 'node:path';

export interface RecordingTarget {
  /** The active incident's recordings folder, or undefined when no incident is active. */
  dir(): string | undefined;
  /**
   * A recording closed and all of it is on disk (session ended, incident switched, shutdown): seal
   * it into its incident's journal. Called again if more is written to the same file later (late
   * output, a reconnected session); the latest seal is the one that holds. close() waits for it.
   */
  sealed?(recording: { dir: string; file: string; alias: string }): Promise<void>;
}

interface Recording {
  dir: string;
  file: string;
  alias: string;
  stream: WriteStream;
  started: number;
  /**
   * Set once the session ended. Output can still arrive after that (what the channel had in flight
   * when it closed, as on shutdown): it is appended to this same file once the stream has closed.
   */
  late?: Promise<void>;
  /** Late writes handed over and not yet on disk (stream end included). */
  pendingLate: number;
  /** Seals of this file, one after another, so the journal holds them in the order written. */
  sealing?: Promise<void>;
}

interface Size {
  cols: number;
  rows: number;
}

/** Ended recordings kept for late output; the oldest are forgotten beyond this. */
const MAX_ENDED = 256;
/**
 * Output is handed to the file at most this often per recording, in one write: a write per chunk
 * (every keystroke's echo, on every session) cost more CPU on the output path than the terminal
 * stream itself (bench part latency). Ending a recording writes what is held at once.
 */
const FLUSH_MS = 100;

export class Recorder {
  private readonly open = new Map<string, Recording>();
  private readonly ended = new Map<string, Recording>();
  private readonly sizes = new Map<string, Size>();
  private readonly aliases = new Map<string, string>();
  private readonly seals = new Set<Promise<void>>();
  private closed = false;

  constructor(private readonly target: RecordingTarget, private readonly now: () => number = Date.now) {}

  /** The pane size, so the recording's header and resize events match what the user saw. */
  size(sessionId: string, alias: string | undefined, cols: number, rows: number): void {
    const before = this.sizes.get(sessionId);
    this.sizes.set(sessionId, { cols, rows });
    if (alias) this.aliases.set(sessionId, alias);
    const rec = this.open.get(sessionId);
    if (rec && (before?.cols !== cols || before?.rows !== rows)) this.line(rec, 'r', `${cols}x${rows}`);
  }

  output(sessionId: string, alias: string, data: string): void {
    if (this.closed) return;
    const ended = this.ended.get(sessionId);
    if (ended && ended.pendingLate > 0) return this.appendLate(ended, data);
    // Output long after the end (the session was reconnected): the same file, with a stream again.
    if (ended) this.reopen(sessionId, ended);
    const rec = this.recording(sessionId, alias);
    if (rec) this.line(rec, 'o', data);
  }

  /** The session ended: close its file, keeping its place for output still in flight. */
  end(sessionId: string): void {
    const rec = this.open.get(sessionId);
    this.open.delete(sessionId);
    this.sizes.delete(sessionId);
    this.aliases.delete(sessionId);
    if (!rec) return;
    rec.pendingLate++;
    rec.late = new Promise<void>((resolve) => rec.stream.end(() => resolve())).finally(() => this.settled(rec));
    this.ended.delete(sessionId);
    this.ended.set(sessionId, rec);
    if (this.ended.size > MAX_ENDED) this.ended.delete(this.ended.keys().next().value as string);
  }

  /** Ends every recording, waits for late output already handed over to be on disk, then for the seals. */
  async close(): Promise<void> {
    for (const id of [...this.open.keys()]) this.end(id);
    this.closed = true;
    await Promise.all([...this.ended.values()].map((r) => r.late));
    // A seal may start another (a stream ending starts its seal): wait until none is left.
    while (this.seals.size > 0) await Promise.all([...this.seals]);
  }

  /** A write to an ended recording finished: once none is left, the file is whole and is sealed. */
  private settled(rec: Recording): void {
    rec.pendingLate--;
    if (rec.pendingLate === 0) this.seal(rec);
  }

  private seal(rec: Recording): void {
    const sealed = this.target.sealed;
    if (!sealed) return;
    const job = (rec.sealing ?? Promise.resolve()).then(() => sealed({ dir: rec.dir, file: rec.file, alias: rec.alias })).catch(() => undefined);
    rec.sealing = job;
    this.track(job);
  }

  private track(job: Promise<void>): void {
    this.seals.add(job);
    void job.finally(() => this.seals.delete(job));
  }

  private recording(sessionId: string, alias: string): Recording | undefined {
    const dir = this.target.dir();
    const current = this.open.get(sessionId);
    if (current && current.dir === dir) return current;
    // The active incident changed (or ended): the session's output now belongs elsewhere.
    if (current) {
      this.track(new Promise<void>((resolve) => current.stream.end(() => resolve())).then(() => this.seal(current)));
      this.open.delete(sessionId);
    }
    if (!dir) return undefined;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const started = this.now();
    const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
    const title = this.aliases.get(sessionId) ?? alias;
    const file = path.join(dir, `${title.replace(/[^\w.@-]/g, '_')}-${stamp}-${sessionId.slice(0, 8)}.cast`);
    const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
    stream.on('error', () => this.open.delete(sessionId));
    const size = this.sizes.get(sessionId) ?? { cols: 80, rows: 24 };
    const header = { version: 2, width: size.cols, height: size.rows, timestamp: Math.floor(started / 1000), title, env: { TERM: 'xterm-256color' } };
    stream.write(`${JSON.stringify(header)}\n`);
    const rec: Recording = { dir, file, alias: title, stream, started, pendingLate: 0 };
    this.open.set(sessionId, rec);
    return rec;
  }

  /** Output after the session ended goes to the end of its own file, after what its stream wrote. */
  private appendLate(rec: Recording, data: string): void {
    const text = this.eventText(rec, 'o', data);
    rec.pendingLate++;
    rec.late = (rec.late ?? Promise.resolve())
      .then(() => fs.appendFile(rec.file, text))
      .catch(() => undefined)
      .finally(() => this.settled(rec));
  }

  private reopen(sessionId: string, rec: Recording): void {
    this.ended.delete(sessionId);
    const stream = createWriteStream(rec.file, { flags: 'a', mode: 0o600 });
    stream.on('error', () => this.open.delete(sessionId));
    this.open.set(sessionId, { dir: rec.dir, file: rec.file, alias: rec.alias, stream, started: rec.started, pendingLate: 0, ...(rec.sealing ? { sealing: rec.sealing } : {}) });
  }

  private line(rec: Recording, kind: 'o' | 'r', data: string): void {
    const { stream } = rec;
    if (stream.writableCorked === 0) {
      stream.cork();
      // end() uncorks as well; then this finds nothing held.
      setTimeout(() => stream.writableCorked > 0 && stream.uncork(), FLUSH_MS).unref();
    }
    stream.write(this.eventText(rec, kind, data));
  }

  private eventText(rec: Recording, kind: 'o' | 'r', data: string): string {
    const t = Math.max(0, (this.now() - rec.started) / 1000);
    return `${JSON.stringify([Number(t.toFixed(6)), kind, data])}\n`;
  }
}

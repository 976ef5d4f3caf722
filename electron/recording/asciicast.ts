/**
 * Terminal recordings: one asciicast v2 file per terminal session of the active incident, so the
 * write-up can point at what every host actually printed (`asciinema play` replays them). Only
 * output is recorded: what was typed can hold secrets, and the timeline already has the lines.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import path from 'node:path';

export interface RecordingTarget {
  /** The active incident's recordings folder, or undefined when no incident is active. */
  dir(): string | undefined;
}

interface Recording {
  dir: string;
  stream: WriteStream;
  started: number;
}

interface Size {
  cols: number;
  rows: number;
}

export class Recorder {
  private readonly open = new Map<string, Recording>();
  private readonly sizes = new Map<string, Size>();
  private readonly aliases = new Map<string, string>();

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
    const rec = this.recording(sessionId, alias);
    if (rec) this.line(rec, 'o', data);
  }

  /** The session ended: close its file. */
  end(sessionId: string): void {
    this.open.get(sessionId)?.stream.end();
    this.open.delete(sessionId);
    this.sizes.delete(sessionId);
    this.aliases.delete(sessionId);
  }

  async close(): Promise<void> {
    const streams = [...this.open.values()].map((r) => r.stream);
    this.open.clear();
    await Promise.all(streams.map((s) => new Promise<void>((resolve) => s.end(() => resolve()))));
  }

  private recording(sessionId: string, alias: string): Recording | undefined {
    const dir = this.target.dir();
    const current = this.open.get(sessionId);
    if (current && current.dir === dir) return current;
    // The active incident changed (or ended): the session's output now belongs elsewhere.
    if (current) {
      current.stream.end();
      this.open.delete(sessionId);
    }
    if (!dir) return undefined;
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const started = this.now();
    const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
    const safeAlias = (this.aliases.get(sessionId) ?? alias).replace(/[^\w.@-]/g, '_');
    const file = path.join(dir, `${safeAlias}-${stamp}-${sessionId.slice(0, 8)}.cast`);
    const stream = createWriteStream(file, { flags: 'a', mode: 0o600 });
    stream.on('error', () => this.open.delete(sessionId));
    const size = this.sizes.get(sessionId) ?? { cols: 80, rows: 24 };
    const header = { version: 2, width: size.cols, height: size.rows, timestamp: Math.floor(started / 1000), title: alias, env: { TERM: 'xterm-256color' } };
    stream.write(`${JSON.stringify(header)}\n`);
    const rec = { dir, stream, started };
    this.open.set(sessionId, rec);
    return rec;
  }

  private line(rec: Recording, kind: 'o' | 'r', data: string): void {
    const t = Math.max(0, (this.now() - rec.started) / 1000);
    rec.stream.write(`${JSON.stringify([Number(t.toFixed(6)), kind, data])}\n`);
  }
}

/**
 * Output on its way into xterm, per session. xterm takes whatever it is given into a write buffer
 * that nothing can take back, and parses it in 12 ms slices per terminal; flow control lets each
 * session have 100,000 chars unacknowledged, so 64 flooding hosts put 6.4 MB of `y` in xterm's
 * buffers, and after Ctrl-C every prompt waited behind all of it. So only a little is handed to xterm
 * at a time, the rest waits here, and input to a session that is far behind (an interrupt, most often)
 * drops what waits, keeping the latest tail: the shell prints its prompt after it, and nobody could
 * read the flood anyway. The Node side skips the same way on its side (electron OutputPump.input).
 */
import { fromLineStart } from '../../shared/model/outputTail';

export interface FeedPolicy {
  /** At most this many chars of a session are inside xterm's write buffer at once. */
  inXtermChars: number;
  /** Input to a session with at least this many chars waiting here starts a trim (an interrupt always does). */
  farBehindChars: number;
  /** What a trim keeps: enough for the prompt and the lines above it. */
  tailChars: number;
  /**
   * For this long after the input at most, what arrives is trimmed too: it was sent before the keys
   * reached the host. The Node side's notice that it skipped (sent after all of that) ends it sooner.
   */
  trimMs: number;
}

export const DEFAULT_FEED: FeedPolicy = { inXtermChars: 8192, farBehindChars: 32_768, tailChars: 8192, trimMs: 10_000 };

export interface FeedSink {
  /** Hands `data` to xterm; `parsed` runs once xterm has parsed it. */
  write(sessionId: string, data: string, parsed: () => void): void;
  /** `chars` of the session's output were dropped unseen (a trim). */
  dropped(sessionId: string, chars: number): void;
}

const INTERRUPT = '\x03';

interface Stream {
  parts: string[];
  waiting: number;
  inXterm: number;
  trimUntil: number;
}

export class OutputFeed {
  /** A forgotten session's stream is replaced, so xterm's late callbacks touch only the old one. */
  private readonly streams = new Map<string, Stream>();
  private readonly policy: FeedPolicy;

  constructor(
    private readonly sink: FeedSink,
    policy: Partial<FeedPolicy> = {},
    private readonly now: () => number = () => performance.now(),
  ) {
    this.policy = { ...DEFAULT_FEED, ...policy };
  }

  push(sessionId: string, data: string): void {
    if (data.length === 0) return;
    const stream = this.stream(sessionId);
    stream.parts.push(data);
    stream.waiting += data.length;
    if (stream.trimUntil > this.now()) this.trim(sessionId, stream);
    this.feed(sessionId, stream);
  }

  /**
   * Keys went to the session. After an interrupt (Ctrl-C), or any key to a session far behind, what
   * waits and what arrives for the next trimMs can no longer matter to the user: it was sent before
   * the keys reached the host, and the shell prints its prompt after it. Only a flood is cut: a
   * trim keeps twice tailChars before it drops anything, so slow output (a `tail -f`) is all shown.
   */
  input(sessionId: string, data: string): void {
    const stream = this.streams.get(sessionId);
    if (!stream || (!data.includes(INTERRUPT) && stream.waiting < this.policy.farBehindChars)) return;
    stream.trimUntil = this.now() + this.policy.trimMs;
    this.trim(sessionId, stream);
  }

  /**
   * The Node side skipped this session's output after the input and sends the tail next: what
   * arrives from here on was sent after the keys reached the host, so it is shown, not trimmed.
   */
  caughtUp(sessionId: string): void {
    const stream = this.streams.get(sessionId);
    if (stream) stream.trimUntil = 0;
  }

  /** Chars received and not yet handed to xterm. */
  waiting(sessionId: string): number {
    return this.streams.get(sessionId)?.waiting ?? 0;
  }

  /** Drops what waits without reporting it (the terminal is repainted or gone). */
  forget(sessionId: string): void {
    this.streams.delete(sessionId);
  }

  private stream(sessionId: string): Stream {
    let stream = this.streams.get(sessionId);
    if (!stream) this.streams.set(sessionId, (stream = { parts: [], waiting: 0, inXterm: 0, trimUntil: 0 }));
    return stream;
  }

  private feed(sessionId: string, stream: Stream): void {
    while (stream.waiting > 0 && stream.inXterm < this.policy.inXtermChars) {
      const data = this.take(stream, this.policy.inXtermChars - stream.inXterm);
      // One char of room before a surrogate pair: nothing fits until xterm parses what it holds
      // (it holds something, or the room would be whole). Writing '' here looped forever.
      if (data.length === 0) break;
      stream.inXterm += data.length;
      this.sink.write(sessionId, data, () => {
        stream.inXterm -= data.length;
        if (this.streams.get(sessionId) === stream) this.feed(sessionId, stream);
      });
    }
  }

  /** Up to `max` chars from the front (whole parts where they fit, so small echoes are not cut). */
  private take(stream: Stream, max: number): string {
    let data = '';
    while (stream.parts.length > 0) {
      const part = stream.parts[0]!;
      if (data.length + part.length <= max) {
        data += part;
        stream.parts.shift();
        continue;
      }
      if (data.length === 0) {
        // A part bigger than the room left: cut it, but never between the halves of a surrogate pair.
        let cut = max;
        const code = part.charCodeAt(cut - 1);
        if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
        data = part.slice(0, cut);
        stream.parts[0] = part.slice(cut);
      }
      break;
    }
    stream.waiting -= data.length;
    return data;
  }

  /** Keeps the latest tailChars of what waits, from a line start, once it holds twice that (so a trim per push stays cheap). */
  private trim(sessionId: string, stream: Stream): void {
    if (stream.waiting <= 2 * this.policy.tailChars) return;
    const all = stream.parts.join('');
    const kept = fromLineStart(all.slice(-this.policy.tailChars));
    const dropped = all.length - kept.length;
    stream.parts = kept.length > 0 ? [kept] : [];
    stream.waiting = kept.length;
    if (dropped > 0) this.sink.dropped(sessionId, dropped);
  }
}

/**
 * The window's own queue of output in front of xterm, per session. xterm takes whatever it is given
 * into a write buffer nobody can empty again, and parses it in 12 ms slices per terminal: under a
 * flood on 50 hosts that is megabytes of `y` queued in 50 terminals, which an interrupt would have to
 * wait through (seconds per host) before the prompt shows, while every terminal's slice delays every
 * other task of the window. Here xterm holds at most one chunk per session; the rest waits in this
 * queue, where an interrupt can drop it.
 *
 * - A session with nothing in xterm gets small output at once (an echo is written as it arrives, and
 *   xterm parses a write that follows the user's typing synchronously).
 * - Otherwise output goes in on the next scheduled tick (an animation frame), at most `frameChars`
 *   per tick over all sessions, shared among them: the parsing a frame pays for is bounded however
 *   many hosts flood, so input and drawing keep their turn, and on a slow machine (slow frames) less
 *   is parsed and flow control holds the hosts back instead.
 * - `interrupt()` drops what is queued and not yet given to xterm, and discards what arrives until
 *   `release()`: the caller sent input to a session far behind (the Node side skips it too), and what
 *   was sent before that input can no longer matter to anyone.
 *
 * Every char is reported to `consumed` exactly once, when xterm parsed it or when it was dropped, so
 * flow control (acknowledgements) stays exact.
 */

export interface OutputQueueOptions {
  /** Hands a chunk to the session's terminal; `parsed` is called once the terminal has parsed it. */
  write(sessionId: string, data: string, parsed: () => void): void;
  /** `chars` of the session's output were parsed or dropped: acknowledge them. */
  consumed(sessionId: string, chars: number, how: 'parsed' | 'dropped'): void;
  /** Runs `tick` soon, once; used to feed the next chunks after a parse. */
  schedule(tick: () => void): void;
  /** The most given to a terminal in one write. */
  chunkChars?: number;
  /** The most given to all terminals in one tick. */
  frameChars?: number;
}

export const DEFAULT_CHUNK_CHARS = 16 * 1024;
export const DEFAULT_FRAME_CHARS = 48 * 1024;
/** Output this small is written at once to a terminal holding nothing: echoes, prompts. */
const AT_ONCE_CHARS = 4096;
/** A tick's share for one session is never cut below this. */
const MIN_SHARE_CHARS = 1024;

interface Lane {
  queued: string[];
  queuedChars: number;
  /** Chars given to the terminal and not parsed yet. */
  inTerminal: number;
  /** Discarding everything that arrives (between an interrupt and its release). */
  discarding: number;
  /** Bumped by forget(): a parse callback from before it is not counted. */
  generation: number;
}

export class OutputQueue {
  private readonly lanes = new Map<string, Lane>();
  private readonly ready = new Set<string>();
  private scheduled = false;
  private readonly chunkChars: number;
  private readonly frameChars: number;

  constructor(private readonly opts: OutputQueueOptions) {
    this.chunkChars = opts.chunkChars ?? DEFAULT_CHUNK_CHARS;
    this.frameChars = opts.frameChars ?? DEFAULT_FRAME_CHARS;
  }

  push(sessionId: string, data: string): void {
    if (data.length === 0) return;
    const lane = this.lane(sessionId);
    if (lane.discarding > 0) {
      this.opts.consumed(sessionId, data.length, 'dropped');
      return;
    }
    lane.queued.push(data);
    lane.queuedChars += data.length;
    if (lane.inTerminal > 0 || this.ready.has(sessionId)) return;
    if (lane.queuedChars <= AT_ONCE_CHARS) this.feed(sessionId, lane, Math.min(this.chunkChars, AT_ONCE_CHARS));
    else this.markReady(sessionId);
  }

  /** Chars of the session's output that arrived and are not parsed yet (queued here or in xterm). */
  backlog(sessionId: string): number {
    const lane = this.lanes.get(sessionId);
    return lane ? lane.queuedChars + lane.inTerminal : 0;
  }

  /**
   * Input went to the session: drops what is queued and discards what arrives until the returned
   * release is called (when the Node side answered the input: what it sent after that answer is
   * output of the interrupted session). Returns the chars dropped now.
   */
  interrupt(sessionId: string): { dropped: number; release: () => void } {
    const lane = this.lane(sessionId);
    const dropped = lane.queuedChars;
    lane.queued = [];
    lane.queuedChars = 0;
    if (dropped > 0) this.opts.consumed(sessionId, dropped, 'dropped');
    lane.discarding += 1;
    const generation = lane.generation;
    let released = false;
    return {
      dropped,
      release: () => {
        if (released) return;
        released = true;
        if (lane.generation === generation && lane.discarding > 0) lane.discarding -= 1;
      },
    };
  }

  /** Drops the session's queue without acknowledging it (the Node side no longer counts it). */
  forget(sessionId: string): void {
    const lane = this.lanes.get(sessionId);
    if (!lane) return;
    lane.generation += 1;
    lane.queued = [];
    lane.queuedChars = 0;
    lane.inTerminal = 0;
    lane.discarding = 0;
    this.ready.delete(sessionId);
  }

  /** The session is gone: nothing of it is kept. */
  remove(sessionId: string): void {
    this.forget(sessionId);
    this.lanes.delete(sessionId);
  }

  private lane(sessionId: string): Lane {
    let lane = this.lanes.get(sessionId);
    if (!lane) this.lanes.set(sessionId, (lane = { queued: [], queuedChars: 0, inTerminal: 0, discarding: 0, generation: 0 }));
    return lane;
  }

  private feed(sessionId: string, lane: Lane, most: number): void {
    if (lane.inTerminal > 0 || lane.queuedChars === 0) return;
    const chunk = this.take(lane, most);
    lane.inTerminal = chunk.length;
    const generation = lane.generation;
    this.opts.write(sessionId, chunk, () => {
      if (lane.generation !== generation || this.lanes.get(sessionId) !== lane) return;
      lane.inTerminal = 0;
      this.opts.consumed(sessionId, chunk.length, 'parsed');
      if (lane.queuedChars > 0) this.markReady(sessionId);
    });
  }

  /** Up to `most` chars from the front of the queue, as one string. */
  private take(lane: Lane, most: number): string {
    let chunk = '';
    while (lane.queued.length > 0 && chunk.length < most) {
      const head = lane.queued[0] as string;
      const room = most - chunk.length;
      if (head.length <= room) {
        chunk += head;
        lane.queued.shift();
      } else {
        // Cut between UTF-16 units of one pair is fine: xterm keeps a lone high surrogate for the next write.
        chunk += head.slice(0, room);
        lane.queued[0] = head.slice(room);
      }
    }
    lane.queuedChars -= chunk.length;
    return chunk;
  }

  private markReady(sessionId: string): void {
    this.ready.add(sessionId);
    if (this.scheduled) return;
    this.scheduled = true;
    this.opts.schedule(() => this.tick());
  }

  private tick(): void {
    this.scheduled = false;
    // Set order: the sessions not served last tick come first (a served one is re-added at the end).
    const ids = [...this.ready];
    const share = Math.min(this.chunkChars, Math.max(MIN_SHARE_CHARS, Math.floor(this.frameChars / Math.max(1, ids.length))));
    let budget = this.frameChars;
    for (const id of ids) {
      if (budget <= 0) break;
      this.ready.delete(id);
      const lane = this.lanes.get(id);
      if (!lane) continue;
      const before = lane.queuedChars;
      this.feed(id, lane, Math.min(share, budget));
      budget -= before - lane.queuedChars;
    }
    if (this.ready.size > 0 && !this.scheduled) {
      this.scheduled = true;
      this.opts.schedule(() => this.tick());
    }
  }
}

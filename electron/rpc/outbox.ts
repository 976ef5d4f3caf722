/**
 * Terminal output on its way to one window over a socket. What the socket has taken cannot be taken
 * back, so it is given only `maxBufferedBytes` at a time (its bufferedAmount); the rest waits here,
 * per session, where an interrupt can still drop it (see EventHub.skipping). Each session's output is
 * joined while it waits, and the sessions with the least waiting go first: an echo in a quiet pane
 * never queues behind megabytes of a flood in the others. Other events do not wait here at all.
 */

export interface OutboxOptions {
  send(sessionId: string, data: string): void;
  /** Bytes the socket holds that its peer has not taken yet. */
  buffered(): number;
  maxBufferedBytes: number;
  /** How soon to look again while the socket is full. */
  retryMs?: number;
}

export const DEFAULT_SOCKET_QUEUE_BYTES = 256 * 1024;

export class Outbox {
  private readonly pending = new Map<string, string>();
  private immediate: NodeJS.Immediate | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly opts: OutboxOptions) {}

  add(sessionId: string, data: string): void {
    if (this.closed || data.length === 0) return;
    const waiting = this.pending.get(sessionId);
    // Nothing of this session waits and the socket has room: straight on, as without an outbox.
    if (waiting === undefined && this.opts.buffered() < this.opts.maxBufferedBytes) return this.opts.send(sessionId, data);
    this.pending.set(sessionId, (waiting ?? '') + data);
    if (!this.timer) this.immediate ??= setImmediate(() => this.flush());
  }

  /** Drops what waits for the session; returns the chars dropped. */
  drop(sessionId: string): number {
    const chars = this.pending.get(sessionId)?.length ?? 0;
    this.pending.delete(sessionId);
    return chars;
  }

  /** Chars waiting, for one session or all. */
  waiting(sessionId?: string): number {
    if (sessionId !== undefined) return this.pending.get(sessionId)?.length ?? 0;
    let n = 0;
    for (const data of this.pending.values()) n += data.length;
    return n;
  }

  close(): void {
    this.closed = true;
    this.pending.clear();
    if (this.immediate) clearImmediate(this.immediate);
    if (this.timer) clearTimeout(this.timer);
    this.immediate = undefined;
    this.timer = undefined;
  }

  flush(): void {
    this.immediate = undefined;
    this.timer = undefined;
    if (this.closed) return;
    const order = [...this.pending].sort((a, b) => a[1].length - b[1].length);
    for (const [sessionId, data] of order) {
      if (this.opts.buffered() >= this.opts.maxBufferedBytes) break;
      this.pending.delete(sessionId);
      this.opts.send(sessionId, data);
    }
    if (this.pending.size > 0) this.timer = setTimeout(() => this.flush(), this.opts.retryMs ?? 5);
  }
}

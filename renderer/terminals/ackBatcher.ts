/**
 * Flow control: the Node side pauses a host's stream while this window has too many of its
 * characters unacknowledged (and drops the window from the stream if it stops acknowledging), so
 * every character xterm has written must be acknowledged, but one request per write would cost
 * more than the output. Acks are summed per session and sent when a session passes `threshold`, or
 * on the next scheduled flush (an animation frame in the window).
 */
export interface AckBatcherOptions {
  send: (sessionId: string, chars: number) => void;
  /** Arranges one call of `flush` soon; returns nothing, called at most once per pending batch. */
  schedule: (flush: () => void) => void;
  threshold?: number;
}

export const DEFAULT_ACK_THRESHOLD = 5000;

export class AckBatcher {
  private readonly pending = new Map<string, number>();
  private scheduled = false;
  private readonly threshold: number;

  constructor(private readonly options: AckBatcherOptions) {
    this.threshold = options.threshold ?? DEFAULT_ACK_THRESHOLD;
  }

  /** Records that `chars` more characters of a session's output are now in xterm. */
  written(sessionId: string, chars: number): void {
    if (chars <= 0) return;
    const total = (this.pending.get(sessionId) ?? 0) + chars;
    if (total >= this.threshold) {
      this.pending.delete(sessionId);
      this.options.send(sessionId, total);
      return;
    }
    this.pending.set(sessionId, total);
    if (!this.scheduled) {
      this.scheduled = true;
      this.options.schedule(() => this.flush());
    }
  }

  /** Sends every pending ack now. */
  flush(): void {
    this.scheduled = false;
    const entries = [...this.pending.entries()];
    this.pending.clear();
    for (const [sessionId, chars] of entries) this.options.send(sessionId, chars);
  }

  /** Forgets a session's pending count, e.g. when it is closed: there is nobody left to unpause. */
  forget(sessionId: string): void {
    this.pending.delete(sessionId);
  }

  pendingFor(sessionId: string): number {
    return this.pending.get(sessionId) ?? 0;
  }
}

import { MAX_ACKS_PER_REQUEST } from '../../shared/contract';

/**
 * Flow control: the Node side pauses a host's stream while this window has too many of its
 * characters unacknowledged (and drops the window from the stream if it stops acknowledging), so
 * every character xterm has written must be acknowledged, but one request per write would cost
 * more than the output. Acks are summed per session and sent, every session's in ONE request, on
 * the next scheduled flush (an animation frame in the window), or at once when a session passes
 * `threshold`. One request per session per frame was N round trips per keystroke on N panes, on
 * the path of the next echo (bench part latency).
 */
export interface Ack {
  sessionId: string;
  chars: number;
}

export interface AckBatcherOptions {
  /** Every pending ack at once; never called with an empty list. */
  send: (acks: Ack[]) => void;
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
    this.pending.set(sessionId, total);
    // What the others owe goes along: the request is paid for anyway. A flush already scheduled stays.
    if (total >= this.threshold) return this.drain();
    if (!this.scheduled) {
      this.scheduled = true;
      this.options.schedule(() => this.flush());
    }
  }

  /** Sends every pending ack now: one call, or one per MAX_ACKS_PER_REQUEST sessions. */
  flush(): void {
    this.scheduled = false;
    this.drain();
  }

  private drain(): void {
    if (this.pending.size === 0) return;
    const acks = Array.from(this.pending, ([sessionId, chars]) => ({ sessionId, chars }));
    this.pending.clear();
    for (let i = 0; i < acks.length; i += MAX_ACKS_PER_REQUEST) this.options.send(acks.slice(i, i + MAX_ACKS_PER_REQUEST));
  }

  /** Forgets a session's pending count, e.g. when it is closed: there is nobody left to unpause. */
  forget(sessionId: string): void {
    this.pending.delete(sessionId);
  }

  pendingFor(sessionId: string): number {
    return this.pending.get(sessionId) ?? 0;
  }
}

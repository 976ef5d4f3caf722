/**
 * Keeps keystrokes in order without a round trip per key: while MAX_IN_FLIGHT input requests are in
 * flight, later keys for the same targets are joined and sent as one request when one returns. Keys
 * for a different target set wait their turn, so a broadcast never overtakes a single-pane key.
 *
 * Two in flight, not one: with one, a key typed right after Enter waited for the Enter's reply (a
 * round trip to the Node side) before it left, so its echo came a round trip late (bench part
 * latency, "keys typed right after Enter"). With two it goes out at once; joining still bounds the
 * requests when keys come faster than replies.
 *
 * An interrupt (Ctrl-C) does not wait for a reply: it and everything queued before it go out at
 * once, in order. Order still holds because both transports deliver requests in the order sent and
 * the Node side writes each request's keys before it looks at the next.
 */
export interface InputBatch {
  sessionIds: string[];
  data: string;
}

const INTERRUPT = '\x03';
export const MAX_IN_FLIGHT = 2;

export class InputQueue {
  private readonly queue: InputBatch[] = [];
  private inFlight = 0;

  constructor(
    private readonly send: (batch: InputBatch) => Promise<unknown>,
    private readonly onError: (err: unknown, batch: InputBatch) => void,
    /** Requests are bounded by the contract; a joined batch never grows past this. */
    private readonly maxChars: number,
  ) {}

  push(sessionIds: readonly string[], data: string): void {
    const last = this.queue[this.queue.length - 1];
    if (last && sameTargets(last.sessionIds, sessionIds) && last.data.length + data.length <= this.maxChars) {
      last.data += data;
    } else {
      this.queue.push({ sessionIds: [...sessionIds], data });
    }
    if (data.includes(INTERRUPT)) {
      for (let batch = this.queue.shift(); batch; batch = this.queue.shift()) this.start(batch);
      return;
    }
    this.pump();
  }

  get pending(): number {
    return this.queue.length + this.inFlight;
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT) {
      const batch = this.queue.shift();
      if (!batch) return;
      this.start(batch);
    }
  }

  private start(batch: InputBatch): void {
    this.inFlight += 1;
    this.send(batch)
      .catch((err: unknown) => this.onError(err, batch))
      .finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
  }
}

function sameTargets(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

/**
 * Keeps keystrokes in order without a round trip per key: while one input request is in flight,
 * later keys for the same targets are joined and sent as one request when it returns. Keys for a
 * different target set wait their turn, so a broadcast never overtakes a single-pane key.
 */
export interface InputBatch {
  sessionIds: string[];
  data: string;
}

export class InputQueue {
  private readonly queue: InputBatch[] = [];
  private inFlight = false;

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
    this.pump();
  }

  get pending(): number {
    return this.queue.length + (this.inFlight ? 1 : 0);
  }

  private pump(): void {
    if (this.inFlight) return;
    const batch = this.queue.shift();
    if (!batch) return;
    this.inFlight = true;
    this.send(batch)
      .catch((err: unknown) => this.onError(err, batch))
      .finally(() => {
        this.inFlight = false;
        this.pump();
      });
  }
}

function sameTargets(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

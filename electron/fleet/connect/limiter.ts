/** A counting semaphore: at most `limit` handshakes run at once, as pdsh's fan-out (-f) does. */
export class Limiter {
  private running = 0;
  private readonly queue: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`fan-out must be a positive integer, got ${limit}`);
  }

  /** Resolves with a release function once a slot is free. Releasing twice is harmless. */
  acquire(): Promise<() => void> {
    return new Promise((resolve) => {
      const grant = (): void => {
        this.running++;
        let released = false;
        resolve(() => {
          if (released) return;
          released = true;
          this.running--;
          this.queue.shift()?.();
        });
      };
      if (this.running < this.limit) grant();
      else this.queue.push(grant);
    });
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }
}

/**
 * Typed lines on their way to the journal, one after another in the order they were sent. Each
 * waits for its secret verdict (bounded by the judge's echo wait) before it is written, so the app
 * closes only once `settled()`: a line typed just before quitting is recorded, not dropped.
 */
export class TypedLines {
  private tail: Promise<void> = Promise.resolve();

  /** `step` records one line and reports its own failure; it never rejects. */
  add(step: () => Promise<void>): void {
    this.tail = this.tail.then(step);
  }

  /** Resolves once every line added so far is written or its failure reported. */
  settled(): Promise<void> {
    return this.tail;
  }
}

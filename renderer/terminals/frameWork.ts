/**
 * Terminal work that forces the browser to lay out the page (opening an xterm, fitting it to its
 * pane), spread over animation frames. Opening 64 xterms in one task stalled connect-all for
 * seconds: each open injects a style sheet and measures a cell, so each one recalculated style and
 * layout for every pane already there. Here each frame fits every pane that asked (all reads, then
 * all writes: one layout, not one per pane) and then opens terminals while it stays within its
 * budget (at least one per frame, so the queue always moves).
 */

/** Milliseconds of a frame that opening terminals may take, beyond the first open. */
export const OPEN_BUDGET_MS = 8;

export interface FrameWorkHooks {
  /** Runs `run` in the next animation frame (a timer when the tab is hidden). */
  schedule(run: () => void): void;
  /** Reads the size a session's terminal should have; undefined when it has none (closed, not open). */
  measure(sessionId: string): { cols: number; rows: number } | undefined;
  /** Applies a size read by `measure` in the same frame. */
  resize(sessionId: string, size: { cols: number; rows: number }): void;
  /** Opens a session's terminal; false when it no longer can (detached, gone). */
  open(sessionId: string): boolean;
  now?(): number;
}

export class FrameWork {
  private readonly fits = new Set<string>();
  /** Insertion order is the order panes came on screen: the grid's order, top left first. */
  private readonly opens = new Set<string>();
  private queued = false;

  constructor(private readonly hooks: FrameWorkHooks) {}

  fit(sessionId: string): void {
    this.fits.add(sessionId);
    this.queue();
  }

  open(sessionId: string): void {
    this.opens.add(sessionId);
    this.queue();
  }

  /** Drops queued work for a session (its pane left the screen or was closed). */
  cancelOpen(sessionId: string): void {
    this.opens.delete(sessionId);
  }

  forget(sessionId: string): void {
    this.fits.delete(sessionId);
    this.opens.delete(sessionId);
  }

  /** Sessions waiting to be opened, in order (for tests). */
  pendingOpens(): string[] {
    return [...this.opens];
  }

  private queue(): void {
    if (this.queued) return;
    this.queued = true;
    this.hooks.schedule(() => this.run());
  }

  private run(): void {
    this.queued = false;
    const now = this.hooks.now ?? (() => performance.now());
    const started = now();
    // Reads first, then writes: a resize dirties the layout, and the next read would force it again.
    const ids = [...this.fits];
    this.fits.clear();
    const sizes = ids.map((id) => [id, this.hooks.measure(id)] as const);
    for (const [id, size] of sizes) if (size) this.hooks.resize(id, size);
    let opened = 0;
    for (const id of [...this.opens]) {
      if (opened > 0 && now() - started >= OPEN_BUDGET_MS) break;
      this.opens.delete(id);
      if (this.hooks.open(id)) opened += 1;
    }
    if (this.opens.size > 0 || this.fits.size > 0) this.queue();
  }
}

/**
 * Tells xterm's own answers to queries in host output (cursor position `CSI 6n`, colours `OSC 11;?`,
 * device attributes `CSI c`, mode reports ...) apart from what the user typed: xterm emits both
 * through the one `onData` event, but only keys may be broadcast or journalled.
 *
 * xterm answers a query synchronously while it parses the chunk of output that asked, and calls that
 * chunk's write callback in the same task right after parsing it (while no parser handler is
 * async: none is here; an addon adding one, like the image addon, would break this). Keys, pastes,
 * IME text and mouse reports come from DOM events and timers, tasks in which no output is parsed.
 * So data seen since the last parsed chunk is a reply when a chunk's callback follows before the
 * task ends, and typed when the task ends first (a microtask runs only once the task's stack is
 * empty). Data already waiting when new output is handed to xterm is typed too: xterm may parse a
 * write at once (it does right after user input), and what it answers then comes after the call.
 *
 * Focus reports (`CSI I` / `CSI O`, once a host enabled them with `CSI ? 1004 h`) come from DOM
 * focus events, yet nobody typed them either: they go to their own session as replies.
 */
const FOCUS_IN = '\x1b[I';
const FOCUS_OUT = '\x1b[O';

export interface ReplySink {
  /** Data from the user, in order, one call per `onData`. */
  typed(data: string): void;
  /** The replies to one chunk of live output, joined, or one focus report. */
  replied(data: string): void;
}

export interface ReplySorterOptions {
  /** Whether the host asked for focus reports (xterm's `modes.sendFocusMode`). */
  focusReporting?(): boolean;
  /** Runs once the current task's stack is empty; injectable so tests can step it. */
  afterTask?(run: () => void): void;
}

export class ReplySorter {
  private pending: string[] = [];
  private settleQueued = false;
  private readonly afterTask: (run: () => void) => void;
  private readonly focusReporting: () => boolean;

  constructor(
    private readonly sink: ReplySink,
    options: ReplySorterOptions = {},
  ) {
    // Wrapped: browsers throw "Illegal invocation" when queueMicrotask is called as a method.
    this.afterTask = options.afterTask ?? ((run) => queueMicrotask(run));
    this.focusReporting = options.focusReporting ?? (() => false);
  }

  /** Every `onData` of the terminal, in the order xterm emits them. */
  data(data: string): void {
    this.pending.push(data);
    if (this.settleQueued) return;
    this.settleQueued = true;
    this.afterTask(() => {
      this.settleQueued = false;
      this.settle();
    });
  }

  /** Hands everything waiting to `typed`: at the end of the task, and before output is written. */
  settle(): void {
    for (const data of this.take()) {
      // No key or IME yields these alone; a paste of exactly these three characters would be
      // taken for a report, which is the lesser harm than a focus change typed into every host.
      if ((data === FOCUS_IN || data === FOCUS_OUT) && this.focusReporting()) this.sink.replied(data);
      else this.sink.typed(data);
    }
  }

  /**
   * From the write callback of every chunk of output. `live` is false for scrollback repainted
   * after a reload: its queries were answered when they first arrived, and answering again would
   * type the answers into whatever runs on the host now.
   */
  parsed(live: boolean): void {
    const replies = this.take();
    if (live && replies.length > 0) this.sink.replied(replies.join(''));
  }

  /** Forgets what was not settled yet (the terminal is going away). */
  clear(): void {
    this.pending = [];
  }

  private take(): string[] {
    const taken = this.pending;
    this.pending = [];
    return taken;
  }
}

/** Cuts joined replies into requests of at most `max` characters, never splitting a surrogate pair. */
export function replyPieces(data: string, max: number): string[] {
  if (max < 2) throw new RangeError(`replyPieces: max must be at least 2, got ${max}`);
  const pieces: string[] = [];
  let start = 0;
  while (start < data.length) {
    let end = Math.min(start + max, data.length);
    const last = data.charCodeAt(end - 1);
    if (end < data.length && last >= 0xd800 && last <= 0xdbff) end--;
    pieces.push(data.slice(start, end));
    start = end;
  }
  return pieces;
}

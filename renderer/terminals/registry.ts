import { SearchAddon } from '@xterm/addon-search';
import { AckBatcher, type Ack } from './ackBatcher';
import { FlowNotes } from './flowNotes';
import { FrameWork } from './frameWork';
import { OutputFeed } from './outputFeed';
import { TermWrap } from './termwrap';
import { planWebgl, webglBudgetFor } from './webglBudget';
import { webglRendererName } from './webglRenderer';

export interface RegistryHooks {
  /** Flow control acknowledgement: every session's count since the last call, in one call. */
  sendAcks(acks: Ack[]): void;
  /** Keys (typed, pasted, Ctrl...) from the pane of `sessionId`; the router decides where they go. */
  onInput(sessionId: string, data: string): void;
  /** xterm's answer to a query in `sessionId`'s live output: for that session alone, never a key. */
  onReply(sessionId: string, data: string): void;
  onResize(sessionId: string, cols: number, rows: number): void;
  /** Window shortcuts typed inside a terminal; return true when handled so the key is not sent. */
  onShortcut?(event: KeyboardEvent): boolean;
  /** A session's terminal took the keyboard. */
  onFocus?(sessionId: string): void;
  /** The panes on screen changed (settled after scrolling), so the window can say where keys go. */
  onVisible?(sessionIds: ReadonlySet<string>): void;
  /** Called once per animation frame at most; injected so tests and hidden tabs still flush. */
  scheduleFrame?(run: () => void): void;
}

function defaultSchedule(run: () => void): void {
  // Hidden tabs get no animation frames, yet acks must still flow or the hosts stall.
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') setTimeout(run, 50);
  else requestAnimationFrame(run);
}

/**
 * Every xterm instance, by session id, outside React and zustand: the store holds metadata only,
 * so output never goes through a re-render, and a pane can unmount without losing its buffer.
 */
export class TerminalRegistry {
  private readonly wraps = new Map<string, TermWrap>();
  private readonly acks: AckBatcher;
  private readonly feed: OutputFeed;
  /** How far each pane is behind and how much was skipped, for the pane headers. */
  readonly flow: FlowNotes;
  /**
   * Bumped when a session is repainted after the Node side dropped this window from its stream:
   * writes queued before that were never counted there again, so they are not acknowledged.
   */
  private readonly epochs = new Map<string, number>();
  private readonly visible = new Set<string>();
  /** Panes that came on screen since the last rebalance: they are redrawn once it has run. */
  private readonly cameIntoView = new Set<string>();
  /**
   * Whether each pane followed output (showed the newest lines) when output last reached it on
   * screen: read while visible only, since off screen xterm's viewport is what goes wrong.
   */
  private readonly leftFollowing = new Map<string, boolean>();
  private readonly webglHolders = new Set<string>();
  private readonly webglFailed = new Set<string>();
  /** Sessions whose pane was closed: output that was already in flight must not resurrect them. */
  private readonly gone = new Set<string>();
  private observer: IntersectionObserver | undefined;
  /** Each mounted pane's terminal container, and its session. */
  private readonly slots = new Map<HTMLElement, string>();
  private screenReader = false;
  /** Set on the first rebalance from the GPU in use (none for software WebGL), unless set before. */
  private webglBudget: number | undefined;
  /** The font size of every terminal, set by the grid's density (undefined: the comfortable one). */
  private fontSize: number | undefined;
  private rebalanceQueued = false;
  /** Loaded on the first search in a terminal: most panes are never searched. */
  private readonly searches = new WeakMap<TermWrap, SearchAddon>();
  /** Opening and fitting terminals, a frame's budget at a time. */
  private readonly work: FrameWork;

  constructor(private readonly hooks: RegistryHooks) {
    this.acks = new AckBatcher({
      send: (acks) => this.hooks.sendAcks(acks),
      schedule: hooks.scheduleFrame ?? defaultSchedule,
    });
    this.flow = new FlowNotes(hooks.scheduleFrame ?? defaultSchedule);
    this.feed = new OutputFeed({
      write: (sessionId, data, parsed) => this.writeNow(sessionId, data, parsed),
      dropped: (sessionId, chars) => {
        this.flow.parsed(sessionId, chars);
        this.flow.skipped(sessionId, chars);
        this.acks.written(sessionId, chars);
      },
    });
    this.work = new FrameWork({
      schedule: hooks.scheduleFrame ?? defaultSchedule,
      measure: (id) => this.wraps.get(id)?.measure(),
      resize: (id, size) => this.wraps.get(id)?.resize(size),
      open: (id) => this.open(id),
    });
  }

  /** The terminal of a session, created on first use so output that races the pane is kept. */
  ensure(sessionId: string): TermWrap {
    let wrap = this.wraps.get(sessionId);
    if (!wrap) {
      wrap = new TermWrap(
        sessionId,
        {
          onData: (data) => this.hooks.onInput(sessionId, data),
          onReply: (data) => this.hooks.onReply(sessionId, data),
          onResize: (cols, rows) => this.hooks.onResize(sessionId, cols, rows),
          onShortcut: (event) => this.hooks.onShortcut?.(event) ?? false,
          onFocus: () => this.hooks.onFocus?.(sessionId),
          onWebglLost: () => {
            this.webglHolders.delete(sessionId);
            this.webglFailed.add(sessionId);
            this.queueRebalance();
          },
        },
        this.screenReader,
        this.fontSize,
      );
      this.wraps.set(sessionId, wrap);
    }
    return wrap;
  }

  get(sessionId: string): TermWrap | undefined {
    return this.wraps.get(sessionId);
  }

  /**
   * Takes a session's output; it reaches xterm through the feed (outputFeed.ts), and once xterm has
   * parsed it (or the feed dropped it after an interrupt) it is acknowledged to the Node side.
   */
  write(sessionId: string, data: string): void {
    if (data.length === 0 || this.gone.has(sessionId)) return;
    this.flow.received(sessionId, data.length);
    this.feed.push(sessionId, data);
  }

  /** Keys were sent to these sessions: one that is far behind drops what waits (see OutputFeed.input). */
  inputSent(sessionIds: readonly string[], data: string): void {
    for (const id of sessionIds) this.feed.input(id, data);
  }

  private writeNow(sessionId: string, data: string, parsed: () => void): void {
    const epoch = this.epochs.get(sessionId) ?? 0;
    const wrap = this.ensure(sessionId);
    if (this.visible.has(sessionId)) this.leftFollowing.set(sessionId, wrap.atBottom);
    wrap.write(data, () => {
      parsed();
      if ((this.epochs.get(sessionId) ?? 0) !== epoch) return;
      this.flow.parsed(sessionId, data.length);
      this.acks.written(sessionId, data.length);
    });
  }

  /**
   * The Node side stopped sending this session to this window (it fell behind) and said so: repaint
   * from the scrollback, whose request also puts the window back on the stream, owing nothing.
   */
  resync(sessionId: string, scrollback: string): void {
    if (this.gone.has(sessionId)) return;
    this.epochs.set(sessionId, (this.epochs.get(sessionId) ?? 0) + 1);
    this.feed.forget(sessionId);
    this.acks.forget(sessionId);
    this.flow.caughtUp(sessionId);
    this.ensure(sessionId).replay(scrollback);
  }

  /** The Node side skipped `chars` of this session's output that nobody could read (after an interrupt). */
  skipped(sessionId: string, chars: number): void {
    if (this.gone.has(sessionId)) return;
    this.flow.skipped(sessionId, chars);
    this.feed.caughtUp(sessionId);
  }

  /**
   * Repaints a terminal from its scrollback. The reply comes after every output event sent before
   * it on the same link, and the scrollback already holds them, so the terminal is reset first.
   * Replayed output was acknowledged when it first arrived (or never counted), so it is not acked,
   * and its queries were answered then, so xterm's answers to them are dropped.
   */
  replay(sessionId: string, data: string): void {
    if (data.length === 0 || this.gone.has(sessionId)) return;
    this.ensure(sessionId).replay(data);
  }

  /**
   * Shows a session's terminal in `parent`; the returned function takes it out again (buffer kept).
   * A terminal never opened is opened once its pane comes on screen (see `intersection`).
   */
  attach(sessionId: string, parent: HTMLElement): () => void {
    // The pane is watched, not the terminal: a connect-all mounts 64 panes in one commit, and
    // creating 64 xterms there was a long task of its own. A terminal is created on its first
    // output or when its pane is opened, whichever comes first.
    this.slots.set(parent, sessionId);
    this.intersection().observe(parent);
    const wrap = this.wraps.get(sessionId);
    if (wrap?.isOpen) {
      wrap.attach(parent);
      this.work.fit(sessionId);
    }
    return () => {
      this.work.cancelOpen(sessionId);
      this.intersection().unobserve(parent);
      this.slots.delete(parent);
      this.visible.delete(sessionId);
      this.webglHolders.delete(sessionId);
      this.wraps.get(sessionId)?.detach();
      this.queueRebalance();
    };
  }

  /** Fits the terminal to its pane in the next frame, with every other pane that asked. */
  fit(sessionId: string): void {
    if (this.wraps.get(sessionId)?.isOpen) this.work.fit(sessionId);
  }

  /** Focuses a terminal, opening it now if its pane is there but was not opened yet. */
  focus(sessionId: string): void {
    if (!this.open(sessionId)) return;
    this.wraps.get(sessionId)?.focus();
  }

  /** Selects (highlights) the last match of a scrollback search in the session's terminal; false if it shows none. */
  find(sessionId: string, query: string, mode: { regex: boolean; wholeWord: boolean; caseSensitive: boolean }): boolean {
    const wrap = this.wraps.get(sessionId);
    if (!wrap || query === '' || !this.open(sessionId)) return false;
    let addon = this.searches.get(wrap);
    if (!addon) {
      addon = new SearchAddon();
      wrap.term.loadAddon(addon);
      this.searches.set(wrap, addon);
    }
    // Backwards from the end: the latest output is the one that prompted the search.
    wrap.term.clearSelection();
    return addon.findPrevious(query, { regex: mode.regex, wholeWord: mode.wholeWord, caseSensitive: mode.caseSensitive });
  }

  /** A terminal's size in cells; undefined until it is opened and fitted to its pane. */
  size(sessionId: string): { cols: number; rows: number } | undefined {
    const wrap = this.wraps.get(sessionId);
    return wrap?.isOpen ? { cols: wrap.term.cols, rows: wrap.term.rows } : undefined;
  }

  setScreenReader(on: boolean): void {
    this.screenReader = on;
    for (const wrap of this.wraps.values()) wrap.setScreenReader(on);
  }

  /** Every terminal, existing and future, draws at this font size (the grid's density). */
  setFontSize(size: number): void {
    if (this.fontSize === size) return;
    this.fontSize = size;
    for (const wrap of this.wraps.values()) wrap.setFontSize(size);
  }

  setWebglBudget(budget: number): void {
    this.webglBudget = Math.max(0, budget);
    this.queueRebalance();
  }

  /** Sessions that render with WebGL right now (for diagnostics and tests). */
  webglSessions(): string[] {
    return [...this.webglHolders];
  }

  /** Drops a session's terminal for good (the pane was closed). */
  dispose(sessionId: string): void {
    this.gone.add(sessionId);
    this.feed.forget(sessionId);
    this.work.forget(sessionId);
    for (const [slot, id] of this.slots) if (id === sessionId) this.observer?.unobserve(slot);
    const wrap = this.wraps.get(sessionId);
    if (!wrap) return;
    wrap.dispose();
    this.wraps.delete(sessionId);
    this.visible.delete(sessionId);
    this.leftFollowing.delete(sessionId);
    this.webglHolders.delete(sessionId);
    this.webglFailed.delete(sessionId);
    this.acks.forget(sessionId);
    this.flow.forget(sessionId);
    this.epochs.delete(sessionId);
    this.queueRebalance();
  }

  private intersection(): IntersectionObserver {
    if (!this.observer) {
      this.observer = new IntersectionObserver((entries) => {
        for (const entry of entries) {
          const id = this.idOf(entry.target);
          if (id === undefined) continue;
          if (entry.isIntersecting) {
            if (!this.visible.has(id)) this.cameIntoView.add(id);
            this.visible.add(id);
            if (!this.wraps.get(id)?.isOpen) this.work.open(id);
          } else {
            this.visible.delete(id);
            // Scrolled past before its turn came: it opens when it is on screen again.
            this.work.cancelOpen(id);
          }
        }
        this.queueRebalance();
      });
    }
    return this.observer;
  }

  /** Opens a terminal whose pane is in the page; true when it is open. */
  private open(sessionId: string): boolean {
    if (this.gone.has(sessionId)) return false;
    const wrap = this.wraps.get(sessionId);
    if (wrap?.isOpen) return true;
    const slot = [...this.slots].find(([, id]) => id === sessionId)?.[0];
    if (!slot) return false;
    const opening = wrap ?? this.ensure(sessionId);
    opening.attach(slot);
    if (!opening.open()) return false;
    // Opened at the size its pane should give it; checked against the layout in the next frame.
    this.work.fit(sessionId);
    // It may now take a WebGL context, and is redrawn as a pane that came into view.
    if (this.visible.has(sessionId)) this.cameIntoView.add(sessionId);
    this.queueRebalance();
    return true;
  }

  private idOf(element: Element): string | undefined {
    return this.slots.get(element as HTMLElement);
  }

  private queueRebalance(): void {
    if (this.rebalanceQueued) return;
    this.rebalanceQueued = true;
    // Scrolling fires many intersection changes; settle once they stop moving.
    setTimeout(() => {
      this.rebalanceQueued = false;
      this.rebalance();
      // xterm can leave a pane written to while off screen at the top of its scrollback (after a
      // flood, the prompt in the buffer but old `y` lines on screen): it follows output again if it
      // did when last seen (a pane never seen did), redrawn after its renderer was settled above.
      for (const id of this.cameIntoView) if (this.visible.has(id)) this.wraps.get(id)?.cameIntoView(this.leftFollowing.get(id) ?? true);
      this.cameIntoView.clear();
      this.hooks.onVisible?.(this.visible);
    }, 150);
  }

  private rebalance(): void {
    const order = [...this.wraps.keys()].filter((id) => this.wraps.get(id)?.isAttached && this.wraps.get(id)?.isOpen);
    this.webglBudget ??= webglBudgetFor(webglRendererName());
    const plan = planWebgl(order, this.visible, this.webglHolders, this.webglFailed, this.webglBudget);
    for (const id of plan.revoke) {
      this.wraps.get(id)?.disableWebgl();
      this.webglHolders.delete(id);
    }
    // One new context per pass: a context can cost a frame or more (hundreds of ms where WebGL is
    // drawn in software), and 12 at once after a connect-all held the page for seconds.
    const [id, ...more] = plan.grant;
    const wrap = id === undefined ? undefined : this.wraps.get(id);
    if (id !== undefined && wrap) {
      if (wrap.enableWebgl()) this.webglHolders.add(id);
      else this.webglFailed.add(id);
    }
    if (more.length > 0) this.queueRebalance();
  }
}

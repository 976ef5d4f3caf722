import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { WebglAddon } from '@xterm/addon-webgl';
import { ReplySorter } from './replies';
import { measureCell } from './fontMetrics';
import { shareMeasurements } from './xtermMeasure';
import { TERMINAL_FONT, TERMINAL_OPTIONS, terminalFontSize } from './theme';

/** xterm's scroll bar gutter (its DEFAULT_SCROLL_BAR_WIDTH), which the fit addon leaves free. */
const SCROLL_BAR_WIDTH = 14;
const cells = new Map<number, { width: number; height: number } | undefined>();

/** The cell at a font size, as xterm will measure it (cached: a canvas per call otherwise). */
function cellAt(fontSize: number): { width: number; height: number } | undefined {
  if (!cells.has(fontSize)) cells.set(fontSize, measureCell(TERMINAL_FONT, fontSize, TERMINAL_OPTIONS.lineHeight ?? 1));
  return cells.get(fontSize);
}

export interface TermWrapHooks {
  /** What the user typed, pasted or clicked (mouse reports) in this terminal. */
  onData(data: string): void;
  /** xterm's answers to queries in live output; never called for replayed scrollback. */
  onReply(data: string): void;
  onResize(cols: number, rows: number): void;
  /** The WebGL context went away; the terminal already fell back to the DOM renderer. */
  onWebglLost(): void;
  /** A window-level shortcut pressed inside the terminal; true means it was handled (not sent). */
  onShortcut(event: KeyboardEvent): boolean;
  /** The terminal took the keyboard. */
  onFocus?(): void;
}

/**
 * Owns one xterm instance, its fit addon and (maybe) its WebGL context, after Wave Terminal's
 * termwrap. It outlives the React pane: the element moves between parents, the buffer stays.
 */
export class TermWrap {
  readonly term: Terminal;
  /** The element xterm renders into; moved between pane containers, never recreated. */
  readonly element: HTMLDivElement;
  private readonly fitAddon = new FitAddon();
  private readonly replies: ReplySorter;
  private webgl: WebglAddon | undefined;
  private opened = false;
  private disposed = false;

  constructor(
    readonly sessionId: string,
    private readonly hooks: TermWrapHooks,
    screenReader: boolean,
    fontSize: number = terminalFontSize(),
  ) {
    this.term = new Terminal({ ...TERMINAL_OPTIONS, fontSize, screenReaderMode: screenReader });
    this.term.loadAddon(this.fitAddon);
    this.replies = new ReplySorter(
      { typed: (data) => this.hooks.onData(data), replied: (data) => this.hooks.onReply(data) },
      { focusReporting: () => this.term.modes.sendFocusMode },
    );
    this.term.onData((data) => this.replies.data(data));
    this.term.onResize(({ cols, rows }) => this.hooks.onResize(cols, rows));
    // xterm swallows keys it handles; the window's own shortcuts must be seen before they reach the host.
    this.term.attachCustomKeyEventHandler((event) => !(event.type === 'keydown' && this.hooks.onShortcut(event)));
    this.element = document.createElement('div');
    this.element.className = 'xterm-host';
  }

  get isAttached(): boolean {
    return this.element.isConnected;
  }

  get hasWebgl(): boolean {
    return this.webgl !== undefined;
  }

  /** Whether xterm has been opened (it has its DOM, renderer and keyboard input). */
  get isOpen(): boolean {
    return this.opened;
  }

  /**
   * Puts the terminal into a pane. It is not opened here: opening measures the page, so the
   * registry opens terminals when their pane is on screen, a few per frame (frameWork.ts).
   */
  attach(parent: HTMLElement): void {
    if (this.disposed) return;
    if (this.element.parentElement !== parent) parent.appendChild(this.element);
  }

  /**
   * Opens xterm in its pane (it needs a live element to measure), sized from the pane beforehand;
   * false if it cannot. It is not fitted here: fitting reads the layout the open just changed, so the
   * registry fits it in the next frame with every other pane (frameWork.ts).
   */
  open(): boolean {
    if (this.disposed || !this.isAttached) return false;
    if (this.opened) return true;
    this.presize();
    this.term.open(this.element);
    this.opened = true;
    shareMeasurements(this.term);
    this.term.textarea?.addEventListener('focus', () => this.hooks.onFocus?.());
    return true;
  }

  detach(): void {
    this.disableWebgl();
    this.element.remove();
  }

  write(data: string, written: () => void): void {
    this.replies.settle();
    this.term.write(data, () => {
      this.replies.parsed(true);
      written();
    });
  }

  /** Repaints from the Node side's scrollback: what this terminal printed before the window (re)loaded. */
  replay(data: string): void {
    this.replies.settle();
    this.term.reset();
    this.term.write(data, () => this.replies.parsed(false));
  }

  /**
   * Sizes the terminal to its pane before it is opened, from the cell the font will have: resizing
   * an open terminal lays out and measures every row again (most of an open's cost in a profile).
   * The fit in the frame after opening corrects any difference.
   */
  private presize(): void {
    const cell = cellAt(this.term.options.fontSize ?? terminalFontSize());
    if (!cell) return;
    const cols = Math.floor((this.element.clientWidth - SCROLL_BAR_WIDTH) / cell.width);
    const rows = Math.floor(this.element.clientHeight / cell.height);
    if (cols >= 2 && rows >= 1) this.resize({ cols, rows });
  }

  /** Fits the terminal to its pane; a pane with no size yet (hidden, collapsed) is left alone. */
  fit(): void {
    const dims = this.measure();
    if (dims) this.resize(dims);
  }

  /** The size that fits the pane (reads layout, changes nothing); undefined when there is none. */
  measure(): { cols: number; rows: number } | undefined {
    if (!this.opened || !this.isAttached || this.disposed) return undefined;
    const dims = this.fitAddon.proposeDimensions();
    if (!dims || !Number.isFinite(dims.cols) || !Number.isFinite(dims.rows) || dims.cols < 2 || dims.rows < 1) return undefined;
    return dims;
  }

  resize(dims: { cols: number; rows: number }): void {
    if (this.disposed) return;
    if (dims.cols !== this.term.cols || dims.rows !== this.term.rows) this.term.resize(dims.cols, dims.rows);
  }

  /** Tries to give this terminal a WebGL context; false means it stays on the DOM renderer. */
  enableWebgl(): boolean {
    if (this.webgl || !this.opened || this.disposed) return this.webgl !== undefined;
    try {
      const addon = new WebglAddon();
      addon.onContextLoss(() => {
        this.disableWebgl();
        this.hooks.onWebglLost();
      });
      this.term.loadAddon(addon);
      this.webgl = addon;
      return true;
    } catch {
      // No WebGL2 here (headless, blocklisted GPU): the DOM renderer is always available.
      return false;
    }
  }

  disableWebgl(): void {
    const addon = this.webgl;
    this.webgl = undefined;
    if (!addon) return;
    const canvases = [...this.element.querySelectorAll('canvas')];
    try {
      addon.dispose();
    } catch {
      // A context that died under us may throw while being torn down; the DOM renderer takes over anyway.
    }
    // Chromium counts a context as live until it is garbage collected, and past ~16 it kills the
    // oldest one (maybe a visible pane's). Losing it explicitly frees the slot now.
    for (const canvas of canvases) {
      const gl = canvas.getContext('webgl2');
      gl?.getExtension('WEBGL_lose_context')?.loseContext();
    }
  }

  /** The grid's density changed: xterm re-measures its cells, and the pane refits to its new size. */
  setFontSize(size: number): void {
    if (this.term.options.fontSize === size) return;
    this.term.options.fontSize = size;
    this.fit();
  }

  setScreenReader(on: boolean): void {
    if (this.term.options.screenReaderMode === on) return;
    this.term.options.screenReaderMode = on;
    // Turning it on creates xterm's accessibility manager, whose row alignment is shared.
    if (on && this.opened) shareMeasurements(this.term);
  }

  /** Whether the pane shows the newest lines (it follows output), rather than scrollback above them. */
  get atBottom(): boolean {
    const b = this.term.buffer.active;
    return b.viewportY >= b.baseY;
  }

  /**
   * A pane comes back on screen. Written to while off screen, xterm's viewport can be left at the
   * top of the scrollback (seen after a flood: viewportY 0 of 5000, the pane showing old `y` lines
   * while the buffer held the prompt), so a pane that followed output when it left follows it again,
   * and every row is redrawn.
   */
  cameIntoView(followed: boolean): void {
    if (!this.opened) return;
    // Stuck at the very top is that defect's signature (a reader scrolled back stops short of it).
    if (followed || this.term.buffer.active.viewportY === 0) this.term.scrollToBottom();
    this.term.refresh(0, this.term.rows - 1);
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disableWebgl();
    this.disposed = true;
    this.replies.clear();
    this.term.dispose();
    this.element.remove();
  }
}

/**
 * The window's pane actions (`controller.grid`): bring a pane into view, move between panes and
 * groups, zoom, page the grid. Nothing here calls the API: it moves the view and the keyboard.
 */
import type { Controller } from '../../app/controller';
import { neighbour, type Direction } from '../../terminals/layout';
import { groupStep, paneGroups } from './paneView';

/** What the grid shows right now, told by the grid each time it lays out. */
export interface GridView {
  /** The scrolling element. */
  element: HTMLElement;
  /** Panes shown, in order (after the host filter, without folded ones). */
  order: readonly string[];
  columns: number;
  /** Pixels one page of panes takes. */
  pageHeight: number;
}

/** How long a revealed pane stays highlighted. */
export const FLASH_MS = 1500;
/** Frames to wait for a pane to mount after the view changed. */
const MOUNT_FRAMES = 10;

export class GridActions {
  private view: GridView | undefined;
  private flashTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly controller: Controller) {}

  private get state() {
    return this.controller.store.getState();
  }

  /** The grid tells where it is; undefined when it unmounts. */
  setView(view: GridView | undefined): void {
    this.view = view;
  }

  /**
   * Brings a session's pane on screen, gives it the keyboard and highlights it: leaving a zoom on
   * another pane, unfolding, and clearing a host filter that hides it.
   */
  reveal(sessionId: string, opts: { flash?: boolean } = {}): void {
    const s = this.state;
    if (!(sessionId in s.sessions)) return;
    if (s.zoomed && s.zoomed !== sessionId) s.setZoomed(null);
    if (s.screensFolded) s.setScreensFolded(false);
    if (s.layout === 'strip') s.setFeatured(sessionId);
    if (this.view && !this.view.order.includes(sessionId) && s.hostFilter) s.setHostFilter('');
    this.whenMounted(sessionId, (pane) => {
      pane.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      this.controller.registry.focus(sessionId);
      if (opts.flash !== false) this.flash(sessionId);
    });
  }

  /** The host list's click: the host's newest pane, if it has one. */
  revealHost(alias: string): boolean {
    const s = this.state;
    const ids = s.sessionOrder.filter((id) => s.sessions[id]?.alias === alias);
    const id = ids[ids.length - 1];
    if (!id) return false;
    this.reveal(id);
    return true;
  }

  /** Moves the keyboard to the neighbouring pane (Ctrl/Cmd+Alt+arrows). */
  move(direction: Direction): void {
    const view = this.view;
    if (!view || view.order.length === 0) return;
    const at = this.currentIndex(view.order);
    const to = neighbour(at, view.order.length, view.columns, direction);
    const id = view.order[to];
    if (id) this.reveal(id, { flash: false });
  }

  /** Moves to the first pane of the next or previous host group (Ctrl/Cmd+Shift+] and [). */
  group(delta: 1 | -1): void {
    const view = this.view;
    if (!view || view.order.length === 0) return;
    const s = this.state;
    const groups = paneGroups(view.order, s.sessions, s.hosts);
    const id = view.order[groupStep(groups, this.currentIndex(view.order), delta)];
    if (id) this.reveal(id);
  }

  /** Shows the focused pane alone, or goes back to the layout it came from (Ctrl/Cmd+Shift+Enter). */
  toggleZoom(sessionId = this.state.focusedPane ?? this.view?.order[0]): void {
    const s = this.state;
    if (s.zoomed) {
      const was = s.zoomed;
      s.setZoomed(null);
      this.whenMounted(was, () => this.controller.registry.focus(was));
      return;
    }
    if (!sessionId) return;
    s.setZoomed(sessionId);
    this.whenMounted(sessionId, () => this.controller.registry.focus(sessionId));
  }

  /** Scrolls the grid a page of panes up or down (Ctrl/Cmd+Alt+PageUp/PageDown). */
  page(delta: 1 | -1): void {
    const view = this.view;
    if (!view) return;
    view.element.scrollBy({ top: delta * view.pageHeight });
  }

  private currentIndex(order: readonly string[]): number {
    const focused = this.state.focusedPane;
    const i = focused ? order.indexOf(focused) : -1;
    return i >= 0 ? i : 0;
  }

  private flash(sessionId: string): void {
    this.state.setFlash(sessionId);
    if (this.flashTimer) clearTimeout(this.flashTimer);
    this.flashTimer = setTimeout(() => {
      if (this.state.flash?.sessionId === sessionId) this.state.setFlash(null);
    }, FLASH_MS);
  }

  /** Runs `then` with the pane's element once React has mounted it (the view may just have changed). */
  private whenMounted(sessionId: string, then: (pane: HTMLElement) => void, frames = MOUNT_FRAMES): void {
    const pane = this.view?.element.querySelector<HTMLElement>(`[data-testid="terminal"][data-session="${CSS.escape(sessionId)}"]`);
    if (pane) {
      then(pane);
      return;
    }
    if (frames > 0) requestAnimationFrame(() => this.whenMounted(sessionId, then, frames - 1));
  }
}

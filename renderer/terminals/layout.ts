/**
 * Pane geometry, pure: the automatic grid, one large pane over a strip of small ones, and where
 * the keyboard goes from a pane. Sizes are in pixels; the readable minimum is in terminal cells.
 */

/** The fewest terminal cells a pane may show: the grid pages rather than go below them. */
export interface Readable {
  cols: number;
  rows: number;
}

/**
 * The comfortable minimum: below it a status page or a log line wraps. 78 rather than 80 columns
 * so that a 1920-pixel screen with both side columns open still holds two columns of panes (xterm
 * keeps 14 pixels of each pane for its scrollbar).
 */
export const MIN_COLS = 78;
export const MIN_ROWS = 12;
export const COMFORTABLE: Readable = { cols: MIN_COLS, rows: MIN_ROWS };
/**
 * The compact minimum, with the smaller font (density.ts): 64 columns hold `systemctl status`'s
 * "Active: failed (Result: exit-code) since ..." up to the date, and 10 rows a command, a short
 * answer and the prompt with room to spare.
 */
export const COMPACT: Readable = { cols: 64, rows: 10 };
/** Pixels a pane spends on its border, padding and xterm's scrollbar (14) around the cells. */
export const PANE_CHROME_WIDTH = 20;
export const PANE_CHROME_HEIGHT = 30;
export const GRID_GAP = 4;
/** Room for the strip's sideways scrollbar under its panes. */
export const STRIP_SCROLLBAR = 12;
/** Cell size used before the font is measured (and in tests): DejaVu Sans Mono at 13 px. */
export const DEFAULT_CELL = { width: 8, height: 16 };

export interface Cell {
  width: number;
  height: number;
}

/** The smallest pane, in pixels, that still holds `min` cells. */
export function minPane(cell: Cell = DEFAULT_CELL, min: Readable = COMFORTABLE): { width: number; height: number } {
  return {
    width: Math.ceil(min.cols * cell.width + PANE_CHROME_WIDTH),
    height: Math.ceil(min.rows * cell.height + PANE_CHROME_HEIGHT),
  };
}

export interface GridLayout {
  columns: number;
  rows: number;
  paneWidth: number;
  paneHeight: number;
  /** Rows of panes that fit in the area at once: one page of the grid. */
  rowsPerPage: number;
}

/**
 * Columns for n panes: as square as the area allows, never narrower than the minimum width; rows
 * share the height, never lower than the minimum (the grid then scrolls, a page of rows at a time).
 */
export function gridLayout(count: number, width: number, height: number, cell: Cell = DEFAULT_CELL, readable: Readable = COMFORTABLE): GridLayout {
  const min = minPane(cell, readable);
  const n = Math.max(1, count);
  const fit = Math.max(1, Math.floor((width + GRID_GAP) / (min.width + GRID_GAP)));
  // Wide screens want more columns than rows: aim for the aspect ratio of the area.
  const aspect = width > 0 && height > 0 ? width / height : 1;
  const ideal = Math.max(1, Math.round(Math.sqrt(n * aspect * 0.6)));
  const columns = Math.min(n, fit, ideal);
  const rows = Math.ceil(n / columns);
  const rowsPerPage = Math.max(1, Math.min(rows, Math.floor((height + GRID_GAP) / (min.height + GRID_GAP))));
  const paneWidth = Math.max(min.width, Math.floor((width - GRID_GAP * (columns - 1)) / columns));
  const paneHeight = Math.max(min.height, Math.floor((height - GRID_GAP * (rowsPerPage - 1)) / rowsPerPage));
  return { columns, rows, paneWidth, paneHeight, rowsPerPage };
}

export interface StripLayout {
  /** The large pane, across the whole width. */
  mainHeight: number;
  /** The strip below it: one row of small panes that scrolls sideways. */
  stripHeight: number;
  stripPaneWidth: number;
}

/** One large pane over a strip of minimum-size panes; with no other pane the large one takes it all. */
export function stripLayout(others: number, width: number, height: number, cell: Cell = DEFAULT_CELL, readable: Readable = COMFORTABLE): StripLayout {
  const min = minPane(cell, readable);
  if (others <= 0) return { mainHeight: Math.max(min.height, height), stripHeight: 0, stripPaneWidth: min.width };
  const stripHeight = min.height + STRIP_SCROLLBAR;
  // Panes in the strip share the width when few, else keep their minimum and scroll.
  const share = Math.floor((width - GRID_GAP * (others - 1)) / others);
  return {
    mainHeight: Math.max(min.height, height - stripHeight - GRID_GAP),
    stripHeight,
    stripPaneWidth: Math.max(min.width, share),
  };
}

export type Direction = 'left' | 'right' | 'up' | 'down';

/**
 * The pane the keyboard moves to from `index` in a grid of `columns`, wrapping at the ends like
 * iTerm2's and Tabby's pane navigation, so every pane is reachable from any other.
 */
export function neighbour(index: number, count: number, columns: number, direction: Direction): number {
  if (count <= 0) return -1;
  const i = Math.min(Math.max(0, index), count - 1);
  const c = Math.max(1, columns);
  switch (direction) {
    case 'left':
      return (i - 1 + count) % count;
    case 'right':
      return (i + 1) % count;
    case 'up': {
      const up = i - c;
      if (up >= 0) return up;
      // From the top row to the last pane of the same column.
      const lastRowStart = Math.floor((count - 1) / c) * c;
      const same = lastRowStart + (i % c);
      return same < count ? same : same - c;
    }
    case 'down': {
      const down = i + c;
      if (down < count) return down;
      return i % c;
    }
  }
}

/** Page (0-based) of the grid that shows `index`, and how many pages there are. */
export function pageOf(index: number, count: number, layout: Pick<GridLayout, 'columns' | 'rowsPerPage'>): { page: number; pages: number } {
  const perPage = Math.max(1, layout.columns * layout.rowsPerPage);
  return { page: Math.floor(Math.max(0, index) / perPage), pages: Math.max(1, Math.ceil(count / perPage)) };
}

/** Terminal size (cols x rows) a pane will have, for `fleet.connect` before any pane exists. */
export function estimateTermSize(layout: Pick<GridLayout, 'paneWidth' | 'paneHeight'>, cell: Cell): { cols: number; rows: number } {
  const cols = Math.floor((layout.paneWidth - PANE_CHROME_WIDTH) / Math.max(1, cell.width));
  const rows = Math.floor((layout.paneHeight - PANE_CHROME_HEIGHT) / Math.max(1, cell.height));
  return { cols: clamp(cols, 2, 1000), rows: clamp(rows, 1, 500) };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Number.isFinite(n) ? n : lo));
}

/** Panes never shrink below this, so 64 hosts scroll instead of becoming unreadable slivers. */
export const MIN_PANE_WIDTH = 320;
export const MIN_PANE_HEIGHT = 170;
/** Pixels a pane spends on its header, border and padding around the terminal itself. */
export const PANE_CHROME_WIDTH = 12;
export const PANE_CHROME_HEIGHT = 30;
export const GRID_GAP = 4;

export interface GridLayout {
  columns: number;
  rows: number;
  paneWidth: number;
  paneHeight: number;
}

/**
 * Columns for n panes: as square as the area allows, never narrower than the minimum width; rows
 * share the height, never lower than the minimum (the grid then scrolls).
 */
export function gridLayout(count: number, width: number, height: number): GridLayout {
  const n = Math.max(1, count);
  const fit = Math.max(1, Math.floor((width + GRID_GAP) / (MIN_PANE_WIDTH + GRID_GAP)));
  // Wide screens want more columns than rows: aim for the aspect ratio of the area.
  const aspect = width > 0 && height > 0 ? width / height : 1;
  const ideal = Math.max(1, Math.round(Math.sqrt(n * aspect * 0.6)));
  const columns = Math.min(n, fit, ideal);
  const rows = Math.ceil(n / columns);
  const paneWidth = Math.max(MIN_PANE_WIDTH, Math.floor((width - GRID_GAP * (columns - 1)) / columns));
  const paneHeight = Math.max(MIN_PANE_HEIGHT, Math.floor((height - GRID_GAP * (rows - 1)) / rows));
  return { columns, rows, paneWidth, paneHeight };
}

/** Terminal size (cols x rows) a pane will have, for `fleet.connect` before any pane exists. */
export function estimateTermSize(
  layout: Pick<GridLayout, 'paneWidth' | 'paneHeight'>,
  cell: { width: number; height: number },
): { cols: number; rows: number } {
  const cols = Math.floor((layout.paneWidth - PANE_CHROME_WIDTH) / Math.max(1, cell.width));
  const rows = Math.floor((layout.paneHeight - PANE_CHROME_HEIGHT) / Math.max(1, cell.height));
  return { cols: clamp(cols, 2, 1000), rows: clamp(rows, 1, 500) };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Number.isFinite(n) ? n : lo));
}

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CELL,
  MIN_COLS,
  MIN_ROWS,
  estimateTermSize,
  gridLayout,
  minPane,
  neighbour,
  pageOf,
  stripLayout,
} from '../../../renderer/terminals/layout';

const cell = DEFAULT_CELL;
const min = minPane(cell);

describe('gridLayout', () => {
  it('fills the area with one pane', () => {
    const l = gridLayout(1, 1000, 800);
    expect(l).toMatchObject({ columns: 1, rows: 1, paneWidth: 1000, paneHeight: 800, rowsPerPage: 1 });
  });

  it('lays 4 and 8 panes out as a grid within the area when they fit', () => {
    const four = gridLayout(4, 1400, 900);
    expect(four).toMatchObject({ columns: 2, rows: 2, rowsPerPage: 2 });
    const eight = gridLayout(8, 2600, 1000);
    expect(eight.columns * eight.rows).toBeGreaterThanOrEqual(8);
    expect(eight.rows).toBe(eight.rowsPerPage);
  });

  it('never gives a pane fewer than MIN_COLS x MIN_ROWS cells (78x12): 64 panes page instead of shrinking', () => {
    for (const [w, h] of [
      [1330, 870],
      [770, 560],
      [2500, 1300],
    ] as const) {
      const l = gridLayout(64, w, h, cell);
      const term = estimateTermSize(l, cell);
      expect(term.cols, `${w}x${h}`).toBeGreaterThanOrEqual(MIN_COLS);
      expect(term.rows, `${w}x${h}`).toBeGreaterThanOrEqual(MIN_ROWS);
      expect(l.columns * l.rows).toBeGreaterThanOrEqual(64);
      // A page is what the area holds; the panes of a page share its height.
      expect(l.rowsPerPage * l.paneHeight).toBeLessThanOrEqual(h);
      expect(l.rows).toBeGreaterThan(l.rowsPerPage);
    }
  });

  it('grows panes past the minimum to fill a page exactly', () => {
    const l = gridLayout(64, 1330, 870, cell);
    expect(l.columns).toBe(2);
    expect(l.rowsPerPage).toBe(Math.floor((870 + 4) / (min.height + 4)));
    expect(l.rowsPerPage * l.paneHeight + (l.rowsPerPage - 1) * 4).toBeGreaterThan(870 - l.rowsPerPage);
  });

  it('copes with a zero-sized area (before layout)', () => {
    const l = gridLayout(3, 0, 0);
    expect(l.columns).toBe(1);
    expect(l.rowsPerPage).toBe(1);
    expect(l.paneWidth).toBe(min.width);
    expect(l.paneHeight).toBe(min.height);
  });
});

describe('stripLayout', () => {
  it('gives the large pane what the strip of minimum-height panes leaves', () => {
    const l = stripLayout(63, 1330, 870, cell);
    expect(l.stripHeight).toBeGreaterThanOrEqual(min.height);
    expect(l.mainHeight + l.stripHeight).toBeLessThanOrEqual(870);
    expect(l.stripPaneWidth).toBe(min.width);
    // The large pane holds a whole `systemctl status` (about 17 rows at its width).
    expect(estimateTermSize({ paneWidth: 1330, paneHeight: l.mainHeight }, cell).rows).toBeGreaterThanOrEqual(30);
  });

  it('lets few small panes share the width, and one pane take it all', () => {
    expect(stripLayout(1, 1330, 870, cell).stripPaneWidth).toBe(1330);
    expect(stripLayout(0, 1330, 870, cell)).toMatchObject({ mainHeight: 870, stripHeight: 0 });
  });
});

describe('neighbour', () => {
  // 10 panes in 4 columns:  0 1 2 3 / 4 5 6 7 / 8 9
  it('moves left and right in reading order, wrapping at the ends', () => {
    expect(neighbour(5, 10, 4, 'right')).toBe(6);
    expect(neighbour(9, 10, 4, 'right')).toBe(0);
    expect(neighbour(0, 10, 4, 'left')).toBe(9);
  });

  it('moves up and down a column, wrapping to the other end of it', () => {
    expect(neighbour(1, 10, 4, 'down')).toBe(5);
    expect(neighbour(5, 10, 4, 'up')).toBe(1);
    expect(neighbour(9, 10, 4, 'down')).toBe(1);
    expect(neighbour(1, 10, 4, 'up')).toBe(9);
    // Column 2 has no pane in the last row: up from the top goes to its last pane.
    expect(neighbour(2, 10, 4, 'up')).toBe(6);
    expect(neighbour(6, 10, 4, 'down')).toBe(2);
  });

  it('reaches every pane by left or right, and every pane of a column by up or down', () => {
    const walk = (dir: 'left' | 'right' | 'up' | 'down', from: number) => {
      const seen = new Set<number>();
      for (let at = from, i = 0; i < 20; i += 1, at = neighbour(at, 10, 4, dir)) seen.add(at);
      return [...seen].sort((a, b) => a - b);
    };
    expect(walk('right', 3)).toHaveLength(10);
    expect(walk('left', 3)).toHaveLength(10);
    expect(walk('down', 1)).toEqual([1, 5, 9]);
    expect(walk('up', 2)).toEqual([2, 6]);
    expect(neighbour(0, 0, 4, 'right')).toBe(-1);
  });
});

describe('pageOf', () => {
  it('says which page shows a pane, and how many pages there are', () => {
    const layout = { columns: 2, rowsPerPage: 4 };
    expect(pageOf(0, 64, layout)).toEqual({ page: 0, pages: 8 });
    expect(pageOf(7, 64, layout)).toEqual({ page: 0, pages: 8 });
    expect(pageOf(8, 64, layout)).toEqual({ page: 1, pages: 8 });
    expect(pageOf(63, 64, layout)).toEqual({ page: 7, pages: 8 });
    expect(pageOf(0, 3, layout)).toEqual({ page: 0, pages: 1 });
  });
});

describe('estimateTermSize', () => {
  it('converts a pane to columns and rows within the contract bounds', () => {
    expect(estimateTermSize({ paneWidth: 820, paneHeight: 430 }, { width: 8, height: 16 })).toEqual({ cols: 100, rows: 25 });
    expect(estimateTermSize({ paneWidth: 0, paneHeight: 0 }, { width: 8, height: 16 })).toEqual({ cols: 2, rows: 1 });
    expect(estimateTermSize({ paneWidth: 1e6, paneHeight: 1e6 }, { width: 1, height: 1 })).toEqual({ cols: 1000, rows: 500 });
  });
});

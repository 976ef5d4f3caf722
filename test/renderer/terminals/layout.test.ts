import { describe, expect, it } from 'vitest';
import { MIN_PANE_HEIGHT, MIN_PANE_WIDTH, estimateTermSize, gridLayout } from '../../../renderer/terminals/layout';

describe('gridLayout', () => {
  it('fills the area with one pane', () => {
    const l = gridLayout(1, 1000, 800);
    expect(l).toMatchObject({ columns: 1, rows: 1, paneWidth: 1000, paneHeight: 800 });
  });

  it('lays 4 and 16 panes out as a grid within the area when they fit', () => {
    const four = gridLayout(4, 1400, 900);
    expect(four.columns * four.rows).toBeGreaterThanOrEqual(4);
    expect(four.columns).toBe(2);
    const sixteen = gridLayout(16, 1600, 1000);
    expect(sixteen.columns).toBe(4);
    expect(sixteen.rows).toBe(4);
  });

  it('keeps 64 panes at their minimum size, letting the grid scroll', () => {
    const l = gridLayout(64, 1000, 700);
    expect(l.paneWidth).toBeGreaterThanOrEqual(MIN_PANE_WIDTH);
    expect(l.paneHeight).toBeGreaterThanOrEqual(MIN_PANE_HEIGHT);
    expect(l.columns * l.rows).toBeGreaterThanOrEqual(64);
    expect(l.rows * l.paneHeight).toBeGreaterThan(700);
  });

  it('copes with a zero-sized area (before layout)', () => {
    const l = gridLayout(3, 0, 0);
    expect(l.columns).toBe(1);
    expect(l.paneWidth).toBe(MIN_PANE_WIDTH);
  });
});

describe('estimateTermSize', () => {
  it('converts a pane to columns and rows within the contract bounds', () => {
    expect(estimateTermSize({ paneWidth: 812, paneHeight: 430 }, { width: 8, height: 16 })).toEqual({ cols: 100, rows: 25 });
    expect(estimateTermSize({ paneWidth: 0, paneHeight: 0 }, { width: 8, height: 16 })).toEqual({ cols: 2, rows: 1 });
    expect(estimateTermSize({ paneWidth: 1e6, paneHeight: 1e6 }, { width: 1, height: 1 })).toEqual({ cols: 1000, rows: 500 });
  });
});

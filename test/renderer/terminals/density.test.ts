import { describe, expect, it } from 'vitest';
import { DENSITY, paneDensity } from '../../../renderer/terminals/density';
import { COMFORTABLE, COMPACT, estimateTermSize, gridLayout, pageOf } from '../../../renderer/terminals/layout';

// Cells of DejaVu Sans Mono as measured in Debian's Chromium: 13.3 px (8 wide) and 11.6 px (7 wide), line height 1.1.
const cells = { comfortable: { width: 8.01, height: 17 }, compact: { width: 7.01, height: 15 } };
/** The grid's area (centre minus toolbars) at 1600x1000 with both side columns open, and folded, as measured. */
const OPEN_1600 = { width: 1002, height: 820 };
const FOLDED_1600 = { width: 1544, height: 829 };

const pages = (count: number, area: { width: number; height: number }, d: 'comfortable' | 'compact') =>
  pageOf(0, count, gridLayout(count, area.width, area.height, cells[d], DENSITY[d].readable)).pages;

describe('grid density', () => {
  it('auto stays comfortable while every pane fits one page, and goes compact when it would page', () => {
    expect(paneDensity('auto', 2, OPEN_1600.width, OPEN_1600.height, cells)).toBe('comfortable');
    expect(pages(2, OPEN_1600, 'comfortable')).toBe(1);
    expect(paneDensity('auto', 64, OPEN_1600.width, OPEN_1600.height, cells)).toBe('compact');
    expect(paneDensity('auto', 8, FOLDED_1600.width, FOLDED_1600.height, cells)).toBe(pages(8, FOLDED_1600, 'comfortable') > 1 ? 'compact' : 'comfortable');
    // A choice is kept whatever the count.
    expect(paneDensity('comfortable', 64, OPEN_1600.width, OPEN_1600.height, cells)).toBe('comfortable');
    expect(paneDensity('compact', 1, OPEN_1600.width, OPEN_1600.height, cells)).toBe('compact');
  });

  it('pages 64 hosts at 1600x1000 with both columns open far less when compact, never below 64x10', () => {
    expect(pages(64, OPEN_1600, 'comfortable')).toBeGreaterThanOrEqual(16);
    expect(pages(64, OPEN_1600, 'compact')).toBeLessThanOrEqual(8);
    for (const area of [OPEN_1600, FOLDED_1600, { width: 690, height: 591 }, { width: 1872, height: 917 }]) {
      for (const d of ['comfortable', 'compact'] as const) {
        const l = gridLayout(64, area.width, area.height, cells[d], DENSITY[d].readable);
        const term = estimateTermSize(l, cells[d]);
        expect(term.cols, `${d} ${area.width}x${area.height}`).toBeGreaterThanOrEqual(DENSITY[d].readable.cols);
        expect(term.rows, `${d} ${area.width}x${area.height}`).toBeGreaterThanOrEqual(DENSITY[d].readable.rows);
      }
    }
    expect(COMPACT.cols).toBeLessThan(COMFORTABLE.cols);
    // "     Active: failed (Result: exit-code)" and the start of its date fit a compact pane's width.
    expect('     Active: failed (Result: exit-code) since Tue 2026-12-01'.length).toBeLessThanOrEqual(COMPACT.cols);
  });
});

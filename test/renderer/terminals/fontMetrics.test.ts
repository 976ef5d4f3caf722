import { describe, expect, it } from 'vitest';
import { fontSizeForCellWidth } from '../../../renderer/terminals/fontMetrics';

describe('fontSizeForCellWidth', () => {
  it('picks a size whose advance is just above a whole pixel, at 1x and 2x', () => {
    // DejaVu Sans Mono, Liberation Mono, Menlo-like advances.
    for (const advance of [0.602, 0.6, 0.6021, 0.55]) {
      const size = fontSizeForCellWidth(advance, 8);
      expect(size).toBeDefined();
      const width = size! * advance;
      // What the WebGL renderer keeps (floor) equals what the DOM renderer uses, within 0.2%.
      for (const dpr of [1, 2]) expect(Math.floor(width * dpr) / dpr).toBe(8);
      expect(width - 8).toBeLessThan(0.02);
    }
  });

  it('gives up on fonts that would come out too small or too large, and on nonsense', () => {
    expect(fontSizeForCellWidth(0.3, 8)).toBeUndefined();
    expect(fontSizeForCellWidth(1.2, 8)).toBeUndefined();
    expect(fontSizeForCellWidth(Number.NaN)).toBeUndefined();
    expect(fontSizeForCellWidth(0)).toBeUndefined();
  });
});

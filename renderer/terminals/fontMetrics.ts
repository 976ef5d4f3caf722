/**
 * xterm's WebGL renderer floors the cell width to whole device pixels while the DOM renderer uses
 * the font's exact advance. With a font size whose advance is a hair above a whole number both
 * agree, so a terminal moving between renderers (WebGL budget, context loss) keeps its columns and
 * never clips its right edge or resizes the remote pty.
 */
export const CELL_WIDTH = 8;
const MIN_FONT_SIZE = 11;
const MAX_FONT_SIZE = 16;

/** The font size (px) at which the advance is just above `cellWidth`, given the advance per px. */
export function fontSizeForCellWidth(advancePerPx: number, cellWidth: number = CELL_WIDTH): number | undefined {
  if (!Number.isFinite(advancePerPx) || advancePerPx <= 0) return undefined;
  const size = (cellWidth + 0.01) / advancePerPx;
  if (size < MIN_FONT_SIZE || size > MAX_FONT_SIZE) return undefined;
  return Math.round(size * 1000) / 1000;
}

/** Measures the advance of 'W' per px of font size the way xterm does (canvas text metrics). */
export function measureAdvancePerPx(fontFamily: string): number | undefined {
  try {
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.font = `100px ${fontFamily}`;
    return ctx.measureText('W').width / 100;
  } catch {
    return undefined;
  }
}

/**
 * The cell xterm will use for this font, in CSS pixels at 1x, measured as xterm measures it (canvas
 * text metrics): the width is the exact advance (the DOM renderer's; WebGL floors it), the height
 * the font's bounding box rounded up, times the line height, rounded down.
 */
export function measureCell(fontFamily: string, fontSize: number, lineHeight: number): { width: number; height: number } | undefined {
  try {
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d');
    if (!ctx) return undefined;
    ctx.font = `${fontSize}px ${fontFamily}`;
    const m = ctx.measureText('W');
    const box = m.fontBoundingBoxAscent + m.fontBoundingBoxDescent;
    if (!(m.width > 0) || !(box > 0)) return undefined;
    return { width: m.width, height: Math.floor(Math.ceil(box) * lineHeight) };
  } catch {
    return undefined;
  }
}

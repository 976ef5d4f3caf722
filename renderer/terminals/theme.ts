import type { ITerminalOptions } from '@xterm/xterm';
import { CELL_WIDTH, fontSizeForCellWidth, measureAdvancePerPx } from './fontMetrics';

/** System monospace only: no web fonts, the window must work offline. */
export const TERMINAL_FONT = 'ui-monospace, "DejaVu Sans Mono", "Liberation Mono", Menlo, Consolas, monospace';

/** A quiet dark palette: readable at 3 a.m., with ANSI colours that stay distinguishable. */
export const TERMINAL_OPTIONS: ITerminalOptions = {
  fontFamily: TERMINAL_FONT,
  fontSize: 13,
  lineHeight: 1.1,
  scrollback: 5000,
  cursorBlink: false,
  convertEol: false,
  allowProposedApi: false,
  theme: {
    background: '#0d1117',
    foreground: '#c9d1d9',
    cursor: '#c9d1d9',
    cursorAccent: '#0d1117',
    selectionBackground: '#264f78',
    black: '#484f58',
    red: '#ff7b72',
    green: '#3fb950',
    yellow: '#d29922',
    blue: '#58a6ff',
    magenta: '#bc8cff',
    cyan: '#39c5cf',
    white: '#b1bac4',
    brightBlack: '#6e7681',
    brightRed: '#ffa198',
    brightGreen: '#56d364',
    brightYellow: '#e3b341',
    brightBlue: '#79c0ff',
    brightMagenta: '#d2a8ff',
    brightCyan: '#56d4dd',
    brightWhite: '#f0f6fc',
  },
};

const resolvedFontSizes = new Map<number, number>();

/**
 * The terminal font size for this machine's monospace font, for a cell `cellWidth` pixels wide (8:
 * the comfortable 13 px, 7: compact): see fontMetrics.ts for why it is not round.
 */
export function terminalFontSize(cellWidth = CELL_WIDTH): number {
  let size = resolvedFontSizes.get(cellWidth);
  if (size === undefined) {
    const base = TERMINAL_OPTIONS.fontSize ?? 13;
    size = fontSizeForCellWidth(measureAdvancePerPx(TERMINAL_FONT) ?? NaN, cellWidth) ?? Math.round(((base * cellWidth) / CELL_WIDTH) * 10) / 10;
    resolvedFontSizes.set(cellWidth, size);
  }
  return size;
}

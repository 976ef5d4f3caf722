/**
 * How densely the grid packs terminals. Comfortable is the 13 px font and a 78x12 minimum pane;
 * compact the 11.6 px font (a 7-pixel cell) and 64x10. Auto keeps the comfortable size while every
 * pane fits on one page with it, and goes compact when it would page: 64 hosts at 1600x1000 with
 * both side columns open are 8 pages of 8 panes instead of 32 pages of 2.
 */
import type { Density, PaneDensity } from '../model/density';
import { COMFORTABLE, COMPACT, gridLayout, pageOf, type Cell, type Readable } from './layout';

export { isDensity, type Density, type PaneDensity } from '../model/density';

export const DENSITY: Record<PaneDensity, { cellWidth: number; readable: Readable }> = {
  comfortable: { cellWidth: 8, readable: COMFORTABLE },
  compact: { cellWidth: 7, readable: COMPACT },
};

/** The density the panes get: the chosen one, or for auto the comfortable one unless it pages. */
export function paneDensity(density: Density, count: number, width: number, height: number, cells: Readonly<Record<PaneDensity, Cell>>): PaneDensity {
  if (density !== 'auto') return density;
  const layout = gridLayout(count, width, height, cells.comfortable, COMFORTABLE);
  return pageOf(0, count, layout).pages > 1 ? 'compact' : 'comfortable';
}

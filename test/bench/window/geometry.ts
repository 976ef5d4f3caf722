/**
 * The window's grid geometry, copied onto the floor page so both draw the same terminals in the same
 * places: the grid's scroll box, each pane whose xterm is open (the window opens one when its pane
 * comes on screen), the box xterm renders into, its size in cells and the font. The floor is then read back
 * the same way, and the bench fails if the two differ.
 */
import type { Page } from 'playwright-core';
import { sleep, waitFor } from './pages';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PaneGeometry {
  host: string;
  /** The pane (`[data-testid="terminal"]`), in page coordinates. */
  pane: Box;
  /** The element xterm renders into, in page coordinates. */
  term: Box;
  cols: number;
  rows: number;
}

export interface GridGeometry {
  /** The grid's scroll box (inside its border, without its scrollbar), in page coordinates. */
  grid: Box;
  font: { family: string; size: number; lineHeight: number };
  /** The panes with an open terminal, in grid order. */
  panes: PaneGeometry[];
}

interface ProbeFont {
  warroomProbe: {
    size(alias: string): { cols: number; rows: number } | undefined;
    font(alias: string): { family: string; size: number; lineHeight: number } | undefined;
  };
}

/**
 * Reads the window's geometry (with `?probe`): every pane with an open xterm, which the window opens
 * once its pane comes on screen, a few per frame. Read once two reads 500 ms apart agree (after the
 * side columns fold, panes open and fit over several frames).
 */
export async function windowGeometry(page: Page): Promise<GridGeometry & { unopened: string[] }> {
  let last = '';
  let read: Awaited<ReturnType<typeof readWindow>> | undefined;
  await waitFor(
    'window: grid geometry settled',
    async () => {
      read = await readWindow(page);
      const now = JSON.stringify(read);
      const settled = read.font !== undefined && now === last;
      last = now;
      if (!settled) await sleep(400);
      return settled;
    },
    60_000,
  );
  const { grid, font, panes, unopened } = read as Awaited<ReturnType<typeof readWindow>>;
  return { grid, font: font as GridGeometry['font'], panes, unopened };
}

function readWindow(page: Page) {
  return page.evaluate(() => {
    const probe = (window as unknown as ProbeFont).warroomProbe;
    const box = (r: DOMRect): Box => ({ x: r.x, y: r.y, width: r.width, height: r.height });
    const scroller = document.querySelector<HTMLElement>('[data-testid="terminal-grid"]');
    if (!scroller) throw new Error('window: no terminal grid');
    const outer = scroller.getBoundingClientRect();
    const grid = { x: outer.x + scroller.clientLeft, y: outer.y + scroller.clientTop, width: scroller.clientWidth, height: scroller.clientHeight };
    const panes: PaneGeometry[] = [];
    /** Panes that reach into the grid's box without an open terminal (a sliver of a row, say). */
    const unopened: string[] = [];
    let font: GridGeometry['font'] | undefined;
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-testid="terminal"]'))) {
      const r = el.getBoundingClientRect();
      const host = el.dataset.host ?? '';
      const term = el.querySelector<HTMLElement>('.xterm-host');
      const size = probe.size(host);
      if (!term || !size || !term.querySelector('.xterm')) {
        if (r.right > grid.x && r.left < grid.x + grid.width && r.bottom > grid.y && r.top < grid.y + grid.height) unopened.push(host);
        continue;
      }
      font ??= probe.font(host);
      panes.push({ host, pane: box(r), term: box(term.getBoundingClientRect()), ...size });
    }
    return { grid, font, panes, unopened };
  });
}

/** The floor page's own geometry, read as the window's is (its panes carry the same test ids). */
export function floorGeometry(page: Page): Promise<Array<{ host: string; pane: Box; term: Box; cols: number; rows: number }>> {
  return page.evaluate(() => {
    const box = (r: DOMRect): Box => ({ x: r.x, y: r.y, width: r.width, height: r.height });
    const sizes = (window as unknown as { floorSizes(): Record<string, { cols: number; rows: number }> }).floorSizes();
    return Array.from(document.querySelectorAll<HTMLElement>('[data-testid="terminal"]')).map((el) => {
      const host = el.dataset.host ?? '';
      const term = el.querySelector<HTMLElement>('.floor-term') ?? el;
      return { host, pane: box(el.getBoundingClientRect()), term: box(term.getBoundingClientRect()), cols: sizes[host]?.cols ?? 0, rows: sizes[host]?.rows ?? 0 };
    });
  });
}

/** What differs between the two pages' panes (empty when they match to half a pixel). */
export function geometryDifferences(want: readonly PaneGeometry[], got: readonly PaneGeometry[]): string[] {
  const out: string[] = [];
  if (want.map((p) => p.host).join() !== got.map((p) => p.host).join()) {
    out.push(`panes: window ${want.length} (${want.map((p) => p.host).join(' ')}), floor ${got.length} (${got.map((p) => p.host).join(' ')})`);
    return out;
  }
  const near = (a: Box, b: Box) => Math.abs(a.x - b.x) <= 0.5 && Math.abs(a.y - b.y) <= 0.5 && Math.abs(a.width - b.width) <= 0.5 && Math.abs(a.height - b.height) <= 0.5;
  const show = (b: Box) => `${b.x.toFixed(1)},${b.y.toFixed(1)} ${b.width.toFixed(1)}×${b.height.toFixed(1)}`;
  want.forEach((w, i) => {
    const g = got[i] as PaneGeometry;
    if (!near(w.pane, g.pane)) out.push(`${w.host} pane: window ${show(w.pane)}, floor ${show(g.pane)}`);
    if (!near(w.term, g.term)) out.push(`${w.host} terminal box: window ${show(w.term)}, floor ${show(g.term)}`);
    if (w.cols !== g.cols || w.rows !== g.rows) out.push(`${w.host} cells: window ${w.cols}×${w.rows}, floor ${g.cols}×${g.rows}`);
  });
  return out;
}

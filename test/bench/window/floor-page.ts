/**
 * The floor page of the `window` benchmark, bundled at bench time: bare xterm.js terminals, one per
 * host, each fed by its own bare WebSocket from the floor server (bytes as they come, no batching,
 * no flow control). The window's grid geometry comes in `layout` (window/geometry.ts): the panes it
 * has open get a terminal of the same cells and font, in the same box at the same place, clipped by
 * a box where the window's grid is; the other sessions are connected and their output read and
 * dropped, as the window keeps sessions whose pane is off screen. The boxes carry the window's test
 * ids, so the same probes measure both pages.
 */
import { Terminal } from '@xterm/xterm';
import type { GridGeometry } from './geometry';

const params = new URLSearchParams(location.search);
const hosts = (params.get('hosts') ?? '').split(',').filter(Boolean);
const layout = JSON.parse(params.get('layout') ?? '{}') as GridGeometry;
const screenReader = params.get('sr') === '1';

const px = (n: number) => `${n}px`;
const place = (el: HTMLElement, x: number, y: number, width: number, height: number) =>
  Object.assign(el.style, { position: 'absolute', left: px(x), top: px(y), width: px(width), height: px(height) });

const grid = document.getElementById('grid') as HTMLElement;
place(grid, layout.grid.x, layout.grid.y, layout.grid.width, layout.grid.height);
grid.style.overflow = 'hidden';
const panes = new Map(layout.panes.map((p) => [p.host, p]));
const sizes: Record<string, { cols: number; rows: number }> = {};
let ready = 0;

for (const host of hosts) {
  const ws = new WebSocket(`ws://${location.host}/ssh?host=${encodeURIComponent(host)}`);
  ws.binaryType = 'arraybuffer';
  const decoder = new TextDecoder();
  let term: Terminal | undefined;
  const geometry = panes.get(host);
  if (geometry) {
    const { pane, term: box, cols, rows } = geometry;
    const paneEl = document.createElement('div');
    paneEl.dataset.testid = 'terminal';
    paneEl.dataset.host = host;
    place(paneEl, pane.x - layout.grid.x, pane.y - layout.grid.y, pane.width, pane.height);
    const termEl = document.createElement('div');
    termEl.className = 'floor-term';
    place(termEl, box.x - pane.x, box.y - pane.y, box.width, box.height);
    paneEl.appendChild(termEl);
    grid.appendChild(paneEl);
    term = new Terminal({
      cols,
      rows,
      fontFamily: layout.font.family,
      fontSize: layout.font.size,
      lineHeight: layout.font.lineHeight,
      scrollback: 5000,
      screenReaderMode: screenReader,
    });
    term.open(termEl);
    sizes[host] = { cols: term.cols, rows: term.rows };
    term.onData((data) => ws.send(data));
  }
  ws.onmessage = (e: MessageEvent<ArrayBuffer | string>) => {
    if (typeof e.data === 'string') {
      if (e.data === 'ready') ready += 1;
      return;
    }
    const text = decoder.decode(e.data, { stream: true });
    term?.write(text);
  };
}
const w = window as unknown as { floorReady: () => number; floorSizes: () => Record<string, { cols: number; rows: number }> };
w.floorReady = () => ready;
w.floorSizes = () => sizes;

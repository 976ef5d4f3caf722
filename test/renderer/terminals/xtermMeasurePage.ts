/**
 * A page for xtermMeasure.test.ts, bundled with esbuild and run in Debian's Chromium: real xterm
 * terminals, with the shared measurements (renderer/terminals/xtermMeasure.ts) unless the page is
 * opened with `#own`, where xterm measures as it ships.
 */
import { Terminal } from '@xterm/xterm';
import { measurePatches, shareMeasurements } from '../../../renderer/terminals/xtermMeasure';

const share = location.hash !== '#own';

interface Internals {
  _core: { _renderService: { _renderer: { value: { _widthCache: { _flat: Float32Array } } } } };
}

/** Opens a terminal in a box of its own and writes `text`; resolves once xterm has parsed it. */
function openTerminal(opts: { fontSize: number; screenReader: boolean; text: string }): Promise<Terminal> {
  const box = document.createElement('div');
  box.style.width = '640px';
  box.style.height = '200px';
  document.body.appendChild(box);
  const term = new Terminal({ cols: 60, rows: 8, fontSize: opts.fontSize, fontFamily: 'monospace', screenReaderMode: opts.screenReader });
  term.open(box);
  if (share) shareMeasurements(term);
  return new Promise((resolve) => term.write(opts.text, () => resolve(term)));
}

const frames = (n: number) => new Promise<void>((resolve) => {
  const step = (left: number) => (left === 0 ? resolve() : requestAnimationFrame(() => step(left - 1)));
  step(n);
});

const terms: Terminal[] = [];

const api = {
  patches: measurePatches,
  async open(fontSize: number, screenReader: boolean, text: string): Promise<number> {
    const term = await openTerminal({ fontSize, screenReader, text });
    terms.push(term);
    // xterm draws its rows on its next frame; its screen-reader rows follow within a second of the
    // last ones (a debouncer), and the shared row alignment on the frame after those.
    const drawn = screenReader ? '.xterm-accessibility-tree' : '.xterm-rows';
    const end = performance.now() + 10_000;
    while (performance.now() < end && !(term.element?.querySelector(drawn)?.textContent ?? '').includes('Mounted on')) await frames(1);
    await frames(2);
    return terms.length - 1;
  },
  /** The widths the terminal's DOM renderer holds for the ASCII it measured. */
  widths(i: number): Record<string, number> {
    const flat = (terms[i] as unknown as Internals)._core._renderService._renderer.value._widthCache._flat;
    const out: Record<string, number> = {};
    flat.forEach((w, cp) => {
      if (w > 0) out[String.fromCharCode(cp)] = w;
    });
    return out;
  },
  /** Each screen-reader row's text and the transform that scales it to its cells. */
  rows(i: number): Array<{ text: string; transform: string }> {
    const el = terms[i]?.element;
    return Array.from(el?.querySelectorAll<HTMLElement>('.xterm-accessibility-tree > div') ?? []).map((row) => ({ text: row.textContent ?? '', transform: row.style.transform }));
  },
};
(window as unknown as { measure: typeof api }).measure = api;

/**
 * Two of xterm 6's measurements, done once for every terminal rather than once per terminal. A
 * profile of connect-all on 64 hosts put most of the first render of each pane in forced layouts:
 *
 * - The DOM renderer's width cache measures each new character with a span's offsetWidth (one
 *   forced layout per character, tens per terminal), in a cache of its own per terminal. Here the
 *   measurement is shared by all terminals with the same font, size, weights and pixel ratio.
 * - In screen-reader mode each row xterm renders is scaled to the cells it covers: the row's
 *   transform reset, its width read, its transform set, one forced layout per row. Here the rows of
 *   every terminal wait for the next frame and are aligned together: all resets, all reads (one
 *   layout), all writes.
 *
 * Both patch xterm's private classes (through the prototypes of a live terminal's parts, as xterm
 * exports neither). Each patch checks the shape it expects first, so a changed xterm is left with
 * its own behaviour; `measurePatches()` says which patches are in place.
 */
import type { Terminal } from '@xterm/xterm';

/** xterm 6's WidthCache (src/browser/renderer/dom/WidthCache.ts): what the shared measure reads. */
interface WidthCache {
  _font: string;
  _fontSize: number;
  _weight: unknown;
  _weightBold: unknown;
  _measure(c: string, variant: number): number;
}

/** xterm 6's AccessibilityManager (src/browser/AccessibilityManager.ts): what the batched alignment reads. */
interface A11yManager {
  _alignRowWidth(element: HTMLElement): void;
  _rowColumns: WeakMap<HTMLElement, number[]>;
  _renderService: { dimensions: { css: { cell: { width: number } } } };
}

/** Entries of the shared width cache past which it starts over (xterm's own caches do not bound theirs). */
const MAX_WIDTHS = 20_000;
const widths = new Map<string, number>();
const counts = { measured: 0, shared: 0 };
const patched = { widthCache: false, rowAlignment: false };

/** What is patched, and how often a width was measured or taken from another terminal's measure. */
export function measurePatches(): { widthCache: boolean; rowAlignment: boolean; measured: number; shared: number } {
  return { ...patched, ...counts };
}

type Schedule = (run: () => void) => void;

function nextFrame(run: () => void): void {
  // Hidden tabs get no animation frames; the rows are still aligned for a screen reader there.
  if (document.visibilityState === 'hidden') setTimeout(run, 50);
  else requestAnimationFrame(run);
}

const isFunction = (value: unknown, length: number): value is (...args: never[]) => unknown => typeof value === 'function' && value.length === length;

/** Whether `cache` has the shape of xterm 6's WidthCache (an instance, its prototype's `_measure`). */
export function isWidthCache(cache: unknown): cache is WidthCache {
  if (typeof cache !== 'object' || cache === null) return false;
  const c = cache as Partial<WidthCache>;
  return typeof c._font === 'string' && typeof c._fontSize === 'number' && '_weight' in c && '_weightBold' in c && isFunction(Object.getPrototypeOf(c)?._measure, 2);
}

/** Whether `manager` has the shape of xterm 6's AccessibilityManager. */
export function isA11yManager(manager: unknown): manager is A11yManager {
  if (typeof manager !== 'object' || manager === null) return false;
  const m = manager as Partial<A11yManager>;
  return m._rowColumns instanceof WeakMap && typeof m._renderService?.dimensions?.css?.cell?.width === 'number' && isFunction(Object.getPrototypeOf(m)?._alignRowWidth, 1);
}

function patchWidthCache(cache: WidthCache): void {
  const proto = Object.getPrototypeOf(cache) as WidthCache;
  if (patched.widthCache) return;
  const own = proto._measure;
  proto._measure = function (this: WidthCache, c: string, variant: number): number {
    const key = `${this._font}\u0000${this._fontSize}\u0000${String(this._weight)}\u0000${String(this._weightBold)}\u0000${devicePixelRatio}\u0000${variant}\u0000${c}`;
    const known = widths.get(key);
    if (known !== undefined) {
      counts.shared += 1;
      return known;
    }
    const width = own.call(this, c, variant);
    counts.measured += 1;
    // 0 means the terminal is not laid out (display: none): xterm does not keep it either.
    if (width > 0) {
      if (widths.size >= MAX_WIDTHS) widths.clear();
      widths.set(key, width);
    }
    return width;
  };
  patched.widthCache = true;
}

/** Rows waiting for the next frame's alignment, with their terminal's manager. */
const rows = new Map<HTMLElement, A11yManager>();
let alignQueued = false;

function alignRows(align: (m: A11yManager, row: HTMLElement) => void): void {
  alignQueued = false;
  const batch = [...rows].filter(([row]) => row.isConnected);
  rows.clear();
  // Writes, then reads, then writes: one layout for every row of every terminal.
  for (const [row] of batch) row.style.transform = '';
  const measured = batch.map(([row, manager]) => {
    const last = manager._rowColumns.get(row)?.slice(-1)[0];
    return { row, manager, last, width: last ? row.getBoundingClientRect().width : 0 };
  });
  for (const { row, manager, last, width } of measured) {
    if (!last) continue;
    if (width > 0) row.style.transform = `scaleX(${(last * manager._renderService.dimensions.css.cell.width) / width})`;
    else align(manager, row);
  }
}

function patchRowAlignment(manager: A11yManager, schedule: Schedule): void {
  const proto = Object.getPrototypeOf(manager) as A11yManager;
  if (patched.rowAlignment) return;
  const own = proto._alignRowWidth;
  proto._alignRowWidth = function (this: A11yManager, element: HTMLElement): void {
    rows.set(element, this);
    if (alignQueued) return;
    alignQueued = true;
    schedule(() => alignRows((m, row) => own.call(m, row)));
  };
  patched.rowAlignment = true;
}

interface Internals {
  _core?: {
    _renderService?: { _renderer?: { value?: { _widthCache?: unknown } } };
    _accessibilityManager?: { value?: unknown };
  };
}

/**
 * Shares measurements for this terminal and every later one (call after `open`, and after turning
 * screen-reader mode on, which creates xterm's accessibility manager). Parts whose shape is not
 * xterm 6's are left alone. The first terminal measures as xterm does; those opened after it share.
 */
export function shareMeasurements(term: Terminal, schedule: Schedule = nextFrame): void {
  const core = (term as unknown as Internals)._core;
  const cache = core?._renderService?._renderer?.value?._widthCache;
  if (!patched.widthCache && isWidthCache(cache)) patchWidthCache(cache);
  const manager = core?._accessibilityManager?.value;
  if (!patched.rowAlignment && isA11yManager(manager)) patchRowAlignment(manager, schedule);
}

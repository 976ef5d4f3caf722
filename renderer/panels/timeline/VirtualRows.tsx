import { useCallback, useEffect, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { TimelineRow } from '../../../shared/model/timelineRuns';

/**
 * Above this many rows only the rows in view (and a few around them) are in the DOM: a 100,000-event
 * incident must open and scroll smoothly. Below it every row is rendered, as find-in-page expects.
 */
export const VIRTUAL_ABOVE = 500;

export type Row = TimelineRow;

/**
 * A row's identity across renders: its event's seq, or minus its first event's seq for a run.
 * A number, not a string: the virtualizer asks for the key of every row whenever the rows change,
 * and 100,000 fresh strings (hashed for its size cache) cost more than the rest of a search.
 */
export function rowKey(row: Row): number {
  return 'event' in row ? row.event.seq : -(row.events[0]?.seq ?? 0);
}

function firstSeq(row: Row): number {
  return 'event' in row ? row.event.seq : (row.events[0]?.seq ?? 0);
}

/** The index of the row holding event `seq` (rows are in seq order), or -1: a binary search, not a walk over 100,000 rows. */
export function rowIndexOf(rows: readonly Row[], seq: number): number {
  let lo = 0;
  let hi = rows.length;
  // The last row whose first event is at or before seq.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (firstSeq(rows[mid] as Row) <= seq) lo = mid + 1;
    else hi = mid;
  }
  const row = rows[lo - 1];
  if (row === undefined) return -1;
  const holds = 'event' in row ? row.event.seq === seq : row.events.some((e) => e.seq === seq);
  return holds ? lo - 1 : -1;
}

/** The index of the row with this key (see rowKey), or -1. */
function indexOfKey(rows: readonly Row[], key: number): number {
  const index = rowIndexOf(rows, Math.abs(key));
  return index >= 0 && rowKey(rows[index] as Row) === key ? index : -1;
}

/**
 * A row's height, from its ResizeObserver entry only. A row just rendered has no entry yet: it
 * keeps the height known for its key, or the estimate, and the observer (which reports every row
 * it starts watching, after layout and before paint) gives the real one. The virtualizer's own
 * measure reads offsetHeight there, one forced layout per new row on every scroll step and
 * every search answer.
 */
export function rowHeight(element: Element, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, Element>): number {
  const box = entry?.borderBoxSize?.[0];
  if (box) return Math.round(box.blockSize);
  const index = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
}

/** The rows in view of `scroller`, each measured once rendered (rows differ in height: outputs, runs). */
export function VirtualRows(props: { rows: Row[]; scroller: RefObject<HTMLDivElement | null>; render: (row: Row) => ReactNode; stick: RefObject<boolean>; focus?: number }) {
  const { rows, scroller, render, stick, focus } = props;
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    overscan: 8,
    measureElement: rowHeight,
    // Stable while the rows are: a new function makes the virtualizer measure every row again.
    getItemKey: useCallback((i: number) => rowKey(rows[i] as Row), [rows]),
  });
  // The row at the top of the view, and how far above the view's top it starts: older pages
  // arriving above it (or a filter change that keeps it) must not move what the user reads.
  const anchor = useRef<{ key: number; above: number } | null>(null);
  useEffect(() => {
    const element = scroller.current;
    const keepAnchor = () => {
      const top = element?.scrollTop ?? 0;
      const item = virtualizer.getVirtualItems().find((i) => i.end > top);
      anchor.current = item ? { key: Number(item.key), above: top - item.start } : null;
    };
    element?.addEventListener('scroll', keepAnchor, { passive: true });
    return () => element?.removeEventListener('scroll', keepAnchor);
  }, [scroller, virtualizer]);
  // Follow the newest row, as the full list does, unless the user scrolled up to read.
  useLayoutEffect(() => {
    if (stick.current && rows.length > 0) virtualizer.scrollToIndex(rows.length - 1, { align: 'end' });
    else if (anchor.current) {
      const { key, above } = anchor.current;
      const index = indexOfKey(rows, key);
      const start = index >= 0 ? virtualizer.measurementsCache[index]?.start : undefined;
      if (start !== undefined && Math.abs((scroller.current?.scrollTop ?? 0) - (start + above)) > 1) virtualizer.scrollToOffset(start + above);
    }
  }, [rows, virtualizer, stick, scroller]);
  // A clicked `#seq` citation: bring its row (or the run holding it) into the DOM; the panel then centres it.
  useEffect(() => {
    if (focus === undefined) return;
    const index = rowIndexOf(rows, focus);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: 'center' });
  }, [focus, rows, virtualizer]);
  const items = virtualizer.getVirtualItems();
  return (
    <div className="virtual-rows" style={{ height: virtualizer.getTotalSize() }} data-testid="timeline-virtual" data-rows={rows.length}>
      <div className="virtual-window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
        {/* One list per row: the row is an <li>, and its list is what gets measured. */}
        {items.map((item) => (
          <ol className="events" key={item.key} data-index={item.index} ref={virtualizer.measureElement}>
            {render(rows[item.index] as Row)}
          </ol>
        ))}
      </div>
    </div>
  );
}

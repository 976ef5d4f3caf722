import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useController, useWarroom } from '../app/context';
import { estimateTermSize, gridLayout } from '../terminals/layout';
import { TERMINAL_FONT, TERMINAL_OPTIONS, terminalFontSize } from '../terminals/theme';
import { foldedLayout } from '../store/screensSlice';
import { FoldedTile } from './screens/FoldedTile';
import { ScreenCompare } from './screens/ScreenCompare';
import { TerminalPane } from './TerminalPane';

const ZOOM_BAR_HEIGHT = 24;
/** Matches .grid-scroll's padding in app.css. */
const GRID_PADDING = 4;

/** Cell size of the terminal font, measured once, for sizing connections before panes exist. */
function measureCell(): { width: number; height: number } {
  const probe = document.createElement('span');
  probe.style.cssText = `position:absolute;visibility:hidden;white-space:pre;font-family:${TERMINAL_FONT};font-size:${terminalFontSize()}px`;
  probe.textContent = 'W'.repeat(50);
  document.body.appendChild(probe);
  const rect = probe.getBoundingClientRect();
  probe.remove();
  const lineHeight = TERMINAL_OPTIONS.lineHeight ?? 1;
  return { width: rect.width / 50 || 8, height: Math.ceil((rect.height || 16) * lineHeight) };
}

export function TerminalGrid() {
  const controller = useController();
  const ref = useRef<HTMLDivElement>(null);
  const [area, setArea] = useState({ width: 800, height: 600 });
  const { order: all, broadcastOn, zoomed, verdict, folded } = useWarroom((s) => ({
    order: s.sessionOrder,
    broadcastOn: s.broadcastOn,
    zoomed: s.zoomed,
    verdict: s.screenGroups,
    folded: s.screensFolded,
  }));
  // A zoomed pane that went away (closed) must not leave an empty grid behind.
  const order = zoomed && all.includes(zoomed) ? [zoomed] : all;
  // Folding keeps the outliers live and shows each group of identical panes once.
  const fold = folded && verdict && order === all ? foldedLayout(all, verdict.groups) : undefined;
  const aliasOf = (ids: string[]) => ids.map((id) => controller.store.getState().sessions[id]?.alias ?? id);
  const cells = fold ? fold.tiles.length + fold.panes.length : order.length;

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // clientWidth/Height include the scroller's padding, which the panes cannot use.
    const update = () => setArea({ width: element.clientWidth - GRID_PADDING * 2, height: element.clientHeight - GRID_PADDING * 2 });
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const cell = measureCell();
    controller.setSizeEstimator((count) => estimateTermSize(gridLayout(count, area.width, area.height), cell));
    return () => controller.setSizeEstimator(undefined);
  }, [controller, area.width, area.height]);

  const layout = gridLayout(cells, area.width, order.length < all.length ? area.height - ZOOM_BAR_HEIGHT : area.height);
  return (
    <div ref={ref} className={broadcastOn ? 'grid-scroll broadcasting' : 'grid-scroll'} data-testid="terminal-grid">
      {order.length < all.length ? (
        <div className="zoom-bar" data-testid="zoom-bar">
          One pane shown; {all.length - 1} more hidden (their output is kept{broadcastOn ? ', and broadcast still reaches them' : ''}).
          <button type="button" className="link" onClick={() => controller.store.getState().setZoomed(null)}>
            back to the grid
          </button>
        </div>
      ) : null}
      <ScreenCompare />
      {order.length === 0 ? (
        <div className="grid-empty">
          <p>No terminals yet.</p>
          <p className="muted">Pick hosts on the left, or press “Connect all”.</p>
        </div>
      ) : (
        <div
          className="grid"
          style={{
            gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
            gridAutoRows: `${layout.paneHeight}px`,
          }}
        >
          {fold
            ? fold.tiles.map((t) => <FoldedTile key={`fold-${t.sessionIds[0]}`} group={t.group} line={verdict!.line} hosts={aliasOf(t.sessionIds)} />)
            : null}
          {(fold ? fold.panes : order).map((id) => (
            <TerminalPane key={id} sessionId={id} />
          ))}
        </div>
      )}
    </div>
  );
}

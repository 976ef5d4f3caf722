import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useController, useWarroom } from '../app/context';
import { DENSITY, paneDensity, type PaneDensity } from '../terminals/density';
import { measureCell } from '../terminals/fontMetrics';
import { DEFAULT_CELL, GRID_GAP, estimateTermSize, gridLayout, pageOf, stripLayout, type Cell, type Readable } from '../terminals/layout';
import { TERMINAL_FONT, TERMINAL_OPTIONS, terminalFontSize } from '../terminals/theme';
import { foldedLayout } from '../store/screensSlice';
import { GridToolbar } from './grid/GridToolbar';
import { filteredPanes } from './grid/paneView';
import { FoldedTile } from './screens/FoldedTile';
import { ScreenCompare } from './screens/ScreenCompare';
import { TerminalPane } from './TerminalPane';

const ZOOM_BAR_HEIGHT = 24;
/** Matches .grid-scroll's padding in app.css. */
const GRID_PADDING = 4;

/** Each density's font size and cell, measured once, for sizing panes and connections before panes exist. */
function measureDensities(): Record<PaneDensity, { fontSize: number; cell: Cell }> {
  const one = (d: PaneDensity) => {
    const fontSize = terminalFontSize(DENSITY[d].cellWidth);
    const cell = measureCell(TERMINAL_FONT, fontSize, TERMINAL_OPTIONS.lineHeight ?? 1) ?? { width: DENSITY[d].cellWidth, height: Math.round((DEFAULT_CELL.height * DENSITY[d].cellWidth) / DEFAULT_CELL.width) };
    return { fontSize, cell };
  };
  return { comfortable: one('comfortable'), compact: one('compact') };
}

function scrollOf(element: HTMLElement): { top: number; atEnd: boolean } {
  return { top: element.scrollTop, atEnd: element.scrollTop > 0 && element.scrollTop + element.clientHeight >= element.scrollHeight - 2 };
}

/**
 * The panes: an automatic grid that scrolls a page of rows at a time, one large pane over a strip,
 * or one pane zoomed. The host filter narrows it; leaving zoom puts the grid back where it was.
 */
export function TerminalGrid() {
  const controller = useController();
  const ref = useRef<HTMLDivElement>(null);
  const [area, setArea] = useState({ width: 800, height: 600 });
  const [densities] = useState(measureDensities);
  const [scroll, setScroll] = useState({ top: 0, atEnd: false });
  /** Where the grid was scrolled before a zoom, restored when the zoom ends. */
  const gridScroll = useRef(0);
  const { all, sessions, hosts, filter, broadcastOn, zoomed, layoutMode, featured, verdict, folded, density } = useWarroom((s) => ({
    all: s.sessionOrder,
    sessions: s.sessions,
    hosts: s.hosts,
    filter: s.hostFilter,
    broadcastOn: s.broadcastOn,
    zoomed: s.zoomed,
    layoutMode: s.layout,
    featured: s.featured,
    verdict: s.screenGroups,
    folded: s.screensFolded,
    density: s.density,
  }));
  const shown = filteredPanes(all, sessions, hosts, filter);
  // A zoomed pane that went away (closed) must not leave an empty grid behind.
  const zoom = zoomed && all.includes(zoomed) ? zoomed : null;
  const strip = !zoom && layoutMode === 'strip' && shown.length > 1;
  // Folding keeps the outliers live and shows each group of identical panes once.
  const fold = folded && verdict && !zoom && !strip ? foldedLayout(shown, verdict.groups) : undefined;
  const paneIds = zoom ? [zoom] : fold ? fold.panes : shown;
  const aliasOf = (ids: string[]) => ids.map((id) => sessions[id]?.alias ?? id);
  const cells = fold ? fold.tiles.length + fold.panes.length : paneIds.length;

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

  const cellsOf = { comfortable: densities.comfortable.cell, compact: densities.compact.cell };
  // The density follows the whole grid (every pane, not the filtered few), so a filter does not change the font.
  const dense = paneDensity(density, Math.max(1, all.length), area.width, area.height, cellsOf);
  const cell = densities[dense].cell;
  const readable: Readable = DENSITY[dense].readable;

  useEffect(() => {
    controller.registry.setFontSize(densities[dense].fontSize);
  }, [controller, densities, dense]);

  useEffect(() => {
    const measured = { comfortable: densities.comfortable.cell, compact: densities.compact.cell };
    controller.setSizeEstimator((count) => {
      const d = paneDensity(density, count, area.width, area.height, measured);
      return estimateTermSize(gridLayout(count, area.width, area.height, measured[d], DENSITY[d].readable), measured[d]);
    });
    return () => controller.setSizeEstimator(undefined);
  }, [controller, area.width, area.height, density, densities]);

  const layout = gridLayout(cells, area.width, zoom ? area.height - ZOOM_BAR_HEIGHT : area.height, cell, readable);
  const pageHeight = layout.rowsPerPage * (layout.paneHeight + GRID_GAP);
  const rowHeight = layout.paneHeight + GRID_GAP;
  const firstRow = Math.round(scroll.top / rowHeight);
  const paging = zoom || strip ? { page: 0, pages: 1 } : pageOf(firstRow * layout.columns, cells, layout);
  // The last page is usually short: scrolled to the end is on it.
  const page = scroll.atEnd && paging.pages > 1 ? paging.pages - 1 : paging.page;
  const pages = paging.pages;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // The grid's own order, for moving between panes: folded tiles are not panes.
    controller.grid.setView({ element, order: strip || zoom ? shown : paneIds, columns: strip ? 1 : layout.columns, pageHeight });
  });
  useEffect(() => () => controller.grid.setView(undefined), [controller]);

  // Leaving zoom: the grid goes back to the rows it showed before.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element || zoom) return;
    element.scrollTop = gridScroll.current;
    setScroll(scrollOf(element));
  }, [zoom, strip]);

  // A new filter shows other panes: start at their first page.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.scrollTop = 0;
    gridScroll.current = 0;
    setScroll(scrollOf(element));
  }, [filter]);

  const onScroll = () => {
    const element = ref.current;
    if (!element || zoom || strip) return;
    gridScroll.current = element.scrollTop;
    setScroll(scrollOf(element));
  };

  const classes = ['grid-scroll', broadcastOn ? 'broadcasting' : '', strip ? 'strip-mode' : ''].filter(Boolean).join(' ');
  return (
    <>
      <GridToolbar shown={shown.length} total={all.length} page={page + 1} pages={pages} density={dense} />
      <div ref={ref} className={classes} data-testid="terminal-grid" onScroll={onScroll}>
        {zoom ? (
          <div className="zoom-bar" data-testid="zoom-bar">
            One pane shown; {all.length - 1} more hidden (their output is kept{broadcastOn ? ', and broadcast still reaches them' : ''}).
            <button type="button" className="link" onClick={() => controller.grid.toggleZoom()}>
              back to the grid
            </button>
          </div>
        ) : null}
        <ScreenCompare />
        {all.length === 0 ? (
          <div className="grid-empty">
            <p>No terminals yet.</p>
            <p className="muted">Pick hosts on the left, or press “Connect all”.</p>
          </div>
        ) : shown.length === 0 ? (
          <div className="grid-empty">
            <p>No pane matches the host filter.</p>
          </div>
        ) : strip ? (
          <StripView ids={shown} featured={featured} width={area.width} height={area.height} cell={cell} readable={readable} />
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
            {paneIds.map((id) => (
              <TerminalPane key={id} sessionId={id} />
            ))}
          </div>
        )}
      </div>
    </>
  );
}

/** One large pane (the featured one, else the first) over a sideways-scrolling strip of the others. */
function StripView({ ids, featured, width, height, cell, readable }: { ids: readonly string[]; featured: string | null; width: number; height: number; cell: Cell; readable: Readable }) {
  const controller = useController();
  const main = featured && ids.includes(featured) ? featured : ids[0]!;
  const others = ids.filter((id) => id !== main);
  const geometry = stripLayout(others.length, width, height, cell, readable);
  return (
    <div className="strip-layout">
      <div className="strip-main" style={{ height: geometry.mainHeight }}>
        <TerminalPane sessionId={main} />
      </div>
      <div className="strip" data-testid="pane-strip" style={{ height: geometry.stripHeight }}>
        {others.map((id) => (
          <div
            key={id}
            className="strip-cell"
            style={{ width: geometry.stripPaneWidth }}
            title="Click to make this the large pane"
            onMouseDownCapture={() => controller.grid.reveal(id, { flash: false })}
          >
            <TerminalPane sessionId={id} />
          </div>
        ))}
      </div>
    </div>
  );
}

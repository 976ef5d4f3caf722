import { useController, useWarroom } from '../../app/context';
import type { PaneLayout } from '../../store/uiSlice';
import { DENSITY, isDensity, type PaneDensity } from '../../terminals/density';
import { stateCounts } from './paneView';

export interface GridToolbarProps {
  /** Panes the grid shows (after the host filter) and all there are. */
  shown: number;
  total: number;
  /** 1-based page of the grid on screen, and the number of pages (1 when all fit). */
  page: number;
  pages: number;
  /** The density the panes have now (auto resolves to one of them). */
  density: PaneDensity;
}

const LAYOUTS: { id: PaneLayout | 'zoom'; label: string; title: string }[] = [
  { id: 'grid', label: 'Grid', title: 'Every pane in an automatic grid, paged when they do not fit' },
  { id: 'strip', label: 'Large + strip', title: 'One large pane over a strip of small ones' },
  { id: 'zoom', label: 'Zoom', title: 'The focused pane alone (Ctrl/Cmd+Shift+Enter)' },
];

/** Above the panes: the layout switch, the page, connection progress, the host filter's effect, the keys. */
export function GridToolbar({ shown, total, page, pages, density }: GridToolbarProps) {
  const controller = useController();
  const { layout, zoomed, filter, chosen, columnsOpen } = useWarroom((s) => ({
    layout: s.layout,
    zoomed: s.zoomed !== null,
    filter: s.hostFilter,
    chosen: s.density,
    columnsOpen: s.pickerOpen || s.sideOpen,
  }));
  const min = (d: PaneDensity) => `${DENSITY[d].readable.cols}×${DENSITY[d].readable.rows}`;
  const counts = useWarroom((s) => stateCounts(s.sessionOrder, s.sessions).flat());
  const s = controller.store.getState;
  const active = zoomed ? 'zoom' : layout;
  const choose = (id: PaneLayout | 'zoom') => {
    if (id === 'zoom') {
      if (!zoomed) controller.grid.toggleZoom();
      return;
    }
    if (zoomed) controller.grid.toggleZoom();
    // The large pane is the one being worked in.
    if (id === 'strip') s().setFeatured(s().focusedPane);
    s().setLayout(id);
  };
  const pairs: [string, number][] = [];
  for (let i = 0; i < counts.length; i += 2) pairs.push([counts[i] as string, counts[i + 1] as number]);
  return (
    <div className="grid-toolbar" data-testid="grid-toolbar">
      <span className="layout-switch" role="group" aria-label="Layout">
        {LAYOUTS.map((l) => (
          <button
            type="button"
            key={l.id}
            className="chip"
            data-testid={`layout-${l.id}`}
            aria-pressed={active === l.id}
            title={l.title}
            disabled={total === 0}
            onClick={() => choose(l.id)}
          >
            {l.label}
          </button>
        ))}
      </span>
      <label className="density" title="How densely panes are packed. Auto: comfortable while every pane fits on one page, compact when it would page (Ctrl/Cmd+Alt+0 / - / =)">
        <select
          data-testid="density"
          data-density={density}
          value={chosen}
          onChange={(e) => {
            if (isDensity(e.target.value)) s().setDensity(e.target.value);
          }}
        >
          <option value="auto">Auto: {density}</option>
          <option value="comfortable">Comfortable ({min('comfortable')})</option>
          <option value="compact">Compact ({min('compact')})</option>
        </select>
      </label>
      {pages > 1 ? (
        <span className="grid-pager" data-testid="grid-page" data-page={page} data-pages={pages}>
          <button type="button" className="link" aria-label="Previous page" title="Previous page (Ctrl/Cmd+Alt+PageUp)" disabled={page <= 1} onClick={() => controller.grid.page(-1)}>
            ◀
          </button>
          page {page}/{pages}
          <button type="button" className="link" aria-label="Next page" title="Next page (Ctrl/Cmd+Alt+PageDown)" disabled={page >= pages} onClick={() => controller.grid.page(1)}>
            ▶
          </button>
        </span>
      ) : null}
      {pages > 1 && columnsOpen ? (
        <button
          type="button"
          className="link"
          data-testid="fold-columns"
          title="Fold the host list and the incident column to rails, giving their width to the panes (Ctrl/Cmd+Alt+[ and ])"
          onClick={() => {
            s().setPickerOpen(false);
            s().setSideOpen(false);
          }}
        >
          fold side columns
        </button>
      ) : null}
      {pairs.length > 0 ? (
        <span className="pane-counts" data-testid="pane-counts" aria-live="polite">
          {pairs.map(([state, n], i) => (
            <span key={state} className={`pane-count state-${state}`} data-testid="pane-count" data-state={state} data-count={n}>
              {i > 0 ? ' · ' : ''}
              {n} {state}
            </span>
          ))}
        </span>
      ) : null}
      {filter.trim() && shown < total ? (
        <span className="grid-filtered" data-testid="grid-filtered">
          filter “{filter.trim()}”: {shown} of {total} panes
          <button type="button" className="link" onClick={() => s().setHostFilter('')}>
            show all
          </button>
        </span>
      ) : null}
      <button type="button" className="link keys-help" data-testid="shortcut-help-open" title="Keyboard shortcuts (?)" onClick={() => s().setHelpOpen(true)}>
        keys ?
      </button>
    </div>
  );
}

/**
 * The window's screen actions over the contract, owned by the controller (`controller.screens`):
 * regroup the latest line, search every scrollback, keep a search as evidence, open a hit.
 */
import type { ScrollbackHit, SearchMode } from '../../../shared/model/screens';
import type { Controller } from '../../app/controller';

export class ScreenActions {
  /** Bumped per search so a slow reply never overwrites a newer one. */
  private searchId = 0;

  constructor(private readonly controller: Controller) {}

  private get state() {
    return this.controller.store.getState();
  }

  /** The verdict the Node side holds (after a reload or reconnect). */
  async load(): Promise<void> {
    try {
      const { verdict } = await this.controller.api.request('screen.latest', {});
      if (verdict) this.state.setScreenGroups(verdict);
    } catch (err) {
      this.controller.fail('Screen grouping', err);
    }
  }

  /** The latest line grouped again, treating numbers and host names as equal (loose) or not. */
  async regroup(loose: boolean): Promise<void> {
    const current = this.state.screenGroups;
    if (!current) return;
    try {
      this.state.setScreenGroups(await this.controller.api.request('screen.regroup', { lineId: current.lineId, loose }));
    } catch (err) {
      this.controller.fail('Screen grouping', err);
    }
  }

  async search(query: string, mode: SearchMode): Promise<void> {
    const id = ++this.searchId;
    if (query.length === 0) {
      this.state.setScrollbackSearch({ query, mode, status: 'idle', hits: [], searched: 0, error: undefined });
      return;
    }
    this.state.setScrollbackSearch({ query, mode, status: 'running', error: undefined });
    try {
      const { hits, searched } = await this.controller.api.request('scrollback.search', { query, ...mode });
      if (id === this.searchId) this.state.setScrollbackSearch({ status: 'done', hits, searched });
    } catch (err) {
      // A refused pattern is the answer to this search, shown beside the box, not a window error.
      if (id === this.searchId) this.state.setScrollbackSearch({ status: 'failed', hits: [], error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** The current search, kept on the timeline with its hosts and matching lines. */
  async evidence(): Promise<void> {
    const { query, mode } = this.state.scrollbackSearch;
    if (!query) return;
    try {
      const { event } = await this.controller.api.request('scrollback.evidence', { query, ...mode });
      if (event) this.state.addEvents([event]);
      else this.state.reportError('Search kept: it goes on the timeline once an incident is declared');
    } catch (err) {
      this.controller.fail('Search evidence', err);
    }
  }

  /** Shows the hit's pane (unfolding, leaving a zoom on another pane), focuses it and highlights the match. */
  open(hit: ScrollbackHit): void {
    const s = this.state;
    if (s.screensFolded) s.setScreensFolded(false);
    if (s.zoomed && s.zoomed !== hit.sessionId) s.setZoomed(null);
    const { query, mode } = s.scrollbackSearch;
    // The pane mounts on the next render: highlight once it is attached.
    requestAnimationFrame(() => {
      const registry = this.controller.registry;
      registry.get(hit.sessionId)?.element.scrollIntoView({ block: 'nearest' });
      registry.focus(hit.sessionId);
      registry.find(hit.sessionId, query, mode);
    });
  }
}

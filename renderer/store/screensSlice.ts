import type { ScreenGroup, ScreenGroups, ScrollbackHit, SearchMode } from '../../shared/model/screens';
import type { Slice } from './types';

export interface ScrollbackSearchState {
  query: string;
  mode: SearchMode;
  status: 'idle' | 'running' | 'done' | 'failed';
  hits: ScrollbackHit[];
  /** How many sessions were searched. */
  searched: number;
  error?: string;
}

export interface ScreensSlice {
  /** The latest broadcast line's verdict (strict, or loose when asked). */
  screenGroups: ScreenGroups | null;
  /** Identical panes shown as one tile per group. */
  screensFolded: boolean;
  screensCompare: boolean;
  scrollbackSearch: ScrollbackSearchState;
  setScreenGroups(verdict: ScreenGroups): void;
  setScreensFolded(folded: boolean): void;
  setScreensCompare(open: boolean): void;
  setScrollbackSearch(patch: Partial<ScrollbackSearchState>): void;
}

export const NO_SEARCH: ScrollbackSearchState = {
  query: '',
  mode: { regex: false, wholeWord: false, caseSensitive: false },
  status: 'idle',
  hits: [],
  searched: 0,
};

export const createScreensSlice: Slice<ScreensSlice> = (set, get) => ({
  screenGroups: null,
  screensFolded: false,
  screensCompare: false,
  scrollbackSearch: NO_SEARCH,
  setScreenGroups: (verdict) => set({ screenGroups: verdict }),
  setScreensFolded: (folded) => set({ screensFolded: folded }),
  setScreensCompare: (open) => set({ screensCompare: open }),
  setScrollbackSearch: (patch) => set({ scrollbackSearch: { ...get().scrollbackSearch, ...patch } }),
});

/**
 * The grid when identical panes are folded: one tile per group of two or more live sessions, and
 * every other session (the outliers, and sessions the line did not reach) as its own pane.
 */
export function foldedLayout(
  order: readonly string[],
  groups: readonly ScreenGroup[],
): { tiles: { group: ScreenGroup; sessionIds: string[] }[]; panes: string[] } {
  const present = new Set(order);
  const tiles = groups
    .map((group) => ({ group, sessionIds: group.sessionIds.filter((id) => present.has(id)) }))
    .filter((t) => t.sessionIds.length > 1);
  const folded = new Set(tiles.flatMap((t) => t.sessionIds));
  return { tiles, panes: order.filter((id) => !folded.has(id)) };
}

/** Which panes the centre shows, and in which order: pure over the store's state. */
import type { Host, SessionInfo, SessionState } from '../../../shared/model/host';
import { filterHosts } from '../../store/hostsSlice';

/**
 * Sessions whose host passes the host filter, in pane order. A session whose host is no longer
 * in the inventory stays shown: hiding it would hide where keys may still go.
 */
export function filteredPanes(order: readonly string[], sessions: Readonly<Record<string, SessionInfo>>, hosts: readonly Host[], filter: string): string[] {
  if (filter.trim() === '') return [...order];
  const shown = new Set(filterHosts(hosts, filter).map((h) => h.alias));
  const known = new Set(hosts.map((h) => h.alias));
  return order.filter((id) => {
    const alias = sessions[id]?.alias;
    return alias !== undefined && (shown.has(alias) || !known.has(alias));
  });
}

/** How many panes are in each state, in the order a connect goes through them. */
export function stateCounts(order: readonly string[], sessions: Readonly<Record<string, SessionInfo>>): [SessionState, number][] {
  const counts = new Map<SessionState, number>();
  for (const id of order) {
    const state = sessions[id]?.state;
    if (state) counts.set(state, (counts.get(state) ?? 0) + 1);
  }
  const ORDER: SessionState[] = ['connecting', 'verifying', 'authenticating', 'reconnecting', 'ready', 'down', 'closed'];
  return ORDER.filter((s) => counts.has(s)).map((s) => [s, counts.get(s)!]);
}

/** The first group of each pane's host ("" for none): what Ctrl+Shift+[ and ] move between. */
export function paneGroups(order: readonly string[], sessions: Readonly<Record<string, SessionInfo>>, hosts: readonly Host[]): string[] {
  const byAlias = new Map(hosts.map((h) => [h.alias, h.groups[0] ?? '']));
  return order.map((id) => byAlias.get(sessions[id]?.alias ?? '') ?? '');
}

/** Index of the first pane of the next (delta 1) or previous (-1) group from `index`, wrapping. */
export function groupStep(groups: readonly string[], index: number, delta: 1 | -1): number {
  const n = groups.length;
  if (n === 0) return -1;
  const starts = groups.map((g, i) => (i === 0 || groups[i - 1] !== g ? i : -1)).filter((i) => i >= 0);
  const i = Math.min(Math.max(0, index), n - 1);
  // The start of the run that holds i.
  const current = [...starts].reverse().find((s) => s <= i) ?? 0;
  const at = starts.indexOf(current);
  return starts[(at + delta + starts.length) % starts.length]!;
}

import type { Host } from '../../shared/model/host';
import type { Slice } from './types';

export interface HostsSlice {
  hosts: Host[];
  groups: Record<string, string[]>;
  hostWarnings: string[];
  /** Aliases ticked in the picker; "connect selected" uses them. */
  selected: string[];
  setHosts(hosts: Host[], groups: Record<string, string[]>, warnings: string[]): void;
  toggleSelected(alias: string): void;
  /** Selects exactly the members of a group, or every host for null. */
  selectGroup(group: string | null): void;
  clearSelected(): void;
  setSelected(aliases: readonly string[]): void;
}

export const createHostsSlice: Slice<HostsSlice> = (set, get) => ({
  hosts: [],
  groups: {},
  hostWarnings: [],
  selected: [],
  setHosts: (hosts, groups, warnings) => {
    const known = new Set(hosts.map((h) => h.alias));
    set({ hosts, groups, hostWarnings: warnings, selected: get().selected.filter((a) => known.has(a)) });
  },
  toggleSelected: (alias) => {
    const selected = get().selected;
    set({ selected: selected.includes(alias) ? selected.filter((a) => a !== alias) : [...selected, alias] });
  },
  selectGroup: (group) => {
    const { hosts, groups } = get();
    const members = group === null ? hosts.map((h) => h.alias) : groupMembers(hosts, groups, group);
    set({ selected: members });
  },
  clearSelected: () => set({ selected: [] }),
  setSelected: (aliases) => set({ selected: [...new Set(aliases)] }),
});

/** Hosts in a group, from either side: the groups map or a host's own group list. */
export function groupMembers(hosts: readonly Host[], groups: Record<string, string[]>, group: string): string[] {
  // Group names are user text: `constructor` must not find Object.prototype's.
  const listed = new Set(Object.hasOwn(groups, group) ? groups[group] : []);
  return hosts.filter((h) => listed.has(h.alias) || h.groups.includes(group)).map((h) => h.alias);
}

/** Every group with its members, for naming a set of hosts by group (shared/model/hostSet.ts). */
export function groupMap(hosts: readonly Host[], groups: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(groupNames(hosts, groups).map((g) => [g, groupMembers(hosts, groups, g)]));
}

/** Every group name, from the map and from the hosts, sorted for a stable picker. */
export function groupNames(hosts: readonly Host[], groups: Record<string, string[]>): string[] {
  const names = new Set(Object.keys(groups));
  for (const host of hosts) for (const g of host.groups) names.add(g);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/**
 * Hosts matching a picker filter: every word must match the alias, hostname, user or a group,
 * case-insensitively; `*` is a wildcard (web-*), otherwise a word matches anywhere.
 */
export function filterHosts(hosts: readonly Host[], query: string): Host[] {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...hosts];
  const tests = words.map((w) => {
    if (!w.includes('*')) return (s: string) => s.includes(w);
    const re = new RegExp(`^${w.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return (s: string) => re.test(s);
  });
  return hosts.filter((h) => {
    const fields = [h.alias, h.hostname, h.user, ...h.groups].map((f) => f.toLowerCase());
    return tests.every((t) => fields.some(t));
  });
}

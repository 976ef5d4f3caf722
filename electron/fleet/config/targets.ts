/**
 * Target lists as the user types them: `@group`, a pdsh range, an alias, a `*` pattern, and any of those
 * after `!` to exclude. Inclusions keep their order; exclusions apply to the whole result, as pdsh's -x.
 * With only exclusions (or nothing), the starting set is every host in the catalog.
 */
import type { HostCatalog, ResolvedHost } from '../types';
import { HostExprError } from './errors';
import { MAX_HOSTS } from './limits';
import { expandHostList, splitTopLevel } from './ranges';
import { matchPattern } from './ssh/patterns';

export class TargetError extends HostExprError {}

export function resolveTargets(catalog: HostCatalog, targets: string[]): { hosts: ResolvedHost[]; warnings: string[] } {
  const listing = catalog.list();
  const warnings: string[] = [];
  const allAliases = listing.hosts.map((h) => h.alias);
  const byAlias = new Map(listing.hosts.map((h) => [h.alias, h]));
  // A Map, not the listing's object: "@constructor" must be an unknown group, not Object's constructor.
  const groups = new Map(Object.entries(listing.groups));

  const namesFor = (term: string, original: string): string[] => {
    if (term.startsWith('@')) {
      const g = term.slice(1);
      if (g === 'all') return allAliases;
      const members = groups.get(g);
      if (members === undefined && g === 'ungrouped') {
        warnings.push('group "@ungrouped" has no hosts (every host is in a group)');
        return [];
      }
      if (members === undefined) {
        const known = ['all', 'ungrouped', ...groups.keys()].filter((k, i, all) => all.indexOf(k) === i);
        throw new TargetError(original, `unknown group "@${g}" (known groups: ${known.join(', ')})`);
      }
      return members;
    }
    if (/[*?]/.test(term) && !term.includes('[')) {
      const hits = allAliases.filter((a) => matchPattern(a, term));
      if (hits.length === 0) warnings.push(`target "${term}" matches no known host`);
      return hits;
    }
    return expandHostList(term);
  };

  // Sets in first-seen order: each name costs O(1) however often groups and ranges repeat it.
  const include = new Set<string>();
  const exclude = new Set<string>();
  let anyInclude = false;
  // Each piece is bounded by MAX_HOSTS; this bounds a list of many large pieces (`@all` typed 1,000 times).
  let named = 0;
  const take = (names: readonly string[], t: string): readonly string[] => {
    named += names.length;
    if (named > 16 * MAX_HOSTS) throw new TargetError(t, `the target list names more than ${16 * MAX_HOSTS} hosts, counting repeats`);
    return names;
  };
  for (const t of targets) {
    for (const piece of splitTopLevel(t)) {
      if (piece.startsWith('!')) {
        const rest = piece.slice(1);
        if (rest === '') throw new TargetError(t, '"!" must be followed by a host, @group or range');
        for (const n of take(namesFor(rest, t), t)) exclude.add(n);
      } else {
        anyInclude = true;
        for (const n of take(namesFor(piece, t), t)) include.add(n);
      }
    }
  }
  if (!anyInclude) for (const n of allAliases) include.add(n);

  const hosts: ResolvedHost[] = [];
  for (const name of include) {
    if (exclude.has(name)) continue;
    let h = byAlias.get(name);
    if (!h) {
      h = catalog.resolve(name);
      if (!h) {
        warnings.push(`host "${name}" could not be resolved`);
        continue;
      }
      warnings.push(`host "${name}" is not named in the ssh config, an inventory or the groups file; it is resolved as ssh would resolve it`);
    }
    hosts.push(h);
  }
  for (const w of listing.warnings) if (!warnings.includes(w)) warnings.push(w);
  return { hosts, warnings };
}

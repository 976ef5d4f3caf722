/** Adding a host line's names to a group: shared by the INI and YAML readers, bounded, and linear. */
import { ConfigError } from '../errors';
import { MAX_HOSTS } from '../limits';
import { countAnsibleRange, expandAnsibleRange } from './ansible-range';
import type { RawGroup, RawInventory } from './model';

/** The names already in each group, so adding one is O(1) rather than a scan of the group. */
const members = new WeakMap<RawGroup, Set<string>>();
/** Names made so far per inventory (a name in two groups counts twice: it is work done twice). */
const made = new WeakMap<RawInventory, number>();

/**
 * Expands `pattern` (after counting it: no name is made past the limit) and adds the names to `g`
 * with `vars`. Throws ConfigError naming file:line.
 */
export function addHostPattern(raw: RawInventory, g: RawGroup, pattern: string, vars: Record<string, string>, line: number): void {
  let names: string[];
  try {
    const total = (made.get(raw) ?? 0) + countAnsibleRange(pattern);
    if (total > MAX_HOSTS) throw new Error(`the inventory names more than ${MAX_HOSTS} hosts (the most Warroom reads from one inventory)`);
    made.set(raw, total);
    names = expandAnsibleRange(pattern);
  } catch (e) {
    throw new ConfigError(raw.file, line, (e as Error).message);
  }
  let inGroup = members.get(g);
  if (!inGroup) members.set(g, (inGroup = new Set(g.hosts)));
  for (const n of names) {
    let hv = raw.hostVars.get(n);
    if (!hv) {
      raw.hostVars.set(n, (hv = Object.create(null) as Record<string, string>));
      raw.hostLines.set(n, line);
    }
    Object.assign(hv, vars);
    if (!inGroup.has(n)) {
      inGroup.add(n);
      g.hosts.push(n);
    }
  }
}

/** Turns parsed groups, children and vars into flat host records, the way Ansible layers variables. */
import { ConfigError } from '../errors';
import type { Inventory, InventoryHost, RawGroup, RawInventory } from './model';

export function newGroup(line: number): RawGroup {
  return { hosts: [], children: [], vars: Object.create(null) as Record<string, string>, line };
}

export function flattenInventory(raw: RawInventory): Inventory {
  const depth = new Map<string, number>();
  const members = new Map<string, string[]>();

  const visit = (name: string, stack: string[]): string[] => {
    const done = members.get(name);
    if (done) return done;
    const g = raw.groups.get(name);
    if (!g) return [];
    if (stack.includes(name)) throw new ConfigError(raw.file, g.line, `group "${name}" is its own child (${[...stack, name].join(' -> ')})`);
    const out = new Set(g.hosts);
    for (const c of g.children) for (const h of visit(c, [...stack, name])) out.add(h);
    const list = [...out];
    members.set(name, list);
    return list;
  };
  const setDepth = (name: string, d: number, seen: Set<string>): void => {
    if (seen.has(name)) return;
    seen.add(name);
    if ((depth.get(name) ?? -1) < d) depth.set(name, d);
    for (const c of raw.groups.get(name)?.children ?? []) setDepth(c, d + 1, seen);
  };
  for (const name of raw.groups.keys()) visit(name, []);
  for (const name of raw.groups.keys()) setDepth(name, name === 'all' ? 0 : 1, new Set());

  const groupsOf = new Map<string, string[]>();
  for (const [g, list] of members) for (const h of list) groupsOf.set(h, [...(groupsOf.get(h) ?? []), g]);

  // Ansible's implicit groups, as ansible-inventory reports them: `all` is every host, `ungrouped`
  // every host in no other group (one listed under [ungrouped] and [web] is only in web).
  const groups: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [name, list] of members) if (name !== 'all' && name !== 'ungrouped') groups[name] = list;
  groups.all = [...raw.hostVars.keys()];
  groups.ungrouped = groups.all.filter((h) => (groupsOf.get(h) ?? []).every((g) => g === 'all' || g === 'ungrouped'));
  const hosts: InventoryHost[] = [];
  for (const [name, hostVars] of raw.hostVars) {
    // Ansible precedence: all's vars, then parent groups, then child groups, then the host's own.
    const inGroups = [...(groupsOf.get(name) ?? [])];
    inGroups.sort((a, b) => (depth.get(a) ?? 0) - (depth.get(b) ?? 0) || a.localeCompare(b));
    const vars: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, raw.groups.get('all')?.vars);
    for (const g of inGroups) Object.assign(vars, raw.groups.get(g)?.vars ?? {});
    Object.assign(vars, hostVars);
    const line = raw.hostLines.get(name) ?? 1;
    const h: InventoryHost = { name };
    const hostname = vars.ansible_host ?? vars.ansible_ssh_host;
    const user = vars.ansible_user ?? vars.ansible_ssh_user;
    const port = vars.ansible_port ?? vars.ansible_ssh_port;
    if (hostname !== undefined && hostname !== '') h.hostname = hostname;
    if (user !== undefined && user !== '') h.user = user;
    if (port !== undefined) {
      if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) throw new ConfigError(raw.file, line, `host "${name}": ansible_port "${port}" is not a port number (1-65535)`);
      h.port = Number(port);
    }
    hosts.push(h);
  }
  return { hosts, groups };
}

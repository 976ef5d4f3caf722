/**
 * The HostCatalog seam: every host the user has named (ssh config Host lines, inventories, the groups
 * file), each resolved the way ssh would, with groups attached. Problems never abort the whole catalog:
 * they are collected with file:line, and the hosts that do resolve stay usable.
 */
import type { HostCatalog, ResolvedHost } from '../types';
import { ConfigError, HostExprError } from './errors';
import { readGroupsFile } from './groups-file';
import { parseInventory, type InventoryHost } from './inventory/index';
import { expandHostList } from './ranges';
import { concreteHostAliases } from './ssh/aliases';
import { matchPattern } from './ssh/patterns';
import { localIdentity, resolveHost } from './ssh/resolve';

export interface HostCatalogOptions {
  sshConfigFile: string;
  groupsFile?: string;
  inventories?: string[];
  localUser?: string;
  homeDir?: string;
}

export interface WarroomHostCatalog extends HostCatalog {
  /** Hard errors (bad lines) met while loading or resolving; each also appears in list().warnings. */
  errors(): ConfigError[];
}

const VALID_ALIAS = /^[^\s\0]{1,255}$/;

export function loadHostCatalog(opts: HostCatalogOptions): WarroomHostCatalog {
  const ident = localIdentity(opts);
  const warnings: string[] = [];
  const errors: ConfigError[] = [];
  const note = (e: unknown): void => {
    if (e instanceof ConfigError) {
      if (!errors.some((x) => x.message === e.message)) errors.push(e);
    }
    const msg = e instanceof Error ? e.message : String(e);
    if (!warnings.includes(msg)) warnings.push(msg);
  };

  const order: string[] = [];
  const known = new Set<string>();
  const addAlias = (a: string): void => {
    if (known.has(a)) return;
    if (!VALID_ALIAS.test(a)) return note(`host "${a}" is not a usable alias (no whitespace, at most 255 characters)`);
    known.add(a);
    order.push(a);
  };

  try {
    for (const site of concreteHostAliases(opts.sshConfigFile, ident.homeDir)) addAlias(site.alias);
  } catch (e) {
    note(e);
  }

  const inventoryHosts = new Map<string, InventoryHost>();
  const groups: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  const addToGroup = (g: string, names: Iterable<string>): void => {
    const list = (groups[g] ??= []);
    for (const n of names) if (!list.includes(n)) list.push(n);
  };
  for (const inv of opts.inventories ?? []) {
    try {
      const parsed = parseInventory(inv);
      for (const h of parsed.hosts) {
        if (!inventoryHosts.has(h.name)) inventoryHosts.set(h.name, h);
        addAlias(h.name);
      }
      for (const [g, names] of Object.entries(parsed.groups)) addToGroup(g, names);
    } catch (e) {
      note(e);
    }
  }

  if (opts.groupsFile !== undefined) {
    try {
      const gf = readGroupsFile(opts.groupsFile);
      const resolving = new Set<string>();
      const expandGroup = (name: string): string[] => {
        const line = gf.lines[name] ?? 1;
        if (resolving.has(name)) throw new ConfigError(opts.groupsFile ?? '', line, `group "${name}" includes itself`);
        resolving.add(name);
        const out: string[] = [];
        for (const expr of gf.groups[name] ?? []) {
          if (expr.startsWith('@')) {
            const other = expr.slice(1);
            if (gf.groups[other] !== undefined) out.push(...expandGroup(other));
            else if (groups[other] !== undefined) out.push(...(groups[other] ?? []));
            else throw new ConfigError(opts.groupsFile ?? '', line, `group "${name}": unknown group "@${other}"`);
          } else if (/[*?]/.test(expr)) {
            out.push(...order.filter((a) => matchPattern(a, expr)));
          } else {
            try {
              out.push(...expandHostList(expr));
            } catch (e) {
              throw new ConfigError(opts.groupsFile ?? '', line, `group "${name}": ${(e as Error).message}`);
            }
          }
        }
        resolving.delete(name);
        return out;
      };
      for (const name of Object.keys(gf.groups)) {
        try {
          const members = expandGroup(name);
          members.forEach(addAlias);
          addToGroup(name, members);
        } catch (e) {
          note(e);
        }
      }
    } catch (e) {
      note(e);
    }
  }

  const groupsOf = (alias: string): string[] => Object.keys(groups).filter((g) => groups[g]?.includes(alias));

  const resolveOne = (alias: string): ResolvedHost | undefined => {
    try {
      const inv = inventoryHosts.get(alias);
      const preset: { user?: string; port?: number } = {};
      if (inv?.user !== undefined) preset.user = inv.user;
      if (inv?.port !== undefined) preset.port = inv.port;
      // Ansible runs `ssh -o User=.. -o Port=.. ansible_host`, so the config is matched on ansible_host.
      const r = resolveHost(inv?.hostname ?? alias, { configFile: opts.sshConfigFile, localUser: ident.localUser, homeDir: ident.homeDir, preset });
      r.warnings.forEach(note);
      const host: ResolvedHost = { ...r.host, alias, groups: groupsOf(alias) };
      if (inv) host.source = 'inventory';
      return host;
    } catch (e) {
      if (e instanceof ConfigError || e instanceof HostExprError) {
        note(e);
        return undefined;
      }
      throw e;
    }
  };

  return {
    list() {
      const hosts: ResolvedHost[] = [];
      for (const a of order) {
        const h = resolveOne(a);
        if (h) hosts.push(h);
      }
      return { hosts, groups: Object.fromEntries(Object.entries(groups).map(([g, l]) => [g, [...l]])), warnings: [...warnings] };
    },
    resolve(alias) {
      if (!VALID_ALIAS.test(alias)) return undefined;
      return resolveOne(alias);
    },
    errors: () => [...errors],
  };
}

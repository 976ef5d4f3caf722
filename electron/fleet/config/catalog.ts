/**
 * The HostCatalog seam: every host the user has named (ssh config Host lines, inventories, the groups
 * file), each resolved the way ssh would, with groups attached. Problems never abort the whole catalog:
 * they are collected with file:line, and the hosts that do resolve stay usable. The catalog follows
 * its files: when one of them changes on disk, the next call sees the change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HostCatalog, ResolvedHost } from '../types';
import { ConfigError, HostExprError } from './errors';
import { readGroupsFile } from './groups-file';
import { parseInventory, type InventoryHost } from './inventory/index';
import { MAX_HOSTS } from './limits';
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

interface Problems {
  warnings: string[];
  errors: ConfigError[];
  /** Messages already in each list: a fleet can have a warning per host, and a list scan per note is quadratic. */
  seenWarnings: Set<string>;
  seenErrors: Set<string>;
}

function note(p: Problems, e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  if (e instanceof ConfigError && !p.seenErrors.has(msg)) {
    p.seenErrors.add(msg);
    p.errors.push(e);
  }
  if (!p.seenWarnings.has(msg)) {
    p.seenWarnings.add(msg);
    p.warnings.push(msg);
  }
}

interface Snapshot {
  order: string[];
  inventoryHosts: Map<string, InventoryHost>;
  groups: Record<string, string[]>;
  files: string[];
  signature: string;
  problems: Problems;
  listed?: { hosts: ResolvedHost[]; groups: Record<string, string[]>; warnings: string[]; aliases: Set<string> };
}

function signatureOf(files: readonly string[]): string {
  return files
    .map((f) => {
      try {
        const st = fs.statSync(f);
        return `${f}\0${st.mtimeMs}\0${st.size}\0${st.ino}`;
      } catch {
        return `${f}\0-`;
      }
    })
    .join('\n');
}

export function loadHostCatalog(opts: HostCatalogOptions): WarroomHostCatalog {
  const ident = localIdentity(opts);

  const build = (): Snapshot => {
    const problems: Problems = { warnings: [], errors: [], seenWarnings: new Set(), seenErrors: new Set() };
    const files: string[] = [path.resolve(opts.sshConfigFile)];
    const order: string[] = [];
    const known = new Set<string>();
    let full = false;
    /** Adds a host; past MAX_HOSTS in all, reports once, naming the file (and line) that named one too many. */
    const addAlias = (a: string, file: string, line: number): void => {
      if (known.has(a) || full) return;
      if (!VALID_ALIAS.test(a)) return note(problems, `host "${a}" is not a usable alias (no whitespace, at most 255 characters)`);
      if (order.length >= MAX_HOSTS) {
        full = true;
        return note(problems, new ConfigError(file, line, `more than ${MAX_HOSTS} hosts in the ssh config, inventories and groups file together (the most Warroom reads); "${a}" and any after it are left out`));
      }
      known.add(a);
      order.push(a);
    };
    try {
      for (const site of concreteHostAliases(opts.sshConfigFile, ident.homeDir, files)) addAlias(site.alias, site.file, site.line);
    } catch (e) {
      note(problems, e);
    }

    const inventoryHosts = new Map<string, InventoryHost>();
    const groups: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
    const groupSets = new Map<string, Set<string>>();
    const addToGroup = (g: string, names: Iterable<string>): void => {
      const list = (groups[g] ??= []);
      let have = groupSets.get(g);
      if (!have) groupSets.set(g, (have = new Set(list)));
      for (const n of names) {
        if (have.has(n)) continue;
        list.push(n);
        have.add(n);
      }
    };
    for (const inv of opts.inventories ?? []) {
      files.push(inv);
      try {
        const parsed = parseInventory(inv);
        for (const h of parsed.hosts) {
          if (!inventoryHosts.has(h.name)) inventoryHosts.set(h.name, h);
          addAlias(h.name, inv, 0);
        }
        // `@all` is every host Warroom knows (targets.ts), a superset of each inventory's own `all`;
        // an empty `ungrouped` would only clutter the window's group list (targets.ts still knows it).
        for (const [g, names] of Object.entries(parsed.groups)) if (g !== 'all' && (g !== 'ungrouped' || names.length > 0)) addToGroup(g, names);
      } catch (e) {
        note(problems, e);
      }
    }

    if (opts.groupsFile !== undefined) {
      const gfPath = opts.groupsFile;
      files.push(gfPath);
      try {
        const gf = readGroupsFile(gfPath);
        const resolving = new Set<string>();
        // Each group is expanded once: groups that include others would otherwise repeat the work.
        const expanded = new Map<string, string[]>();
        const expandGroup = (name: string): string[] => {
          const done = expanded.get(name);
          if (done) return done;
          const line = gf.lines[name] ?? 1;
          if (resolving.has(name)) throw new ConfigError(gfPath, line, `group "${name}" includes itself`);
          resolving.add(name);
          const out = new Set<string>();
          const add = (names: Iterable<string>): void => {
            for (const n of names) {
              out.add(n);
              if (out.size > MAX_HOSTS) throw new ConfigError(gfPath, line, `group "${name}" has more than ${MAX_HOSTS} hosts (the most Warroom reads)`);
            }
          };
          for (const expr of gf.groups[name] ?? []) {
            if (expr.startsWith('@')) {
              const other = expr.slice(1);
              if (gf.groups[other] !== undefined) add(expandGroup(other));
              else if (groups[other] !== undefined) add(groups[other] ?? []);
              else throw new ConfigError(gfPath, line, `group "${name}": unknown group "@${other}"`);
            } else if (/[*?]/.test(expr)) {
              add(order.filter((a) => matchPattern(a, expr)));
            } else {
              let names: string[];
              try {
                names = expandHostList(expr);
              } catch (e) {
                throw new ConfigError(gfPath, line, `group "${name}": ${(e as Error).message}`);
              }
              add(names);
            }
          }
          resolving.delete(name);
          const list = [...out];
          expanded.set(name, list);
          return list;
        };
        for (const name of Object.keys(gf.groups)) {
          try {
            const members = expandGroup(name);
            for (const m of members) addAlias(m, gfPath, gf.lines[name] ?? 1);
            addToGroup(name, members);
          } catch (e) {
            note(problems, e);
          }
        }
      } catch (e) {
        note(problems, e);
      }
    }
    return { order, inventoryHosts, groups, files, signature: signatureOf(files), problems };
  };

  let snap = build();
  const current = (): Snapshot => {
    if (signatureOf(snap.files) !== snap.signature) snap = build();
    return snap;
  };

  /** Host → its groups, built once per snapshot: asking every group for every host is quadratic. */
  const groupIndex = new WeakMap<Snapshot, Map<string, string[]>>();
  const groupsOf = (s: Snapshot, alias: string): string[] => {
    let index = groupIndex.get(s);
    if (!index) {
      index = new Map();
      for (const [g, members] of Object.entries(s.groups)) {
        for (const m of members) {
          const list = index.get(m);
          if (list) list.push(g);
          else index.set(m, [g]);
        }
      }
      groupIndex.set(s, index);
    }
    return [...(index.get(alias) ?? [])];
  };

  const resolveOne = (s: Snapshot, alias: string): ResolvedHost | undefined => {
    try {
      const inv = s.inventoryHosts.get(alias);
      const preset: { user?: string; port?: number } = {};
      if (inv?.user !== undefined) preset.user = inv.user;
      if (inv?.port !== undefined) preset.port = inv.port;
      // Ansible runs `ssh -o User=.. -o Port=.. ansible_host`, so the config is matched on ansible_host.
      const r = resolveHost(inv?.hostname ?? alias, { configFile: opts.sshConfigFile, localUser: ident.localUser, homeDir: ident.homeDir, preset });
      r.warnings.forEach((w) => note(s.problems, w));
      const host: ResolvedHost = { ...r.host, alias, groups: groupsOf(s, alias) };
      if (inv) host.source = 'inventory';
      return host;
    } catch (e) {
      if (e instanceof ConfigError || e instanceof HostExprError) {
        note(s.problems, e);
        return undefined;
      }
      throw e;
    }
  };

  const copyListing = (l: NonNullable<Snapshot['listed']>): ReturnType<HostCatalog['list']> => {
    // Null prototype: a group may be called "constructor", and callers look groups up by user text.
    const groups = Object.create(null) as Record<string, string[]>;
    for (const [g, m] of Object.entries(l.groups)) groups[g] = [...m];
    return {
      hosts: l.hosts.map((h) => ({ ...h, groups: [...h.groups], proxyJump: [...h.proxyJump], identityFiles: [...h.identityFiles], knownHostsFiles: [...h.knownHostsFiles] })),
      groups,
      warnings: [...l.warnings],
    };
  };

  const listing = (s: Snapshot): NonNullable<Snapshot['listed']> => {
    if (!s.listed) {
      const hosts: ResolvedHost[] = [];
      for (const a of s.order) {
        const h = resolveOne(s, a);
        if (h) hosts.push(h);
      }
      s.listed = { hosts, groups: s.groups, warnings: s.problems.warnings, aliases: new Set(hosts.map((h) => h.alias)) };
    }
    return s.listed;
  };

  return {
    list() {
      // Callers get their own copies, so the cached listing stays as resolved.
      return copyListing(listing(current()));
    },
    lists(alias) {
      return listing(current()).aliases.has(alias);
    },
    resolve(alias) {
      if (!VALID_ALIAS.test(alias)) return undefined;
      return resolveOne(current(), alias);
    },
    errors: () => {
      current();
      return [...snap.problems.errors];
    },
  };
}

import type { HostCatalog, ResolvedHost } from '../fleet/types';

/**
 * Puts several host sources side by side (the ssh config and the practice fleet). The first source
 * that knows an alias wins, as the earlier source is the one the user wrote.
 */
export function mergeCatalogs(sources: readonly HostCatalog[]): HostCatalog {
  return {
    list() {
      const hosts: ResolvedHost[] = [];
      const seen = new Set<string>();
      const groups: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
      const warnings: string[] = [];
      for (const source of sources) {
        const part = source.list();
        for (const host of part.hosts) {
          if (seen.has(host.alias)) continue;
          seen.add(host.alias);
          hosts.push(host);
        }
        for (const [name, members] of Object.entries(part.groups)) {
          groups[name] = [...new Set([...(groups[name] ?? []), ...members])];
        }
        warnings.push(...part.warnings);
      }
      return { hosts, groups, warnings };
    },
    lists: (alias) => sources.some((s) => listsAlias(s, alias)),
    resolve(alias) {
      // A source that lists the alias owns it; OpenSSH-style sources resolve any name at all, so
      // they are asked only when no source lists it.
      const owner = sources.find((s) => listsAlias(s, alias));
      if (owner) return owner.resolve(alias);
      for (const source of sources) {
        const host = source.resolve(alias);
        if (host) return host;
      }
      return undefined;
    },
  };
}

function listsAlias(source: HostCatalog, alias: string): boolean {
  return source.lists ? source.lists(alias) : source.list().hosts.some((h) => h.alias === alias);
}

/** A fixed set of hosts, such as the practice fleet, as a catalog. */
export function staticCatalog(hosts: readonly ResolvedHost[], groups: Record<string, string[]>): HostCatalog {
  const byAlias = new Map(hosts.map((h) => [h.alias, h]));
  return {
    list: () => ({ hosts: [...hosts], groups, warnings: [] }),
    resolve: (alias) => byAlias.get(alias),
    lists: (alias) => byAlias.has(alias),
  };
}

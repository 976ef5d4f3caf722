/** The concrete names written on Host lines, across the config and every file it includes. */
import path from 'node:path';
import { globFiles } from './glob';
import { loadConfigLines } from './read';
import { tildeExpand } from './tokens';

export interface HostAliasSite {
  alias: string;
  file: string;
  line: number;
}

/** Lines with `*`, `?` or `!` are patterns, not hosts; everything else is a host the user named. */
export function concreteHostAliases(configFile: string, homeDir: string, visitedFiles?: string[]): HostAliasSite[] {
  const out: HostAliasSite[] = [];
  const seen = new Set<string>();
  const visited = new Set<string>();
  const walk = (file: string, depth: number): void => {
    if (depth > 16 || visited.has(file)) return;
    visited.add(file);
    visitedFiles?.push(file);
    const lines = loadConfigLines(file);
    if (!lines) return;
    for (const l of lines) {
      if (l.keyword === 'host') {
        for (const a of l.args) {
          if (a === '' || /[*?!]/.test(a) || seen.has(a)) continue;
          seen.add(a);
          out.push({ alias: a, file: l.file, line: l.line });
        }
      } else if (l.keyword === 'include') {
        for (const arg of l.args) {
          let p = tildeExpand(arg, homeDir);
          if (!path.isAbsolute(p)) p = path.join(homeDir, '.ssh', p);
          for (const f of globFiles(p)) walk(f, depth + 1);
        }
      }
    }
  };
  walk(path.resolve(configFile), 0);
  return out;
}
